#include "gui/panels/datapanel.h"

#include "common/errortext.h"

#include "core/error.h"
#include "core/rng.h"
#include "data/synthetic.h"
#include "text/textfile.h"
#include "tokenchips.h"
#include "tokenizers/tokenizer.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>
#include <string_view>

namespace attn::gui {

namespace {
const int textItemData = -1; // item data of the "text file" entry; tasks use their index
}

DataPanel::DataPanel(QWidget *parent) : QWidget(parent)
{
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("dataSource"));
    const auto &tasks = attn::taskSpecs();
    for (int i = 0; i < int(tasks.size()); ++i)
        m_source->addItem(QString(), i);
    m_tokenizer = new QComboBox(this);
    m_tokenizer->addItem(QString(), QStringLiteral("char"));
    m_tokenizer->addItem(QString(), QStringLiteral("word"));
    m_tokenizer->addItem(QString(), QStringLiteral("bpe"));
    m_sourceLabel = new QLabel(this);
    m_tokenizerLabel = new QLabel(this);
    m_about = new QLabel(this);
    m_about->setWordWrap(true);
    m_stats = new QLabel(this);
    m_stats->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_error->hide();
    m_preview = new QPlainTextEdit(this);
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_chipsLabel = new QLabel(this);
    m_chipsLabel->setWordWrap(true);
    m_chips = new attn::TokenChips(this);
    m_chips->setObjectName(QStringLiteral("probeChips"));
    m_chips->setMaximumChips(160);
    m_dataStats = new QLabel(this);
    m_dataStats->setObjectName(QStringLiteral("dataStats"));
    m_dataStats->setWordWrap(true);
    m_dataStats->setTextFormat(Qt::RichText);
    m_pasteAction = new QAction(this);
    m_pasteAction->setObjectName(QStringLiteral("pasteTextAction"));
    connect(m_pasteAction, &QAction::triggered, this, &DataPanel::pasteTextDialog);
    m_pasteButton = new QToolButton(this);
    m_pasteButton->setDefaultAction(m_pasteAction);
    m_pasteButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *form = new QFormLayout;
    form->addRow(m_sourceLabel, m_source);
    form->addRow(m_tokenizerLabel, m_tokenizer);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_pasteButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_about);
    layout->addWidget(m_stats);
    layout->addWidget(m_dataStats);
    layout->addWidget(m_error);
    layout->addWidget(m_chipsLabel);
    layout->addWidget(m_chips);
    layout->addWidget(m_preview, 1);
    setAcceptDrops(true);

    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        dropModelTokenizer();
        m_error->hide();
        showSelection();
        refreshStats();
        emit specChanged();
    });
    connect(m_tokenizer, &QComboBox::currentIndexChanged, this, [this] {
        if (textSelected()) {
            refreshStats();
            emit specChanged();
        }
    });
    selectTask(QStringLiteral("reverse"));
    retranslateUi();
    if (!m_statsPending)
        refreshStats();
}

DataPanel::~DataPanel()
{
    // A stats job reads only its own copies, but delivers to this object: let it end.
    for (const QPointer<QThread> &job : m_jobs)
        if (job)
            job->wait();
}

bool DataPanel::textSelected() const
{
    return m_source->currentData().toInt() == textItemData;
}

attn::DataSpec DataPanel::spec() const
{
    attn::DataSpec s;
    s.format = m_format;
    if (textSelected()) {
        s.path = QFile::encodeName(m_path).toStdString();
        // With a model's own tokenizer, the dock's choice stays what a new model would use.
        s.tokenizer =
            m_tokenizer
                ->itemData(m_modelTokenizer ? m_ownTokenizerIndex : m_tokenizer->currentIndex())
                .toString()
                .toStdString();
    } else {
        s.task = attn::taskSpecs().at(size_t(m_source->currentData().toInt())).name;
    }
    return s;
}

void DataPanel::setFormat(const std::string &format)
{
    if (format == m_format)
        return;
    m_format = format;
    showSelection();
    refreshStats();
}

bool DataPanel::setTokenizer(const QString &kind)
{
    const int i = m_tokenizer->findData(kind);
    if (i < 0 || kind == QLatin1String("model"))
        return false;
    if (m_modelTokenizer) {
        dropModelTokenizer();
        m_ownTokenizerIndex = i;
    }
    if (i != m_tokenizer->currentIndex()) {
        const QSignalBlocker block(m_tokenizer);
        m_tokenizer->setCurrentIndex(i);
        refreshStats();
    }
    return true;
}

void DataPanel::setModelTokenizer(std::shared_ptr<const attn::Tokenizer> tokenizer)
{
    dropModelTokenizer();
    if (tokenizer) {
        m_modelTokenizer = std::move(tokenizer);
        const QSignalBlocker block(m_tokenizer);
        m_ownTokenizerIndex = m_tokenizer->currentIndex();
        m_tokenizer->addItem(QString(), QStringLiteral("model"));
        m_tokenizer->setCurrentIndex(m_tokenizer->count() - 1);
        retranslateUi();
        showSelection();
    }
    refreshStats();
}

void DataPanel::dropModelTokenizer()
{
    if (!m_modelTokenizer)
        return;
    m_modelTokenizer.reset();
    const QSignalBlocker block(m_tokenizer);
    m_tokenizer->removeItem(m_tokenizer->findData(QStringLiteral("model")));
    m_tokenizer->setCurrentIndex(m_ownTokenizerIndex);
    showSelection();
}

bool DataPanel::selectTask(const QString &name)
{
    const auto &tasks = attn::taskSpecs();
    for (int i = 0; i < int(tasks.size()); ++i)
        if (QString::fromStdString(tasks[size_t(i)].name) == name) {
            m_source->setCurrentIndex(m_source->findData(i));
            return true;
        }
    return false;
}

bool DataPanel::loadFile(const QString &path, QString *error)
{
    try {
        const attn::TextFile file = attn::readTextFile(QFile::encodeName(path).toStdString());
        dropModelTokenizer(); // another text: the dock's own tokenizer again
        m_path = path;
        m_text = QString::fromStdString(file.text);
        // Counted once here, not on every redisplay (language switches included).
        QSet<char32_t> distinct;
        m_characters = 0;
        for (char32_t c : m_text.toUcs4()) {
            distinct.insert(c);
            ++m_characters;
        }
        m_distinct = int(distinct.size());
        m_lines = m_text.isEmpty() ? 0 : int(m_text.count(QLatin1Char('\n'))) + 1;
        m_error->hide();
        int item = m_source->findData(textItemData);
        if (item < 0) {
            m_source->insertSeparator(m_source->count());
            m_source->addItem(QString(), textItemData);
            item = m_source->count() - 1;
        }
        retranslateUi();
        if (m_source->currentIndex() == item) {
            showSelection();
            refreshStats();
            emit specChanged();
        } else {
            m_source->setCurrentIndex(item); // emits specChanged()
        }
        return true;
    } catch (const attn::Error &e) {
        const QString message = attn::errorText(e);
        m_error->setText(message);
        m_error->show();
        if (error)
            *error = message;
        return false;
    }
}

void DataPanel::showSelection()
{
    const bool text = textSelected();
    m_tokenizer->setEnabled(text && !m_modelTokenizer);
    if (text) {
        const QString name = QFileInfo(m_path).fileName();
        if (m_format == "classify")
            m_about->setText(tr("Classification on %1: the model learns the label of each "
                                "text (the table's text and label columns).")
                                 .arg(name));
        else if (m_format == "pairs")
            m_about->setText(tr("Sequence to sequence on %1: the model learns to write each "
                                "row's target from its source (the table's first two columns).")
                                 .arg(name));
        else
            m_about->setText(tr("Language modelling on %1: the model learns to predict each "
                                "next token of the text.")
                                 .arg(name));
        m_stats->setText(tr("%n character(s)", "", m_characters) + QStringLiteral(" · ") +
                         tr("%n line(s)", "", m_lines) + QStringLiteral(" · ") +
                         tr("%n distinct character(s)", "", m_distinct));
        m_stats->show();
        m_preview->setPlainText(m_text.left(200000));
        return;
    }
    // A built-in task: its description and a few examples drawn by its generator.
    const attn::TaskSpec &spec = attn::taskSpecs().at(size_t(m_source->currentData().toInt()));
    const auto task = attn::makeTask(spec.name);
    const TaskText about = taskText(spec.name);
    m_about->setText(tr("Built-in task: %1").arg(about.description) + QStringLiteral("\n") +
                     tr("Expected attention: %1").arg(about.pattern));
    // The vocabulary is in the statistics table below.
    m_stats->hide();
    attn::Rng rng(7);
    QStringList examples;
    for (int i = 0; i < 12; ++i) {
        const attn::TaskExample e = task->sample(rng);
        examples << QStringLiteral("%1  →  %2")
                        .arg(QString::fromStdString(e.source), QString::fromStdString(e.target));
    }
    m_preview->setPlainText(examples.join(QLatin1Char('\n')));
}

void DataPanel::retranslateUi()
{
    m_sourceLabel->setText(tr("Train on"));
    m_source->setToolTip(tr("A built-in task that shows a clear attention pattern, or the "
                            "text file you opened"));
    m_tokenizerLabel->setText(tr("Tokens"));
    m_tokenizer->setToolTip(tr("How a text is cut into tokens: characters, words (each Chinese "
                               "character its own word), or byte-pair encoding"));
    m_tokenizer->setItemText(0, tr("Characters"));
    m_tokenizer->setItemText(1, tr("Words"));
    m_tokenizer->setItemText(2, tr("Byte-pair encoding"));
    if (m_modelTokenizer)
        m_tokenizer->setItemText(
            m_tokenizer->findData(QStringLiteral("model")),
            m_modelTokenizer->kind() == "gpt2"
                ? tr("GPT-2's own")
                : tr("The model's own (%1)").arg(QString::fromStdString(m_modelTokenizer->kind())));
    m_pasteAction->setText(tr("Paste Text…"));
    m_pasteAction->setToolTip(tr("Train on text you paste: it is saved as a file and opened"));
    m_chipsLabel->setText(tr("Probe example (the input the attention views follow), one chip "
                             "a token:"));
    const auto &tasks = attn::taskSpecs();
    for (int i = 0; i < m_source->count(); ++i) {
        const QVariant item = m_source->itemData(i);
        if (!item.isValid())
            continue; // separator
        if (item.toInt() == textItemData)
            m_source->setItemText(i, tr("Text: %1").arg(QFileInfo(m_path).fileName()));
        else
            m_source->setItemText(i, taskText(tasks.at(size_t(item.toInt())).name).title);
    }
    showSelection();
    showStats();
}

DataPanel::TaskText DataPanel::taskText(const std::string &name)
{
    if (name == "copy")
        return {tr("Copy (diagonal)"), tr("repeat a string of letters"),
                tr("diagonal: each answer symbol looks at the same position")};
    if (name == "reverse")
        return {tr("Reverse (anti-diagonal)"), tr("write a string of letters backwards"),
                tr("anti-diagonal: the i-th answer symbol looks at the i-th from the end")};
    if (name == "sort")
        return {tr("Sort digits"), tr("sort a string of digits"),
                tr("each answer digit looks at where that digit occurs in the input")};
    if (name == "addition")
        return {tr("Addition"), tr("add two decimal numbers"),
                tr("answer digits look at the aligned digits (and the carry) of both numbers")};
    if (name == "dates")
        return {tr("Date normalisation"),
                tr("write a date given in one of over 40 English, Chinese and numeric formats "
                   "as YYYY-MM-DD"),
                tr("answer year, month and day look at the words and numbers that carry them, "
                   "wherever they are")};
    const QString raw = QString::fromStdString(name);
    return {raw, raw, QString()};
}

void DataPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DataPanel::refreshStats()
{
    const int generation = ++m_statsGeneration;
    m_statsPending = true;
    m_statsValue = Stats();
    showStats();
    // The job works on copies; building an Experiment reads and tokenizes the whole file
    // (a BPE vocabulary is learnt from it), which can take seconds for a large one.
    const attn::DataSpec spec = this->spec();
    const std::string text = textSelected() ? m_text.toStdString() : std::string();
    const bool isText = textSelected();
    // An opened model's tokenizer: shared, read-only (its encoding cache is locked).
    const std::shared_ptr<const attn::Tokenizer> own = isText ? m_modelTokenizer : nullptr;
    auto result = std::make_shared<Stats>();
    QThread *job = QThread::create([spec, text, isText, own, result] {
        try {
            const auto e = attn::Experiment::create(spec, own.get());
            result->vocabSize = e->vocabSize();
            result->trainExamples = qint64(e->trainExamples());
            result->validationExamples = qint64(e->validationExamples());
            result->sequenceLength = e->sequenceLength();
            result->sourceLength = e->sourceLength();
            result->tokens = isText ? qint64(e->tokenizer().encode(text).size()) : -1;
            const attn::Batch probe = e->probe();
            auto add = [&](attn::TokenId id) {
                if (id == attn::Tokenizer::Pad)
                    return;
                result->probeTokens << QString::fromStdString(e->tokenLabel(id));
                result->probeIds << int(id);
            };
            if (probe.sourceLength > 0) {
                // (B, S) encoder ids: row 0, its real length
                const int n =
                    probe.sourceLengths.empty() ? probe.sourceLength : probe.sourceLengths.front();
                for (int i = 0; i < n; ++i)
                    add(probe.source.at(size_t(i)));
                result->probeSplit = int(result->probeTokens.size());
            }
            for (int i = 0; i < probe.length && size_t(i) < probe.inputs.size(); ++i)
                add(probe.inputs[size_t(i)]); // (B, T) input ids, row 0
            if (result->probeSplit >= int(result->probeTokens.size()))
                result->probeSplit = -1;
            result->valid = true;
        } catch (const std::exception &e) {
            result->error = attn::errorText(e);
        }
    });
    m_jobs << job;
    connect(job, &QThread::finished, job, &QObject::deleteLater);
    connect(job, &QThread::finished, this, [this, job, generation, result] {
        m_jobs.removeAll(job);
        if (generation != m_statsGeneration)
            return; // the selection changed meanwhile; a newer job answers
        m_statsValue = *result;
        m_statsPending = false;
        showStats();
        emit statsReady();
    });
    job->start(QThread::LowPriority);
}

void DataPanel::showStats()
{
    const Stats &s = m_statsValue;
    if (m_statsPending) {
        m_dataStats->setText(tr("Reading the data…"));
        m_chips->clear();
        return;
    }
    if (!s.valid) {
        m_dataStats->clear();
        m_chips->clear();
        if (!s.error.isEmpty()) {
            m_error->setText(s.error);
            m_error->show();
        }
        return;
    }
    const QLocale locale;
    auto row = [](const QString &name, const QString &value) {
        return QStringLiteral("<tr><td>%1</td><td style=\"padding-left:8px\">%2</td></tr>")
            .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">");
    if (s.tokens < 0) {
        html += row(tr("Examples"), tr("generated on the fly"));
    } else {
        html += row(tr("Examples"), tr("%1 training · %2 validation")
                                        .arg(locale.toString(s.trainExamples),
                                             locale.toString(s.validationExamples)));
        html += row(tr("Tokens", "how many tokens the text has"), locale.toString(s.tokens));
    }
    html += row(tr("Vocabulary"), tr("%Ln token(s)", "", s.vocabSize));
    QString longest = tr("%Ln token(s)", "", s.sequenceLength);
    if (s.sourceLength > 0)
        longest += QStringLiteral(" · ") + tr("source %Ln", "", s.sourceLength);
    html += row(tr("Longest sequence"), longest);
    html += QStringLiteral("</table>");
    m_dataStats->setText(html);
    m_chips->setTokens(s.probeTokens, s.probeIds);
    m_chips->setSplitAt(s.probeSplit);
}

bool DataPanel::isDroppableFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("txt") || suffix == QLatin1String("csv") ||
           suffix == QLatin1String("tsv");
}

bool DataPanel::loadText(const QString &text, QString *error)
{
    const QByteArray bytes = text.toUtf8();
    auto fail = [&](const QString &message) {
        m_error->setText(message);
        m_error->show();
        if (error)
            *error = message;
        return false;
    };
    try {
        // The engine's checks first, so refused text is never saved.
        attn::decodeTextBytes(std::string_view(bytes.constData(), size_t(bytes.size())),
                              tr("pasted text").toStdString());
    } catch (const attn::Error &e) {
        return fail(attn::errorText(e));
    }
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                        QStringLiteral("/pasted");
    const QString path =
        dir + QStringLiteral("/pasted-") +
        QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")) +
        QStringLiteral(".txt");
    QSaveFile out(path);
    if (!QDir().mkpath(dir) || !out.open(QIODevice::WriteOnly) ||
        out.write(bytes) != bytes.size() || !out.commit())
        return fail(tr("%1: cannot save the pasted text (%2).").arg(path, out.errorString()));
    if (!loadFile(path, error))
        return false;
    emit fileOpened(path);
    return true;
}

void DataPanel::pasteTextDialog()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Paste Text"));
    auto *label = new QLabel(tr("Text to train on (it is saved as a file in the app's data "
                                "folder and opened):"),
                             &dialog);
    label->setWordWrap(true);
    auto *edit = new QPlainTextEdit(&dialog);
    edit->setObjectName(QStringLiteral("pasteEdit"));
    if (const QClipboard *clipboard = QGuiApplication::clipboard())
        edit->setPlainText(clipboard->text());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Use This Text"));
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(label);
    layout->addWidget(edit, 1);
    layout->addWidget(buttons);
    dialog.resize(560, 420);
    if (dialog.exec() == QDialog::Accepted)
        loadText(edit->toPlainText());
}

namespace {
QString droppedFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return QString();
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile() && DataPanel::isDroppableFile(url.toLocalFile()))
            return url.toLocalFile();
    return QString();
}
} // namespace

void DataPanel::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void DataPanel::dragMoveEvent(QDragMoveEvent *event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void DataPanel::dropEvent(QDropEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    if (loadFile(path)) // a failure is shown inline
        emit fileOpened(path);
}

} // namespace attn::gui
