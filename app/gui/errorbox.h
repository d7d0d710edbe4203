#pragma once

#include <QString>

class QMainWindow;

namespace attn::gui {

// A failure told twice: in the window's status bar and in a window-modal box that does
// not block (the event loop, and training, keep running).
void showErrorBox(QMainWindow *window, const QString &title, const QString &message);

} // namespace attn::gui
