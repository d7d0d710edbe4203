#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

// The Data dock: the loaded text, its statistics, and an inline error when a
// file cannot be used. A failed load leaves the previous text in place.
class DataPanel : public QWidget {
    Q_OBJECT
public:
    explicit DataPanel(QWidget *parent = nullptr);

    // Loads a UTF-8 (or BOM-marked UTF-16) text file. On failure shows the reason
    // inline, keeps the current text and returns false with the message in *error.
    bool loadFile(const QString &path, QString *error = nullptr);
    QString text() const { return m_text; }
    QString fileName() const { return m_path; }

signals:
    void textChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showStats();

    QString m_path;
    QString m_text;
    QLabel *m_title = nullptr;
    QLabel *m_stats = nullptr;
    QLabel *m_error = nullptr;
    QPlainTextEdit *m_preview = nullptr;
};
