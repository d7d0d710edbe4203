#include "train/modelspec.h"

#include "core/error.h"
#include "data/dataset.h"
#include "models/attentionclassifier.h"
#include "models/seq2seqrnn.h"
#include "models/transformerlm.h"
#include "models/transformerseq2seq.h"
#include "train/experiment.h"

#include <algorithm>

namespace attn {

namespace {

void checkRange(const char *option, double value, double lo, double hi)
{
    if (!(value >= lo && value <= hi))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 %2 is out of range: expected %3 to %4"),
                         std::string(option), std::to_string(value), std::to_string(lo),
                         std::to_string(hi));
}

void checkInt(const char *option, int value, int lo, int hi)
{
    if (value < lo || value > hi)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 %2 is out of range: expected %3 to %4"),
                         std::string(option), std::to_string(value), std::to_string(lo),
                         std::to_string(hi));
}

bool isTransformer(const std::string &kind)
{
    return kind == "lm" || kind == "seq2seq-transformer" || (kind == "classifier");
}

} // namespace

std::vector<std::string> modelSpecKinds()
{
    return {"lm", "seq2seq-rnn", "seq2seq-transformer", "classifier"};
}

std::string dataFormatFor(const std::string &kind)
{
    if (kind == "lm")
        return "lm";
    if (kind == "seq2seq-rnn" || kind == "seq2seq-transformer")
        return "pairs";
    if (kind == "classifier")
        return "classify";
    throw Error::fmt(QT_TRANSLATE_NOOP("attn", "unknown model kind '%1' (expected lm, seq2seq-rnn, "
                                               "seq2seq-transformer or classifier)"),
                     kind);
}

void ModelSpec::validate() const
{
    dataFormatFor(kind); // names the kinds when it is none of them
    checkInt("--layers", layers, 1, 48);
    checkInt("--d-model", dModel, 2, 4096);
    checkRange("--dropout", dropout, 0.0, 0.9);
    if (context != 0)
        checkInt("--context", context, 2, 4096);
    const bool rnnEncoder = kind == "seq2seq-rnn" || (kind == "classifier" && !rnn.empty());
    if (isTransformer(kind) && !rnnEncoder) {
        checkInt("--heads", heads, 1, 64);
        if (dModel % heads != 0)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "--d-model %1 is not divisible by --heads %2: each head "
                                          "gets d-model / heads dimensions"),
                std::to_string(dModel), std::to_string(heads));
    }
    if (!attention.empty() && kind != "seq2seq-rnn")
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "--attention %1 applies to --model seq2seq-rnn; "
                                                   "Transformers use scaled dot-product attention"),
                         attention);
    if (!attention.empty())
        parseRnnAttention(attention); // names the valid ones
    if (!rnn.empty()) {
        if (kind != "seq2seq-rnn" && kind != "classifier")
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "--rnn %1 applies to --model seq2seq-rnn or classifier"),
                rnn);
        parseRnnCell(rnn);
    }
    if (sinusoidal && (!isTransformer(kind) || rnnEncoder))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "--positions applies to Transformers (lm, "
                                                   "seq2seq-transformer, a classifier without "
                                                   "--rnn); recurrent networks read in order"));
    checkRange("teacher forcing ratio", teacherForcing, 0.0, 1.0);
}

ModelSpec modelSpecOf(const Model &model)
{
    ModelSpec s;
    s.kind = model.kind();
    if (const auto *lm = dynamic_cast<const TransformerLM *>(&model)) {
        const TransformerConfig &c = lm->config();
        s.kind = "lm";
        s.layers = c.n_layers;
        s.heads = c.n_heads;
        s.dModel = c.d_model;
        s.context = c.n_ctx;
        s.dropout = c.dropout;
        s.postNorm = c.norm == NormPlacement::Post;
        s.sinusoidal = c.positions == PositionKind::Sinusoidal;
        s.unscaled = !c.scaled;
    } else if (const auto *rnn = dynamic_cast<const Seq2SeqRNN *>(&model)) {
        const Seq2SeqRNNConfig &c = rnn->config();
        s.layers = 1;
        s.dModel = c.hidden;
        s.dropout = c.dropout;
        s.rnn = c.rnn == RnnCell::GRU ? "gru" : "lstm";
        s.attention = rnnAttentionName(c.attention);
        s.teacherForcing = c.teacherForcing;
    } else if (const auto *tf = dynamic_cast<const TransformerSeq2Seq *>(&model)) {
        const TransformerSeq2SeqConfig &c = tf->config();
        s.layers = c.encoder_layers;
        s.heads = c.n_heads;
        s.dModel = c.d_model;
        s.dropout = c.dropout;
        s.sinusoidal = c.positions == PositionKind::Sinusoidal;
    } else if (const auto *cls = dynamic_cast<const AttentionClassifier *>(&model)) {
        const AttentionClassifierConfig &c = cls->config();
        s.dropout = c.dropout;
        if (c.encoder == ClassifierEncoder::Transformer) {
            s.layers = c.n_layers;
            s.heads = c.n_heads;
            s.dModel = c.d_model;
            s.sinusoidal = c.positions == PositionKind::Sinusoidal;
        } else {
            s.layers = 1;
            s.dModel = c.hidden;
            s.rnn = c.encoder == ClassifierEncoder::BiGRU ? "gru" : "lstm";
        }
    }
    return s;
}

std::unique_ptr<Model> buildModel(const ModelSpec &spec, const Experiment &data, std::uint64_t seed)
{
    spec.validate();
    const std::string format = dataFormatFor(spec.kind);
    if (format != data.spec().format)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn",
                "a model of kind '%1' trains on the '%2' format, but the data is read as '%3'"),
            spec.kind, format, data.spec().format);
    const std::uint64_t dropoutSeed = seed ^ 0xd809ULL;

    if (spec.kind == "lm") {
        TransformerConfig c;
        c.vocab = data.vocabSize();
        c.n_layers = spec.layers;
        c.n_heads = spec.heads;
        c.d_model = spec.dModel;
        c.dropout = spec.dropout;
        c.n_ctx = spec.context > 0 ? spec.context : data.sequenceLength();
        c.norm = spec.postNorm ? NormPlacement::Post : NormPlacement::Pre;
        c.positions = spec.sinusoidal ? PositionKind::Sinusoidal : PositionKind::Learned;
        c.scaled = !spec.unscaled;
        if (c.n_ctx < data.sequenceLength())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "--context %1 is shorter than the '%2' sequences (%3 tokens)"),
                std::to_string(c.n_ctx), data.name(), std::to_string(data.sequenceLength()));
        auto m = std::make_unique<TransformerLM>(c, seed);
        m->seedDropout(dropoutSeed);
        return m;
    }
    if (spec.kind == "seq2seq-rnn") {
        Seq2SeqRNNConfig c;
        c.vocab = data.vocabSize();
        c.hidden = spec.dModel;
        c.embedding = std::max(8, spec.dModel / 2);
        c.rnn = spec.rnn.empty() ? RnnCell::GRU : parseRnnCell(spec.rnn);
        c.attention =
            spec.attention.empty() ? RnnAttentionKind::Additive : parseRnnAttention(spec.attention);
        c.teacherForcing = spec.teacherForcing;
        c.dropout = spec.dropout;
        c.maxSourceLength = std::max(c.maxSourceLength, data.sourceLength());
        c.maxTargetLength = std::max(c.maxTargetLength, data.sequenceLength());
        auto m = std::make_unique<Seq2SeqRNN>(c, seed);
        m->seedDropout(dropoutSeed);
        return m;
    }
    if (spec.kind == "seq2seq-transformer") {
        TransformerSeq2SeqConfig c;
        c.vocab = data.vocabSize();
        c.d_model = spec.dModel;
        c.n_heads = spec.heads;
        c.encoder_layers = c.decoder_layers = spec.layers;
        c.dropout = spec.dropout;
        c.positions = spec.sinusoidal ? PositionKind::Sinusoidal : PositionKind::Learned;
        c.max_source = std::max(c.max_source, data.sourceLength());
        c.max_target = std::max(c.max_target, data.sequenceLength());
        auto m = std::make_unique<TransformerSeq2Seq>(c, seed);
        m->seedDropout(dropoutSeed);
        return m;
    }
    // classifier (the only kind left: validate() refused the others)
    AttentionClassifierConfig c;
    c.vocab = data.vocabSize();
    c.classes = static_cast<int>(data.labelNames().size());
    c.max_length = std::max(c.max_length, data.sourceLength());
    c.d_model = spec.dModel;
    c.dropout = spec.dropout;
    if (spec.rnn.empty()) {
        c.encoder = ClassifierEncoder::Transformer;
        c.n_heads = spec.heads;
        c.n_layers = spec.layers;
        c.positions = spec.sinusoidal ? PositionKind::Sinusoidal : PositionKind::Learned;
    } else {
        c.encoder = parseRnnCell(spec.rnn) == RnnCell::GRU ? ClassifierEncoder::BiGRU
                                                           : ClassifierEncoder::BiLSTM;
        c.hidden = spec.dModel;
    }
    auto m = std::make_unique<AttentionClassifier>(c, seed);
    m->seedDropout(dropoutSeed);
    return m;
}

} // namespace attn
