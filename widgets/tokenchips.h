#pragma once

#include <QList>
#include <QRect>
#include <QStringList>
#include <QWidget>

namespace attn {

// A token sequence as wrapped, rounded chips, one per token, as a preview of how text is
// cut into tokens. Labels come from the engine (Experiment::tokenLabel), which already
// makes whitespace visible (␣, ↵, ⇥); an empty label is shown as "∅". Hovering a chip
// shows its position and id. The height follows the width (heightForWidth).
class TokenChips : public QWidget {
    Q_OBJECT
public:
    explicit TokenChips(QWidget *parent = nullptr);

    // ids may be empty; otherwise one per label (shown in the tooltip).
    void setTokens(const QStringList &labels, const QList<int> &ids = {});
    // Chips from this index on are drawn in the second colour (e.g. the target after
    // the source); -1: all alike.
    void setSplitAt(int index);
    void clear();

    QStringList labels() const { return m_labels; }
    QList<int> ids() const { return m_ids; }
    int chipCount() const { return static_cast<int>(m_labels.size()); }
    // At most this many chips are drawn; the rest is summarised as "+N more".
    void setMaximumChips(int n);
    int maximumChips() const { return m_maxChips; }

    // Chip rectangles for a given width (what paintEvent draws), in widget coordinates.
    QList<QRect> chipRects(int width) const;
    // The index of the chip under a point, or -1.
    int chipAt(const QPoint &pos) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QString shownText(int i) const;
    QString moreText() const;
    int shownCount() const;

    QStringList m_labels;
    QList<int> m_ids;
    int m_split = -1;
    int m_maxChips = 400;
};

} // namespace attn
