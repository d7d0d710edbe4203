#include "models/seq2seqrnn.h"

#include "core/error.h"
#include "models/configcheck.h"

#include <nlohmann/json.hpp>

#include <string>

namespace attn {

Index Seq2SeqRNNConfig::parameterCount() const
{
    const Index V = vocab, E = embedding, H = hidden, D = decoderHidden();
    Index n = 2 * V * E;                             // two embeddings
    n += 2 * recurrentCellParameters(rnn, E, H);     // encoder, both directions
    n += D * 2 * H + D;                              // bridge
    n += recurrentCellParameters(rnn, E + 2 * H, D); // decoder cell
    n += RnnAttention::parameterCount(attention, D, 2 * H, attentionDim());
    n += V * (D + 2 * H) + V; // output layer
    return n;
}

void Seq2SeqRNNConfig::validate() const
{
    // "seq2seq-rnn config: <setting> <value> must be between <lo> and <hi>"
    const auto between = [](bool ok, const char *setting, int value, const char *lo,
                            const char *hi) {
        configcheck::between(kSeq2SeqRnnName, ok, setting, value, lo, hi);
    };
    between(vocab >= 5 && vocab <= (1 << 20), "vocab_size", vocab, "5", "1048576");
    between(embedding >= 1 && embedding <= 4096, "embedding_size", embedding, "1", "4096");
    between(hidden >= 1 && hidden <= 2048, "hidden_size", hidden, "1", "2048");
    between(attentionSize >= 0 && attentionSize <= 4096, "attention_size", attentionSize,
            "0 (hidden_size)", "4096");
    if (!(std::isfinite(teacherForcing) && teacherForcing >= 0.0f && teacherForcing <= 1.0f))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: %2 %3 must be in [0, 1]"),
                         kSeq2SeqRnnName, "teacher_forcing_ratio", std::to_string(teacherForcing));
    configcheck::dropout(kSeq2SeqRnnName, dropout);
    between(maxSourceLength >= 1 && maxSourceLength <= 65536, "max_source_length", maxSourceLength,
            "1", "65536");
    between(maxTargetLength >= 1 && maxTargetLength <= 65536, "max_target_length", maxTargetLength,
            "1", "65536");
    configcheck::parameterCount(kSeq2SeqRnnName, parameterCount());
}

nlohmann::json Seq2SeqRNNConfig::toJson() const
{
    nlohmann::json j;
    j["model_type"] = "seq2seq-rnn";
    j["vocab_size"] = vocab;
    j["embedding_size"] = embedding;
    j["hidden_size"] = hidden;
    j["rnn"] = rnnCellName(rnn);
    j["attention"] = rnnAttentionName(attention);
    j["attention_size"] = attentionSize;
    j["teacher_forcing_ratio"] = teacherForcing;
    j["dropout"] = dropout;
    j["max_source_length"] = maxSourceLength;
    j["max_target_length"] = maxTargetLength;
    return j;
}

Seq2SeqRNNConfig Seq2SeqRNNConfig::fromJson(const nlohmann::json &j)
{
    if (!j.is_object())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: expected a JSON object, got %2"),
                         kSeq2SeqRnnName, j.type_name());
    Seq2SeqRNNConfig c;
    c.vocab = configcheck::readInt(kSeq2SeqRnnName, j, "vocab_size", c.vocab);
    c.embedding = configcheck::readInt(kSeq2SeqRnnName, j, "embedding_size", c.embedding);
    c.hidden = configcheck::readInt(kSeq2SeqRnnName, j, "hidden_size", c.hidden);
    try {
        c.rnn =
            parseRnnCell(configcheck::readString(kSeq2SeqRnnName, j, "rnn", rnnCellName(c.rnn)));
        c.attention = parseRnnAttention(configcheck::readString(kSeq2SeqRnnName, j, "attention",
                                                                rnnAttentionName(c.attention)));
    } catch (const Error &e) {
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: %2"), kSeq2SeqRnnName, e);
    }
    c.attentionSize = configcheck::readInt(kSeq2SeqRnnName, j, "attention_size", c.attentionSize);
    c.teacherForcing =
        configcheck::readFloat(kSeq2SeqRnnName, j, "teacher_forcing_ratio", c.teacherForcing);
    c.dropout = configcheck::readFloat(kSeq2SeqRnnName, j, "dropout", c.dropout);
    c.maxSourceLength =
        configcheck::readInt(kSeq2SeqRnnName, j, "max_source_length", c.maxSourceLength);
    c.maxTargetLength =
        configcheck::readInt(kSeq2SeqRnnName, j, "max_target_length", c.maxTargetLength);
    c.validate();
    return c;
}

} // namespace attn
