#include "cli/cli.h"
#include "cli/clicommon.h"

#include "core/error.h"
#include "io/hfmodel.h"
#include "io/modelfile.h"
#include "tokenizers/gpt2tokenizer.h"
#include "tokenizers/tokenizer.h"

#include <nlohmann/json.hpp>

namespace attn::cli {

// attentionlab-cli tokenize --model HF_FOLDER|FILE --text TEXT [--json]
// Prints the ids of TEXT under the model's tokenizer, comma-separated (or a JSON array).
// A Hugging Face folder's tokenizer is read alone (the weights are not loaded).
int runTokenize(const Args &args, std::ostream &out, std::ostream &err)
{
    const std::string path = args.required("model");
    const auto text = args.value("text");
    if (!text)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "missing required option --%1"), "text");
    const bool json = args.flag("json");
    args.rejectUnused();

    std::unique_ptr<Tokenizer> tok;
    if (isHfModelFolder(path)) {
        tok = loadHfTokenizer(path);
        if (!tok)
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "%1: has no tokenizer (vocab.json + merges.txt or tokenizer.json)"),
                path);
    } else {
        LoadedModel m = loadModelFile(path);
        printWarnings(m, err);
        if (!m.tokenizer)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: has no tokenizer"), path);
        tok = std::move(m.tokenizer);
    }
    const std::vector<TokenId> ids = tok->encode(*text);
    if (json) {
        out << nlohmann::json(ids).dump() << "\n";
    } else {
        std::string line;
        for (const TokenId id : ids) {
            if (!line.empty())
                line += ',';
            line += std::to_string(id);
        }
        out << line << "\n";
    }
    return 0;
}

} // namespace attn::cli
