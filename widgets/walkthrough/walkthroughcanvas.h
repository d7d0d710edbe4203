#pragma once

#include "walkthrough/walkthroughpage.h"

#include <QWidget>

namespace attn {

// Draws one WtPage at the widget's width; its height follows the page (in a scroll area).
class WalkthroughCanvas : public QWidget {
    Q_OBJECT
public:
    explicit WalkthroughCanvas(QWidget *parent = nullptr);

    void setPage(const WtPage &page, const QString &message = {});
    const WtPage &page() const { return m_page; }
    QString message() const { return m_message; }
    void setFontScale(double scale);
    double fontScale() const { return m_fontScale; }

    // The clickable token labels of the page as drawn at the current size.
    QVector<WtHit> hits() const;

    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

signals:
    // A query row's or key's token label was clicked.
    void queryPicked(int i);
    void keyPicked(int j);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    WtPage m_page;
    QString m_message;
    double m_fontScale = 1.0;
    QVector<WtHit> m_hits; // as last painted
    void updateHeight();
};

} // namespace attn
