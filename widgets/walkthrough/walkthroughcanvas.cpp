#include "walkthrough/walkthroughcanvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>

#include <cmath>

namespace attn {

WalkthroughCanvas::WalkthroughCanvas(QWidget *parent) : QWidget(parent)
{
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    setMouseTracking(true); // the pointing hand over clickable tokens
}

QVector<WtHit> WalkthroughCanvas::hits() const
{
    QVector<WtHit> out;
    if (m_message.isEmpty())
        WalkthroughPage::paint(nullptr, m_page, QRectF(rect()), palette(), font(), m_fontScale,
                               &out);
    return out;
}

void WalkthroughCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        for (const WtHit &h : hits()) // the page as it is now, even before a repaint
            if (h.rect.contains(event->position())) {
                if (h.query >= 0)
                    emit queryPicked(h.query);
                else if (h.key >= 0)
                    emit keyPicked(h.key);
                event->accept();
                return;
            }
    QWidget::mousePressEvent(event);
}

void WalkthroughCanvas::mouseMoveEvent(QMouseEvent *event)
{
    bool over = false;
    for (const WtHit &h : m_hits)
        over = over || h.rect.contains(event->position());
    if (over)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
    QWidget::mouseMoveEvent(event);
}

void WalkthroughCanvas::setPage(const WtPage &page, const QString &message)
{
    m_page = page;
    m_message = message;
    m_hits.clear();
    updateHeight();
    update();
}

void WalkthroughCanvas::setFontScale(double scale)
{
    m_fontScale = scale;
    updateHeight();
    update();
}

QSize WalkthroughCanvas::sizeHint() const
{
    return QSize(900, heightForWidth(900));
}

int WalkthroughCanvas::heightForWidth(int width) const
{
    if (!m_message.isEmpty())
        return 200;
    const double h = WalkthroughPage::paint(nullptr, m_page, QRectF(0, 0, width, 1), palette(),
                                            font(), m_fontScale);
    return static_cast<int>(std::ceil(h));
}

void WalkthroughCanvas::updateHeight()
{
    const int h = heightForWidth(width() > 0 ? width() : 900);
    if (minimumHeight() != h)
        setMinimumHeight(h);
}

void WalkthroughCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        updateHeight();
}

void WalkthroughCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    if (!m_message.isEmpty()) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
                   m_message);
        return;
    }
    m_hits.clear();
    WalkthroughPage::paint(&p, m_page, QRectF(rect()), palette(), font(), m_fontScale, &m_hits);
}

} // namespace attn
