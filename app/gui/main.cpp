#include "gui/config.h"
#include "gui/mainwindow.h"

#include "core/buildinfo.h"
#include "core/threads.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstring>
#include <memory>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("AttentionLab"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("attentionlab.org"));
    QCoreApplication::setApplicationName(QStringLiteral("AttentionLab"));
    QCoreApplication::setApplicationVersion(QString::fromStdString(attn::engineVersion()));
}

void describe(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "AttentionLab: train small attention models and watch them learn."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QCoreApplication::translate("main", "Text or model files to open."),
        QStringLiteral("[FILE…]"));
}

// --version and --help need no display: answer them before a GUI exists.
bool wantsTextOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        for (const char *opt : {"--version", "-v", "--help", "-h", "-?", "--help-all"})
            if (std::strcmp(argv[i], opt) == 0)
                return true;
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    if (wantsTextOnly(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        describe(parser);
        parser.process(app); // prints and exits
        return 0;
    }

    // Training shares the cores with this window: OpenMP threads that wait must sleep,
    // not spin (may execute the program again, before anything else has happened).
    attn::useSleepingOpenMPWaits(argv);
    QApplication app(argc, argv);
    setIdentity();
    // Lets Wayland compositors match the window to the installed .desktop file and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.attentionlab.AttentionLab"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/attentionlab.svg")));
    QCommandLineParser parser;
    describe(parser);
    parser.process(app);

    attn::gui::MainWindow window(attn::gui::Config::instance());
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty())
        QTimer::singleShot(0, &window, [&window, files] {
            for (const QString &f : files)
                window.openFile(f);
        });
    return app.exec();
}
