#pragma once

#include <QStringList>
#include <QWidget>

#include <vector>

namespace attn {

// The query tokens of the walkthrough in one row of chips: the current query filled, the
// expanded key outlined (self-attention), keys masked for the current query dimmed.
// A click picks the query; a right click (or Shift+click) picks the key, when the keys are
// the same tokens as the queries. Sits in a horizontal scroll area for long inputs; takes
// no keyboard focus, so that Left/Right/Space stay with the walkthrough.
class WalkthroughTokenStrip : public QWidget {
    Q_OBJECT
public:
    explicit WalkthroughTokenStrip(QWidget *parent = nullptr);

    // tokens: one per query row. keysAreQueries: right click picks the key as well.
    void setTokens(const QStringList &tokens, bool keysAreQueries);
    void setSelection(int query, int key, std::vector<bool> maskedKeys = {});
    const QStringList &tokens() const { return m_tokens; }
    int query() const { return m_query; }
    // The chip of token i in widget coordinates (empty outside the range).
    QRect tokenRect(int i) const;
    // The token under pos, or -1.
    int tokenAt(const QPoint &pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void queryClicked(int i);
    void keyClicked(int j);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QStringList m_tokens;
    bool m_keysAreQueries = false;
    int m_query = -1;
    int m_key = -1;
    std::vector<bool> m_masked;
    std::vector<QRect> m_rects; // one per token
    void relayout();
    static QString chipText(const QString &token);
};

} // namespace attn
