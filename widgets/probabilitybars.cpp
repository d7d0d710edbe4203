#include "probabilitybars.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace attn {

ProbabilityBars::ProbabilityBars(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("probabilityBars"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ProbabilityBars::setEntries(const QVector<Entry> &entries)
{
    m_entries = entries;
    for (Entry &e : m_entries)
        if (!std::isfinite(e.probability))
            e.probability = 0.0;
    if (m_marked >= m_entries.size())
        m_marked = -1;
    updateGeometry();
    update();
}

void ProbabilityBars::setMarkedIndex(int index)
{
    m_marked = index >= 0 && index < m_entries.size() ? index : -1;
    update();
}

void ProbabilityBars::setTitle(const QString &title)
{
    m_title = title;
    update();
}

void ProbabilityBars::setEmptyText(const QString &text)
{
    m_emptyText = text;
    update();
}

void ProbabilityBars::setFontScale(double scale)
{
    m_fontScale = std::clamp(scale, 0.5, 4.0);
    updateGeometry();
    update();
}

void ProbabilityBars::clear()
{
    m_entries.clear();
    m_marked = -1;
    updateGeometry();
    update();
}

QFont ProbabilityBars::scaledFont(bool bold) const
{
    QFont f = font();
    const double pt = f.pointSizeF() > 0 ? f.pointSizeF() : 9.0;
    f.setPointSizeF(pt * m_fontScale);
    f.setBold(bold);
    return f;
}

ProbabilityBars::Layout ProbabilityBars::layout() const
{
    Layout l;
    const QFontMetrics fm(scaledFont());
    const QFontMetrics bold(scaledFont(true));
    const int margin = fm.height() / 2;
    l.title = m_title.isEmpty() ? QRect(margin, margin, width() - 2 * margin, 0)
                                : QRect(margin, margin, width() - 2 * margin, bold.height());
    l.top = l.title.bottom() + (m_title.isEmpty() ? 0 : margin) + 1;
    l.rowHeight = fm.height() + fm.height() / 2;
    int labelWidth = fm.horizontalAdvance(QStringLiteral("MMMM"));
    for (const Entry &e : m_entries)
        labelWidth = std::max(labelWidth, bold.horizontalAdvance(e.label));
    l.labelWidth =
        std::min(labelWidth, std::max(width() / 3, fm.horizontalAdvance(QStringLiteral("MMMM"))));
    l.valueWidth = fm.horizontalAdvance(QStringLiteral("100.0%")) + margin;
    l.trackLeft = margin + l.labelWidth + margin;
    l.trackWidth = std::max(10, width() - l.trackLeft - l.valueWidth - margin);
    return l;
}

QRect ProbabilityBars::barRect(int index) const
{
    if (index < 0 || index >= m_entries.size())
        return {};
    const Layout l = layout();
    const int pad = l.rowHeight / 6;
    return QRect(l.trackLeft, l.top + index * l.rowHeight + pad, l.trackWidth,
                 l.rowHeight - 2 * pad);
}

QRect ProbabilityBars::filledRect(int index) const
{
    QRect r = barRect(index);
    if (r.isEmpty())
        return r;
    const double p = std::clamp(m_entries[index].probability, 0.0, 1.0);
    r.setWidth(int(std::lround(p * r.width())));
    return r;
}

QSize ProbabilityBars::sizeHint() const
{
    const QFontMetrics fm(scaledFont());
    const int rows = std::max<int>(5, int(m_entries.size()));
    return QSize(fm.horizontalAdvance(QLatin1Char('M')) * 40,
                 fm.height() * 2 + rows * (fm.height() + fm.height() / 2));
}

QSize ProbabilityBars::minimumSizeHint() const
{
    const QFontMetrics fm(scaledFont());
    return QSize(fm.horizontalAdvance(QLatin1Char('M')) * 16, fm.height() * 4);
}

void ProbabilityBars::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const Layout l = layout();
    const QColor text = pal.color(QPalette::Text);
    if (!m_title.isEmpty()) {
        p.setFont(scaledFont(true));
        p.setPen(text);
        p.drawText(l.title, Qt::AlignLeft | Qt::AlignVCenter, m_title);
    }
    if (m_entries.isEmpty()) {
        p.setFont(scaledFont());
        QColor dim = text;
        dim.setAlphaF(0.6f);
        p.setPen(dim);
        p.drawText(rect().adjusted(0, l.top, 0, 0), Qt::AlignCenter | Qt::TextWordWrap,
                   m_emptyText);
        return;
    }
    const QColor accent = pal.color(QPalette::Highlight);
    QColor track = text;
    track.setAlphaF(0.08f);
    const QFontMetrics fm(scaledFont());
    for (int i = 0; i < m_entries.size(); ++i) {
        const Entry &e = m_entries[i];
        const QRect bar = barRect(i);
        if (bar.top() > height())
            break;
        const bool marked = i == m_marked;
        p.setFont(scaledFont(marked));
        p.setPen(text);
        const QRect labelRect(bar.left() - l.labelWidth - fm.height() / 2, bar.top() - 2,
                              l.labelWidth, bar.height() + 4);
        p.drawText(labelRect, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(e.label, Qt::ElideRight, l.labelWidth));
        p.setPen(Qt::NoPen);
        p.setBrush(track);
        p.drawRoundedRect(bar, 3, 3);
        QColor fill = accent;
        if (!marked && m_marked >= 0)
            fill.setAlphaF(0.55f);
        p.setBrush(fill);
        const QRect filled = filledRect(i);
        if (filled.width() > 0)
            p.drawRoundedRect(filled, 3, 3);
        if (marked) {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(text, 1.5));
            p.drawRoundedRect(bar.adjusted(-1, -1, 1, 1), 3, 3);
        }
        p.setPen(text);
        p.setFont(scaledFont(marked));
        const QRect valueRect(bar.right() + fm.height() / 2, bar.top() - 2, l.valueWidth,
                              bar.height() + 4);
        const double pct = 100.0 * std::clamp(e.probability, 0.0, 1.0);
        p.drawText(valueRect, Qt::AlignLeft | Qt::AlignVCenter,
                   pct >= 0.1 || pct == 0.0 ? QStringLiteral("%1%").arg(pct, 0, 'f', 1)
                                            : QStringLiteral("<0.1%"));
    }
}

} // namespace attn
