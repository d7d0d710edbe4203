#include "cli.h"
#include "clicommon.h"

#include "core/error.h"
#include "core/threads.h"
#include "io/safetensors.h"
#include "models/transformerlm.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <list>

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

} // namespace

// attentionlab-cli trace --model M.safetensors (--ids 5,17,3 | --text "...") --out T.safetensors
int runTrace(const Args &args, std::ostream &out, std::ostream &err)
{
    const std::string path = args.required("model");
    const auto ids = args.value("ids");
    const auto text = args.value("text");
    const std::string outPath = args.required("out");
    const bool json = args.flag("json");
    args.rejectUnused();
    if (ids && text)
        throw Error("give either --ids or --text, not both");
    if (!ids && !text)
        throw Error("missing the input: give --ids 5,17,3 or --text \"...\"");
    checkOutputPath(outPath, "out");

    setThreads(1);
    const LoadedLm m = loadLm(path);
    for (const auto &w : m.file.warnings)
        err << "warning: " << w << "\n";
    const TransformerConfig &c = m.lm->config();
    const std::vector<TokenId> input =
        ids ? parseIds(*ids, "ids", c.vocab) : encodePrompt(m, path, *text);
    if (static_cast<int>(input.size()) > c.n_ctx)
        throw Error("the input has " + std::to_string(input.size()) + " tokens; " + path +
                    " takes at most " + std::to_string(c.n_ctx));

    Batch one;
    one.batch = 1;
    one.length = static_cast<int>(input.size());
    one.inputs = input;
    const AttentionTrace tr = m.lm->trace(one);

    const auto T = static_cast<std::int64_t>(input.size());
    const std::int64_t H = c.n_heads, D = c.headDim(), C = c.d_model, V = c.vocab;
    std::list<std::vector<float>> keep; // the stacked buffers, alive until written
    std::vector<TensorRef> tensors;
    tensors.push_back({"logits", {T, V}, tr.logits.data()}); // (T, V)
    for (const AttentionBlockTrace &b : tr.blocks) {
        auto add = [&](const std::string &suffix, std::vector<std::int64_t> shape,
                       MatRM HeadTrace::*member) {
            keep.push_back(stackHeads(b.heads, member));
            tensors.push_back({b.name + "." + suffix, std::move(shape), keep.back().data()});
        };
        add("q", {H, T, D}, &HeadTrace::q);             // (H, T, d_k)
        add("k", {H, T, D}, &HeadTrace::k);             // (H, T, d_k)
        add("v", {H, T, D}, &HeadTrace::v);             // (H, T, d_k)
        add("scores", {H, T, T}, &HeadTrace::scaled);   // (H, T, T) QK^T/sqrt(d_k), before mask
        add("weights", {H, T, T}, &HeadTrace::weights); // (H, T, T) after mask and softmax
        tensors.push_back({b.name + ".out", {T, C}, b.out.data()}); // (T, C) after c_proj
    }

    nlohmann::json idJson = input;
    nlohmann::json tokenJson = nlohmann::json::array();
    for (TokenId id : input)
        tokenJson.push_back(m.file.tokenizer ? utf8::displayText(m.file.tokenizer->tokenText(id))
                                             : std::to_string(id));
    std::map<std::string, std::string> meta = {
        {"format", "pt"},
        {"attentionlab.trace.model", path},
        {"attentionlab.trace.ids", idJson.dump()},
        {"attentionlab.trace.tokens", tokenJson.dump()},
    };
    writeSafetensors(outPath, tensors, meta);

    if (json) {
        nlohmann::json j;
        j["out"] = outPath;
        j["tokens"] = T;
        j["tensors"] = tensors.size();
        out << j.dump() << "\n";
    } else {
        out << "wrote " << outPath << ": " << tensors.size() << " tensors for " << T << " tokens, "
            << tr.blocks.size() << " layer(s)\n";
    }
    return 0;
}

} // namespace attn::cli
