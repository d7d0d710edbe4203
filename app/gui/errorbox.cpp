#include "gui/errorbox.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

namespace attn::gui {

void showErrorBox(QMainWindow *window, const QString &title, const QString &message)
{
    window->statusBar()->showMessage(message, 10000);
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("errorBox"));
    box->open();
}

} // namespace attn::gui
