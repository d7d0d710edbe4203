#include "attention/poolingview.h"

#include "attention/attentionmatrix.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>

namespace attn {

namespace {

const AttentionBlockTrace *poolBlock(const AttentionTrace &trace)
{
    for (const auto &b : trace.blocks)
        if (b.role == AttentionRole::Pool)
            return &b;
    return nullptr;
}

} // namespace

PoolingView::PoolingView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void PoolingView::setResult(std::shared_ptr<const AttentionTrace> trace, const QStringList &labels,
                            const std::vector<float> &probabilities)
{
    m_trace = std::move(trace);
    m_tokens.clear();
    m_weights.clear();
    m_labels = labels;
    m_probabilities = probabilities;
    if (m_trace) {
        if (const AttentionBlockTrace *b = poolBlock(*m_trace); b && !b->heads.empty()) {
            const MatRM &w = b->heads.front().weights; // (1, T)
            const std::vector<std::string> &text =
                m_trace->keyTokens.empty() ? m_trace->queryTokens : m_trace->keyTokens;
            const QStringList names = AttentionMatrix::labels(text, w.cols());
            for (Index j = 0; j < w.cols(); ++j) {
                m_weights.push_back(w(0, j));
                m_tokens << names.value(static_cast<int>(j));
            }
        }
    }
    m_layout = layoutFor(width());
    updateGeometry();
    update();
}

void PoolingView::clear()
{
    setResult(nullptr, {}, {});
}

int PoolingView::predicted() const
{
    if (m_probabilities.empty())
        return -1;
    return static_cast<int>(std::max_element(m_probabilities.begin(), m_probabilities.end()) -
                            m_probabilities.begin());
}

QString PoolingView::predictedLabel() const
{
    const int p = predicted();
    return p < 0 ? QString() : m_labels.value(p, QString::number(p));
}

int PoolingView::tokenAt(const QPoint &pos) const
{
    for (std::size_t i = 0; i < m_layout.chips.size(); ++i)
        if (m_layout.chips[i].contains(pos))
            return static_cast<int>(i);
    return -1;
}

void PoolingView::setGradient(GradientKind kind)
{
    m_gradient = kind;
    update();
}

void PoolingView::setFontScale(double scale)
{
    m_fontScale = std::clamp(scale, 0.5, 4.0);
    m_layout = layoutFor(width());
    updateGeometry();
    update();
}

QFont PoolingView::chipFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.25 * m_fontScale);
    return f;
}

PoolingView::Layout PoolingView::layoutFor(int width) const
{
    Layout l;
    const QFontMetrics fm(chipFont());
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.95 * m_fontScale);
    const QFontMetrics sm(small);
    const int margin = static_cast<int>(10 * m_fontScale);
    const int gap = static_cast<int>(6 * m_fontScale);
    const int chipH = fm.height() + sm.height() + static_cast<int>(12 * m_fontScale);
    int x = margin;
    int y = margin + fm.height() + gap; // a title line first
    for (const QString &t : m_tokens) {
        const int w =
            std::max(fm.horizontalAdvance(t), sm.horizontalAdvance(QStringLiteral("0.000"))) +
            static_cast<int>(14 * m_fontScale);
        if (x + w > width - margin && x > margin) {
            x = margin;
            y += chipH + gap;
        }
        l.chips.emplace_back(x, y, w, chipH);
        x += w + gap;
    }
    y += (m_tokens.isEmpty() ? 0 : chipH) + 2 * gap;
    l.classesTop = y;
    const int rows = static_cast<int>(m_labels.size());
    l.height = y + fm.height() + gap + rows * (fm.height() + gap) + margin;
    return l;
}

QSize PoolingView::sizeHint() const
{
    return {640, heightForWidth(640)};
}

QSize PoolingView::minimumSizeHint() const
{
    return {240, 120};
}

int PoolingView::heightForWidth(int width) const
{
    return layoutFor(width).height;
}

void PoolingView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_layout = layoutFor(width());
}

void PoolingView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange ||
        event->type() == QEvent::PaletteChange) {
        m_layout = layoutFor(width());
        update();
    }
    QWidget::changeEvent(event);
}

bool PoolingView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = tokenAt(help->pos());
        if (i >= 0)
            QToolTip::showText(help->globalPos(),
                               tr("Token %1 “%2”: pooling weight %3")
                                   .arg(i)
                                   .arg(m_tokens.value(i))
                                   .arg(static_cast<double>(weight(i)), 0, 'f', 4),
                               this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void PoolingView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QFont big = chipFont();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.95 * m_fontScale);
    const QFontMetrics fm(big);
    const int margin = static_cast<int>(10 * m_fontScale);

    QFont title = big;
    title.setBold(true);
    p.setFont(title);
    p.setPen(pal.color(QPalette::Text));
    if (m_weights.empty()) {
        p.drawText(rect().adjusted(margin, margin, -margin, -margin),
                   Qt::AlignCenter | Qt::TextWordWrap,
                   m_trace ? tr("This model has no attention pooling to show.")
                           : tr("Classify a text to see which tokens the model attends to."));
        return;
    }
    p.drawText(QRect(margin, margin, width() - 2 * margin, fm.height()), Qt::AlignLeft,
               tr("Attention pooling over the tokens"));

    const float maxW = *std::max_element(m_weights.begin(), m_weights.end());
    const auto table = ColorMaps::table(m_gradient);
    for (std::size_t i = 0; i < m_layout.chips.size(); ++i) {
        const QRect r = m_layout.chips[i];
        const double t = maxW > 0 ? std::clamp(double(m_weights[i]) / double(maxW), 0.0, 1.0) : 0.0;
        const QColor fill = QColor::fromRgb(table[static_cast<std::size_t>(t * 255.0 + 0.5)]);
        QPainterPath path;
        path.addRoundedRect(QRectF(r), 6 * m_fontScale, 6 * m_fontScale);
        p.fillPath(path, fill);
        p.setPen(QPen(pal.color(QPalette::Mid), 1));
        p.drawPath(path);
        const QColor ink = ColorMaps::contrastingText(fill);
        p.setPen(ink);
        p.setFont(big);
        const int top = r.top() + static_cast<int>(4 * m_fontScale);
        p.drawText(QRect(r.left(), top, r.width(), fm.height()), Qt::AlignHCenter,
                   m_tokens.value(static_cast<int>(i)));
        p.setFont(small);
        p.drawText(QRect(r.left(), top + fm.height(), r.width(), r.bottom() - top - fm.height()),
                   Qt::AlignHCenter | Qt::AlignTop,
                   QLocale().toString(double(m_weights[i]), 'f', 3));
    }

    // The classes: predicted one first in words, then a bar per class.
    if (m_labels.isEmpty())
        return;
    int y = m_layout.classesTop;
    p.setFont(title);
    p.setPen(pal.color(QPalette::Text));
    const int best = predicted();
    const QString heading =
        best < 0
            ? tr("Classes")
            : tr("Predicted: %1 (%2%)")
                  .arg(predictedLabel())
                  .arg(QLocale().toString(
                      100.0 * double(m_probabilities[static_cast<std::size_t>(best)]), 'f', 1));
    p.drawText(QRect(margin, y, width() - 2 * margin, fm.height()), Qt::AlignLeft, heading);
    y += fm.height() + static_cast<int>(6 * m_fontScale);
    // Measured in bold: the predicted class is drawn bold.
    QFont boldBig = big;
    boldBig.setBold(true);
    const QFontMetrics bm(boldBig);
    int labelW = 0;
    for (const QString &l : m_labels)
        labelW = std::max(labelW, bm.horizontalAdvance(l));
    const int barX = margin + labelW + margin;
    const int barMax = std::max(40, width() - barX - margin -
                                        bm.horizontalAdvance(QStringLiteral("100.0%")) - margin);
    for (int c = 0; c < m_labels.size(); ++c) {
        const double prob = c < static_cast<int>(m_probabilities.size())
                                ? double(m_probabilities[static_cast<std::size_t>(c)])
                                : 0.0;
        QFont f = big;
        f.setBold(c == best);
        p.setFont(f);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(margin, y, labelW, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   m_labels[c]);
        const QRect bar(barX, y + fm.height() / 6,
                        static_cast<int>(barMax * std::clamp(prob, 0.0, 1.0)), fm.height() * 2 / 3);
        p.fillRect(QRect(barX, bar.top(), barMax, bar.height()),
                   pal.color(QPalette::AlternateBase));
        p.fillRect(bar, c == best ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid));
        p.drawText(QRect(barX + barMax + margin / 2, y, width(), fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   m_probabilities.empty()
                       ? QStringLiteral("–")
                       : QStringLiteral("%1%").arg(QLocale().toString(100.0 * prob, 'f', 1)));
        y += fm.height() + static_cast<int>(6 * m_fontScale);
    }
}

} // namespace attn
