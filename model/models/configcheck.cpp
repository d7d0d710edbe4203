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

// The value of key, or nullptr when it is missing or null.
const nlohmann::json *member(const nlohmann::json &j, const char *key)
{
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? nullptr : &*it;
}

} // namespace

int readInt(const char *model, const nlohmann::json &j, const char *key, int fallback, int lowest)
{
    const auto *v = member(j, key);
    if (!v)
        return fallback;
    if (!v->is_number_integer())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must be an integer, not %3"),
                         model, key, v->dump());
    const auto x = v->get<long long>();
    if (x < lowest || x > (1LL << 30))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2' = %3 is out of range"), model,
                         key, x);
    return static_cast<int>(x);
}

float readFloat(const char *model, const nlohmann::json &j, const char *key, float fallback)
{
    const auto *v = member(j, key);
    if (!v)
        return fallback;
    if (!v->is_number())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must be a number, not %3"),
                         model, key, v->dump());
    return v->get<float>();
}

std::string readString(const char *model, const nlohmann::json &j, const char *key,
                       const std::string &fallback)
{
    const auto *v = member(j, key);
    if (!v)
        return fallback;
    if (!v->is_string())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must be a string, not %3"),
                         model, key, v->dump());
    return v->get<std::string>();
}

bool readBool(const char *model, const nlohmann::json &j, const char *key, bool fallback)
{
    const auto *v = member(j, key);
    if (!v)
        return fallback;
    if (!v->is_boolean())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must be true or false, not %3"),
                         model, key, v->dump());
    return v->get<bool>();
}

} // namespace attn::configcheck
