#include "cli/cli.h"
#include "cli/clicommon.h"
#include "cli/clitr.h"

#include "core/buildinfo.h"
#include "core/error.h"
#include "models/transformerlm.h"
#include "tokenizers/tokenizer.h"

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
    if (pos.empty()) {
        // No model: the engine itself, and the instruction set it runs with on this CPU.
        if (json) {
            nlohmann::json j = {{"version", engineVersion()}, {"eigen", eigenVersion()},
                                {"simd", simdLevel()},        {"compiler", compilerVersion()},
                                {"threads", openmpThreads()}, {"library", engineLibrary()}};
            out << j.dump() << "\n";
        } else {
            printVersion(out);
        }
        return 0;
    }
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
    // Each line one template, so a translation can keep its own column layout.
    out << fill(translate("attn::cli", "  model       %1"), {m.kind}) << "\n";
    if (j.contains("model")) {
        const auto &c = j["model"];
        out << fill(translate("attn::cli", "  layers %1, heads %2, d_model %3 (head dim %4), d_ff "
                                           "%5, context %6, vocab %7, dropout %8"),
                    {c["layers"].dump(), c["heads"].dump(), c["d_model"].dump(),
                     c["head_dim"].dump(), c["d_ff"].dump(), c["context"].dump(), c["vocab"].dump(),
                     c["dropout"].dump()})
            << "\n";
    }
    out << fill(translate("attn::cli", "  config      %1"), {m.config.dump()}) << "\n";
    out << fill(translate("attn::cli", "  parameters  %1"), {std::to_string(parameters)}) << "\n";
    if (m.tokenizer)
        out << fill(translate("attn::cli", "  tokenizer   %1, %2 tokens"),
                    {m.tokenizer->kind(), std::to_string(m.tokenizer->vocabSize())})
            << "\n";
    else
        out << translate("attn::cli", "  tokenizer   none") << "\n";
    auto fixed4 = [](double v) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.4f", v);
        return std::string(buf);
    };
    out << fill(translate("attn::cli", "  training    %1 steps, train loss %2, val loss %3"),
                {std::to_string(m.training.steps), fixed4(m.training.trainLoss),
                 fixed4(m.training.validationLoss)});
    if (!m.training.dataset.empty())
        out << fill(translate("attn::cli", ", data %1"), {m.training.dataset});
    if (!m.training.task.empty())
        out << " (" << m.training.task << ")";
    out << "\n";
    for (const Error &notice : m.notices)
        out << fill(translate("attn::cli", "  warning     %1"), {errorMessage(notice)}) << "\n";
    return 0;
}

} // namespace attn::cli
