#include "tokenchips.h"

#include "theme/plottheme.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>

namespace attn {

namespace {
constexpr int kGap = 4;  // between chips, both ways
constexpr int kPadX = 6; // text to chip edge
constexpr int kPadY = 2;
constexpr int kMargin = 2; // around the whole flow
} // namespace

TokenChips::TokenChips(QWidget *parent) : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setMouseTracking(true);
}

void TokenChips::setTokens(const QStringList &labels, const QList<int> &ids)
{
    m_labels = labels;
    m_ids = ids.size() == labels.size() ? ids : QList<int>();
    updateGeometry();
    update();
}

void TokenChips::setSplitAt(int index)
{
    m_split = index;
    update();
}

void TokenChips::clear()
{
    setTokens({});
    m_split = -1;
}

void TokenChips::setMaximumChips(int n)
{
    m_maxChips = std::max(1, n);
    updateGeometry();
    update();
}

int TokenChips::shownCount() const
{
    return std::min(chipCount(), m_maxChips);
}

QString TokenChips::shownText(int i) const
{
    const QString &s = m_labels.at(i);
    return s.isEmpty() ? QStringLiteral("∅") : s;
}

QString TokenChips::moreText() const
{
    return tr("+%n more", "", chipCount() - shownCount());
}

QList<QRect> TokenChips::chipRects(int width) const
{
    QList<QRect> rects;
    const QFontMetrics fm(font());
    const int h = fm.height() + 2 * kPadY;
    const int right = std::max(width - kMargin, kMargin + 1);
    int x = kMargin, y = kMargin;
    const int n = shownCount();
    const bool more = n < chipCount();
    for (int i = 0; i < n + (more ? 1 : 0); ++i) {
        const QString text = i < n ? shownText(i) : moreText();
        const int w = std::min(fm.horizontalAdvance(text) + 2 * kPadX, right - kMargin);
        if (x > kMargin && x + w > right) {
            x = kMargin;
            y += h + kGap;
        }
        rects << QRect(x, y, w, h);
        x += w + kGap;
    }
    return rects;
}

int TokenChips::chipAt(const QPoint &pos) const
{
    const QList<QRect> rects = chipRects(width());
    for (int i = 0; i < std::min(int(rects.size()), shownCount()); ++i)
        if (rects.at(i).contains(pos))
            return i;
    return -1;
}

int TokenChips::heightForWidth(int width) const
{
    const QList<QRect> rects = chipRects(width);
    if (rects.isEmpty())
        return QFontMetrics(font()).height() + 2 * kPadY + 2 * kMargin;
    return rects.back().bottom() + 1 + kMargin;
}

QSize TokenChips::sizeHint() const
{
    const int w = 320;
    return {w, heightForWidth(w)};
}

QSize TokenChips::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.horizontalAdvance(QStringLiteral("MMMM")) + 2 * kPadX,
            fm.height() + 2 * kPadY + 2 * kMargin};
}

void TokenChips::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const bool dark = PlotTheme::isDark(pal);
    const QColor text = pal.color(QPalette::Text);
    QColor fill = pal.color(QPalette::Highlight);
    fill.setAlphaF(dark ? 0.30f : 0.14f);
    QColor border = pal.color(QPalette::Highlight);
    border.setAlphaF(dark ? 0.8f : 0.55f);
    QColor fill2 = QColor(0xe6, 0x9f, 0x00); // the target part: Okabe-Ito orange
    fill2.setAlphaF(dark ? 0.30f : 0.18f);
    QColor border2 = QColor(0xe6, 0x9f, 0x00);
    QColor faint = text;
    faint.setAlphaF(0.6f);

    const QList<QRect> rects = chipRects(width());
    const int n = shownCount();
    for (int i = 0; i < int(rects.size()); ++i) {
        const QRectF r = QRectF(rects.at(i)).adjusted(0.5, 0.5, -0.5, -0.5);
        if (i >= n) { // "+N more"
            p.setPen(faint);
            p.drawText(rects.at(i), Qt::AlignCenter, moreText());
            continue;
        }
        const bool second = m_split >= 0 && i >= m_split;
        p.setPen(QPen(second ? border2 : border, 1.0));
        p.setBrush(second ? fill2 : fill);
        p.drawRoundedRect(r, 5, 5);
        const QString label = shownText(i);
        p.setPen(m_labels.at(i).isEmpty() ? faint : text);
        // Elided only when the chip was cut to the width of the widget.
        const QRect inner = rects.at(i).adjusted(kPadX, 0, -kPadX, 0);
        const bool cut = fontMetrics().horizontalAdvance(label) > inner.width();
        p.drawText(rects.at(i), Qt::AlignCenter,
                   cut ? fontMetrics().elidedText(label, Qt::ElideRight, inner.width()) : label);
    }
}

bool TokenChips::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = chipAt(help->pos());
        if (i < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        QString tip = tr("Token %1: %2").arg(i + 1).arg(shownText(i));
        if (!m_ids.isEmpty())
            tip += QStringLiteral(" · ") + tr("id %1").arg(m_ids.at(i));
        QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    return QWidget::event(event);
}

} // namespace attn
