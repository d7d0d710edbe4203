#include "datapanel.h"

#include "core/error.h"
#include "text/textfile.h"

#include <QEvent>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSet>
#include <QVBoxLayout>

DataPanel::DataPanel(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    m_stats = new QLabel(this);
    m_stats->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_error->hide();
    m_preview = new QPlainTextEdit(this);
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::WidgetWidth);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_stats);
    layout->addWidget(m_error);
    layout->addWidget(m_preview, 1);
    retranslateUi();
}

bool DataPanel::loadFile(const QString &path, QString *error)
{
    try {
        const attn::TextFile file = attn::readTextFile(QFile::encodeName(path).toStdString());
        m_path = path;
        m_text = QString::fromStdString(file.text);
        m_preview->setPlainText(m_text.left(200000));
        m_error->hide();
        retranslateUi();
        emit textChanged();
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

void DataPanel::showStats()
{
    if (m_path.isEmpty()) {
        m_stats->setText(tr("Open a text file (File ▸ Open Text…) or drop one here."));
        return;
    }
    QSet<char32_t> distinct;
    qsizetype characters = 0;
    for (char32_t c : m_text.toUcs4()) {
        distinct.insert(c);
        ++characters;
    }
    const qsizetype lines = m_text.isEmpty() ? 0 : m_text.count(QLatin1Char('\n')) + 1;
    m_stats->setText(tr("%n character(s)", "", int(characters)) + QStringLiteral(" · ") +
                     tr("%n line(s)", "", int(lines)) + QStringLiteral(" · ") +
                     tr("%n distinct character(s)", "", int(distinct.size())));
}

void DataPanel::retranslateUi()
{
    m_title->setText(m_path.isEmpty() ? tr("No text loaded") : QFileInfo(m_path).fileName());
    showStats();
}

void DataPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
