#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

namespace attn {

// Horizontal bars of probabilities with their labels: the next-token distribution of a
// language model (top k), or a classifier's label probabilities. One bar per entry, in the
// order given, its length the probability on a fixed [0, 1] scale, the value printed at its
// end. One entry may be marked (the token generation chose, the predicted label).
class ProbabilityBars : public QWidget {
    Q_OBJECT
public:
    struct Entry {
        QString label; // shown as given (callers make whitespace visible)
        double probability = 0.0;
    };

    explicit ProbabilityBars(QWidget *parent = nullptr);

    const QVector<Entry> &entries() const { return m_entries; }
    int markedIndex() const { return m_marked; }
    double fontScale() const { return m_fontScale; }
    // Where bar i is drawn (the full-length track; empty when out of range).
    QRect barRect(int index) const;
    // The filled part of bar i: its width is probability × the track's width.
    QRect filledRect(int index) const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void setEntries(const QVector<attn::ProbabilityBars::Entry> &entries);
    void setMarkedIndex(int index); // -1: none
    void setTitle(const QString &title);
    void setEmptyText(const QString &text);
    void setFontScale(double scale);
    void clear();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Layout {
        QRect title;
        int top = 0;
        int rowHeight = 0;
        int labelWidth = 0;
        int valueWidth = 0;
        int trackLeft = 0;
        int trackWidth = 0;
    };
    Layout layout() const;
    QFont scaledFont(bool bold = false) const;

    QVector<Entry> m_entries;
    QString m_title;
    QString m_emptyText;
    int m_marked = -1;
    double m_fontScale = 1.0;
};

} // namespace attn
