#include "gui/inference/inferenceengine.h"

#include "common/errortext.h"

#include "train/evaluation.h"

#include "attention/attentionmatrix.h"

#include "core/error.h"
#include "models/model.h"
#include "models/transformerlm.h"
#include "tokenizers/tokenizer.h"
#include "trace/classprobabilities.h"

#include <algorithm>

namespace attn::gui {

namespace {

QStringList labelsOf(const attn::Experiment &e, const std::vector<attn::TokenId> &ids)
{
    QStringList out;
    for (const std::string &l : e.labels(ids))
        out << QString::fromStdString(l);
    return out;
}

// The `bars` most likely next tokens at the temperature (the engine's
// nextTokenProbabilities), as entries.
QVector<attn::ProbabilityBars::Entry> topTokens(const attn::Experiment &e, const float *logits,
                                                int vocab, float temperature, int bars)
{
    QVector<attn::ProbabilityBars::Entry> out;
    for (const attn::RankedProbability &r :
         attn::nextTokenProbabilities(logits, vocab, temperature, bars))
        out.push_back({QString::fromStdString(e.tokenLabel(attn::TokenId(r.id))), r.probability});
    return out;
}

} // namespace

InferenceEngine::InferenceEngine(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<InferenceRequest>();
    qRegisterMetaType<InferenceResult>();
}

void InferenceEngine::run(const InferenceRequest &request)
{
    if (request.kind == InferenceRequest::Kind::Predict && request.id < m_latest)
        return; // a newer prediction is queued behind this one
    emit finished(compute(request));
}

InferenceResult InferenceEngine::compute(const InferenceRequest &request)
{
    InferenceResult r;
    r.kind = request.kind;
    r.id = request.id;
    r.step = request.snapshot.step;
    if (!request.snapshot.isValid() || !request.snapshot.setup->experiment) {
        r.error = tr("No model yet.");
        return r;
    }
    const attn::Model &model = *request.snapshot.model;
    const attn::Experiment &experiment = *request.snapshot.setup->experiment;
    const attn::Tokenizer &tokenizer = experiment.tokenizer();
    r.modelKind = QString::fromStdString(model.kind());
    try {
        std::vector<attn::TokenId> ids = tokenizer.encode(request.text.toStdString());
        if (const auto *lm = dynamic_cast<const attn::TransformerLM *>(&model)) {
            // Models of a built-in task read "<bos> source =": the prompt starts likewise.
            if (experiment.task())
                ids.insert(ids.begin(), attn::Tokenizer::Bos);
            if (ids.empty()) {
                r.error = tr("Type some text for the model to continue.");
                return r;
            }
            const int ctx = lm->config().n_ctx;
            if (int(ids.size()) > ctx)
                ids.erase(ids.begin(), ids.end() - ctx); // the model sees the last n_ctx
            r.inputTokens = labelsOf(experiment, ids);
            const attn::MatRM logits = lm->logits(ids); // (T, V)
            const int V = int(logits.cols());
            r.distribution = topTokens(experiment, logits.row(logits.rows() - 1).data(), V,
                                       request.temperature, request.bars);
            if (request.kind == InferenceRequest::Kind::Generate) {
                attn::GenerateOptions o;
                o.temperature = request.temperature;
                o.greedy = request.temperature <= 0.0f;
                o.topK = request.topK;
                o.topP = request.topP;
                o.seed = request.seed;
                if (experiment.task())
                    o.stopToken = tokenizer.eosId();
                const std::vector<attn::TokenId> out =
                    lm->generate(ids, std::clamp(request.tokens, 1, 2000), o);
                r.output = QString::fromStdString(tokenizer.decode(out));
                r.outputTokens = labelsOf(experiment, out);
            }
        } else if (const auto *cls = dynamic_cast<const attn::ClassifierModel *>(&model)) {
            if (ids.empty()) {
                r.error = tr("Type some text to classify.");
                return r;
            }
            r.inputTokens = labelsOf(experiment, ids);
            const std::vector<float> p = cls->predict(ids);
            const auto &names = experiment.labelNames();
            const auto n = attn::Index(p.size());
            for (const attn::RankedProbability &c : attn::mostLikely(p.data(), n, n))
                r.distribution.push_back({size_t(c.id) < names.size()
                                              ? QString::fromStdString(names[size_t(c.id)])
                                              : QString::number(c.id),
                                          c.probability});
        } else if (const auto *s2s = dynamic_cast<const attn::Seq2SeqModel *>(&model)) {
            if (ids.empty()) {
                r.error = tr("Type a source text to translate.");
                return r;
            }
            r.inputTokens = labelsOf(experiment, ids);
            attn::DecodeOptions o;
            o.maxLength = std::clamp(request.tokens, 1, 2000);
            const std::vector<attn::TokenId> out = s2s->decode(ids, o);
            r.output = QString::fromStdString(tokenizer.decode(out));
            r.outputTokens = labelsOf(experiment, out);
            auto trace = std::make_shared<attn::AttentionTrace>(
                model.trace(attn::singleBatch(model, ids, &out)));
            trace->queryTokens = experiment.labels(trace->queryIds);
            trace->keyTokens = experiment.labels(trace->keyIds);
            r.trace = std::move(trace);
        } else {
            r.error = tr("This kind of model (%1) has no inference view yet.").arg(r.modelKind);
        }
    } catch (const std::exception &e) {
        r.error = attn::errorText(e);
    }
    return r;
}

} // namespace attn::gui
