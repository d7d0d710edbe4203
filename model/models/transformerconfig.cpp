#include "models/transformerlm.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace attn {

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
    auto need = [](bool ok, const std::string &what) {
        if (!ok)
            throw Error("transformer config: " + what);
    };
    need(vocab >= 1 && vocab <= (1 << 20),
         "vocab_size " + std::to_string(vocab) + " must be between 1 and 1048576");
    need(n_ctx >= 1 && n_ctx <= (1 << 16),
         "n_positions " + std::to_string(n_ctx) + " must be between 1 and 65536");
    need(d_model >= 1 && d_model <= (1 << 14),
         "n_embd " + std::to_string(d_model) + " must be between 1 and 16384");
    need(n_heads >= 1 && n_heads <= d_model, "n_head " + std::to_string(n_heads) +
                                                 " must be between 1 and n_embd (" +
                                                 std::to_string(d_model) + ")");
    need(d_model % n_heads == 0, "n_embd " + std::to_string(d_model) +
                                     " is not divisible by n_head " + std::to_string(n_heads));
    need(n_layers >= 1 && n_layers <= 256,
         "n_layer " + std::to_string(n_layers) + " must be between 1 and 256");
    need(d_ff >= 0 && d_ff <= (1 << 17),
         "n_inner " + std::to_string(d_ff) + " must be between 0 (4·n_embd) and 131072");
    need(std::isfinite(dropout) && dropout >= 0.0f && dropout < 1.0f,
         "dropout " + std::to_string(dropout) + " must be in [0, 1)");
    need(std::isfinite(layer_norm_epsilon) && layer_norm_epsilon > 0.0f &&
             layer_norm_epsilon < 1.0f,
         "layer_norm_epsilon " + std::to_string(layer_norm_epsilon) + " must be in (0, 1)");
    need(pad_token_id >= -1 && pad_token_id < vocab, "pad_token_id " +
                                                         std::to_string(pad_token_id) +
                                                         " must be -1 or a token below vocab_size");
    // 2^31 floats is 8 GB of weights, and as much again for gradients and each moment.
    need(parameterCount() <= (Index(1) << 31), "the model would have " +
                                                   std::to_string(parameterCount()) +
                                                   " parameters; at most 2147483648 are supported");
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
    j["activation_function"] = activation == Activation::GeluTanh ? "gelu_new" : "relu";
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
    j["attentionlab_positions"] = positions == PositionKind::Learned ? "learned" : "sinusoidal";
    return j;
}

namespace {

int readInt(const nlohmann::json &j, const char *key, int fallback)
{
    if (!j.contains(key) || j[key].is_null())
        return fallback;
    const auto &v = j[key];
    if (!v.is_number_integer())
        throw Error(std::string("transformer config: '") + key + "' must be an integer, not " +
                    v.dump());
    const auto x = v.get<long long>();
    if (x < -1 || x > (1LL << 30))
        throw Error(std::string("transformer config: '") + key + "' = " + std::to_string(x) +
                    " is out of range");
    return static_cast<int>(x);
}

float readFloat(const nlohmann::json &j, const char *key, float fallback)
{
    if (!j.contains(key) || j[key].is_null())
        return fallback;
    const auto &v = j[key];
    if (!v.is_number())
        throw Error(std::string("transformer config: '") + key + "' must be a number, not " +
                    v.dump());
    return v.get<float>();
}

std::string readString(const nlohmann::json &j, const char *key, const std::string &fallback)
{
    if (!j.contains(key) || j[key].is_null())
        return fallback;
    const auto &v = j[key];
    if (!v.is_string())
        throw Error(std::string("transformer config: '") + key + "' must be a string, not " +
                    v.dump());
    return v.get<std::string>();
}

} // namespace

TransformerConfig TransformerConfig::fromJson(const nlohmann::json &j)
{
    if (!j.is_object())
        throw Error("transformer config: expected a JSON object, got " +
                    std::string(j.type_name()));
    TransformerConfig c;
    c.vocab = readInt(j, "vocab_size", c.vocab);
    c.n_ctx = readInt(j, "n_positions", readInt(j, "n_ctx", c.n_ctx));
    c.d_model = readInt(j, "n_embd", c.d_model);
    c.n_heads = readInt(j, "n_head", c.n_heads);
    c.n_layers = readInt(j, "n_layer", c.n_layers);
    c.d_ff = readInt(j, "n_inner", 0);
    c.dropout = readFloat(j, "resid_pdrop", c.dropout);
    c.layer_norm_epsilon = readFloat(j, "layer_norm_epsilon", c.layer_norm_epsilon);
    c.scaled = j.contains("scale_attn_weights") && j["scale_attn_weights"].is_boolean()
                   ? j["scale_attn_weights"].get<bool>()
                   : true;
    if (j.contains("scale_attn_weights") && !j["scale_attn_weights"].is_boolean())
        throw Error("transformer config: 'scale_attn_weights' must be true or false");
    c.pad_token_id = readInt(j, "pad_token_id", -1);
    const std::string act = readString(j, "activation_function", "gelu_new");
    if (act == "gelu_new" || act == "gelu_pytorch_tanh")
        c.activation = Activation::GeluTanh;
    else if (act == "relu")
        c.activation = Activation::Relu;
    else
        throw Error("transformer config: activation_function '" + act +
                    "' is not supported (expected gelu_new, gelu_pytorch_tanh or relu)");
    const std::string norm = readString(j, "attentionlab_norm", "pre");
    if (norm == "pre")
        c.norm = NormPlacement::Pre;
    else if (norm == "post")
        c.norm = NormPlacement::Post;
    else
        throw Error("transformer config: attentionlab_norm '" + norm + "' (expected pre or post)");
    const std::string pos = readString(j, "attentionlab_positions", "learned");
    if (pos == "learned")
        c.positions = PositionKind::Learned;
    else if (pos == "sinusoidal")
        c.positions = PositionKind::Sinusoidal;
    else
        throw Error("transformer config: attentionlab_positions '" + pos +
                    "' (expected learned or sinusoidal)");
    if (j.contains("tie_word_embeddings") && j["tie_word_embeddings"].is_boolean() &&
        !j["tie_word_embeddings"].get<bool>())
        throw Error("transformer config: tie_word_embeddings is false; only a LM head tied to "
                    "the token embedding is supported");
    c.validate();
    return c;
}

} // namespace attn
