#pragma once

#include "trace/attentiontrace.h"

#include <QColor>
#include <QList>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <memory>

namespace attn {

// BertViz-style head view: the tokens in two columns, queries on the left and keys on
// the right, joined by lines whose opacity is the attention weight, one colour per head
// (a colour-blind-safe qualitative palette). Hover a token to see only its lines; click a
// head's swatch at the top to show or hide that head.
class AttentionLinesView : public QWidget {
    Q_OBJECT
public:
    enum class Side { Query, Key };
    struct Line {
        int head = 0;
        int query = 0;
        int key = 0;
        double weight = 0.0;
        QColor color; // the head's colour; alphaF() is the line's opacity
    };

    explicit AttentionLinesView(QWidget *parent = nullptr);

    std::shared_ptr<const AttentionTrace> trace() const { return m_trace; }
    int block() const { return m_block; }
    // The heads drawn (all of the block's heads unless setHeads() chose some).
    QList<int> heads() const;
    int headCount() const;
    double fontScale() const { return m_fontScale; }
    // Lines below this weight are not drawn.
    static constexpr double minWeight = 0.005;
    // Opacity of a line of weight w: w itself, clamped to [0, 1].
    static double opacityFor(double weight);

    // The lines as drawn now (after the hover filter), heaviest last.
    QVector<Line> lines() const;
    QRect tokenRect(Side side, int index) const; // empty when out of range
    QRect headSwatchRect(int head) const;        // the toggle at the top
    int hoveredToken(Side side) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void setTrace(std::shared_ptr<const attn::AttentionTrace> trace);
    void setBlock(int index);
    bool setBlockName(const QString &name);
    void setHeads(const QList<int> &heads);                               // empty: all heads
    void setHead(int head);                                               // -1: all heads
    void setHoveredToken(attn::AttentionLinesView::Side side, int index); // -1: none
    void setFontScale(double scale);
    void setPresentationMode(bool on);

signals:
    void tokenHovered(attn::AttentionLinesView::Side side, int index);
    void headsChanged(const QList<int> &heads);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Layout {
        QRect title;
        QRect swatches;
        int top = 0;
        int rowHeight = 0;
        int labelStep = 1;
        QRect queryColumn;
        QRect keyColumn;
    };
    const AttentionBlockTrace *currentBlock() const;
    Layout computeLayout() const;
    QFont scaledFont(bool bold = false) const;
    int rows(Side side) const;
    QString tokenText(Side side, int index) const;
    void retranslateUi();

    std::shared_ptr<const AttentionTrace> m_trace;
    QString m_blockName;
    int m_block = 0;
    QList<int> m_heads; // chosen heads; empty = all
    double m_fontScale = 1.0;
    Side m_hoverSide = Side::Query;
    int m_hoverIndex = -1;
    QStringList m_queryLabels;
    QStringList m_keyLabels;
    QString m_emptyText;
    QString m_queriesTitle;
    QString m_keysTitle;
};

} // namespace attn
