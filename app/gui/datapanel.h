#pragma once

#include "train/experiment.h"

#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;

// The Data dock: choose a built-in task or a loaded text file, see examples or
// the text, and an inline error when a file cannot be used. A failed load
// leaves the previous choice in place.
class DataPanel : public QWidget {
    Q_OBJECT
public:
    explicit DataPanel(QWidget *parent = nullptr);

    // Loads a UTF-8 (or BOM-marked UTF-16) text file and selects it. On failure
    // shows the reason inline, keeps the current data and returns false with the
    // message in *error.
    bool loadFile(const QString &path, QString *error = nullptr);
    QString text() const { return m_text; }
    QString fileName() const { return m_path; }

    // What to train on, as the engine takes it.
    attn::DataSpec spec() const;
    // Selects a built-in task by name ("reverse"); false when unknown.
    bool selectTask(const QString &name);

signals:
    // The choice of data changed: the model must be rebuilt for it.
    void specChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showSelection();
    bool textSelected() const;
    // The task's name in the interface language.
    static QString taskTitle(const std::string &name);
    // What a task asks and the attention it should show, in the interface language
    // (the engine's own descriptions are English).
    static QString taskDescription(const std::string &name);
    static QString taskPattern(const std::string &name);

    QString m_path;
    QString m_text;
    int m_characters = 0; // code points of m_text
    int m_lines = 0;
    int m_distinct = 0; // distinct code points
    QComboBox *m_source = nullptr;
    QComboBox *m_tokenizer = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QLabel *m_tokenizerLabel = nullptr;
    QLabel *m_about = nullptr;
    QLabel *m_stats = nullptr;
    QLabel *m_error = nullptr;
    QPlainTextEdit *m_preview = nullptr;
};
