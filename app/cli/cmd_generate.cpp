#include "cli/cli.h"
#include "cli/clicommon.h"

#include "core/error.h"
#include "core/threads.h"
#include "io/hfmodel.h"
#include "io/modelfile.h"
#include "models/transformerlm.h"
#include "text/utf8.h"
#include "tokenizers/tokenizer.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <numeric>

namespace attn::cli {

namespace {

// An encoder-decoder writes its output for the prompt (greedy or beam search); a classifier
// prints each class with its probability, the most probable first.
int answerSource(const LoadedModel &file, const std::string &path, const std::string &prompt,
                 int beam, int tokens, std::ostream &out, std::ostream &err)
{
    printWarnings(file, err);
    if (!file.tokenizer)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: has no tokenizer, so text cannot be encoded"), path);
    const std::vector<TokenId> source = file.tokenizer->encode(prompt);
    if (source.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "the prompt '%1' gives no tokens"), prompt);
    if (const auto *s2s = dynamic_cast<const Seq2SeqModel *>(file.model.get())) {
        DecodeOptions o;
        o.beam = beam;
        o.maxLength = std::max(1, std::min(tokens, 1024));
        out << file.tokenizer->decode(s2s->decode(source, o)) << "\n";
        return 0;
    }
    const auto *cls = dynamic_cast<const ClassifierModel *>(file.model.get());
    if (!cls)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: a '%2' model cannot answer a prompt"), path,
                         file.kind);
    const std::vector<float> p = cls->predict(source);
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return p[size_t(a)] > p[size_t(b)]; });
    for (int c : order) {
        const std::string name = size_t(c) < file.training.labels.size()
                                     ? file.training.labels[size_t(c)]
                                     : "class " + std::to_string(c);
        char line[64];
        std::snprintf(line, sizeof line, "%.4f", double(p[size_t(c)]));
        out << name << "\t" << line << "\n";
    }
    return 0;
}

} // namespace

// attentionlab-cli generate --model FILE|HF_FOLDER --prompt TEXT [--tokens N] [--temperature X]
//     [--top-k N] [--top-p X] [--seed N] [--greedy]
int runGenerate(const Args &args, std::ostream &out, std::ostream &err)
{
    const std::string path = args.required("model");
    const auto prompt = args.value("prompt");
    if (!prompt)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "missing required option --prompt"));
    GenerateOptions g;
    const int tokens = static_cast<int>(args.integer("tokens", 100, 0, 1 << 20));
    g.temperature = static_cast<float>(args.real("temperature", 1.0, 0.0, 1e6));
    g.topK = static_cast<int>(args.integer("top-k", 0, 0, INT_MAX));
    g.topP = static_cast<float>(args.real("top-p", 1.0, 0.0, 1.0));
    if (!(g.topP > 0.0f))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "--top-p must be greater than 0 and at most 1, got %1"),
            args.value("top-p", ""));
    g.seed = static_cast<std::uint64_t>(args.integer("seed", 1, 0, LLONG_MAX));
    g.greedy = args.flag("greedy");
    const int threadCount = static_cast<int>(args.integer("threads", 1, 0, 4096));
    const int beam = static_cast<int>(args.integer("beam", 1, 1, 64));
    args.rejectUnused();

    setThreads(threadCount);
    LoadedModel file = isHfModelFolder(path) ? loadHfModel(path) : loadModelFile(path);
    if (file.kind != "lm")
        return answerSource(file, path, *prompt, beam, tokens, out, err);
    const LoadedLm m = asLm(std::move(file), path);
    printWarnings(m.file, err);
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
