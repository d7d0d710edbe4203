#include "gui/aboutdialog.h"

#include "core/buildinfo.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace attn::gui {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    m_title = new QLabel(this);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    m_title->setFont(f);
    m_body = new QLabel(this);
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_body->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *copy = buttons->addButton(tr("Copy Versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this,
            [] { QApplication::clipboard()->setText(versionText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_body);
    layout->addWidget(buttons);
    retranslateUi();
}

QString AboutDialog::versionText()
{
    QString text =
        tr("AttentionLab %1\nQt %2 (built with %3)\nEigen %4\nQCustomPlot %5\n"
           "OpenMP threads: %6\nSIMD: %7\nCompiler: %8")
            .arg(QString::fromStdString(attn::engineVersion()), QString::fromLatin1(qVersion()),
                 QStringLiteral(QT_VERSION_STR), QString::fromStdString(attn::eigenVersion()),
                 QStringLiteral(QCUSTOMPLOT_VERSION_STR))
            .arg(attn::openmpThreads())
            .arg(QString::fromStdString(attn::simdLevel()),
                 QString::fromStdString(attn::compilerVersion()));
    // Which of the engine's copies the loader chose for this CPU.
    const std::string library = attn::engineLibrary();
    if (!library.empty())
        text += QLatin1Char('\n') +
                tr("Engine: %1").arg(QDir::toNativeSeparators(QString::fromStdString(library)));
    return text;
}

void AboutDialog::retranslateUi()
{
    setWindowTitle(tr("About AttentionLab"));
    m_title->setText(tr("AttentionLab"));
    m_body->setText(tr("Watch the attention mechanism learn: train small attention models and "
                       "see every step of softmax(QKᵀ/√dₖ)V with real numbers.") +
                    QStringLiteral("\n\n") + versionText() + QStringLiteral("\n\n") +
                    tr("Licensed under the GNU General Public License, version 3 or later."));
}

void AboutDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace attn::gui
