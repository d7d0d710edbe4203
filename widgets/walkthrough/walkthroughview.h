#pragma once

#include "walkthrough/walkthroughbuilder.h"
#include "walkthrough/walkthroughpage.h"

#include "trace/walkthrough.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <string>
#include <vector>

class QCheckBox;
class QHBoxLayout;
class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QTimer;
class QToolButton;

namespace attn {

class WalkthroughCanvas;
class WalkthroughTokenStrip;

// The step-by-step walkthrough of softmax(QK^T/sqrt(d_k))V (or additive attention) for
// one block, head and query of a trace. Prev/Next/Play with Left, Right and Space (Home,
// End: first and last step; Up, Down: previous and next query); a step list to jump to any
// step; the query picked from a list or by clicking its token in the token strip (a right
// click picks the key j); the key j whose score is expanded; 2-6 decimals; a toggle for
// the softmax without sqrt(d_k). Every number comes from the trace or from the engine's
// buildWalkthrough(); this view only formats and draws them.
class WalkthroughView : public QWidget {
    Q_OBJECT
public:
    explicit WalkthroughView(QWidget *parent = nullptr);
    ~WalkthroughView() override;

    // The trace shown. tokens, when given, label both queries and keys (else the trace's
    // queryTokens/keyTokens). Keeps the block/head/query when they still exist.
    void setTrace(const AttentionTrace &trace, std::vector<std::string> tokens = {});
    void setTrace(std::shared_ptr<const AttentionTrace> trace);
    const AttentionTrace *trace() const { return m_trace.get(); }

    QString block() const;
    int head() const { return m_sel.head; }
    int query() const { return m_sel.query; }
    int key() const { return m_sel.key; }
    int step() const { return m_step; }
    int stepCount() const;
    int precision() const { return m_options.precision; }
    bool showUnscaled() const { return m_options.showUnscaled; }
    bool playing() const;
    double fontScale() const { return m_fontScale; }
    // The step kinds in order, and the numbers behind them (nullopt without a valid trace).
    const std::optional<Walkthrough> &walkthrough() const { return m_walk; }
    // The page of a step as shown (current options); empty page without a trace.
    WtPage page(int step) const;
    WtPage currentPage() const { return page(m_step); }
    // Why nothing is shown (no trace, or the trace lacks what the walkthrough needs).
    QString errorText() const { return m_error; }

    // Slides: one PDF page per step; one PNG per step as <base>-<n>.png (1-based).
    bool exportPdf(const QString &path, QString *error = nullptr) const;
    bool exportPng(int step, const QString &path, QString *error = nullptr) const;

    QWidget *canvas() const;
    WalkthroughTokenStrip *tokenStrip() const { return m_strip; }

public slots:
    bool setBlock(const QString &name); // false when the trace has no such block
    void setHead(int head);
    void setQuery(int i);
    void setKey(int j);
    void setStep(int step);
    void next();
    void previous();
    void setPlaying(bool on);
    void setPrecision(int decimals);
    void setShowUnscaled(bool on);
    void setFontScale(double scale);
    void setPresentationMode(bool on);
    // Icon-only Previous/Play/Next/Export buttons (their names stay in the tool tips), for
    // narrow places such as the sandbox next to its editors.
    void setCompact(bool on);
    // Shows or hides the block and head pickers (the sandbox has one block and one head).
    void setSelectionControlsVisible(bool on);

signals:
    void stepChanged(int step);
    void selectionChanged(const QString &block, int head, int query, int key);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    std::shared_ptr<const AttentionTrace> m_trace;
    WalkthroughSelection m_sel;
    WalkthroughBuilder::Options m_options;
    std::optional<Walkthrough> m_walk;
    QString m_error;
    int m_step = 0;
    double m_fontScale = 1.0;
    bool m_updatingControls = false;

    QToolButton *m_prev = nullptr;
    QToolButton *m_play = nullptr;
    QToolButton *m_next = nullptr;
    QComboBox *m_stepBox = nullptr;
    QLabel *m_blockLabel = nullptr;
    QComboBox *m_blockBox = nullptr;
    QLabel *m_headLabel = nullptr;
    QSpinBox *m_headBox = nullptr;
    QLabel *m_queryLabel = nullptr;
    QComboBox *m_queryBox = nullptr;
    QLabel *m_keyLabel = nullptr;
    QComboBox *m_keyBox = nullptr;
    QLabel *m_precisionLabel = nullptr;
    QSpinBox *m_precisionBox = nullptr;
    QHBoxLayout *m_rowSelect = nullptr;
    QHBoxLayout *m_rowOptions = nullptr;
    QCheckBox *m_unscaledBox = nullptr;
    QToolButton *m_export = nullptr;
    QScrollArea *m_scroll = nullptr;
    WalkthroughCanvas *m_canvas = nullptr;
    QLabel *m_stripLabel = nullptr;
    QScrollArea *m_stripScroll = nullptr;
    WalkthroughTokenStrip *m_strip = nullptr;
    QTimer *m_timer = nullptr;

    void rebuild();      // recompute the walkthrough after a selection change
    void refreshPage();  // rebuild the current page after an option or step change
    void syncControls(); // controls from the state
    void retranslateUi();
    void exportDialog();
    void emitSelection();
    void syncStrip(); // the strip's tokens and selection from the state
};

} // namespace attn
