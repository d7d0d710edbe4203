#include "walkthrough/walkthroughformat.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <set>

// Sources of the number cells (see WtCell):
//   trace rows     tokEmb:i posEmb:i x:r resIn:r q:r k:r v:r scores:i scaled:i weights:i
//                  out:i (the head's output) concat:i blockOut:i resOut:i wq:r wk:r wv:r
//                  Ws:i Uh:j av (additive v) Wh:j W:r (general) maskedScaled:i (scaled, or
//                  -inf where masked)
//   Walkthrough    embSum xwq xwk xwv bq bk bv terms termSum pre tanhs dk sqrtdk scale
//                  temperature unscaled softmax.max softmax.shifted softmax.exps
//                  softmax.sum softmax.weights contrib:j z concatWo bo wh (general W h_j)

namespace attn {

WalkthroughFormat::WalkthroughFormat(const AttentionTrace &trace, const Walkthrough &walk,
                                     const WtOptions &options)
    : m_trace(trace), m_walk(walk), m_opt(options)
{
    m_opt.precision = std::clamp(m_opt.precision, 2, 6);
    m_block = trace.find(walk.sel.block);
    if (m_block && walk.sel.head >= 0 && walk.sel.head < static_cast<int>(m_block->heads.size()))
        m_head = &m_block->heads[static_cast<size_t>(walk.sel.head)];
}

QString WalkthroughFormat::number(double v, int precision)
{
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+∞") : QStringLiteral("−∞");
    if (std::isnan(v))
        return QStringLiteral("NaN");
    // The reader's decimal separator and minus sign; no group separators in the tables.
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
    QString s = locale.toString(v, 'f', precision);
    bool allZero = true;
    for (QChar c : s)
        if (c.isDigit() && c != QLatin1Char('0'))
            allZero = false;
    if (allZero && s.startsWith(locale.negativeSign())) // rounds to zero: 0, not -0
        s.remove(0, locale.negativeSign().size());
    return s;
}

std::vector<int> WalkthroughFormat::elide(int n, int max, std::vector<int> keep)
{
    std::vector<int> out;
    if (n <= max) {
        for (int k = 0; k < n; ++k)
            out.push_back(k);
        return out;
    }
    std::set<int> shown;
    const int tail = 2;
    const int head = std::max(1, max - tail - static_cast<int>(keep.size()));
    for (int k = 0; k < head && k < n; ++k)
        shown.insert(k);
    for (int k = std::max(0, n - tail); k < n; ++k)
        shown.insert(k);
    for (int k : keep)
        if (k >= 0 && k < n)
            shown.insert(k);
    int prev = -1;
    for (int k : shown) {
        if (k != prev + 1)
            out.push_back(-1);
        out.push_back(k);
        prev = k;
    }
    return out;
}

QString WalkthroughFormat::queryToken(int i) const
{
    const auto &t = m_trace.queryTokens;
    return i >= 0 && i < static_cast<int>(t.size()) ? QString::fromStdString(t[size_t(i)])
                                                    : QStringLiteral("#%1").arg(i);
}

QString WalkthroughFormat::keyToken(int j) const
{
    const auto &t = m_trace.keyTokens.empty() ? m_trace.queryTokens : m_trace.keyTokens;
    return j >= 0 && j < static_cast<int>(t.size()) ? QString::fromStdString(t[size_t(j)])
                                                    : QStringLiteral("#%1").arg(j);
}

QString WalkthroughFormat::queryKeyText(const QString &text, int n) const
{
    const int i = m_walk.sel.query, j = m_walk.sel.key;
    return text.arg(i).arg(queryToken(i)).arg(j).arg(keyToken(j)).arg(n);
}

WtCell WalkthroughFormat::num(double v, const QString &source, int index, bool highlight) const
{
    WtCell c;
    c.text = number(v, m_opt.precision);
    c.source = source;
    c.index = index;
    c.highlight = highlight;
    return c;
}

WtCell WalkthroughFormat::label(const QString &text, bool highlight)
{
    WtCell c;
    c.text = text;
    c.label = true;
    c.highlight = highlight;
    return c;
}

QVector<WtCell> WalkthroughFormat::gapRow(qsizetype cells)
{
    QVector<WtCell> row{label(QStringLiteral("⋮"))};
    for (qsizetype c = 0; c < cells; ++c)
        row << label(QString());
    return row;
}

QVector<WtCell> WalkthroughFormat::indexHeader(const QString &corner, const std::vector<int> &cols,
                                               int highlight) const
{
    QVector<WtCell> row{label(corner)};
    for (int c : cols)
        row << label(c < 0 ? QStringLiteral("…") : QString::number(c), c >= 0 && c == highlight);
    return row;
}

QVector<WtCell> WalkthroughFormat::tokenHeader(const QString &corner, const std::vector<int> &keys,
                                               int highlight) const
{
    QVector<WtCell> row{label(corner)};
    for (int c : keys) {
        row << label(c < 0 ? QStringLiteral("…") : keyToken(c), c >= 0 && c == highlight);
        row.back().pickKey = c;
    }
    return row;
}

QVector<WtCell> WalkthroughFormat::vectorRow(const QString &name, const std::vector<double> &values,
                                             const QString &source, const std::vector<int> &cols,
                                             int highlight, bool rowHighlight) const
{
    QVector<WtCell> row{label(name, rowHighlight)};
    for (int c : cols) {
        if (c < 0 || c >= static_cast<int>(values.size()))
            row << label(QStringLiteral("…"), rowHighlight);
        else
            row << num(values[size_t(c)], source, c, rowHighlight || c == highlight);
    }
    return row;
}

QVector<QVector<WtCell>> WalkthroughFormat::weightRows(const QString &name, const MatRM &m,
                                                       const QString &source,
                                                       const std::vector<int> &cols) const
{
    QVector<QVector<WtCell>> rows;
    for (int r : elide(int(m.rows()), 6, {})) {
        if (r < 0)
            rows << gapRow(qsizetype(cols.size()));
        else
            rows << vectorRow(name.arg(r), traceRow(m, r),
                              source + QLatin1Char(':') + QString::number(r), cols);
    }
    return rows;
}

std::vector<double> WalkthroughFormat::traceRow(const MatRM &m, int r)
{
    std::vector<double> out;
    if (r < 0 || r >= m.rows())
        return out;
    for (Index c = 0; c < m.cols(); ++c)
        out.push_back(static_cast<double>(m(r, c)));
    return out;
}

void WalkthroughFormat::addParagraph(WtPage &page, const QString &text)
{
    WtItem it;
    it.kind = WtItem::Kind::Paragraph;
    it.text = text;
    page.items << it;
}

void WalkthroughFormat::addTable(WtPage &page, const QString &caption,
                                 QVector<QVector<WtCell>> rows)
{
    WtItem it;
    it.kind = WtItem::Kind::Table;
    it.table.caption = caption;
    it.table.rows = std::move(rows);
    page.items << it;
}

void WalkthroughFormat::addBars(WtPage &page, const QString &caption,
                                const std::vector<double> &weights, const QString &source) const
{
    WtItem it;
    it.kind = WtItem::Kind::Bars;
    it.bars.caption = caption;
    const std::vector<int> keys =
        elide(static_cast<int>(weights.size()), 2 * m_opt.maxRows, {m_walk.sel.key});
    for (int j : keys) {
        if (j < 0) {
            it.bars.labels << QStringLiteral("⋮");
            it.bars.values << 0.0;
            it.bars.texts << label(QString());
            continue;
        }
        if (j == m_walk.sel.key)
            it.bars.highlight = static_cast<int>(it.bars.labels.size());
        it.bars.labels << keyToken(j);
        it.bars.values << weights[size_t(j)];
        it.bars.texts << num(weights[size_t(j)], source, j);
    }
    page.items << it;
}

void WalkthroughFormat::addMatrix(WtPage &page, const QString &caption, const MatRM &m,
                                  const QString &source, bool queryRows, int hi, int hiCol) const
{
    const std::vector<int> cols = elide(static_cast<int>(m.cols()), m_opt.maxColumns, {hiCol});
    const std::vector<int> rows = elide(static_cast<int>(m.rows()), m_opt.maxRows, {hi});
    QVector<QVector<WtCell>> t{indexHeader(QString(), cols, hiCol)};
    for (int r : rows) {
        if (r < 0) {
            t << gapRow(qsizetype(cols.size()));
            continue;
        }
        const QString name = queryRows ? queryToken(r) : keyToken(r);
        t << vectorRow(name, traceRow(m, r), source + QLatin1Char(':') + QString::number(r), cols,
                       hiCol, r == hi);
        (queryRows ? t.back()[0].pickQuery : t.back()[0].pickKey) = r;
    }
    addTable(page, caption, t);
}

} // namespace attn
