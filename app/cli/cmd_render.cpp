// attentionlab-cli render: draws one of the GUI's views of a model offscreen and writes
// it to PNG, SVG or PDF, for figures in papers and slides. Needs the GUI build (the views
// live in attnwidgets); without it the command says so.

#include "cli/cli.h"
#include "cli/clicommon.h"
#include "cli/clitr.h"

#include "core/error.h"

#ifdef ATTNLAB_CLI_RENDER
#include "attention/allheadsgrid.h"
#include "attention/attentionlinesview.h"
#include "attention/heatmapview.h"
#include "loss/losshistory.h"
#include "loss/lossplotview.h"
#include "theme/themepalettes.h"
#include "viewexport.h"

#include "core/threads.h"
#include "models/transformerlm.h"
#include "tokenizers/tokenizer.h"

#include <QApplication>
#include <QFileInfo>
#include <QStyleFactory>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#endif

namespace attn::cli {

#ifndef ATTNLAB_CLI_RENDER

int runRender(const Args &, std::ostream &, std::ostream &)
{
    throw Error::fmt(QT_TRANSLATE_NOOP(
        "attn", "this attentionlab-cli was built without the GUI (ATTNLAB_BUILD_GUI=OFF), so it "
                "cannot draw views; rebuild with the GUI to use 'render'"));
}

#else

namespace {

// The process's QApplication: the one that exists (tests), or one on the offscreen
// platform, so render works without a display.
// Qt's chatter on the offscreen platform ("does not support propagateSizeHints") is not
// the user's business; errors reach them as attn::Error.
void quietQt(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtCriticalMsg || type == QtFatalMsg)
        std::fprintf(stderr, "%s\n", qPrintable(message));
}

// The CLI's translation goes into it, so the views' text follows the user's language.
QApplication *ensureApplication()
{
    if (auto *app = qobject_cast<QApplication *>(QCoreApplication::instance())) {
        installInApplication();
        return app;
    }
    if (QCoreApplication::instance())
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "render needs a QApplication, but a non-GUI Qt application exists"));
    qInstallMessageHandler(quietQt);
    static int argc = 3;
    static char arg0[] = "attentionlab-cli", arg1[] = "-platform", arg2[] = "offscreen";
    static char *argv[] = {arg0, arg1, arg2, nullptr};
    // Never destroyed: a function-static QApplication's destructor runs among the exit
    // handlers, after statics Qt Gui's post routines use, and crashed the process (SIGSEGV
    // after the file was written). The process ends right after render anyway.
    static auto *app = new QApplication(argc, argv);
    // Fusion draws the same on every machine: figures do not depend on the desktop.
    if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    installInApplication();
    return app;
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The loss history a model file's training summary carries ("history"), or an error
// that says the file has none.
QVector<LossPoint> historyFromModelFile(const std::string &path)
{
    const LoadedModel file = loadModelFile(path);
    const auto it = file.metadata.find(modelfile::TrainingKey);
    nlohmann::json training;
    if (it != file.metadata.end())
        training = nlohmann::json::parse(it->second, nullptr, false);
    if (!training.is_object() || !training.contains("history")) {
        if (std::isnan(file.training.trainLoss))
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: its training summary has no loss history (only the "
                                          "final values: %2 steps); export one from the app (File "
                                          "> Export > Loss History...) and give it with --history "
                                          "FILE.json"),
                path, file.training.steps);
        std::ostringstream loss; // as a stream prints a float (6 significant digits)
        loss << file.training.trainLoss;
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: its training summary has no loss history (only the "
                                      "final values: %2 steps, loss %3); export one from the app "
                                      "(File > Export > Loss History...) and give it with "
                                      "--history FILE.json"),
            path, file.training.steps, loss.str());
    }
    QVector<LossPoint> points;
    QString error;
    if (!LossHistory::fromJson(QByteArray::fromStdString(training["history"].dump()), &points,
                               &error))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: %2"), path, error.toStdString());
    return points;
}

QVector<LossPoint> historyFromFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot be read"), path);
    constexpr std::streamsize maxBytes = 512 << 20;
    std::string bytes;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        bytes.append(buf, static_cast<size_t>(in.gcount()));
        if (static_cast<std::streamsize>(bytes.size()) > maxBytes)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: larger than 512 MiB; not a loss history"), path);
    }
    QVector<LossPoint> points;
    QString error;
    if (!LossHistory::fromJson(QByteArray::fromStdString(bytes), &points, &error))
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1: %2 (expected the JSON that File > Export > Loss History writes)"),
            path, error.toStdString());
    if (points.isEmpty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: the loss history has no points"), path);
    return points;
}

} // namespace

// attentionlab-cli render --model M --text T --view heatmap|grid|lines|loss
//     [--layer L] [--head H|mean] --out fig.png|svg|pdf [--width W] [--height H]
//     [--scale S] [--theme light|dark|high-contrast] [--history loss.json]
int runRender(const Args &args, std::ostream &out, std::ostream &err)
{
    const std::string view = args.value("view", "heatmap");
    const auto modelPath = args.value("model");
    const auto text = args.value("text");
    const auto history = args.value("history");
    const std::string outPath = args.required("out");
    const long long layer = args.integer("layer", 0, 0, 1'000'000);
    const std::string headText = args.value("head", "mean");
    // 0: the view's own size (heatmap and loss: 1000x800; grid and lines: their content).
    int width = static_cast<int>(args.integer("width", 0, 0, 8000));
    int height = static_cast<int>(args.integer("height", 0, 0, 8000));
    if ((width > 0 && width < 100) || (height > 0 && height < 100))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "--width and --height: expected at least 100 pixels"));
    const double scale = args.real("scale", 2.0, 0.25, 8.0);
    const std::string themeName = args.value("theme", "light");
    const bool json = args.flag("json");
    args.rejectUnused();

    if (view != "heatmap" && view != "grid" && view != "lines" && view != "loss")
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "--view '%1': expected heatmap, grid, lines or loss"), view);
    const std::string suffix =
        lower(QFileInfo(QString::fromStdString(outPath)).suffix().toStdString());
    if (suffix != "png" && suffix != "svg" && suffix != "pdf")
        throw Error::fmt(QT_TRANSLATE_NOOP(
                             "attn", "--out %1: expected a file name ending in .png, .svg or .pdf"),
                         outPath);
    checkOutputPath(outPath, "out");
    ThemePalettes::Theme theme{};
    if (!ThemePalettes::fromName(QString::fromStdString(themeName), &theme) ||
        theme == ThemePalettes::Theme::System)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "--theme '%1': expected light, dark or high-contrast"),
            themeName);
    int head = -1;
    if (headText != "mean") {
        long long h = -1;
        const auto [ptr, ec] =
            std::from_chars(headText.data(), headText.data() + headText.size(), h);
        if (headText.empty() || ec != std::errc() || ptr != headText.data() + headText.size() ||
            h < 0 || h > 1'000'000)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "--head '%1': expected a head number (0, 1, ...) or 'mean'"),
                headText);
        head = static_cast<int>(h);
    }

    // Read everything before any window exists: errors come first and fast.
    std::shared_ptr<AttentionTrace> trace;
    QVector<LossPoint> points;
    std::string what;
    if (view == "loss") {
        if (text)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "--text is not used by --view loss"));
        if (history && modelPath)
            throw Error::fmt(QT_TRANSLATE_NOOP(
                "attn", "give either --model or --history for --view loss, not both"));
        if (history)
            points = historyFromFile(*history);
        else if (modelPath)
            points = historyFromModelFile(*modelPath);
        else
            throw Error::fmt(QT_TRANSLATE_NOOP(
                "attn",
                "--view loss needs --model FILE (with a loss history) or --history FILE.json"));
        what = fill(translate("attn::cli", "loss curves of %1 logged step(s)"),
                    {std::to_string(points.size())});
    } else {
        if (history)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "--history is only used by --view loss"));
        if (!modelPath)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "missing --model FILE"));
        if (!text)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "missing --text: the input whose attention is drawn"));
        setThreads(1);
        const LoadedLm m = loadLm(*modelPath);
        printWarnings(m.file, err);
        const TransformerConfig &c = m.lm->config();
        const std::vector<TokenId> ids = encodePrompt(m, *modelPath, *text);
        if (static_cast<int>(ids.size()) > c.n_ctx)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "--text has %1 tokens; %2 takes at most %3"),
                             std::to_string(ids.size()), *modelPath, std::to_string(c.n_ctx));
        if (layer >= c.n_layers)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "--layer %1: %2 has %3 layer(s), numbered from 0"),
                std::to_string(layer), *modelPath, std::to_string(c.n_layers));
        if (head >= c.n_heads)
            throw Error::fmt(QT_TRANSLATE_NOOP(
                                 "attn", "--head %1: %2 has %3 head(s) per layer, numbered from 0"),
                             std::to_string(head), *modelPath, std::to_string(c.n_heads));
        Batch one;
        one.batch = 1;
        one.length = static_cast<int>(ids.size());
        one.inputs = ids;
        trace = std::make_shared<AttentionTrace>(m.lm->trace(one));
        trace->queryTokens.clear();
        for (TokenId id : trace->queryIds)
            trace->queryTokens.push_back(m.file.tokenizer->tokenText(id));
        trace->keyTokens.clear();
        for (TokenId id : trace->keyIds)
            trace->keyTokens.push_back(m.file.tokenizer->tokenText(id));
        const std::string tokens = std::to_string(ids.size());
        if (view == "grid")
            what = fill(translate("attn::cli", "all heads (%1 x %2) for %3 token(s)"),
                        {std::to_string(c.n_layers), std::to_string(c.n_heads), tokens});
        else if (head < 0)
            what = fill(translate("attn::cli", "%1 of layer %2, mean of heads for %3 token(s)"),
                        {view, std::to_string(layer), tokens});
        else
            what = fill(translate("attn::cli", "%1 of layer %2, head %3 for %4 token(s)"),
                        {view, std::to_string(layer), std::to_string(head), tokens});
    }

    ensureApplication();
    const QPalette palette = ThemePalettes::palette(theme);
    QApplication::setPalette(palette);

    std::unique_ptr<QWidget> widget;
    if (view == "heatmap") {
        auto *v = new HeatmapView;
        widget.reset(v);
        v->setTrace(trace);
        v->setBlock(static_cast<int>(layer));
        v->setHead(head);
    } else if (view == "grid") {
        auto *v = new AllHeadsGrid;
        widget.reset(v);
        v->setTrace(trace);
        v->setCurrent(-1, -1);
    } else if (view == "lines") {
        auto *v = new AttentionLinesView;
        widget.reset(v);
        v->setTrace(trace);
        v->setBlock(static_cast<int>(layer));
        v->setHead(head);
    } else {
        auto *v = new LossPlotView;
        widget.reset(v);
        v->appendPoints(points);
    }
    widget->setPalette(palette);
    // Grid and lines: their content's proportions, at least 900 (grid) or 700 (lines) wide.
    QSize fit(1000, 800);
    const QSize hint = widget->sizeHint().boundedTo(QSize(4000, 4000)).expandedTo(QSize(200, 200));
    if (view == "grid") {
        const double grow = std::max(1.0, 900.0 / hint.width());
        fit = QSize(int(hint.width() * grow), int(hint.height() * grow));
    } else if (view == "lines") {
        fit = QSize(std::max(hint.width(), 700), hint.height());
    }
    if (width == 0)
        width = fit.width();
    if (height == 0)
        height = fit.height();
    widget->setAttribute(Qt::WA_DontShowOnScreen);
    widget->resize(width, height);
    widget->show();
    QCoreApplication::processEvents();
    if (auto *h = qobject_cast<HeatmapView *>(widget.get()))
        h->flush();
    else if (auto *l = qobject_cast<LossPlotView *>(widget.get()))
        l->flush();

    const QString qpath = QString::fromStdString(outPath);
    QString error;
    const bool ok = suffix == "png" ? ViewExport::savePng(widget.get(), qpath, scale, &error)
                                    : ViewExport::saveImage(widget.get(), qpath, &error);
    widget.reset();
    if (!ok)
        throw Error(error.toStdString());

    const auto bytes = QFileInfo(qpath).size();
    if (json) {
        nlohmann::json j;
        j["out"] = outPath;
        j["view"] = view;
        j["width"] = width;
        j["height"] = height;
        j["bytes"] = bytes;
        j["theme"] = themeName;
        out << j.dump() << "\n";
    } else {
        std::ostringstream scaleText; // as a stream prints a double ("2", "1.5")
        scaleText << scale;
        if (suffix == "png")
            out << fill(translate("attn::cli", "wrote %1: %2, %3x%4 at %5x (%6 bytes)"),
                        {outPath, what, std::to_string(width), std::to_string(height),
                         scaleText.str(), std::to_string(bytes)});
        else
            out << fill(translate("attn::cli", "wrote %1: %2, %3x%4 (%5 bytes)"),
                        {outPath, what, std::to_string(width), std::to_string(height),
                         std::to_string(bytes)});
        out << "\n";
    }
    return 0;
}

#endif

} // namespace attn::cli
