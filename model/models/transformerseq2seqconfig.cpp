#include "models/transformerseq2seq.h"

#include "core/error.h"
#include "models/configcheck.h"

#include <nlohmann/json.hpp>

#include <string>

namespace attn {

Index TransformerSeq2SeqConfig::parameterCount() const
{
    const Index V = vocab, C = d_model, F = ffDim();
    Index n = V * C; // shared embedding (tied output layer)
    if (positions == PositionKind::Learned)
        n += Index(max_source) * C + Index(max_target) * C;
    const Index attn = C * 3 * C + 3 * C + C * C + C; // c_attn, c_proj
    const Index mlp = C * F + F + F * C + C;          // c_fc, c_proj
    const Index cross = 4 * (C * C + C);              // q, k, v, out
    n += Index(encoder_layers) * (attn + mlp + 2 * 2 * C) + 2 * C;
    n += Index(decoder_layers) * (attn + cross + mlp + 3 * 2 * C) + 2 * C;
    return n;
}

void TransformerSeq2SeqConfig::validate() const
{
    // "transformer seq2seq config: <setting> <value> must be between <lo> and <hi>"
    const auto between = [](bool ok, const char *setting, int value, const char *lo,
                            const char *hi) {
        configcheck::between(kTransformerSeq2SeqName, ok, setting, value, lo, hi);
    };
    between(vocab >= 5 && vocab <= (1 << 20), "vocab_size", vocab, "5", "1048576");
    between(max_source >= 1 && max_source <= (1 << 16), "max_source_positions", max_source, "1",
            "65536");
    between(max_target >= 2 && max_target <= (1 << 16), "max_target_positions", max_target, "2",
            "65536");
    between(d_model >= 1 && d_model <= (1 << 14), "d_model", d_model, "1", "16384");
    if (!(n_heads >= 1 && n_heads <= d_model && d_model % n_heads == 0))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1 config: attention heads %2 must divide d_model %3"),
            kTransformerSeq2SeqName, n_heads, d_model);
    between(encoder_layers >= 1 && encoder_layers <= 64, "encoder_layers", encoder_layers, "1",
            "64");
    between(decoder_layers >= 1 && decoder_layers <= 64, "decoder_layers", decoder_layers, "1",
            "64");
    between(d_ff >= 0 && d_ff <= (1 << 17), "ffn_dim", d_ff, "0 (4·d_model)", "131072");
    configcheck::transformerParts(kTransformerSeq2SeqName, dropout, layer_norm_epsilon,
                                  sinusoid_scale);
    configcheck::parameterCount(kTransformerSeq2SeqName, parameterCount());
}

nlohmann::json TransformerSeq2SeqConfig::toJson() const
{
    nlohmann::json j;
    j["model_type"] = "attentionlab-seq2seq-transformer";
    j["vocab_size"] = vocab;
    j["max_source_positions"] = max_source;
    j["max_target_positions"] = max_target;
    j["d_model"] = d_model;
    j["encoder_attention_heads"] = n_heads;
    j["decoder_attention_heads"] = n_heads;
    j["encoder_layers"] = encoder_layers;
    j["decoder_layers"] = decoder_layers;
    j["encoder_ffn_dim"] = ffDim();
    j["decoder_ffn_dim"] = ffDim();
    j["dropout"] = dropout;
    j["layer_norm_epsilon"] = layer_norm_epsilon;
    configcheck::writeActivation(j, activation);
    j["scale_attn_weights"] = scaled;
    j["tie_word_embeddings"] = true;
    j["pad_token_id"] = 0;
    j["bos_token_id"] = 1;
    j["eos_token_id"] = 2;
    j["attentionlab_norm"] = "pre";
    configcheck::writePositions(j, positions, sinusoid_scale);
    return j;
}

TransformerSeq2SeqConfig TransformerSeq2SeqConfig::fromJson(const nlohmann::json &j)
{
    if (!j.is_object())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: expected a JSON object, got %2"),
                         kTransformerSeq2SeqName, j.type_name());
    TransformerSeq2SeqConfig c;
    c.vocab = configcheck::readInt(kTransformerSeq2SeqName, j, "vocab_size", c.vocab);
    c.max_source =
        configcheck::readInt(kTransformerSeq2SeqName, j, "max_source_positions", c.max_source);
    c.max_target =
        configcheck::readInt(kTransformerSeq2SeqName, j, "max_target_positions", c.max_target);
    c.d_model = configcheck::readInt(kTransformerSeq2SeqName, j, "d_model", c.d_model);
    c.n_heads =
        configcheck::readInt(kTransformerSeq2SeqName, j, "encoder_attention_heads", c.n_heads);
    if (configcheck::readInt(kTransformerSeq2SeqName, j, "decoder_attention_heads", c.n_heads) !=
        c.n_heads)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must equal '%3'"),
                         kTransformerSeq2SeqName, "decoder_attention_heads",
                         "encoder_attention_heads");
    c.encoder_layers =
        configcheck::readInt(kTransformerSeq2SeqName, j, "encoder_layers", c.encoder_layers);
    c.decoder_layers =
        configcheck::readInt(kTransformerSeq2SeqName, j, "decoder_layers", c.decoder_layers);
    c.d_ff = configcheck::readInt(kTransformerSeq2SeqName, j, "encoder_ffn_dim", c.d_ff);
    if (configcheck::readInt(kTransformerSeq2SeqName, j, "decoder_ffn_dim", c.ffDim()) != c.ffDim())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must equal '%3'"),
                         kTransformerSeq2SeqName, "decoder_ffn_dim", "encoder_ffn_dim");
    c.dropout = configcheck::readFloat(kTransformerSeq2SeqName, j, "dropout", c.dropout);
    c.layer_norm_epsilon = configcheck::readFloat(kTransformerSeq2SeqName, j, "layer_norm_epsilon",
                                                  c.layer_norm_epsilon);
    c.scaled = configcheck::readBool(kTransformerSeq2SeqName, j, "scale_attn_weights", c.scaled);
    c.activation = configcheck::readActivation(kTransformerSeq2SeqName, j, c.activation);
    if (configcheck::readString(kTransformerSeq2SeqName, j, "attentionlab_norm", "pre") != "pre")
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: attentionlab_norm must be \"pre\""),
                         kTransformerSeq2SeqName);
    configcheck::readPositions(kTransformerSeq2SeqName, j, PositionKind::Sinusoidal, c.positions,
                               c.sinusoid_scale);
    if (!configcheck::readBool(kTransformerSeq2SeqName, j, "tie_word_embeddings", true))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1 config: tie_word_embeddings is false; only an output "
                                      "layer tied to the shared embedding is supported"),
            kTransformerSeq2SeqName);
    c.validate();
    return c;
}

} // namespace attn
