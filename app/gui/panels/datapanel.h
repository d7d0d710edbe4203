#pragma once

#include "train/experiment.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QWidget>

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace attn {
class TokenChips;
class Tokenizer;
} // namespace attn

namespace attn::gui {

// The Data dock: choose a built-in task or a loaded text file, see examples or
// the text, the probe example's tokens as chips, the dataset's statistics (from the
// engine's Experiment, built off the GUI thread), and an inline error when a file cannot
// be used. A failed load leaves the previous choice in place. Text can also be pasted
// (it is saved as a .txt file under the app's data location and opened) or a .txt,
// .csv or .tsv file dropped onto the dock.
class DataPanel : public QWidget {
    Q_OBJECT
public:
    explicit DataPanel(QWidget *parent = nullptr);
    ~DataPanel() override;

    // What attn::Experiment says about the selected data; filled off the GUI thread after
    // each change of the selection (statsReady() tells when).
    struct Stats {
        bool valid = false; // false while pending or after an error
        QString error;      // the engine's message when the data cannot be used
        int vocabSize = 0;
        qint64 trainExamples = 0, validationExamples = 0; // 0 for generated tasks
        qint64 tokens = -1;      // tokens of the text; -1 for generated tasks
        int sequenceLength = 0;  // Experiment::sequenceLength()
        int sourceLength = 0;    // Experiment::sourceLength()
        QStringList probeTokens; // the probe example (padding left out)
        QList<int> probeIds;
        int probeSplit = -1; // source | target boundary in probeTokens, -1: none
    };
    const Stats &stats() const { return m_statsValue; }
    bool statsPending() const { return m_statsPending; }
    attn::TokenChips *chips() const { return m_chips; }

    // Saves pasted text as a UTF-8 file under the app's data location and loads it like
    // loadFile(). Text the engine refuses (empty, only whitespace) is not saved.
    bool loadText(const QString &text, QString *error = nullptr);
    // "Paste Text…": a dialog prefilled with the clipboard; for menus and the dock.
    QAction *pasteTextAction() const { return m_pasteAction; }
    // The file types a drop onto the dock accepts.
    static bool isDroppableFile(const QString &path);

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
    // How the model reads the data (attn::DataSpec::format: "lm", "pairs", "classify"),
    // set from the model's kind: the description, statistics and probe follow it. Does
    // not emit specChanged() (the model's own change rebuilds it).
    void setFormat(const std::string &format);
    std::string format() const { return m_format; }
    // Selects the tokenizer kind ("char", "word", "bpe") without emitting specChanged();
    // false for a kind the dock does not offer (GPT-2's own).
    bool setTokenizer(const QString &kind);
    // An opened model's own tokenizer, one the dock cannot build (GPT-2's): the text's
    // statistics and probe chips are counted in its tokens, and the Tokens box shows it
    // (disabled) until other data or another tokenizer is chosen, or null is set. Does
    // not emit specChanged().
    void setModelTokenizer(std::shared_ptr<const attn::Tokenizer> tokenizer);
    bool hasModelTokenizer() const { return m_modelTokenizer != nullptr; }

signals:
    // The choice of data changed: the model must be rebuilt for it.
    void specChanged();
    // A file was opened from inside the dock (a drop, or pasted text saved to a file):
    // for the window's recent files.
    void fileOpened(const QString &path);
    // stats() holds the result for the current selection (or its error).
    void statsReady();

protected:
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void retranslateUi();
    void showSelection();
    void refreshStats(); // starts building the Experiment for spec() in a thread
    void showStats();
    void pasteTextDialog();
    bool textSelected() const;
    void dropModelTokenizer(); // back to the dock's own choice; no stats refresh
    // A built-in task in the interface language (the engine's own descriptions are
    // English): its name in the list, what it asks and the attention it should show.
    struct TaskText {
        QString title, description, pattern;
    };
    static TaskText taskText(const std::string &name);

    QString m_path;
    QString m_text;
    std::string m_format = "lm";
    int m_characters = 0; // code points of m_text
    int m_lines = 0;
    int m_distinct = 0; // distinct code points
    QComboBox *m_source = nullptr;
    QComboBox *m_tokenizer = nullptr;
    std::shared_ptr<const attn::Tokenizer> m_modelTokenizer; // see setModelTokenizer
    int m_ownTokenizerIndex = 0; // the dock's choice while a model's tokenizer is shown
    QLabel *m_sourceLabel = nullptr;
    QLabel *m_tokenizerLabel = nullptr;
    QLabel *m_about = nullptr;
    QLabel *m_stats = nullptr;
    QLabel *m_error = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QLabel *m_chipsLabel = nullptr;
    attn::TokenChips *m_chips = nullptr;
    QLabel *m_dataStats = nullptr;
    QToolButton *m_pasteButton = nullptr;
    QAction *m_pasteAction = nullptr;

    Stats m_statsValue;
    bool m_statsPending = false;
    int m_statsGeneration = 0;
    QList<QPointer<QThread>> m_jobs; // running stats jobs; waited for on destruction
};

} // namespace attn::gui
