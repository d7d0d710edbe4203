#include "datapanel.h"

#include "core/error.h"
#include "core/rng.h"
#include "text/synthetic.h"
#include "text/textfile.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSet>
#include <QVBoxLayout>

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

    auto *form = new QFormLayout;
    form->addRow(m_sourceLabel, m_source);
    form->addRow(m_tokenizerLabel, m_tokenizer);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_about);
    layout->addWidget(m_stats);
    layout->addWidget(m_error);
    layout->addWidget(m_preview, 1);

    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        m_error->hide();
        showSelection();
        emit specChanged();
    });
    connect(m_tokenizer, &QComboBox::currentIndexChanged, this, [this] {
        if (textSelected())
            emit specChanged();
    });
    selectTask(QStringLiteral("reverse"));
    retranslateUi();
}

bool DataPanel::textSelected() const
{
    return m_source->currentData().toInt() == textItemData;
}

attn::DataSpec DataPanel::spec() const
{
    attn::DataSpec s;
    if (textSelected()) {
        s.path = QFile::encodeName(m_path).toStdString();
        s.tokenizer = m_tokenizer->currentData().toString().toStdString();
    } else {
        s.task = attn::taskSpecs().at(size_t(m_source->currentData().toInt())).name;
    }
    return s;
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
            emit specChanged();
        } else {
            m_source->setCurrentIndex(item); // emits specChanged()
        }
        return true;
    } catch (const attn::Error &e) {
        const QString message = QString::fromStdString(e.what());
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
    m_tokenizer->setEnabled(text);
    if (text) {
        m_about->setText(tr("Language modelling on %1: the model learns to predict each next "
                            "token of the text.")
                             .arg(QFileInfo(m_path).fileName()));
        m_stats->setText(tr("%n character(s)", "", m_characters) + QStringLiteral(" · ") +
                         tr("%n line(s)", "", m_lines) + QStringLiteral(" · ") +
                         tr("%n distinct character(s)", "", m_distinct));
        m_preview->setPlainText(m_text.left(200000));
        return;
    }
    // A built-in task: its description and a few examples drawn by its generator.
    const attn::TaskSpec &spec = attn::taskSpecs().at(size_t(m_source->currentData().toInt()));
    const auto task = attn::makeTask(spec.name);
    m_about->setText(tr("Built-in task: %1").arg(taskDescription(spec.name)) +
                     QStringLiteral("\n") +
                     tr("Expected attention: %1").arg(taskPattern(spec.name)));
    m_stats->setText(tr("Vocabulary: %n token(s)", "", task->vocabSize()));
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
    const auto &tasks = attn::taskSpecs();
    for (int i = 0; i < m_source->count(); ++i) {
        const QVariant item = m_source->itemData(i);
        if (!item.isValid())
            continue; // separator
        if (item.toInt() == textItemData)
            m_source->setItemText(i, tr("Text: %1").arg(QFileInfo(m_path).fileName()));
        else
            m_source->setItemText(i, taskTitle(tasks.at(size_t(item.toInt())).name));
    }
    showSelection();
}

QString DataPanel::taskTitle(const std::string &name)
{
    if (name == "copy")
        return tr("Copy (diagonal)");
    if (name == "reverse")
        return tr("Reverse (anti-diagonal)");
    if (name == "sort")
        return tr("Sort digits");
    if (name == "addition")
        return tr("Addition");
    if (name == "dates")
        return tr("Date normalisation");
    return QString::fromStdString(name);
}

QString DataPanel::taskDescription(const std::string &name)
{
    if (name == "copy")
        return tr("repeat a string of letters");
    if (name == "reverse")
        return tr("write a string of letters backwards");
    if (name == "sort")
        return tr("sort a string of digits");
    if (name == "addition")
        return tr("add two decimal numbers");
    if (name == "dates")
        return tr("write a date given in one of over 40 English, Chinese and numeric formats "
                  "as YYYY-MM-DD");
    return QString::fromStdString(name);
}

QString DataPanel::taskPattern(const std::string &name)
{
    if (name == "copy")
        return tr("diagonal: each answer symbol looks at the same position");
    if (name == "reverse")
        return tr("anti-diagonal: the i-th answer symbol looks at the i-th from the end");
    if (name == "sort")
        return tr("each answer digit looks at where that digit occurs in the input");
    if (name == "addition")
        return tr("answer digits look at the aligned digits (and the carry) of both numbers");
    if (name == "dates")
        return tr("answer year, month and day look at the words and numbers that carry them, "
                  "wherever they are");
    return QString();
}

void DataPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
