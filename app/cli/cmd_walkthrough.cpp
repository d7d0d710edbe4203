#include "cli/cli.h"
#include "cli/clicommon.h"
#include "cli/clitr.h"

#include "core/error.h"
#include "core/threads.h"
#include "models/transformerlm.h"
#include "text/utf8.h"
#include "tokenizers/tokenizer.h"
#include "trace/walkthrough.h"

#include <nlohmann/json.hpp>

#ifdef ATTNLAB_CLI_RENDER
#include "walkthrough/walkthroughbuilder.h"
#include "walkthrough/walkthroughexport.h"

#include <QFont>
#include <QGuiApplication>
#endif

#include <cstdlib>
#include <memory>

namespace attn::cli {

// attentionlab-cli walkthrough --model M (--text T | --ids 1,2) [--layer L | --block NAME]
//     [--head H] [--query I] [--key J] [--precision P] [--unscaled] --out steps.pdf
//     [--png PREFIX] [--json]
int runWalkthrough(const Args &args, std::ostream &out, std::ostream &err)
{
    const std::string path = args.required("model");
    const auto ids = args.value("ids");
    const auto text = args.value("text");
    const auto blockName = args.value("block");
    const long long layer = args.integer("layer", 0, 0, 1000000);
    const long long head = args.integer("head", 0, 0, 1000000);
    const long long query = args.integer("query", -1, -1, 1000000);
    const long long key = args.integer("key", -1, -1, 1000000);
    const int precision = static_cast<int>(args.integer("precision", 4, 2, 6));
    const bool unscaled = args.flag("unscaled");
    const std::string outPath = args.required("out");
    const auto pngPrefix = args.value("png");
    const bool json = args.flag("json");
    args.rejectUnused();
    requireIdsOrText(ids, text);
    checkOutputPath(outPath, "out");
    if (pngPrefix)
        checkOutputPath(*pngPrefix, "png");

    setThreads(1);
    const LoadedLm m = loadLm(path);
    printWarnings(m.file, err);
    const TransformerConfig &c = m.lm->config();
    const std::vector<TokenId> input =
        ids ? parseIds(*ids, "ids", c.vocab) : encodePrompt(m, path, *text);
    if (static_cast<int>(input.size()) > c.n_ctx)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "the input has %1 tokens; %2 takes at most %3"),
                         input.size(), path, c.n_ctx);
    Batch one;
    one.batch = 1;
    one.length = static_cast<int>(input.size());
    one.inputs = input;
    TraceOptions options;
    options.weights = true;
    AttentionTrace tr = m.lm->trace(one, options);
    tr.queryTokens.clear();
    for (TokenId id : input)
        tr.queryTokens.push_back(m.file.tokenizer
                                     ? utf8::displayText(m.file.tokenizer->tokenText(id))
                                     : std::to_string(id));
    tr.keyTokens = tr.queryTokens;

    WalkthroughSelection sel;
    sel.block = blockName ? *blockName : "layers." + std::to_string(layer) + ".attn";
    if (!tr.find(sel.block))
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1 has no attention block '%2' (it has %3 layer(s): --layer 0 to %4)"),
            path, sel.block, tr.blocks.size(), tr.blocks.size() - 1);
    const int T = static_cast<int>(input.size());
    sel.head = static_cast<int>(head);
    sel.query = query < 0 ? T - 1 : static_cast<int>(query);
    sel.key = key < 0 ? sel.query : static_cast<int>(key);
    if (sel.query >= T)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "--query %1 is out of range: the input has %2 tokens (0 to %3)"),
            sel.query, T, T - 1);
    const Walkthrough walk = buildWalkthrough(tr, sel); // throws naming head/key

#ifdef ATTNLAB_CLI_RENDER
    std::unique_ptr<QGuiApplication> app;
    if (!QCoreApplication::instance()) {
        // Fonts need a QGuiApplication; without a display, draw offscreen.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") &&
            qEnvironmentVariableIsEmpty("DISPLAY") &&
            qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "attentionlab-cli";
        static char *argv[] = {name, nullptr};
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
    installInApplication(); // the slides' text in the user's language
    WalkthroughBuilder::Options bo;
    bo.precision = precision;
    bo.showUnscaled = unscaled;
    bo.maxRows = WalkthroughExport::kSlideMaxRows;
    const WalkthroughBuilder builder(tr, walk, bo);
    QVector<WtPage> pages;
    for (int s = 0; s < builder.stepCount(); ++s)
        pages << builder.page(s);
    const QPalette palette = WalkthroughExport::slidePalette();
    const QFont font = QGuiApplication::font();
    QString error;
    if (!WalkthroughExport::savePdf(pages, QString::fromStdString(outPath), palette, font, &error))
        throw Error(error.toStdString());
    std::vector<std::string> pngs;
    if (pngPrefix)
        for (int s = 0; s < pages.size(); ++s) {
            const std::string p = *pngPrefix + "-" + std::to_string(s + 1) + ".png";
            if (!WalkthroughExport::savePng(pages[s], QString::fromStdString(p), palette, font, 1.0,
                                            &error))
                throw Error(error.toStdString());
            pngs.push_back(p);
        }
    if (json) {
        nlohmann::json j;
        j["out"] = outPath;
        j["pages"] = pages.size();
        j["block"] = walk.sel.block;
        j["head"] = walk.sel.head;
        j["query"] = walk.sel.query;
        j["key"] = walk.sel.key;
        j["png"] = pngs;
        nlohmann::json w = nlohmann::json::array();
        for (double x : walk.softmax.weights)
            w.push_back(jsonNumber(x));
        j["weights"] = w;
        out << j.dump() << "\n";
    } else {
        out << fill(
                   translate("attn::cli", "wrote %1: %2 steps for query %3 (\"%4\") of %5 head %6"),
                   {outPath, std::to_string(pages.size()), std::to_string(walk.sel.query),
                    tr.queryTokens[static_cast<size_t>(walk.sel.query)], walk.sel.block,
                    std::to_string(walk.sel.head)})
            << "\n";
        for (const auto &p : pngs)
            out << fill(translate("attn::cli", "wrote %1"), {p}) << "\n";
    }
    return 0;
#else
    (void)walk;
    (void)precision;
    (void)unscaled;
    (void)out;
    (void)json;
    throw Error::fmt(
        QT_TRANSLATE_NOOP("attn", "this attentionlab-cli was built without the GUI libraries, so "
                                  "it cannot draw slides (configure with ATTNLAB_BUILD_GUI=ON)"));
#endif
}

} // namespace attn::cli
