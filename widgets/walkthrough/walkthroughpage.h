#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVector>

class QPainter;

namespace attn {

// What one walkthrough step shows, already formatted: a title, the formula with the
// current term highlighted, and a column of paragraphs, tables and bar charts. Built by
// WalkthroughBuilder, drawn by WalkthroughPage::paint on a widget, a PNG or a PDF page.
//
// Every number cell names where its value comes from (`source`, `index`), e.g.
// "weights:3" index 5 = HeadTrace::weights(3, 5), "terms" index d = q_i[d] * k_j[d], so a
// test can check each displayed number against the trace.
struct WtCell {
    QString text;
    QString source; // empty for labels and headers
    int index = -1; // column (or element) in the source row
    bool highlight = false;
    bool label = false; // a token or header: not a number even if it looks like one
    // A token label of a query row or a key column: clicking it picks that query / key.
    int pickQuery = -1;
    int pickKey = -1;
};

// Where a clickable token label was drawn (see WtCell::pickQuery/pickKey).
struct WtHit {
    QRectF rect;
    int query = -1;
    int key = -1;
};

struct WtTable {
    QString caption;
    QVector<QVector<WtCell>> rows; // row 0 is the header row when hasHeader
    bool hasHeader = true;
};

struct WtBars {
    QString caption;
    QStringList labels;
    QVector<double> values; // in [0, 1]
    QVector<WtCell> texts;  // the number drawn next to each bar
    int highlight = -1;
};

struct WtItem {
    enum class Kind { Paragraph, Table, Bars } kind = Kind::Paragraph;
    QString text; // Paragraph
    WtTable table;
    WtBars bars;
};

struct WtFormulaPart {
    QString text;
    bool highlight = false;
};

struct WtPage {
    QString title;
    QVector<WtFormulaPart> formula;
    QVector<WtItem> items;

    // Every cell of every table and bar chart, in drawing order.
    QVector<WtCell> cells() const;
    // All text of the page, one item per line (title, formula, paragraphs, cells).
    QString plainText() const;
};

class WalkthroughPage {
public:
    // Draws page into the rectangle's width starting at its top, with fonts of
    // baseFont scaled by fontScale, in the palette's colours. Returns the height used
    // (which may exceed rect.height(); nothing is clipped). With painter == nullptr it
    // only measures. hits, when given, receives the clickable token labels.
    static double paint(QPainter *painter, const WtPage &page, const QRectF &rect,
                        const QPalette &palette, const QFont &baseFont, double fontScale,
                        QVector<WtHit> *hits = nullptr);
    static QColor highlightColor(const QPalette &palette);
};

} // namespace attn
