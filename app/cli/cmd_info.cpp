#include "cli.h"
#include "clicommon.h"
#include "clitr.h"

#include "core/error.h"
#include "models/transformerlm.h"
#include "text/tokenizer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace attn::cli {

// attentionlab-cli info FILE [--json]
int runInfo(const Args &args, std::ostream &out, std::ostream & /*err*/)
{
    const bool json = args.flag("json");
    args.rejectUnused();
    const auto &pos = args.positional();
    if (pos.empty())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "missing the model file (attentionlab-cli info FILE)"));
    if (pos.size() > 1)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "unexpected argument '%1' (info takes one model file)"),
            pos[1]);
    const std::string &path = pos[0];
    const LoadedModel m = loadModelFile(path);
    const auto parameters = static_cast<long long>(m.model->params().size());

    nlohmann::json j;
    j["file"] = path;
    j["kind"] = m.kind;
    j["config"] = m.config;
    j["parameters"] = parameters;
    if (const auto *lm = dynamic_cast<const TransformerLM *>(m.model.get())) {
        const TransformerConfig &c = lm->config();
        j["model"] = {{"layers", c.n_layers}, {"heads", c.n_heads},     {"d_model", c.d_model},
                      {"context", c.n_ctx},   {"vocab", c.vocab},       {"d_ff", c.ffDim()},
                      {"dropout", c.dropout}, {"head_dim", c.headDim()}};
    }
    if (m.tokenizer)
        j["tokenizer"] = {{"kind", m.tokenizer->kind()}, {"vocab_size", m.tokenizer->vocabSize()}};
    else
        j["tokenizer"] = nullptr;
    j["training"] = {{"steps", m.training.steps},
                     {"train_loss", jsonNumber(m.training.trainLoss)},
                     {"val_loss", jsonNumber(m.training.validationLoss)},
                     {"dataset", m.training.dataset},
                     {"task", m.training.task}};
    j["warnings"] = m.warnings;
    if (json) {
        out << j.dump() << "\n";
        return 0;
    }

    out << path << "\n";
    out << "  model       " << m.kind << "\n";
    if (j.contains("model")) {
        const auto &c = j["model"];
        out << "  layers " << c["layers"] << ", heads " << c["heads"] << ", d_model "
            << c["d_model"] << " (head dim " << c["head_dim"] << "), d_ff " << c["d_ff"]
            << ", context " << c["context"] << ", vocab " << c["vocab"] << ", dropout "
            << c["dropout"] << "\n";
    }
    out << "  config      " << m.config.dump() << "\n";
    out << "  parameters  " << parameters << "\n";
    if (m.tokenizer)
        out << "  tokenizer   " << m.tokenizer->kind() << ", " << m.tokenizer->vocabSize()
            << " tokens\n";
    else
        out << "  tokenizer   none\n";
    char line[256];
    std::snprintf(line, sizeof line, "  training    %lld steps, train loss %.4f, val loss %.4f",
                  static_cast<long long>(m.training.steps), m.training.trainLoss,
                  m.training.validationLoss);
    out << line;
    if (!m.training.dataset.empty())
        out << ", data " << m.training.dataset;
    if (!m.training.task.empty())
        out << " (" << m.training.task << ")";
    out << "\n";
    for (const Error &notice : m.notices)
        out << "  warning     " << errorMessage(notice) << "\n";
    return 0;
}

} // namespace attn::cli
