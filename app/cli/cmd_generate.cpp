#include "cli.h"
#include "clicommon.h"

#include "core/error.h"
#include "core/threads.h"
#include "models/transformerlm.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

#include <climits>

namespace attn::cli {

// attentionlab-cli generate --model FILE|HF_FOLDER --prompt TEXT [--tokens N] [--temperature X]
//     [--top-k N] [--top-p X] [--seed N] [--greedy]
int runGenerate(const Args &args, std::ostream &out, std::ostream &err)
{
    const std::string path = args.required("model");
    const auto prompt = args.value("prompt");
    if (!prompt)
        throw Error("missing required option --prompt");
    GenerateOptions g;
    const int tokens = static_cast<int>(args.integer("tokens", 100, 0, 1 << 20));
    g.temperature = static_cast<float>(args.real("temperature", 1.0, 0.0, 1e6));
    g.topK = static_cast<int>(args.integer("top-k", 0, 0, INT_MAX));
    g.topP = static_cast<float>(args.real("top-p", 1.0, 0.0, 1.0));
    if (!(g.topP > 0.0f))
        throw Error("--top-p must be greater than 0 and at most 1, got " + args.value("top-p", ""));
    g.seed = static_cast<std::uint64_t>(args.integer("seed", 1, 0, LLONG_MAX));
    g.greedy = args.flag("greedy");
    const int threadCount = static_cast<int>(args.integer("threads", 1, 0, 4096));
    args.rejectUnused();

    setThreads(threadCount);
    const LoadedLm m = loadLm(path);
    for (const auto &w : m.file.warnings)
        err << "warning: " << w << "\n";
    const std::vector<TokenId> ids = encodePrompt(m, path, *prompt);
    // <eos>, or a pretrained vocabulary's own end of text (GPT-2: <|endoftext|>).
    g.stopToken = m.file.tokenizer ? m.file.tokenizer->eosId() : Tokenizer::Eos;
    const std::vector<TokenId> continuation = m.lm->generate(ids, tokens, g);
    std::string text = m.file.tokenizer->decode(continuation);
    // A byte-level BPE model may stop inside a character or emit stray bytes: show those as
    // U+FFFD so the output is always valid UTF-8.
    if (!utf8::isValid(text))
        text = utf8::encode(utf8::decode(text));
    out << text << "\n";
    return 0;
}

} // namespace attn::cli
