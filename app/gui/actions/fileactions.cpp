#include "gui/actions/fileactions.h"

#include "gui/config.h"
#include "gui/errorbox.h"
#include "gui/panels/datapanel.h"
#include "gui/training/trainingcontroller.h"
#include "gui/training/trainingwiring.h"

#include "io/hfmodel.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStatusBar>

namespace attn::gui {

FileActions::FileActions(Config *config, TrainingController *training, TrainingWiring *wiring,
                         DataPanel *data, QDockWidget *dataDock, QMainWindow *window,
                         QObject *parent)
    : QObject(parent), m_config(config), m_training(training), m_wiring(wiring), m_dataPanel(data),
      m_dataDock(dataDock), m_window(window)
{
    m_openTextAct = new QAction(this);
    m_openTextAct->setShortcut(QKeySequence::Open);
    connect(m_openTextAct, &QAction::triggered, this, [this] {
        openWithDialog(tr("Open Text"), tr("Text files (*.txt *.tsv *.csv);;All files (*)"));
    });
    m_openModelAct = new QAction(this);
    m_openModelAct->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openModelAct, &QAction::triggered, this, [this] {
        openWithDialog(tr("Open Model"), tr("AttentionLab models (*.safetensors);;All files (*)"));
    });
    m_openFolderAct = new QAction(this);
    connect(m_openFolderAct, &QAction::triggered, this, &FileActions::openModelFolderDialog);
    m_saveModelAsAct = new QAction(this);
    m_saveModelAsAct->setShortcut(QKeySequence::SaveAs);
    m_saveModelAsAct->setEnabled(false); // enabled once a model exists
    connect(m_saveModelAsAct, &QAction::triggered, this, &FileActions::saveModelAs);
    m_clearRecentAct = new QAction(this);
    connect(m_clearRecentAct, &QAction::triggered, this, [this] {
        m_config->set(Config::Key::RecentFiles, QStringList());
        updateRecentMenu();
    });

    connect(m_dataPanel, &DataPanel::fileOpened, this, &FileActions::addRecentFile);
    connect(
        m_training, &TrainingController::stateChanged, this, [this](TrainingController::State s) {
            const bool active = s == TrainingController::State::Running ||
                                s == TrainingController::State::Paused ||
                                s == TrainingController::State::Stopping;
            for (QAction *a :
                 {m_openTextAct, m_openModelAct, m_openFolderAct, m_dataPanel->pasteTextAction()})
                a->setEnabled(!active);
            m_saveModelAsAct->setEnabled(s == TrainingController::State::Ready);
        });
    connect(m_training, &TrainingController::saved, this,
            [this](const QString &path, const QString &error) {
                if (!error.isEmpty()) {
                    showError(tr("Cannot Save Model"), error);
                    return;
                }
                addRecentFile(path);
                m_window->statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()),
                                                   5000);
            });
}

void FileActions::addOpenActions(QMenu *menu)
{
    menu->addAction(m_openTextAct);
    menu->addAction(m_dataPanel->pasteTextAction());
    menu->addAction(m_openModelAct);
    menu->addAction(m_openFolderAct);
    menu->addAction(m_saveModelAsAct);
}

void FileActions::addFileMenus(QMenu *menu)
{
    m_recentMenu = menu->addMenu(QString());
    m_samplesMenu = menu->addMenu(QString());
    fillBundledMenu(m_samplesMenu, QStringLiteral(":/samples"),
                    {QStringLiteral("*.txt"), QStringLiteral("*.tsv")});
    m_demoModelsMenu = menu->addMenu(QString());
    fillBundledMenu(m_demoModelsMenu, QStringLiteral(":/models"),
                    {QStringLiteral("*.safetensors")});
    updateRecentMenu();
}

void FileActions::retranslateUi()
{
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_samplesMenu->setTitle(tr("Open &Sample Text"));
    m_demoModelsMenu->setTitle(tr("Open &Demo Model"));
    for (QMenu *menu : {m_samplesMenu, m_demoModelsMenu})
        for (QAction *a : menu->actions())
            a->setText(bundledTitle(a->data().toString()));
    m_openTextAct->setText(tr("Open &Text…"));
    m_openTextAct->setStatusTip(tr("Load a text, TSV or CSV file to train on"));
    m_openModelAct->setText(tr("Open &Model…"));
    m_openModelAct->setStatusTip(tr("Open a saved AttentionLab model (.safetensors)"));
    m_saveModelAsAct->setText(tr("Save Model &As…"));
    m_clearRecentAct->setText(tr("&Clear List"));
    m_openFolderAct->setText(tr("Open &Pretrained Model Folder…"));
    m_openFolderAct->setStatusTip(
        tr("Open a Hugging Face GPT-2 folder (config.json, model.safetensors, vocab.json, "
           "merges.txt)"));
    updateRecentMenu();
}

void FileActions::showError(const QString &title, const QString &message)
{
    showErrorBox(m_window, title, message);
}

QStringList FileActions::recentFiles() const
{
    return m_config->get(Config::Key::RecentFiles).toStringList();
}

void FileActions::addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > Config::maxRecentFiles)
        files.removeLast();
    m_config->set(Config::Key::RecentFiles, files);
    m_config->set(Config::Key::LastDirectory, QFileInfo(absolute).absolutePath());
    updateRecentMenu();
}

void FileActions::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    int n = 0;
    for (const QString &file : files) {
        ++n;
        const QString label = n < 10
                                  ? QStringLiteral("&%1 %2").arg(n).arg(QFileInfo(file).fileName())
                                  : QFileInfo(file).fileName();
        QAction *a = m_recentMenu->addAction(label);
        a->setToolTip(file);
        connect(a, &QAction::triggered, this, [this, file] { openFile(file); });
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_clearRecentAct);
    m_clearRecentAct->setEnabled(!files.isEmpty());
}

bool FileActions::openFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        showError(tr("Cannot Open File"), tr("%1: no such file.").arg(path));
        return false;
    }
    const bool folder = info.isDir();
    if (folder && !attn::isHfModelFolder(QFile::encodeName(path).toStdString())) {
        showError(tr("Cannot Open Model"),
                  tr("%1: not a model folder (it has no config.json).").arg(path));
        return false;
    }
    if (folder || info.suffix().compare(QStringLiteral("safetensors"), Qt::CaseInsensitive) == 0) {
        if (m_training->state() != TrainingController::State::Ready &&
            m_training->state() != TrainingController::State::Empty) {
            showError(tr("Cannot Open Model"), tr("Stop training before opening a model."));
            return false;
        }
        if (!m_wiring->confirmDiscard(tr("Open %1 in its place?").arg(displayName(path))))
            return false;
        // Loading happens in the training thread; the result arrives as
        // modelLoaded() or setupFailed(). A demo model finds its text among the samples;
        // a pretrained one reads the English sample unless a text is open.
        auto setup = m_wiring->makeSetup();
        const QString samples = extractSamples();
        if (!samples.isEmpty()) {
            setup->dataFolders << samples;
            setup->fallbackText = QDir(samples).filePath(QStringLiteral("english.txt"));
        }
        m_training->load(info.absoluteFilePath(), setup);
        addRecentFile(path);
        return true;
    }
    if (m_training->state() != TrainingController::State::Ready &&
        m_training->state() != TrainingController::State::Empty) {
        showError(tr("Cannot Open Text"), tr("Stop training before opening a text."));
        return false;
    }
    // Asked before the Data dock changes: cancelled, nothing changes at all.
    if (!m_wiring->confirmDiscard(
            tr("Open %1 and build a new model for it?").arg(displayName(path))))
        return false;
    const auto agreed = m_wiring->discardAgreed();
    QString error;
    if (!m_dataPanel->loadFile(path, &error)) {
        m_dataDock->show();
        showError(tr("Cannot Open Text"), error);
        return false;
    }
    m_dataDock->show();
    addRecentFile(path);
    m_window->statusBar()->showMessage(tr("Opened %1").arg(info.fileName()), 5000);
    return true;
}

void FileActions::openWithDialog(const QString &title, const QString &filters)
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, title, m_config->get(Config::Key::LastDirectory).toString(), filters);
    if (!path.isEmpty())
        openFile(path);
}

void FileActions::openModelFolderDialog()
{
    const QString path =
        QFileDialog::getExistingDirectory(m_window, tr("Open Pretrained Model Folder"),
                                          m_config->get(Config::Key::LastDirectory).toString());
    if (!path.isEmpty())
        openFile(path);
}

QString FileActions::bundledTitle(const QString &file) const
{
    static const struct {
        const char *file;
        const char *title;
    } titles[] = {
        {"english.txt", QT_TR_NOOP("English Text")},
        {"chinese.txt", QT_TR_NOOP("Chinese Text")},
        {"sentiment.tsv", QT_TR_NOOP("Film Reviews with Sentiment Labels (for a classifier)")},
        {"parallel.tsv", QT_TR_NOOP("Sentence Pairs (for an encoder-decoder)")},
        {"reverse.safetensors", QT_TR_NOOP("Reverse a Word (Transformer language model)")},
        {"english-char-lm.safetensors",
         QT_TR_NOOP("English Characters (Transformer language model)")},
        {"chinese-char-lm.safetensors",
         QT_TR_NOOP("Chinese Characters (Transformer language model)")},
        {"reverse-encdec.safetensors", QT_TR_NOOP("Reverse a Word (Transformer encoder-decoder)")},
        {"dates-bahdanau.safetensors",
         QT_TR_NOOP("Dates to ISO Format (RNN with Bahdanau attention)")},
        {"sentiment-classifier.safetensors",
         QT_TR_NOOP("Sentiment of a Review (attention-pooling classifier)")},
    };
    for (const auto &t : titles)
        if (file == QLatin1String(t.file))
            return tr(t.title);
    return file;
}

QString FileActions::displayName(const QString &path) const
{
    // A bundled file by its title, any other by its file name; in quotation marks.
    return tr("\u201c%1\u201d").arg(bundledTitle(QFileInfo(path).fileName()));
}

void FileActions::fillBundledMenu(QMenu *menu, const QString &folder, const QStringList &patterns)
{
    const QStringList names = QDir(folder).entryList(patterns, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QString resource = folder + QLatin1Char('/') + name;
        QAction *action = menu->addAction(bundledTitle(name));
        action->setData(name); // the file; the text is its title (retranslateUi)
        // A table sample says which model it is for: sentences with labels train a
        // classifier, sentence pairs an encoder-decoder.
        QString kind;
        if (name.startsWith(QLatin1String("sentiment")))
            kind = QStringLiteral("classifier");
        else if (name.startsWith(QLatin1String("parallel")))
            kind = QStringLiteral("seq2seq-rnn");
        else if (name.endsWith(QLatin1String(".txt")))
            kind = QStringLiteral("lm");
        connect(action, &QAction::triggered, this, [this, resource, kind] {
            const QString path = extractBundled(resource);
            if (path.isEmpty() ||
                !m_wiring->confirmDiscard(
                    tr("Open %1 and build a new model for it?").arg(displayName(path))))
                return;
            const auto agreed = m_wiring->discardAgreed();
            if (!kind.isEmpty() && m_training->state() == TrainingController::State::Ready)
                m_wiring->switchKind(kind);
            openFile(path);
        });
    }
    menu->setEnabled(!names.isEmpty());
}

QString FileActions::extractSamples()
{
    QString folder;
    const QStringList names = QDir(QStringLiteral(":/samples")).entryList(QDir::Files);
    for (const QString &name : names) {
        const QString path = extractBundled(QStringLiteral(":/samples/") + name);
        if (!path.isEmpty())
            folder = QFileInfo(path).absolutePath();
    }
    return folder;
}

QString FileActions::extractBundled(const QString &resource)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                        QStringLiteral("/bundled");
    const QString path = dir + QLatin1Char('/') + QFileInfo(resource).fileName();
    QFile source(resource);
    if (QFileInfo(path).size() == source.size())
        return path; // extracted before (bundled files never change within a version)
    QSaveFile out(path);
    if (!QDir().mkpath(dir) || !source.open(QIODevice::ReadOnly) ||
        !out.open(QIODevice::WriteOnly) || out.write(source.readAll()) != source.size() ||
        !out.commit()) {
        showError(tr("Cannot Open Sample"),
                  tr("%1: cannot be copied to %2 (%3).").arg(resource, path, out.errorString()));
        return QString();
    }
    return path;
}

void FileActions::saveModelAs()
{
    if (m_training->state() != TrainingController::State::Ready) {
        showError(tr("Cannot Save Model"), tr("Pause or stop training before saving."));
        return;
    }
    QString path = QFileDialog::getSaveFileName(
        m_window, tr("Save Model As"), m_config->get(Config::Key::LastDirectory).toString(),
        tr("AttentionLab models (*.safetensors)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".safetensors");
    m_training->save(path);
}

} // namespace attn::gui
