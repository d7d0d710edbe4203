#pragma once

#include "walkthrough/walkthroughpage.h"

#include "trace/walkthrough.h"

#include <QCoreApplication>

#include <string>
#include <vector>

namespace attn {

// Turns a Walkthrough (numbers) and its trace into the formatted pages of the steps.
// Numbers are only formatted here: values come from the trace or from the engine-side
// Walkthrough. Long vectors are elided (first columns, "…", last columns; the selected
// column is always kept).
class WalkthroughBuilder {
    Q_DECLARE_TR_FUNCTIONS(attn::WalkthroughBuilder)
public:
    struct Options {
        int precision = 4;         // decimals, 2..6
        bool showUnscaled = false; // step 4: also the softmax without 1/sqrt(d_k)
        int maxColumns = 12;       // vector elements shown before eliding
        int maxRows = 12;          // matrix rows / keys shown before eliding (slides: 8)
    };

    WalkthroughBuilder(const AttentionTrace &trace, const Walkthrough &walk,
                       const Options &options);

    int stepCount() const { return static_cast<int>(m_walk.steps.size()); }
    WtPage page(int step) const;

    // Localised name of a step ("Scaling by √d_k").
    static QString stepName(WalkStep step, ScoreKind kind);
    // Fixed-point with `precision` decimals in the reader's locale (QLocale(), no group
    // separators); -0 as 0; infinities as ±∞.
    static QString number(double v, int precision);
    // Indices 0..n-1 to show, at most `max`, keeping `keep`; -1 marks an elided gap.
    static std::vector<int> elide(int n, int max, std::vector<int> keep);

private:
    const AttentionTrace &m_trace;
    const Walkthrough &m_walk;
    Options m_opt;
    const AttentionBlockTrace *m_block = nullptr;
    const HeadTrace *m_head = nullptr;

    QString queryToken(int i) const;
    QString keyToken(int j) const;
    WtCell num(double v, const QString &source, int index, bool highlight = false) const;
    // A row label cell.
    static WtCell label(const QString &text, bool highlight = false);
    // Header row "" , indices (1-based label `prefix`+index) for the shown columns.
    QVector<WtCell> indexHeader(const QString &corner, const std::vector<int> &cols,
                                int highlight = -1) const;
    QVector<WtCell> tokenHeader(const QString &corner, const std::vector<int> &keys,
                                int highlight) const;
    // One table row of values[cols] from `source`.
    QVector<WtCell> vectorRow(const QString &name, const std::vector<double> &values,
                              const QString &source, const std::vector<int> &cols,
                              int highlight = -1, bool rowHighlight = false) const;
    std::vector<double> traceRow(const MatRM &m, int r) const;

    void addParagraph(WtPage &page, const QString &text) const;
    void addTable(WtPage &page, const QString &caption, QVector<QVector<WtCell>> rows) const;
    void addBars(WtPage &page, const QString &caption, const std::vector<double> &weights,
                 const QString &source) const;
    // The rows of a (rows, d) matrix of the trace, row `hi` highlighted, elided.
    void addMatrix(WtPage &page, const QString &caption, const MatRM &m, const QString &source,
                   bool queryRows, int hi, int hiCol = -1) const;

    void stepInput(WtPage &page) const;
    void stepProjections(WtPage &page) const;
    void stepScores(WtPage &page) const;
    void stepScale(WtPage &page) const;
    void stepMask(WtPage &page) const;
    void stepSoftmax(WtPage &page) const;
    void stepWeightedSum(WtPage &page) const;
    void stepMultiHead(WtPage &page) const;
    QVector<WtFormulaPart> formula(WalkStep step) const;
};

} // namespace attn
