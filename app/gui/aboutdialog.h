#pragma once

#include <QDialog>

class QLabel;

namespace attn::gui {

// Help ▸ About: what this build is, with the versions a bug report needs.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
    // The version table as plain text (also used by tests and "Copy").
    static QString versionText();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QLabel *m_title = nullptr;
    QLabel *m_body = nullptr;
};

} // namespace attn::gui
