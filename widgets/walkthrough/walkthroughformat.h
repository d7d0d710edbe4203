#pragma once

#include "walkthrough/walkthroughpage.h"

#include "trace/walkthrough.h"

#include <QString>
#include <QVector>

#include <vector>

namespace attn {

// How the walkthrough's pages are formatted (WalkthroughBuilder::Options).
struct WtOptions {
    int precision = 4;         // decimals, 2..6
    bool showUnscaled = false; // step 4: also the softmax without 1/sqrt(d_k)
    int maxColumns = 12;       // vector elements shown before eliding
    int maxRows = 12;          // matrix rows / keys shown before eliding (slides: 8)
};

// The cells and tables the walkthrough's pages are made of, for the block, head and query a
// Walkthrough selects in its trace: numbers in the reader's locale, token labels, long
// vectors and matrices elided (first columns, "…", last columns; the selected column is
// always kept). Every number cell names its source (see WtCell). The step writers
// (WalkthroughBuilder, WalkthroughRnnSteps) build their pages with it.
class WalkthroughFormat {
public:
    WalkthroughFormat(const AttentionTrace &trace, const Walkthrough &walk,
                      const WtOptions &options);

    // Fixed-point with `precision` decimals in the reader's locale (QLocale(), no group
    // separators); -0 as 0; infinities as ±∞.
    static QString number(double v, int precision);
    // Indices 0..n-1 to show, at most `max`, keeping `keep`; -1 marks an elided gap.
    static std::vector<int> elide(int n, int max, std::vector<int> keep);

protected:
    const AttentionTrace &m_trace;
    const Walkthrough &m_walk;
    WtOptions m_opt;
    const AttentionBlockTrace *m_block = nullptr;
    const HeadTrace *m_head = nullptr; // null when the selection is not in the trace

    QString queryToken(int i) const;
    QString keyToken(int j) const;
    // `text` with its %1..%5 filled in: the query i, its token, the key j, its token, n.
    QString queryKeyText(const QString &text, int n) const;
    WtCell num(double v, const QString &source, int index, bool highlight = false) const;
    // A row label cell.
    static WtCell label(const QString &text, bool highlight = false);
    // The row that stands for elided rows: "⋮" and `cells` empty cells.
    static QVector<WtCell> gapRow(qsizetype cells);
    // Header row "" , indices (1-based label `prefix`+index) for the shown columns.
    QVector<WtCell> indexHeader(const QString &corner, const std::vector<int> &cols,
                                int highlight = -1) const;
    QVector<WtCell> tokenHeader(const QString &corner, const std::vector<int> &keys,
                                int highlight) const;
    // One table row of values[cols] from `source`.
    QVector<WtCell> vectorRow(const QString &name, const std::vector<double> &values,
                              const QString &source, const std::vector<int> &cols,
                              int highlight = -1, bool rowHighlight = false) const;
    // The first rows of a weight matrix, each named `name`.arg(row) ("W_Q[%1]"), its cells
    // from `source`:row, elided to six.
    QVector<QVector<WtCell>> weightRows(const QString &name, const MatRM &m, const QString &source,
                                        const std::vector<int> &cols) const;
    static std::vector<double> traceRow(const MatRM &m, int r);

    static void addParagraph(WtPage &page, const QString &text);
    static void addTable(WtPage &page, const QString &caption, QVector<QVector<WtCell>> rows);
    void addBars(WtPage &page, const QString &caption, const std::vector<double> &weights,
                 const QString &source) const;
    // The rows of a (rows, d) matrix of the trace, row `hi` highlighted, elided.
    void addMatrix(WtPage &page, const QString &caption, const MatRM &m, const QString &source,
                   bool queryRows, int hi, int hiCol = -1) const;
};

} // namespace attn
