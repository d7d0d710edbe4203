#include "walkthrough/walkthroughpage.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attn {

namespace {

constexpr double kBasePixels = 17.0; // body text at font scale 1

QFont sized(const QFont &base, double pixels, bool bold = false)
{
    QFont f = base;
    f.setPixelSize(std::max(6, static_cast<int>(std::lround(pixels))));
    f.setBold(bold);
    return f;
}

bool isDark(const QPalette &p)
{
    return p.color(QPalette::Window).lightness() < 128;
}

// Column widths and row height of a table drawn with font f.
struct TableMetrics {
    QVector<double> widths;
    double rowHeight = 0;
    double width = 0;
};

TableMetrics measure(const WtTable &t, const QFont &f)
{
    // Bold (headers, the first column, highlights) is the widest a cell is drawn in.
    QFont bold = f;
    bold.setBold(true);
    const QFontMetricsF fm(bold);
    TableMetrics m;
    for (const auto &row : t.rows) {
        if (m.widths.size() < row.size())
            m.widths.resize(row.size());
        for (int c = 0; c < row.size(); ++c)
            m.widths[c] =
                std::max(m.widths[c], fm.horizontalAdvance(row[c].text) * 1.08 + fm.height() * 0.8);
    }
    m.rowHeight = fm.height() * 1.45;
    for (double w : m.widths)
        m.width += w;
    return m;
}

} // namespace

QVector<WtCell> WtPage::cells() const
{
    QVector<WtCell> out;
    for (const WtItem &it : items) {
        if (it.kind == WtItem::Kind::Table)
            for (const auto &row : it.table.rows)
                out += row;
        else if (it.kind == WtItem::Kind::Bars)
            out += it.bars.texts;
    }
    return out;
}

QString WtPage::plainText() const
{
    QStringList lines{title};
    QString f;
    for (const auto &p : formula)
        f += p.text;
    lines << f;
    for (const WtItem &it : items) {
        if (it.kind == WtItem::Kind::Paragraph) {
            lines << it.text;
        } else if (it.kind == WtItem::Kind::Table) {
            lines << it.table.caption;
            for (const auto &row : it.table.rows) {
                QStringList r;
                for (const auto &c : row)
                    r << c.text;
                lines << r.join(QLatin1Char(' '));
            }
        } else {
            lines << it.bars.caption;
            for (int k = 0; k < it.bars.labels.size(); ++k)
                lines << it.bars.labels[k] + QLatin1Char(' ') +
                             (k < it.bars.texts.size() ? it.bars.texts[k].text : QString());
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QColor WalkthroughPage::highlightColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x8a, 0x5a, 0x00) : QColor(0xff, 0xe0, 0x8a);
}

double WalkthroughPage::paint(QPainter *p, const WtPage &page, const QRectF &rect,
                              const QPalette &palette, const QFont &baseFont, double fontScale,
                              QVector<WtHit> *hits)
{
    const double px = kBasePixels * fontScale;
    const double margin = px * 1.2;
    const double left = rect.left() + margin;
    const double width = std::max(100.0, rect.width() - 2 * margin);
    double y = rect.top() + margin * 0.6;
    const QColor text = palette.color(QPalette::WindowText);
    const QColor dim = isDark(palette) ? text.darker(140) : text.lighter(170);
    const QColor grid = isDark(palette) ? QColor(90, 90, 90) : QColor(205, 205, 205);
    const QColor hi = highlightColor(palette);
    const QColor accent = isDark(palette) ? QColor(0x7f, 0xb8, 0xff) : QColor(0x1f, 0x5f, 0xbf);
    const QColor barColor = isDark(palette) ? QColor(0x4f, 0x9f, 0xe8) : QColor(0x3a, 0x7c, 0xc8);

    // Title
    const QFont titleFont = sized(baseFont, px * 1.55, true);
    {
        const QFontMetricsF fm(titleFont);
        const QRectF r(left, y, width, fm.height() * 3);
        const QRectF br = fm.boundingRect(r, Qt::TextWordWrap, page.title);
        if (p) {
            p->setFont(titleFont);
            p->setPen(text);
            p->drawText(r, Qt::TextWordWrap, page.title);
        }
        y += br.height() + px * 0.5;
    }

    // Formula: large, centred, current term on a highlight.
    if (!page.formula.isEmpty()) {
        QFont ff = sized(baseFont, px * 1.8);
        double total = 0;
        for (int pass = 0; pass < 2; ++pass) { // shrink once if it does not fit
            total = 0;
            for (const auto &part : page.formula)
                total += QFontMetricsF(sized(ff, ff.pixelSize(), part.highlight))
                             .horizontalAdvance(part.text);
            if (total <= width * 0.98)
                break;
            ff = sized(ff, ff.pixelSize() * width * 0.98 / total);
        }
        const QFontMetricsF fm(ff);
        const double h = fm.height() * 1.5;
        if (p) {
            p->setPen(grid);
            p->setBrush(Qt::NoBrush);
            p->drawRoundedRect(QRectF(left, y, width, h), px * 0.4, px * 0.4);
            double x = left + (width - total) / 2;
            for (const auto &part : page.formula) {
                const QFont f = sized(ff, ff.pixelSize(), part.highlight);
                const double w = QFontMetricsF(f).horizontalAdvance(part.text);
                if (part.highlight)
                    p->fillRect(QRectF(x - 2, y + h * 0.12, w + 4, h * 0.76), hi);
                p->setFont(f);
                p->setPen(part.highlight ? text : dim);
                p->drawText(QRectF(x, y, w + 2, h), Qt::AlignVCenter | Qt::AlignLeft, part.text);
                x += w;
            }
        }
        y += h + px * 0.8;
    }

    const QFont body = sized(baseFont, px);
    const QFont captionFont = sized(baseFont, px * 1.05, true);
    for (const WtItem &it : page.items) {
        if (it.kind == WtItem::Kind::Paragraph) {
            const QFontMetricsF fm(body);
            const QRectF r(left, y, width, 1e6);
            const QRectF br = fm.boundingRect(r, Qt::TextWordWrap, it.text);
            if (p) {
                p->setFont(body);
                p->setPen(text);
                p->drawText(r, Qt::TextWordWrap, it.text);
            }
            y += br.height() + px * 0.6;
            continue;
        }
        const QString caption = it.kind == WtItem::Kind::Table ? it.table.caption : it.bars.caption;
        if (!caption.isEmpty()) {
            const QFontMetricsF fm(captionFont);
            const QRectF br =
                fm.boundingRect(QRectF(left, y, width, 1e6), Qt::TextWordWrap, caption);
            if (p) {
                p->setFont(captionFont);
                p->setPen(accent);
                p->drawText(QRectF(left, y, width, br.height()), Qt::TextWordWrap, caption);
            }
            y += br.height() + px * 0.25;
        }
        if (it.kind == WtItem::Kind::Table) {
            const WtTable &t = it.table;
            QFont f = body;
            TableMetrics m = measure(t, f);
            if (m.width > width) { // shrink the table's font to fit the width
                f = sized(body, std::max(px * 0.5, px * width / m.width));
                m = measure(t, f);
            }
            const QFontMetricsF fm(f);
            for (int r = 0; r < t.rows.size(); ++r) {
                const auto &row = t.rows[r];
                const bool header = t.hasHeader && r == 0;
                double x = left;
                for (int c = 0; c < row.size(); ++c) {
                    const WtCell &cell = row[c];
                    const QRectF cr(x, y, m.widths[c], m.rowHeight);
                    if (hits && (cell.pickQuery >= 0 || cell.pickKey >= 0))
                        hits->push_back({cr, cell.pickQuery, cell.pickKey});
                    if (p) {
                        if (cell.highlight)
                            p->fillRect(cr, hi);
                        const bool bold = header || c == 0 || cell.highlight;
                        p->setFont(sized(f, f.pixelSize(), bold));
                        p->setPen(header || c == 0 ? (cell.highlight ? text : accent) : text);
                        const Qt::Alignment al =
                            (c == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter;
                        p->drawText(cr.adjusted(fm.height() * 0.35, 0, -fm.height() * 0.35, 0), al,
                                    cell.text);
                    }
                    x += m.widths[c];
                }
                if (p && (header || r == t.rows.size() - 1)) {
                    p->setPen(grid);
                    p->drawLine(QPointF(left, y + m.rowHeight),
                                QPointF(left + m.width, y + m.rowHeight));
                }
                y += m.rowHeight;
            }
            y += px * 0.8;
        } else {
            const WtBars &b = it.bars;
            const QFontMetricsF fm(body);
            double labelW = 0, valueW = 0;
            for (const QString &l : b.labels)
                labelW = std::max(labelW, fm.horizontalAdvance(l));
            for (const WtCell &c : b.texts)
                valueW = std::max(valueW, fm.horizontalAdvance(c.text));
            labelW += px;
            valueW += px;
            const double barMax = std::max(px * 4, std::min(width * 0.6, width - labelW - valueW));
            const double rh = fm.height() * 1.3;
            for (int k = 0; k < b.labels.size(); ++k) {
                if (p) {
                    const QRectF row(left, y, labelW + barMax + valueW, rh);
                    if (k == b.highlight)
                        p->fillRect(row, hi);
                    p->setFont(sized(body, body.pixelSize(), k == b.highlight));
                    p->setPen(text);
                    p->drawText(QRectF(left, y, labelW - px * 0.4, rh),
                                Qt::AlignRight | Qt::AlignVCenter, b.labels[k]);
                    const double v = k < b.values.size() ? std::clamp(b.values[k], 0.0, 1.0) : 0.0;
                    p->fillRect(QRectF(left + labelW, y + rh * 0.15, barMax * v, rh * 0.7),
                                barColor);
                    p->setPen(grid);
                    p->drawLine(QPointF(left + labelW, y), QPointF(left + labelW, y + rh));
                    p->setPen(text);
                    if (k < b.texts.size())
                        p->drawText(QRectF(left + labelW + barMax * v + px * 0.3, y, valueW, rh),
                                    Qt::AlignLeft | Qt::AlignVCenter, b.texts[k].text);
                }
                y += rh;
            }
            y += px * 0.8;
        }
    }
    return y - rect.top() + margin * 0.5;
}

} // namespace attn
