#include "models/transformerlm.h"

#include "core/error.h"
#include "models/configcheck.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace attn {

namespace {
constexpr const char *kTransformerName = "transformer";
} // namespace

Index TransformerConfig::parameterCount() const
{
    const Index V = vocab, C = d_model, F = ffDim(), L = n_layers;
    Index n = V * C; // wte (tied LM head)
    if (positions == PositionKind::Learned)
        n += Index(n_ctx) * C;
    // ln_1, c_attn, c_proj, ln_2, c_fc, mlp.c_proj
    n += L * (2 * C + C * 3 * C + 3 * C + C * C + C + 2 * C + C * F + F + F * C + C);
    if (norm == NormPlacement::Pre)
        n += 2 * C; // ln_f
    return n;
}

void TransformerConfig::validate() const
{
    // "transformer config: <setting> <value> must be between <lo> and <hi>"
    const auto between = [](bool ok, const char *setting, int value, const char *lo,
                            const char *hi) {
        configcheck::between(kTransformerName, ok, setting, value, lo, hi);
    };
    between(vocab >= 1 && vocab <= (1 << 20), "vocab_size", vocab, "1", "1048576");
    between(n_ctx >= 1 && n_ctx <= (1 << 16), "n_positions", n_ctx, "1", "65536");
    between(d_model >= 1 && d_model <= (1 << 14), "n_embd", d_model, "1", "16384");
    if (!(n_heads >= 1 && n_heads <= d_model))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1 config: n_head %2 must be between 1 and n_embd (%3)"),
            kTransformerName, n_heads, d_model);
    if (d_model % n_heads != 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1 config: n_embd %2 is not divisible by n_head %3"),
            kTransformerName, d_model, n_heads);
    between(n_layers >= 1 && n_layers <= 256, "n_layer", n_layers, "1", "256");
    between(d_ff >= 0 && d_ff <= (1 << 17), "n_inner", d_ff, "0 (4·n_embd)", "131072");
    configcheck::transformerParts(kTransformerName, dropout, layer_norm_epsilon, sinusoid_scale);
    if (!(pad_token_id >= -1 && pad_token_id < vocab))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1 config: pad_token_id %2 must be -1 or a token below vocab_size"),
            kTransformerName, pad_token_id);
    // 2^31 floats is 8 GB of weights, and as much again for gradients and each moment.
    configcheck::parameterCount(kTransformerName, parameterCount());
}

nlohmann::json TransformerConfig::toJson() const
{
    nlohmann::json j;
    j["model_type"] = "gpt2";
    j["architectures"] = {"GPT2LMHeadModel"};
    j["vocab_size"] = vocab;
    j["n_positions"] = n_ctx;
    j["n_ctx"] = n_ctx;
    j["n_embd"] = d_model;
    j["n_head"] = n_heads;
    j["n_layer"] = n_layers;
    if (d_ff > 0)
        j["n_inner"] = d_ff;
    else
        j["n_inner"] = nullptr;
    configcheck::writeActivation(j, activation);
    j["layer_norm_epsilon"] = layer_norm_epsilon;
    j["resid_pdrop"] = dropout;
    j["embd_pdrop"] = dropout;
    j["attn_pdrop"] = 0.0;
    j["scale_attn_weights"] = scaled;
    j["tie_word_embeddings"] = true;
    j["initializer_range"] = 0.02;
    if (pad_token_id >= 0)
        j["pad_token_id"] = pad_token_id;
    j["attentionlab_norm"] = norm == NormPlacement::Pre ? "pre" : "post";
    configcheck::writePositions(j, positions, sinusoid_scale);
    return j;
}

TransformerConfig TransformerConfig::fromJson(const nlohmann::json &j)
{
    if (!j.is_object())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: expected a JSON object, got %2"),
                         kTransformerName, j.type_name());
    TransformerConfig c;
    c.vocab = configcheck::readInt(kTransformerName, j, "vocab_size", c.vocab);
    c.n_ctx = configcheck::readInt(kTransformerName, j, "n_positions",
                                   configcheck::readInt(kTransformerName, j, "n_ctx", c.n_ctx));
    c.d_model = configcheck::readInt(kTransformerName, j, "n_embd", c.d_model);
    c.n_heads = configcheck::readInt(kTransformerName, j, "n_head", c.n_heads);
    c.n_layers = configcheck::readInt(kTransformerName, j, "n_layer", c.n_layers);
    c.d_ff = configcheck::readInt(kTransformerName, j, "n_inner", 0);
    c.dropout = configcheck::readFloat(kTransformerName, j, "resid_pdrop", c.dropout);
    c.layer_norm_epsilon =
        configcheck::readFloat(kTransformerName, j, "layer_norm_epsilon", c.layer_norm_epsilon);
    c.scaled = j.contains("scale_attn_weights") && j["scale_attn_weights"].is_boolean()
                   ? j["scale_attn_weights"].get<bool>()
                   : true;
    if (j.contains("scale_attn_weights") && !j["scale_attn_weights"].is_boolean())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must be true or false"),
                         kTransformerName, "scale_attn_weights");
    c.pad_token_id = configcheck::readInt(kTransformerName, j, "pad_token_id", -1, -1);
    c.activation = configcheck::readActivation(kTransformerName, j, c.activation);
    const std::string norm =
        configcheck::readString(kTransformerName, j, "attentionlab_norm", "pre");
    if (norm == "pre")
        c.norm = NormPlacement::Pre;
    else if (norm == "post")
        c.norm = NormPlacement::Post;
    else
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1 config: attentionlab_norm '%2' (expected pre or post)"),
            kTransformerName, norm);
    configcheck::readPositions(kTransformerName, j, PositionKind::Learned, c.positions,
                               c.sinusoid_scale);
    if (j.contains("tie_word_embeddings") && j["tie_word_embeddings"].is_boolean() &&
        !j["tie_word_embeddings"].get<bool>())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1 config: tie_word_embeddings is false; only a LM head "
                                      "tied to the token embedding is supported"),
            kTransformerName);
    c.validate();
    return c;
}

} // namespace attn
