#include "models/configcheck.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace attn::configcheck {

void between(const char *model, bool ok, const char *setting, int value, const char *lo,
             const char *hi)
{
    if (!ok)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: %2 %3 must be between %4 and %5"),
                         model, setting, value, lo, hi);
}

void dropout(const char *model, float p)
{
    if (!(std::isfinite(p) && p >= 0.0f && p < 1.0f))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: dropout %2 must be in [0, 1)"),
                         model, std::to_string(p));
}

void layerNormEpsilon(const char *model, float eps)
{
    if (!(std::isfinite(eps) && eps > 0.0f && eps < 1.0f))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1 config: layer_norm_epsilon %2 must be in (0, 1)"), model,
            std::to_string(eps));
}

void parameterCount(const char *model, Index n)
{
    if (!(n <= (Index(1) << 31)))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: the model would have %2 parameters; "
                                                   "at most 2147483648 are supported"),
                         model, n);
}

void sinusoidScale(const char *model, float scale)
{
    if (!(std::isfinite(scale) && scale > 0.0f && scale <= 100.0f))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1 config: attentionlab_sinusoid_scale %2 must be in (0, 100]"),
            model, std::to_string(scale));
}

void transformerParts(const char *model, float p, float eps, float scale)
{
    dropout(model, p);
    layerNormEpsilon(model, eps);
    sinusoidScale(model, scale);
}

void writeActivation(nlohmann::json &j, Activation activation)
{
    j["activation_function"] = activation == Activation::Relu ? "relu" : "gelu_new";
}

Activation readActivation(const char *model, const nlohmann::json &j, Activation fallback)
{
    const std::string act = readString(model, j, "activation_function",
                                       fallback == Activation::Relu ? "relu" : "gelu_new");
    if (act == "gelu_new" || act == "gelu_pytorch_tanh")
        return Activation::GeluTanh;
    if (act == "relu")
        return Activation::Relu;
    throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: activation_function '%2' is not "
                                               "supported (expected gelu_new, gelu_pytorch_tanh "
                                               "or relu)"),
                     model, act);
}

void writePositions(nlohmann::json &j, PositionKind kind, float scale)
{
    j["attentionlab_positions"] = kind == PositionKind::Learned ? "learned" : "sinusoidal";
    if (kind == PositionKind::Sinusoidal)
        j["attentionlab_sinusoid_scale"] = scale;
}

void readPositions(const char *model, const nlohmann::json &j, PositionKind fallback,
                   PositionKind &kind, float &scale)
{
    kind = fallback;
    if (const auto it = j.find("attentionlab_positions"); it != j.end() && !it->is_null()) {
        const std::string pos = it->is_string() ? it->get<std::string>() : it->dump();
        if (pos == "learned")
            kind = PositionKind::Learned;
        else if (pos == "sinusoidal")
            kind = PositionKind::Sinusoidal;
        else
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: attentionlab_positions '%2' "
                                                       "(expected learned or sinusoidal)"),
                             model, pos);
    }
    scale = 1.0f;
    if (const auto it = j.find("attentionlab_sinusoid_scale"); it != j.end() && !it->is_null()) {
        if (!it->is_number())
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must be a number, not %3"),
                             model, "attentionlab_sinusoid_scale", it->dump());
        scale = it->get<float>();
    }
}

namespace {

// The value of key as T, or fallback when it is missing or null; a value that isKind does
// not accept throws templ ("%1 config: '%2' must be ..., not %3").
template <typename T, typename IsKind>
T readAs(const char *model, const nlohmann::json &j, const char *key, T fallback, IsKind isKind,
         const char *templ)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return fallback;
    if (!isKind(*it))
        throw Error::fmt(templ, model, key, it->dump());
    return it->template get<T>();
}

} // namespace

int readInt(const char *model, const nlohmann::json &j, const char *key, int fallback, int lowest)
{
    const auto x = readAs<long long>(
        model, j, key, fallback, [](const nlohmann::json &v) { return v.is_number_integer(); },
        QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must be an integer, not %3"));
    if (x < lowest || x > (1LL << 30))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2' = %3 is out of range"), model,
                         key, x);
    return static_cast<int>(x);
}

float readFloat(const char *model, const nlohmann::json &j, const char *key, float fallback)
{
    return readAs<float>(
        model, j, key, fallback, [](const nlohmann::json &v) { return v.is_number(); },
        QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must be a number, not %3"));
}

std::string readString(const char *model, const nlohmann::json &j, const char *key,
                       const std::string &fallback)
{
    return readAs<std::string>(
        model, j, key, fallback, [](const nlohmann::json &v) { return v.is_string(); },
        QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must be a string, not %3"));
}

bool readBool(const char *model, const nlohmann::json &j, const char *key, bool fallback)
{
    return readAs<bool>(
        model, j, key, fallback, [](const nlohmann::json &v) { return v.is_boolean(); },
        QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must be true or false, not %3"));
}

} // namespace attn::configcheck
