#include "train/optimizer.h"

#include "core/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace attn {

std::string optimizerName(OptimizerKind kind)
{
    return kind == OptimizerKind::AdamW ? "adamw" : "sgd";
}

OptimizerKind parseOptimizer(const std::string &name)
{
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "adamw")
        return OptimizerKind::AdamW;
    if (lower == "sgd")
        return OptimizerKind::Sgd;
    throw Error::fmt(
        QT_TRANSLATE_NOOP("attn", "unknown optimizer '%1': expected one of adamw, sgd"), name);
}

void validate(const OptimizerConfig &c)
{
    auto inUnit = [](float x) { return std::isfinite(x) && x >= 0.0f && x < 1.0f; };
    if (!inUnit(c.beta1))
        throw Error::fmt(QT_TRANSLATE_NOOP(
                             "attn", "optimizer beta1 %1 is out of range: expected 0 <= beta1 < 1"),
                         std::to_string(c.beta1));
    if (!inUnit(c.beta2))
        throw Error::fmt(QT_TRANSLATE_NOOP(
                             "attn", "optimizer beta2 %1 is out of range: expected 0 <= beta2 < 1"),
                         std::to_string(c.beta2));
    if (!(std::isfinite(c.eps) && c.eps > 0.0f))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "optimizer eps %1 is out of range: expected a positive number"),
            std::to_string(c.eps));
    if (!(std::isfinite(c.weightDecay) && c.weightDecay >= 0.0f))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "weight decay %1 is out of range: expected 0 or a positive number"),
            std::to_string(c.weightDecay));
    if (!inUnit(c.momentum))
        throw Error::fmt(QT_TRANSLATE_NOOP(
                             "attn", "SGD momentum %1 is out of range: expected 0 <= momentum < 1"),
                         std::to_string(c.momentum));
}

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerConfig &config)
{
    validate(config);
    if (config.kind == OptimizerKind::AdamW)
        return std::make_unique<AdamW>(config);
    return std::make_unique<Sgd>(config);
}

namespace {
bool finite(float x)
{
    return std::isfinite(x);
}
} // namespace

AdamW::AdamW(const OptimizerConfig &config) : Optimizer(config)
{
    validate(config);
}

bool AdamW::step(ParamStore &params, float lr)
{
    if (!params.allocated())
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "optimizer step on a parameter store that was not allocated"));
    const long long t = m_steps + 1;
    const float b1 = m_config.beta1, b2 = m_config.beta2, eps = m_config.eps;
    const float bc1 =
        static_cast<float>(1.0 - std::pow(static_cast<double>(b1), static_cast<double>(t)));
    const float bc2 =
        static_cast<float>(1.0 - std::pow(static_cast<double>(b2), static_cast<double>(t)));
    float *w = params.values().data();
    const float *g = params.grads().data();
    float *m = params.moment1().data();
    float *v = params.moment2().data();

    // The update of one element; the same expression in the check and the commit pass.
    auto update = [&](Index i, float wd, float &nw, float &nm, float &nv) {
        nm = b1 * m[i] + (1.0f - b1) * g[i];
        nv = b2 * v[i] + (1.0f - b2) * g[i] * g[i];
        const float mhat = nm / bc1;
        const float vhat = nv / bc2;
        nw = w[i] - lr * (mhat / (std::sqrt(vhat) + eps) + wd * w[i]);
    };

    // Pass 1: would every new value and moment be finite? Nothing is written.
    bool ok = true;
    for (const auto &e : params.entries()) {
        const float wd = e.decay ? m_config.weightDecay : 0.0f;
        for (Index i = e.offset; i < e.offset + e.size; ++i) {
            float nw, nm, nv;
            update(i, wd, nw, nm, nv);
            ok = ok && finite(nw) && finite(nm) && finite(nv);
        }
        if (!ok)
            return false;
    }
    // Pass 2: commit.
    for (const auto &e : params.entries()) {
        const float wd = e.decay ? m_config.weightDecay : 0.0f;
        for (Index i = e.offset; i < e.offset + e.size; ++i) {
            float nw, nm, nv;
            update(i, wd, nw, nm, nv);
            w[i] = nw;
            m[i] = nm;
            v[i] = nv;
        }
    }
    m_steps = t;
    return true;
}

Sgd::Sgd(const OptimizerConfig &config) : Optimizer(config)
{
    validate(config);
}

bool Sgd::step(ParamStore &params, float lr)
{
    if (!params.allocated())
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "optimizer step on a parameter store that was not allocated"));
    const float mu = m_config.momentum;
    float *w = params.values().data();
    const float *g = params.grads().data();
    float *u = params.moment1().data();

    auto update = [&](Index i, float wd, float &nw, float &nu) {
        const float gi = g[i] + wd * w[i];
        nu = mu * u[i] + gi;
        nw = w[i] - lr * nu;
    };

    bool ok = true;
    for (const auto &e : params.entries()) {
        const float wd = e.decay ? m_config.weightDecay : 0.0f;
        for (Index i = e.offset; i < e.offset + e.size; ++i) {
            float nw, nu;
            update(i, wd, nw, nu);
            ok = ok && finite(nw) && finite(nu);
        }
        if (!ok)
            return false;
    }
    for (const auto &e : params.entries()) {
        const float wd = e.decay ? m_config.weightDecay : 0.0f;
        for (Index i = e.offset; i < e.offset + e.size; ++i) {
            float nw, nu;
            update(i, wd, nw, nu);
            w[i] = nw;
            u[i] = nu;
        }
    }
    ++m_steps;
    return true;
}

} // namespace attn
