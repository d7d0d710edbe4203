#pragma once

// Checks every number a walkthrough page displays against the trace. The expected value
// of each cell is worked out here from the trace alone (naive loops in long double), by
// the cell's source name (see widgets/walkthroughbuilder.cpp), not with the engine's
// buildWalkthrough() or the builder's formatting.

#include "walkthrough/walkthroughpage.h"

#include "trace/attentiontrace.h"

#include <QString>
#include <QStringList>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace wtcheck {

using attn::AttentionBlockTrace;
using attn::AttentionTrace;
using attn::HeadTrace;
using attn::Index;
using attn::MatRM;
using LD = long double;

struct Where {
    std::string block;
    int head = 0, query = 0, key = 0;
};

inline LD inf()
{
    return std::numeric_limits<LD>::infinity();
}

class Resolver {
public:
    Resolver(const AttentionTrace &t, const Where &w) : m_t(t), m_w(w)
    {
        m_b = t.find(w.block);
        if (m_b)
            m_h = &m_b->heads.at(static_cast<size_t>(w.head));
    }
    bool ok() const { return m_h != nullptr; }

    bool masked(Index c) const { return m_b->mask.size() > 0 && m_b->mask(m_w.query, c) != 0.0f; }
    LD scaled(Index c) const
    {
        return m_h->scaled.size() > 0 ? LD(m_h->scaled(m_w.query, c))
                                      : LD(m_h->scores(m_w.query, c)) * LD(m_b->scale);
    }
    // softmax over unmasked entries of f(c), naive: max, exp, sum.
    template <class F> std::vector<LD> softmax(F f) const
    {
        const Index n = m_h->weights.cols();
        LD mx = -inf();
        for (Index c = 0; c < n; ++c)
            if (!masked(c))
                mx = std::max(mx, f(c));
        std::vector<LD> e(static_cast<size_t>(n), 0);
        LD sum = 0;
        for (Index c = 0; c < n; ++c)
            if (!masked(c)) {
                e[size_t(c)] = std::exp(f(c) - mx);
                sum += e[size_t(c)];
            }
        for (LD &x : e)
            x /= sum;
        return e;
    }
    LD term(Index d) const
    {
        const Index i = m_w.query, j = m_w.key;
        if (m_b->kind == attn::ScoreKind::Additive)
            return LD(m_h->extras.at("v")(0, d)) *
                   std::tanh(LD(m_h->extras.at("Ws")(i, d)) + LD(m_h->extras.at("Uh")(j, d)));
        if (m_b->kind == attn::ScoreKind::General) // s_i[d] (W h_j)[d], W h_j from W and h_j
            return LD(m_h->q(i, d)) * wh(j, d);
        return LD(m_h->q(i, d)) * LD(m_h->k(j, d));
    }
    // General attention: (W h_key)[a] = sum_d W[a][d] h_key[d], from the extra W (Dq, Dk)
    // and the keys; when the trace lacks W, the extra Wh as given.
    LD wh(Index key, Index a) const
    {
        const auto w = m_h->extras.find("W");
        if (w == m_h->extras.end())
            return LD(m_h->extras.at("Wh")(key, a));
        LD s = 0;
        for (Index d = 0; d < w->second.cols(); ++d)
            s += LD(w->second(a, d)) * LD(m_h->k(key, d));
        return s;
    }
    static LD rowTimes(const MatRM &x, Index r, const MatRM &w, Index c)
    {
        LD s = 0;
        for (Index d = 0; d < w.rows(); ++d)
            s += LD(x(r, d)) * LD(w(d, c));
        return s;
    }

    // The expected value of a cell, or nullopt for an unknown source.
    std::optional<LD> value(const QString &source, int index) const
    {
        const QStringList parts = source.split(QLatin1Char(':'));
        const QString name = parts[0];
        const Index r = parts.size() > 1 ? parts[1].toInt() : 0;
        const Index x = index;
        const Index i = m_w.query, j = m_w.key;
        const size_t h = static_cast<size_t>(m_w.head);
        auto m = [&](const MatRM &mat) -> std::optional<LD> {
            if (r < 0 || r >= mat.rows() || x < 0 || x >= mat.cols())
                return std::nullopt;
            return LD(mat(r, x));
        };
        if (name == "tokEmb")
            return m(m_t.tokenEmbeddings);
        if (name == "posEmb")
            return m(m_t.positionEmbeddings);
        if (name == "x")
            return m(m_b->x);
        if (name == "resIn")
            return m(m_b->residualIn);
        if (name == "q")
            return m(m_h->q);
        if (name == "k")
            return m(m_h->k);
        if (name == "v")
            return m(m_h->v);
        if (name == "scores")
            return m(m_h->scores);
        if (name == "scaled")
            return m(m_h->scaled);
        if (name == "weights")
            return m(m_h->weights);
        if (name == "out")
            return m(m_h->out);
        if (name == "concat")
            return m(m_b->concat);
        if (name == "blockOut")
            return m(m_b->out);
        if (name == "resOut")
            return m(m_b->residualOut);
        if (name == "wq")
            return m(m_b->wq.at(h));
        if (name == "Ws")
            return m(m_h->extras.at("Ws"));
        if (name == "Uh")
            return m(m_h->extras.at("Uh"));
        if (name == "Wh") // the trace's extra, checked against W h_r worked out here
            return wh(r, x);
        if (name == "W")
            return m(m_h->extras.at("W"));
        if (name == "wh")
            return wh(j, x);
        if (name == "av")
            return LD(m_h->extras.at("v")(0, x));
        if (name == "embSum")
            return LD(m_t.tokenEmbeddings(i, x)) + LD(m_t.positionEmbeddings(i, x));
        if (name == "xwq")
            return rowTimes(m_b->x, i, m_b->wq.at(h), x);
        if (name == "xwk")
            return rowTimes(m_b->x, j, m_b->wk.at(h), x);
        if (name == "xwv")
            return rowTimes(m_b->x, j, m_b->wv.at(h), x);
        if (name == "bq")
            return LD(m_h->q(i, x)) - rowTimes(m_b->x, i, m_b->wq.at(h), x);
        if (name == "bk")
            return LD(m_h->k(j, x)) - rowTimes(m_b->x, j, m_b->wk.at(h), x);
        if (name == "bv")
            return LD(m_h->v(j, x)) - rowTimes(m_b->x, j, m_b->wv.at(h), x);
        if (name == "terms")
            return term(x);
        if (name == "termSum") {
            LD s = 0;
            const Index n =
                m_b->kind == attn::ScoreKind::Additive ? m_h->extras.at("v").cols() : m_h->q.cols();
            for (Index d = 0; d < n; ++d)
                s += term(d);
            return s;
        }
        if (name == "pre")
            return LD(m_h->extras.at("Ws")(i, x)) + LD(m_h->extras.at("Uh")(j, x));
        if (name == "tanhs")
            return std::tanh(LD(m_h->extras.at("Ws")(i, x)) + LD(m_h->extras.at("Uh")(j, x)));
        if (name == "dk")
            return LD(m_h->k.cols());
        if (name == "sqrtdk")
            return std::sqrt(LD(m_h->k.cols()));
        if (name == "scale")
            return LD(m_b->scale);
        if (name == "temperature")
            return 1 / (std::sqrt(LD(m_h->k.cols())) * LD(m_b->scale));
        if (name == "unscaled")
            return softmax([&](Index c) { return LD(m_h->scores(i, c)); })[size_t(x)];
        if (name == "maskedScaled")
            return masked(x) ? -inf() : scaled(x);
        if (name.startsWith(QLatin1String("softmax."))) {
            LD mx = -inf(), sum = 0;
            for (Index c = 0; c < m_h->weights.cols(); ++c)
                if (!masked(c))
                    mx = std::max(mx, scaled(c));
            for (Index c = 0; c < m_h->weights.cols(); ++c)
                if (!masked(c))
                    sum += std::exp(scaled(c) - mx);
            if (name == "softmax.max")
                return mx;
            if (name == "softmax.sum")
                return sum;
            if (name == "softmax.shifted")
                return masked(x) ? -inf() : scaled(x) - mx;
            if (name == "softmax.exps")
                return masked(x) ? 0 : std::exp(scaled(x) - mx);
            if (name == "softmax.weights")
                return masked(x) ? 0 : std::exp(scaled(x) - mx) / sum;
        }
        if (name == "contrib")
            return LD(m_h->weights(i, r)) * LD(m_h->v(r, x));
        if (name == "z") {
            LD s = 0;
            for (Index c = 0; c < m_h->v.rows(); ++c)
                s += LD(m_h->weights(i, c)) * LD(m_h->v(c, x));
            return s;
        }
        if (name == "concatWo")
            return rowTimes(m_b->concat, i, m_b->wo, x);
        if (name == "bo")
            return LD(m_b->out(i, x)) - rowTimes(m_b->concat, i, m_b->wo, x);
        return std::nullopt;
    }

private:
    const AttentionTrace &m_t;
    Where m_w;
    const AttentionBlockTrace *m_b = nullptr;
    const HeadTrace *m_h = nullptr;
};

inline std::optional<LD> parseShown(const QString &text)
{
    if (text == QStringLiteral("−∞"))
        return -inf();
    if (text == QStringLiteral("+∞"))
        return inf();
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok ? std::optional<LD>(v) : std::nullopt;
}

struct Result {
    int checked = 0;
    QStringList failures;
};

// Compares every cell of page: numbers need a source, and each sourced number must equal
// the expected value to `precision` decimals (half a unit in the last place, plus a
// relative 1e-5 for float rounding of large values).
inline Result checkPage(const attn::WtPage &page, const Resolver &res, int precision)
{
    Result out;
    const LD half = 0.5L * std::pow(10.0L, -precision);
    for (const attn::WtCell &c : page.cells()) {
        if (c.label)
            continue;
        const auto shown = parseShown(c.text);
        if (c.source.isEmpty()) {
            if (shown)
                out.failures << QStringLiteral("number without a source: %1").arg(c.text);
            continue;
        }
        if (!shown) {
            out.failures << QStringLiteral("%1[%2]: '%3' is not a number")
                                .arg(c.source)
                                .arg(c.index)
                                .arg(c.text);
            continue;
        }
        const auto want = res.value(c.source, c.index);
        if (!want) {
            out.failures << QStringLiteral("unknown source %1").arg(c.source);
            continue;
        }
        ++out.checked;
        if (std::isinf(*want) || std::isinf(*shown)) {
            if (*want != *shown)
                out.failures << QStringLiteral("%1[%2]: shows %3, expected %4")
                                    .arg(c.source)
                                    .arg(c.index)
                                    .arg(c.text)
                                    .arg(double(*want));
            continue;
        }
        const LD tol = half * 1.0001L + 1e-5L * std::max<LD>(1, std::abs(*want));
        if (std::abs(*shown - *want) > tol)
            out.failures << QStringLiteral("%1[%2]: shows %3, expected %4")
                                .arg(c.source)
                                .arg(c.index)
                                .arg(c.text)
                                .arg(double(*want), 0, 'g', 10);
    }
    return out;
}

} // namespace wtcheck
