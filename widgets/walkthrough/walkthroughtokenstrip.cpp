#include "walkthrough/walkthroughtokenstrip.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace attn {

namespace {
constexpr int kPadX = 6;
constexpr int kPadY = 3;
constexpr int kGap = 3;
constexpr int kMaxChars = 12;
} // namespace

WalkthroughTokenStrip::WalkthroughTokenStrip(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::NoFocus);
    setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
    setMouseTracking(false);
}

QString WalkthroughTokenStrip::chipText(const QString &token)
{
    if (token.isEmpty())
        return QStringLiteral("∅");
    if (token.size() > kMaxChars)
        return token.left(kMaxChars - 1) + QStringLiteral("…");
    return token;
}

void WalkthroughTokenStrip::setTokens(const QStringList &tokens, bool keysAreQueries)
{
    m_tokens = tokens;
    m_keysAreQueries = keysAreQueries;
    relayout();
}

void WalkthroughTokenStrip::setSelection(int query, int key, std::vector<bool> maskedKeys)
{
    m_query = query;
    m_key = key;
    m_masked = std::move(maskedKeys);
    update();
}

void WalkthroughTokenStrip::relayout()
{
    m_rects.clear();
    const QFontMetrics fm(font());
    const int h = fm.height() + 2 * kPadY;
    int x = 1;
    for (const QString &t : m_tokens) {
        const int w = std::max(fm.horizontalAdvance(chipText(t)) + 2 * kPadX, h);
        m_rects.emplace_back(x, 1, w, h);
        x += w + kGap;
    }
    updateGeometry();
    resize(sizeHint());
    update();
}

QSize WalkthroughTokenStrip::sizeHint() const
{
    const QFontMetrics fm(font());
    const int h = fm.height() + 2 * kPadY + 2;
    const int w = m_rects.empty() ? 0 : m_rects.back().right() + 2;
    return QSize(w, h);
}

QSize WalkthroughTokenStrip::minimumSizeHint() const
{
    return sizeHint();
}

QRect WalkthroughTokenStrip::tokenRect(int i) const
{
    return i >= 0 && i < static_cast<int>(m_rects.size()) ? m_rects[size_t(i)] : QRect();
}

int WalkthroughTokenStrip::tokenAt(const QPoint &pos) const
{
    for (size_t i = 0; i < m_rects.size(); ++i)
        if (m_rects[i].contains(pos))
            return static_cast<int>(i);
    return -1;
}

void WalkthroughTokenStrip::mousePressEvent(QMouseEvent *event)
{
    const int i = tokenAt(event->position().toPoint());
    if (i < 0) {
        QWidget::mousePressEvent(event);
        return;
    }
    const bool keyClick =
        event->button() == Qt::RightButton ||
        (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
    if (keyClick) {
        if (m_keysAreQueries)
            emit keyClicked(i);
    } else if (event->button() == Qt::LeftButton) {
        emit queryClicked(i);
    }
    event->accept();
}

void WalkthroughTokenStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        relayout();
    else if (event->type() == QEvent::PaletteChange)
        update();
    QWidget::changeEvent(event);
}

void WalkthroughTokenStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    for (size_t i = 0; i < m_rects.size(); ++i) {
        const QRectF r = QRectF(m_rects[i]).adjusted(0.5, 0.5, -0.5, -0.5);
        const bool isQuery = static_cast<int>(i) == m_query;
        const bool isKey = m_keysAreQueries && static_cast<int>(i) == m_key;
        const bool masked = m_keysAreQueries && i < m_masked.size() && m_masked[i];
        QColor fill = isQuery ? pal.color(QPalette::Highlight) : pal.color(QPalette::Base);
        QColor text = isQuery ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text);
        if (masked && !isQuery)
            text = pal.color(QPalette::Disabled, QPalette::Text);
        p.setBrush(fill);
        QPen pen(isKey ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid));
        pen.setWidthF(isKey ? 2.0 : 1.0);
        if (masked && !isQuery)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.drawRoundedRect(r, 4, 4);
        p.setPen(text);
        p.drawText(r, Qt::AlignCenter, chipText(m_tokens[static_cast<qsizetype>(i)]));
    }
}

} // namespace attn
