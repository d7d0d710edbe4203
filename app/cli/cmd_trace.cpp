#include "cli/cli.h"
#include "cli/clicommon.h"
#include "cli/clitr.h"
#include "train/evaluation.h"

#include "core/error.h"
#include "core/threads.h"
#include "io/hfmodel.h"
#include "io/modelfile.h"
#include "io/safetensors.h"
#include "models/transformerlm.h"
#include "text/utf8.h"
#include "tokenizers/tokenizer.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <list>
#include <optional>

namespace attn::cli {

namespace {

// Heads side by side as one (H, rows, cols) buffer.
std::vector<float> stackHeads(const std::vector<HeadTrace> &heads, MatRM HeadTrace::*member)
{
    std::vector<float> out;
    for (const HeadTrace &h : heads) {
        const MatRM &m = h.*member; // (rows, cols), row-major
        out.insert(out.end(), m.data(), m.data() + m.size());
    }
    return out;
}

// The batch of one for a model that reads a source (seq2seq, classifier): the text
// tokenized with the file's tokenizer (or ids); for seq2seq the decoder input is <bos> and
// the target, given or decoded greedily.
Batch sourceBatch(const LoadedModel &file, const std::string &path,
                  const std::optional<std::string> &ids, const std::optional<std::string> &text,
                  const std::optional<std::string> &target, int vocab)
{
    if (!ids && !file.tokenizer)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1: has no tokenizer, so text cannot be encoded (give token ids)"),
            path);
    const std::vector<TokenId> source =
        ids ? parseIds(*ids, "ids", vocab) : file.tokenizer->encode(*text);
    if (target && !dynamic_cast<const Seq2SeqModel *>(file.model.get()))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "--target applies to seq2seq models; %1 holds a '%2' model"),
            path, file.kind);
    if (target && !file.tokenizer)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: has no tokenizer, so --target cannot be encoded"), path);
    std::vector<TokenId> targetIds;
    if (target)
        targetIds = file.tokenizer->encode(*target);
    return singleBatch(*file.model, source, target ? &targetIds : nullptr);
}

// (rows, cols) or, with several heads, (H, rows, cols): one head's matrix or all of them.
std::vector<std::int64_t> headShape(const std::vector<HeadTrace> &heads, const MatRM &m,
                                    bool headAxis)
{
    std::vector<std::int64_t> shape;
    if (headAxis)
        shape.push_back(static_cast<std::int64_t>(heads.size()));
    shape.push_back(m.rows());
    shape.push_back(m.cols());
    return shape;
}

} // namespace

// attentionlab-cli trace --model M.safetensors (--ids 5,17,3 | --text "...") --out T.safetensors
int runTrace(const Args &args, std::ostream &out, std::ostream &err)
{
    const std::string path = args.required("model");
    const auto ids = args.value("ids");
    const auto text = args.value("text");
    const auto target = args.value("target");
    const std::string outPath = args.required("out");
    const bool json = args.flag("json");
    args.rejectUnused();
    requireIdsOrText(ids, text);
    checkOutputPath(outPath, "out");

    setThreads(1);
    LoadedModel file = isHfModelFolder(path) ? loadHfModel(path) : loadModelFile(path);
    printWarnings(file, err);
    Batch one;
    std::vector<TokenId> shownIds;
    if (file.kind == "lm") {
        if (target)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "--target applies to seq2seq models; %1 holds an 'lm' model"),
                path);
        LoadedLm m = asLm(std::move(file), path);
        const TransformerConfig &c = m.lm->config();
        const std::vector<TokenId> input =
            ids ? parseIds(*ids, "ids", c.vocab) : encodePrompt(m, path, *text);
        if (static_cast<int>(input.size()) > c.n_ctx)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "the input has %1 tokens; %2 takes at most %3"),
                input.size(), path, c.n_ctx);
        one.batch = 1;
        one.length = static_cast<int>(input.size());
        one.inputs = input;
        shownIds = input;
        file = std::move(m.file); // m.lm stays valid: the model itself does not move
    } else {
        const int vocab = file.tokenizer ? file.tokenizer->vocabSize() : 1 << 30;
        one = sourceBatch(file, path, ids, text, target, vocab);
        shownIds = one.source;
    }
    const AttentionTrace tr = file.model->trace(one);

    // Transformer blocks keep a head axis (H, rows, cols); the single-head attention of an
    // RNN decoder ("cross") and a classifier's pooling ("pool") do not: cross.weights is
    // (T_tgt, T_src) and pool.weights (T).
    std::list<std::vector<float>> keep; // the stacked buffers, alive until written
    std::vector<TensorRef> tensors;
    if (tr.logits.size() > 0)
        tensors.push_back({"logits", {tr.logits.rows(), tr.logits.cols()}, tr.logits.data()});
    for (const AttentionBlockTrace &b : tr.blocks) {
        if (b.heads.empty())
            continue;
        const bool headAxis = !(b.role == AttentionRole::Pool ||
                                (b.role == AttentionRole::Cross && b.name == "cross"));
        auto add = [&](const std::string &suffix, MatRM HeadTrace::*member) {
            const MatRM &first = b.heads.front().*member;
            if (first.size() == 0)
                return;
            keep.push_back(stackHeads(b.heads, member));
            std::vector<std::int64_t> shape = headShape(b.heads, first, headAxis);
            if (b.role == AttentionRole::Pool && shape.front() == 1)
                shape.erase(shape.begin()); // (1, T) -> (T)
            tensors.push_back({b.name + "." + suffix, std::move(shape), keep.back().data()});
        };
        add("q", &HeadTrace::q);             // (H, Tq, d_k)
        add("k", &HeadTrace::k);             // (H, Tk, d_k)
        add("v", &HeadTrace::v);             // (H, Tk, d_v)
        add("scores", &HeadTrace::scaled);   // (H, Tq, Tk) scaled scores, before the mask
        add("weights", &HeadTrace::weights); // (H, Tq, Tk) after mask and softmax
        if (b.out.size() > 0)
            tensors.push_back({b.name + ".out", {b.out.rows(), b.out.cols()}, b.out.data()});
    }

    const auto labelsOf = [&](const std::vector<TokenId> &list) {
        nlohmann::json tokens = nlohmann::json::array();
        for (TokenId id : list)
            tokens.push_back(file.tokenizer ? utf8::displayText(file.tokenizer->tokenText(id))
                                            : std::to_string(id));
        return tokens;
    };
    std::map<std::string, std::string> meta = {
        {"format", "pt"},
        {"attentionlab.trace.model", path},
        {"attentionlab.trace.kind", file.kind},
        {"attentionlab.trace.ids", nlohmann::json(shownIds).dump()},
        {"attentionlab.trace.tokens", labelsOf(shownIds).dump()},
    };
    if (!one.inputs.empty() && !one.source.empty()) {
        meta["attentionlab.trace.target_ids"] = nlohmann::json(one.inputs).dump();
        meta["attentionlab.trace.target_tokens"] = labelsOf(one.inputs).dump();
    }
    writeSafetensors(outPath, tensors, meta);

    const auto T = static_cast<std::int64_t>(shownIds.size());
    if (json) {
        nlohmann::json j;
        j["out"] = outPath;
        j["tokens"] = T;
        j["tensors"] = tensors.size();
        j["blocks"] = nlohmann::json::array();
        for (const auto &b : tr.blocks)
            j["blocks"].push_back(b.name);
        out << j.dump() << "\n";
    } else {
        out << fill(translate("attn::cli",
                              "wrote %1: %2 tensors for %3 tokens, %4 attention block(s)"),
                    {outPath, std::to_string(tensors.size()), std::to_string(T),
                     std::to_string(tr.blocks.size())})
            << "\n";
    }
    return 0;
}

} // namespace attn::cli
