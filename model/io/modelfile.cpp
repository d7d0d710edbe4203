#include "io/modelfile.h"

#include "core/error.h"
#include "io/safetensors.h"
#include "models/attentionclassifier.h"
#include "models/seq2seqrnn.h"
#include "models/transformerlm.h"
#include "models/transformerseq2seq.h"

#include <cmath>
#include <mutex>
#include <set>

namespace attn {

namespace {

std::mutex &registryMutex()
{
    static std::mutex m;
    return m;
}

// The factory entry of a model class M with its config type C, where C has toJson(),
// static fromJson(json) and parameterCount(), and M has M(const C &) and config().
template <class M, class C> ModelKind kindOf(const char *kind)
{
    return ModelKind{
        [](const nlohmann::json &c) -> std::unique_ptr<Model> {
            return std::make_unique<M>(C::fromJson(c));
        },
        [kind](const Model &model) {
            const auto *m = dynamic_cast<const M *>(&model);
            if (!m)
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn", "a model of kind \"%1\" was saved as \"%2\""),
                    model.kind(), kind);
            return m->config().toJson();
        },
        [](const nlohmann::json &c) -> std::int64_t { return C::fromJson(c).parameterCount(); }};
}

std::map<std::string, ModelKind> &registry()
{
    // Every model kind the engine has, one line each.
    static std::map<std::string, ModelKind> r = [] {
        std::map<std::string, ModelKind> m;
        m["lm"] = kindOf<TransformerLM, TransformerConfig>("lm");
        m["seq2seq-rnn"] = kindOf<Seq2SeqRNN, Seq2SeqRNNConfig>("seq2seq-rnn");
        m["seq2seq-transformer"] =
            kindOf<TransformerSeq2Seq, TransformerSeq2SeqConfig>("seq2seq-transformer");
        m["classifier"] = kindOf<AttentionClassifier, AttentionClassifierConfig>("classifier");
        return m;
    }();
    return r;
}

ModelKind findKind(const std::string &kind)
{
    std::lock_guard lock(registryMutex());
    const auto it = registry().find(kind);
    if (it == registry().end()) {
        std::string known;
        for (const auto &k : registry())
            known += (known.empty() ? "" : ", ") + k.first;
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "model kind \"%1\" is not known (known: %2)"),
                         kind, known);
    }
    return it->second;
}

double jsonNumberOrNaN(const nlohmann::json &j, const char *key)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return std::numeric_limits<double>::quiet_NaN();
    if (!it->is_number())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "training summary: \"%1\" is not a number"),
                         key);
    return it->get<double>();
}

// GPT-2's causal-mask buffers ("h.0.attn.bias", "h.0.attn.masked_bias"), which Hugging Face
// files may hold; not parameters ("h.0.attn.c_attn.bias" is one, and is not ignored).
bool ignoredBuffer(const std::string &name)
{
    for (const std::string suffix : {"attn.bias", "attn.masked_bias"}) {
        if (name == suffix)
            return true;
        if (name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
            name[name.size() - suffix.size() - 1] == '.')
            return true;
    }
    return false;
}

nlohmann::json parseJsonText(const std::string &text, const std::string &what)
{
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 is not valid JSON (%2)"), what, e.what());
    }
}

} // namespace

nlohmann::json TrainingSummary::toJson() const
{
    nlohmann::json j;
    j["steps"] = steps;
    j["train_loss"] = std::isfinite(trainLoss) ? nlohmann::json(trainLoss) : nlohmann::json();
    j["validation_loss"] =
        std::isfinite(validationLoss) ? nlohmann::json(validationLoss) : nlohmann::json();
    j["dataset"] = dataset;
    j["task"] = task;
    if (!labels.empty())
        j["labels"] = labels;
    if (!history.is_null())
        j["history"] = history;
    return j;
}

TrainingSummary TrainingSummary::fromJson(const nlohmann::json &j)
{
    if (!j.is_object())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "training summary: expected a JSON object"));
    TrainingSummary s;
    if (const auto it = j.find("steps"); it != j.end()) {
        if (!it->is_number_integer() || it->get<std::int64_t>() < 0)
            throw Error::fmt(QT_TRANSLATE_NOOP(
                "attn", "training summary: \"steps\" must be a non-negative integer"));
        s.steps = it->get<std::int64_t>();
    }
    s.trainLoss = jsonNumberOrNaN(j, "train_loss");
    s.validationLoss = jsonNumberOrNaN(j, "validation_loss");
    for (auto [key, field] : {std::pair{"dataset", &s.dataset}, std::pair{"task", &s.task}}) {
        const auto it = j.find(key);
        if (it == j.end())
            continue;
        if (!it->is_string())
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "training summary: \"%1\" must be a string"),
                             key);
        *field = it->get<std::string>();
    }
    if (const auto it = j.find("labels"); it != j.end()) {
        if (!it->is_array())
            throw Error::fmt(QT_TRANSLATE_NOOP(
                "attn", "training summary: \"labels\" must be an array of strings"));
        for (const auto &l : *it) {
            if (!l.is_string())
                throw Error::fmt(QT_TRANSLATE_NOOP(
                    "attn", "training summary: \"labels\" must be an array of strings"));
            s.labels.push_back(l.get<std::string>());
        }
    }
    // A history that is not an object with step and loss columns is left out rather than
    // refused: the weights matter more than the curve.
    if (const auto it = j.find("history");
        it != j.end() && it->is_object() && it->contains("step") && it->contains("loss"))
        s.history = *it;
    return s;
}

void registerModelKind(const std::string &kind, ModelKind factory)
{
    if (!factory.make || !factory.config || !factory.parameterCount)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "model kind \"%1\": make, config and parameterCount are all needed"),
            kind);
    std::lock_guard lock(registryMutex());
    registry()[kind] = std::move(factory);
}

std::vector<std::string> modelKinds()
{
    std::lock_guard lock(registryMutex());
    std::vector<std::string> out;
    for (const auto &k : registry())
        out.push_back(k.first);
    return out;
}

std::unique_ptr<Model> createModel(const std::string &kind, const nlohmann::json &config)
{
    return findKind(kind).make(config);
}

nlohmann::json modelConfig(const Model &model)
{
    return findKind(model.kind()).config(model);
}

void saveModelFile(const std::string &path, const Model &model, const Tokenizer *tokenizer,
                   const TrainingSummary &training, const AtomicWriteOptions &options)
{
    const ParamStore &p = model.params();
    if (!p.allocated())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: the model has no parameters allocated"),
                         path);
    std::map<std::string, std::string> meta;
    meta["format"] = "pt";
    meta[modelfile::FormatKey] = modelfile::FormatVersion;
    meta[modelfile::KindKey] = model.kind();
    meta[modelfile::ConfigKey] = modelConfig(model).dump();
    if (tokenizer)
        meta[modelfile::TokenizerKey] = tokenizer->toJson().dump();
    meta[modelfile::TrainingKey] = training.toJson().dump();
    std::vector<TensorRef> tensors;
    tensors.reserve(p.entries().size());
    for (int id = 0; id < p.count(); ++id) {
        const auto &e = p.entry(id);
        tensors.push_back(TensorRef{
            e.name, std::vector<std::int64_t>(e.shape.begin(), e.shape.end()), p.valuePtr(id)});
    }
    writeSafetensors(path, tensors, meta, options);
}

LoadedModel loadModelFile(const std::string &path, const SafetensorsLimits &limits)
{
    return loadModel(SafetensorsFile::read(path, limits));
}

LoadedModel loadModelBytes(std::string bytes, const std::string &name,
                           const SafetensorsLimits &limits)
{
    return loadModel(SafetensorsFile::fromBytes(std::move(bytes), name, limits));
}

LoadedModel loadModel(const SafetensorsFile &file)
{
    const std::string &path = file.name();
    // "<path>: <message>", the message translatable on its own (or an Error: a cause).
    auto fail = [&](const auto &first, const auto &...args) -> Error {
        if constexpr (std::is_same_v<std::decay_t<decltype(first)>, Error>)
            return Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: %2"), path, first);
        else
            return Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: %2"), path,
                              Error::fmt(first, args...));
    };
    LoadedModel out;
    out.metadata = file.metadata();
    const auto &meta = out.metadata;

    const auto fmt = meta.find(modelfile::FormatKey);
    if (fmt == meta.end())
        throw fail(
            QT_TRANSLATE_NOOP("attn", "not an AttentionLab model file (no \"%1\" in __metadata__)"),
            modelfile::FormatKey);
    if (fmt->second != modelfile::FormatVersion)
        throw fail(
            QT_TRANSLATE_NOOP(
                "attn",
                "model file format version \"%1\" is not known (this build reads version %2)"),
            fmt->second, modelfile::FormatVersion);
    const auto kindIt = meta.find(modelfile::KindKey);
    if (kindIt == meta.end())
        throw fail(QT_TRANSLATE_NOOP("attn", "no model kind (\"%1\") in __metadata__"),
                   modelfile::KindKey);
    out.kind = kindIt->second;
    ModelKind kind;
    try {
        kind = findKind(out.kind);
    } catch (const Error &e) {
        throw fail(e);
    } catch (const nlohmann::json::exception &e) {
        throw fail(QT_TRANSLATE_NOOP("attn", "invalid model config (%1)"), e.what());
    }
    const auto cfgIt = meta.find(modelfile::ConfigKey);
    if (cfgIt == meta.end())
        throw fail(QT_TRANSLATE_NOOP("attn", "no model config (\"%1\") in __metadata__"),
                   modelfile::ConfigKey);
    std::int64_t expectedParams = 0;
    try {
        out.config = parseJsonText(cfgIt->second, "the model config");
        if (!out.config.is_object())
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "the model config is not a JSON object"));
        expectedParams = kind.parameterCount(out.config);
    } catch (const Error &e) {
        throw fail(e);
    } catch (const nlohmann::json::exception &e) {
        throw fail(QT_TRANSLATE_NOOP("attn", "invalid model config (%1)"), e.what());
    }

    // Count the file's floats before allocating anything the config asks for.
    std::int64_t fileParams = 0;
    for (const auto &t : file.tensors())
        if (!ignoredBuffer(t.name))
            fileParams += static_cast<std::int64_t>(t.numel());
    if (fileParams != expectedParams)
        throw fail(QT_TRANSLATE_NOOP("attn", "the config needs %1 parameters but the file's "
                                             "tensors hold %2 (shape disagreeing with the config)"),
                   std::to_string(expectedParams), std::to_string(fileParams));

    if (const auto tokIt = meta.find(modelfile::TokenizerKey); tokIt != meta.end()) {
        try {
            out.tokenizer = Tokenizer::fromJson(parseJsonText(tokIt->second, "the tokenizer"));
        } catch (const Error &e) {
            throw fail(e);
        } catch (const nlohmann::json::exception &e) {
            throw fail(QT_TRANSLATE_NOOP("attn", "invalid JSON value (%1)"), e.what());
        }
        const auto vocab = out.config.find("vocab_size");
        if (vocab != out.config.end() && vocab->is_number_integer() &&
            out.tokenizer->vocabSize() > vocab->get<std::int64_t>())
            throw fail(QT_TRANSLATE_NOOP(
                           "attn", "the tokenizer has %1 tokens but the model's vocabulary has %2"),
                       std::to_string(out.tokenizer->vocabSize()),
                       std::to_string(vocab->get<std::int64_t>()));
    } else {
        out.warn(Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "the file has no tokenizer; token ids are shown as numbers")));
    }
    if (const auto trIt = meta.find(modelfile::TrainingKey); trIt != meta.end()) {
        try {
            out.training =
                TrainingSummary::fromJson(parseJsonText(trIt->second, "the training summary"));
        } catch (const Error &e) {
            throw fail(e);
        } catch (const nlohmann::json::exception &e) {
            throw fail(QT_TRANSLATE_NOOP("attn", "invalid JSON value (%1)"), e.what());
        }
    }

    try {
        out.model = kind.make(out.config);
    } catch (const Error &e) {
        throw fail(e);
    } catch (const nlohmann::json::exception &e) {
        throw fail(QT_TRANSLATE_NOOP("attn", "invalid model config (%1)"), e.what());
    }
    if (out.model->kind() != out.kind)
        throw fail(QT_TRANSLATE_NOOP("attn", "the factory for \"%1\" made a model of kind \"%2\""),
                   out.kind, out.model->kind());
    ParamStore &params = out.model->params();

    std::set<std::string> seen;
    for (const auto &t : file.tensors()) {
        if (ignoredBuffer(t.name))
            continue;
        const ParamStore::Id id = params.find(t.name);
        if (id < 0)
            throw fail(QT_TRANSLATE_NOOP(
                           "attn", "unexpected tensor \"%1\" (the %2 model has no such parameter)"),
                       t.name, out.kind);
        const auto &e = params.entry(id);
        const std::vector<std::int64_t> want(e.shape.begin(), e.shape.end());
        if (t.shape != want)
            throw fail(QT_TRANSLATE_NOOP(
                           "attn", "tensor \"%1\" has shape %2 in the file; the config needs %3"),
                       t.name, shapeText(t.shape), shapeText(want));
        if (t.dtype != DType::F32 && t.dtype != DType::F16 && t.dtype != DType::BF16)
            throw fail(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "tensor \"%1\" has dtype %2; only F32, F16 and BF16 weights can be loaded"),
                t.name, dtypeName(t.dtype));
        seen.insert(t.name);
    }
    for (const auto &e : params.entries())
        if (!seen.count(e.name))
            throw fail(QT_TRANSLATE_NOOP("attn", "tensor \"%1\" is missing"), e.name);

    bool converted = false;
    for (const auto &t : file.tensors()) {
        if (ignoredBuffer(t.name))
            continue;
        const ParamStore::Id id = params.find(t.name);
        file.readFloat(t, params.valuePtr(id));
        converted = converted || t.dtype != DType::F32;
        std::int64_t nan = 0, inf = 0;
        const float *v = params.valuePtr(id);
        for (Index i = 0; i < params.entry(id).size; ++i) {
            nan += std::isnan(v[i]) ? 1 : 0;
            inf += std::isinf(v[i]) ? 1 : 0;
        }
        if (nan || inf)
            out.warn(Error::fmt(QT_TRANSLATE_NOOP("attn",
                                                  "tensor \"%1\" holds %2 NaN and %3 infinite "
                                                  "values; the model's outputs will not be finite"),
                                t.name, nan, inf));
    }
    if (converted)
        out.warn(Error::fmt(
            QT_TRANSLATE_NOOP("attn", "half-precision weights (F16/BF16) were converted to F32")));
    return out;
}

} // namespace attn
