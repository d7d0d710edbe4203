#include "walkthrough/walkthroughbuilder.h"

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

namespace {

QString sub(int i)
{
    return QString::number(i);
}

} // namespace

WalkthroughBuilder::WalkthroughBuilder(const AttentionTrace &trace, const Walkthrough &walk,
                                       const Options &options)
    : m_trace(trace), m_walk(walk), m_opt(options)
{
    m_opt.precision = std::clamp(m_opt.precision, 2, 6);
    m_block = trace.find(walk.sel.block);
    if (m_block && walk.sel.head >= 0 && walk.sel.head < static_cast<int>(m_block->heads.size()))
        m_head = &m_block->heads[static_cast<size_t>(walk.sel.head)];
}

QString WalkthroughBuilder::number(double v, int precision)
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

std::vector<int> WalkthroughBuilder::elide(int n, int max, std::vector<int> keep)
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

QString WalkthroughBuilder::stepName(WalkStep step, ScoreKind kind)
{
    const bool add = kind == ScoreKind::Additive;
    const bool gen = kind == ScoreKind::General;
    switch (step) {
    case WalkStep::Input:
        return add || gen ? tr("Decoder state and encoder states") : tr("Tokens → embeddings → X");
    case WalkStep::Projections:
        return add   ? tr("Projections W·s and U·h")
               : gen ? tr("Projection W·h_j")
                     : tr("Q = X·W_Q, K = X·W_K, V = X·W_V");
    case WalkStep::Scores:
        return add   ? tr("Scores e_ij = vᵀ·tanh(W·s + U·h_j)")
               : gen ? tr("Scores e_ij = s_iᵀ·(W·h_j)")
                     : tr("Scores s_ij = q_i · k_j");
    case WalkStep::Scale:
        return tr("Scaling by √d_k");
    case WalkStep::Mask:
        return tr("The mask");
    case WalkStep::Softmax:
        return tr("Softmax");
    case WalkStep::WeightedSum:
        return add || gen ? tr("Context c_i = Σ_j a_ij·h_j")
                          : tr("Weighted sum z_i = Σ_j a_ij·v_j");
    case WalkStep::MultiHead:
        return tr("Multi-head: concatenate, W_O, residual");
    }
    return {};
}

QString WalkthroughBuilder::queryToken(int i) const
{
    const auto &t = m_trace.queryTokens;
    return i >= 0 && i < static_cast<int>(t.size()) ? QString::fromStdString(t[size_t(i)])
                                                    : QStringLiteral("#%1").arg(i);
}

QString WalkthroughBuilder::keyToken(int j) const
{
    const auto &t = m_trace.keyTokens.empty() ? m_trace.queryTokens : m_trace.keyTokens;
    return j >= 0 && j < static_cast<int>(t.size()) ? QString::fromStdString(t[size_t(j)])
                                                    : QStringLiteral("#%1").arg(j);
}

WtCell WalkthroughBuilder::num(double v, const QString &source, int index, bool highlight) const
{
    WtCell c;
    c.text = number(v, m_opt.precision);
    c.source = source;
    c.index = index;
    c.highlight = highlight;
    return c;
}

WtCell WalkthroughBuilder::label(const QString &text, bool highlight)
{
    WtCell c;
    c.text = text;
    c.label = true;
    c.highlight = highlight;
    return c;
}

QVector<WtCell> WalkthroughBuilder::indexHeader(const QString &corner, const std::vector<int> &cols,
                                                int highlight) const
{
    QVector<WtCell> row{label(corner)};
    for (int c : cols)
        row << label(c < 0 ? QStringLiteral("…") : sub(c), c >= 0 && c == highlight);
    return row;
}

QVector<WtCell> WalkthroughBuilder::tokenHeader(const QString &corner, const std::vector<int> &keys,
                                                int highlight) const
{
    QVector<WtCell> row{label(corner)};
    for (int c : keys) {
        row << label(c < 0 ? QStringLiteral("…") : keyToken(c), c >= 0 && c == highlight);
        row.back().pickKey = c;
    }
    return row;
}

QVector<WtCell> WalkthroughBuilder::vectorRow(const QString &name,
                                              const std::vector<double> &values,
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

std::vector<double> WalkthroughBuilder::traceRow(const MatRM &m, int r) const
{
    std::vector<double> out;
    if (r < 0 || r >= m.rows())
        return out;
    for (Index c = 0; c < m.cols(); ++c)
        out.push_back(static_cast<double>(m(r, c)));
    return out;
}

void WalkthroughBuilder::addParagraph(WtPage &page, const QString &text) const
{
    WtItem it;
    it.kind = WtItem::Kind::Paragraph;
    it.text = text;
    page.items << it;
}

void WalkthroughBuilder::addTable(WtPage &page, const QString &caption,
                                  QVector<QVector<WtCell>> rows) const
{
    WtItem it;
    it.kind = WtItem::Kind::Table;
    it.table.caption = caption;
    it.table.rows = std::move(rows);
    page.items << it;
}

void WalkthroughBuilder::addBars(WtPage &page, const QString &caption,
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

void WalkthroughBuilder::addMatrix(WtPage &page, const QString &caption, const MatRM &m,
                                   const QString &source, bool queryRows, int hi, int hiCol) const
{
    const std::vector<int> cols = elide(static_cast<int>(m.cols()), m_opt.maxColumns, {hiCol});
    const std::vector<int> rows = elide(static_cast<int>(m.rows()), m_opt.maxRows, {hi});
    QVector<QVector<WtCell>> t{indexHeader(QString(), cols, hiCol)};
    for (int r : rows) {
        if (r < 0) {
            QVector<WtCell> gap{label(QStringLiteral("⋮"))};
            for (size_t c = 0; c < cols.size(); ++c)
                gap << label(QString());
            t << gap;
            continue;
        }
        const QString name = queryRows ? queryToken(r) : keyToken(r);
        t << vectorRow(name, traceRow(m, r), source + QLatin1Char(':') + sub(r), cols, hiCol,
                       r == hi);
        (queryRows ? t.back()[0].pickQuery : t.back()[0].pickKey) = r;
    }
    addTable(page, caption, t);
}

QVector<WtFormulaPart> WalkthroughBuilder::formula(WalkStep step) const
{
    if (m_walk.kind == ScoreKind::Additive) {
        QVector<WtFormulaPart> f{
            {QStringLiteral("c_i = Σ_j "), step == WalkStep::WeightedSum},
            {QStringLiteral("softmax_j"), step == WalkStep::Softmax},
            {QStringLiteral("( "), false},
            {QStringLiteral("vᵀ tanh("), step == WalkStep::Scores},
            {QStringLiteral("W s_{i−1}"), step == WalkStep::Projections || step == WalkStep::Input},
            {QStringLiteral(" + "), step == WalkStep::Scores},
            {QStringLiteral("U h_j"), step == WalkStep::Projections || step == WalkStep::Input},
            {QStringLiteral(")"), step == WalkStep::Scores},
            {QStringLiteral(" + M"), step == WalkStep::Mask},
            {QStringLiteral(" ) "), false},
            {QStringLiteral("h_j"), step == WalkStep::WeightedSum}};
        return f;
    }
    if (m_walk.kind == ScoreKind::General) {
        QVector<WtFormulaPart> f{
            {QStringLiteral("c_i = Σ_j "), step == WalkStep::WeightedSum},
            {QStringLiteral("softmax_j"), step == WalkStep::Softmax},
            {QStringLiteral("( "), false},
            {QStringLiteral("s_iᵀ"), step == WalkStep::Scores || step == WalkStep::Input},
            {QStringLiteral(" · "), step == WalkStep::Scores},
            {QStringLiteral("W h_j"), step == WalkStep::Projections || step == WalkStep::Scores},
            {QStringLiteral(" + M"), step == WalkStep::Mask},
            {QStringLiteral(" ) "), false},
            {QStringLiteral("h_j"), step == WalkStep::WeightedSum}};
        return f;
    }
    const bool all = step == WalkStep::MultiHead;
    const bool proj = step == WalkStep::Projections || step == WalkStep::Input;
    QVector<WtFormulaPart> f{
        {QStringLiteral("softmax"), step == WalkStep::Softmax || all},
        {QStringLiteral("( "), all},
        {QStringLiteral("Q"), proj || step == WalkStep::Scores || all},
        {QStringLiteral("Kᵀ"), proj || step == WalkStep::Scores || all},
        {m_walk.kind == ScoreKind::Dot ? QStringLiteral(" · 1") : QStringLiteral(" / √d_k"),
         step == WalkStep::Scale || all},
        {QStringLiteral(" + M"), step == WalkStep::Mask || all},
        {QStringLiteral(" ) "), all},
        {QStringLiteral("V"), proj || step == WalkStep::WeightedSum || all}};
    if (all)
        f << WtFormulaPart{QStringLiteral("  →  Concat(head₁…head_H) W_O"), true};
    return f;
}

WtPage WalkthroughBuilder::page(int step) const
{
    WtPage page;
    if (!m_head || step < 0 || step >= stepCount())
        return page;
    const WalkStep s = m_walk.steps[size_t(step)];
    page.title =
        tr("Step %1 of %2: %3").arg(step + 1).arg(stepCount()).arg(stepName(s, m_walk.kind));
    page.formula = formula(s);
    switch (s) {
    case WalkStep::Input:
        stepInput(page);
        break;
    case WalkStep::Projections:
        stepProjections(page);
        break;
    case WalkStep::Scores:
        stepScores(page);
        break;
    case WalkStep::Scale:
        stepScale(page);
        break;
    case WalkStep::Mask:
        stepMask(page);
        break;
    case WalkStep::Softmax:
        stepSoftmax(page);
        break;
    case WalkStep::WeightedSum:
        stepWeightedSum(page);
        break;
    case WalkStep::MultiHead:
        stepMultiHead(page);
        break;
    }
    return page;
}

void WalkthroughBuilder::stepInput(WtPage &page) const
{
    const int i = m_walk.sel.query;
    const AttentionBlockTrace &b = *m_block;
    if (m_walk.kind == ScoreKind::Additive || m_walk.kind == ScoreKind::General) {
        addParagraph(page, tr("Decoding step %1 (output token “%2”). The decoder's previous state "
                              "s_{i−1} asks the question; the encoder's states h_j, one per "
                              "source token, are both the keys and the values.")
                               .arg(i)
                               .arg(queryToken(i)));
        const std::vector<int> cols = elide(int(m_head->q.cols()), m_opt.maxColumns, {});
        addTable(page, tr("Decoder state s_{i−1}"),
                 {indexHeader(QString(), cols),
                  vectorRow(queryToken(i), traceRow(m_head->q, i), QStringLiteral("q:%1").arg(i),
                            cols, -1, true)});
        addMatrix(page, tr("Encoder states h_j (one row per source token)"), m_head->k,
                  QStringLiteral("k"), false, m_walk.sel.key);
        return;
    }
    // The tokens, query i highlighted.
    QVector<WtCell> toks{label(tr("tokens"))};
    const std::vector<int> qs = elide(m_walk.Tq, 2 * m_opt.maxRows, {i});
    for (int r : qs) {
        toks << label(r < 0 ? QStringLiteral("…") : queryToken(r), r == i);
        toks.back().pickQuery = r;
    }
    addTable(page, tr("The input, query %1 (“%2”) highlighted").arg(i).arg(queryToken(i)), {toks});
    const int C = m_walk.C > 0 ? m_walk.C : int(m_trace.tokenEmbeddings.cols());
    const std::vector<int> cols = elide(C, m_opt.maxColumns, {});
    QVector<QVector<WtCell>> t{indexHeader(tr("row %1, C = %2").arg(i).arg(C), cols)};
    if (m_walk.hasEmbeddings) {
        t << vectorRow(tr("token embedding"), traceRow(m_trace.tokenEmbeddings, i),
                       QStringLiteral("tokEmb:%1").arg(i), cols);
        t << vectorRow(tr("+ position embedding"), traceRow(m_trace.positionEmbeddings, i),
                       QStringLiteral("posEmb:%1").arg(i), cols);
        t << vectorRow(tr("= sum"), m_walk.embSum, QStringLiteral("embSum"), cols);
    }
    if (m_walk.hasX) {
        if (b.layer > 0 || !m_walk.hasEmbeddings)
            t << vectorRow(tr("residual stream into layer %1").arg(b.layer),
                           traceRow(b.residualIn, i), QStringLiteral("resIn:%1").arg(i), cols);
        t << vectorRow(m_walk.xIsNormed ? tr("X after LayerNorm") : tr("X"), traceRow(b.x, i),
                       QStringLiteral("x:%1").arg(i), cols, -1, true);
    }
    if (t.size() > 1)
        addTable(page, tr("From token to the layer's input"), t);
    addParagraph(page,
                 m_walk.xIsNormed
                     ? tr("Each token's vector is its token embedding plus its position "
                          "embedding; the blocks before this layer add their outputs to it, and "
                          "LayerNorm rescales it to X, the attention's input.")
                     : tr("Each token's vector is its token embedding plus its position "
                          "embedding; this is X, the attention's input."));
}

void WalkthroughBuilder::stepProjections(WtPage &page) const
{
    const int i = m_walk.sel.query, j = m_walk.sel.key;
    if (m_walk.kind == ScoreKind::Additive) {
        const MatRM &ws = m_head->extras.at("Ws");
        const MatRM &uh = m_head->extras.at("Uh");
        const std::vector<int> cols = elide(int(ws.cols()), m_opt.maxColumns, {});
        addTable(page, tr("W·s_{i−1}: the decoder state projected (A = %1)").arg(ws.cols()),
                 {indexHeader(QString(), cols),
                  vectorRow(queryToken(i), traceRow(ws, i), QStringLiteral("Ws:%1").arg(i), cols,
                            -1, true)});
        addMatrix(page, tr("U·h_j: every encoder state projected"), uh, QStringLiteral("Uh"), false,
                  j);
        addParagraph(page, tr("Both are projected into the same attention space of A numbers, "
                              "so that they can be added."));
        return;
    }
    if (m_walk.kind == ScoreKind::General) {
        const MatRM &wh = m_head->extras.at("Wh");
        const int dq = int(wh.cols());
        addParagraph(page, tr("Luong's general score compares the decoder state s_i (%1 numbers) "
                              "with each encoder state h_j (%2 numbers) through one learned "
                              "matrix W: first W·h_j maps h_j into the decoder's space.")
                               .arg(dq)
                               .arg(m_head->k.cols()));
        const auto w = m_head->extras.find("W");
        if (w != m_head->extras.end() && !m_walk.wh.empty()) {
            // W h_j = Σ_d W[a][d] h_j[d]: the rows of W, h_j, and their products summed.
            const std::vector<int> dcols = elide(int(w->second.cols()), m_opt.maxColumns, {});
            const std::vector<int> wr = elide(int(w->second.rows()), 6, {});
            QVector<QVector<WtCell>> t{indexHeader(QStringLiteral("d"), dcols),
                                       vectorRow(QStringLiteral("h_j"), traceRow(m_head->k, j),
                                                 QStringLiteral("k:%1").arg(j), dcols, -1, true)};
            for (int r : wr) {
                if (r < 0) {
                    QVector<WtCell> gap{label(QStringLiteral("⋮"))};
                    for (size_t c = 0; c < dcols.size(); ++c)
                        gap << label(QString());
                    t << gap;
                    continue;
                }
                t << vectorRow(QStringLiteral("W[%1]").arg(r), traceRow(w->second, r),
                               QStringLiteral("W:%1").arg(r), dcols);
            }
            addTable(page,
                     tr("W (%1 × %2) and the encoder state h_%3 (“%4”)")
                         .arg(w->second.rows())
                         .arg(w->second.cols())
                         .arg(j)
                         .arg(keyToken(j)),
                     t);
        }
        const std::vector<int> cols = elide(dq, m_opt.maxColumns, {});
        QVector<QVector<WtCell>> t{indexHeader(QStringLiteral("a"), cols)};
        if (!m_walk.wh.empty())
            t << vectorRow(tr("Σ_d W[a][d]·h_j[d]"), m_walk.wh, QStringLiteral("wh"), cols);
        t << vectorRow(tr("W·h_j in the trace"), traceRow(wh, j), QStringLiteral("Wh:%1").arg(j),
                       cols, -1, true);
        addTable(page, tr("W·h_j for key %1 (“%2”)").arg(j).arg(keyToken(j)), t);
        addMatrix(page, tr("W·h_j for every encoder state (row %1 highlighted)").arg(j), wh,
                  QStringLiteral("Wh"), false, j);
        return;
    }
    addParagraph(page, tr("This head's slices of the projection weights turn every row of X "
                          "into a query, a key and a value of d_k = %1 numbers each.")
                           .arg(m_walk.dk));
    const std::vector<int> cols = elide(m_walk.dk, m_opt.maxColumns, {});
    if (m_walk.hasWeights) {
        const size_t h = size_t(m_walk.sel.head);
        const MatRM &wq = m_block->wq[h];
        const std::vector<int> wr = elide(int(wq.rows()), 6, {});
        QVector<QVector<WtCell>> t{indexHeader(QString(), cols)};
        for (int r : wr) {
            if (r < 0) {
                QVector<WtCell> gap{label(QStringLiteral("⋮"))};
                for (size_t c = 0; c < cols.size(); ++c)
                    gap << label(QString());
                t << gap;
                continue;
            }
            t << vectorRow(QStringLiteral("W_Q[%1]").arg(r), traceRow(wq, r),
                           QStringLiteral("wq:%1").arg(r), cols);
        }
        addTable(page,
                 tr("W_Q of head %1 (%2 × %3)").arg(m_walk.sel.head).arg(wq.rows()).arg(wq.cols()),
                 t);
        addTable(
            page, tr("Query row %1 and key/value row %2").arg(i).arg(j),
            {indexHeader(QString(), cols),
             vectorRow(tr("x_i·W_Q"), m_walk.xwq, QStringLiteral("xwq"), cols),
             vectorRow(tr("+ bias"), m_walk.bq, QStringLiteral("bq"), cols),
             vectorRow(tr("= q_i"), traceRow(m_head->q, i), QStringLiteral("q:%1").arg(i), cols, -1,
                       true),
             vectorRow(tr("x_j·W_K"), m_walk.xwk, QStringLiteral("xwk"), cols),
             vectorRow(tr("+ bias"), m_walk.bk, QStringLiteral("bk"), cols),
             vectorRow(tr("= k_j"), traceRow(m_head->k, j), QStringLiteral("k:%1").arg(j), cols),
             vectorRow(tr("x_j·W_V"), m_walk.xwv, QStringLiteral("xwv"), cols),
             vectorRow(tr("+ bias"), m_walk.bv, QStringLiteral("bv"), cols),
             vectorRow(tr("= v_j"), traceRow(m_head->v, j), QStringLiteral("v:%1").arg(j), cols)});
    }
    addMatrix(page, tr("Q (row %1 highlighted)").arg(i), m_head->q, QStringLiteral("q"), true, i);
    if (m_walk.hasWeights)
        return; // k_j and v_j are in the table above; the page stays readable on a slide
    addMatrix(page, tr("K (row %1 highlighted)").arg(j), m_head->k, QStringLiteral("k"), false, j);
    addMatrix(page, tr("V"), m_head->v, QStringLiteral("v"), false, j);
}

void WalkthroughBuilder::stepScores(WtPage &page) const
{
    const int i = m_walk.sel.query, j = m_walk.sel.key;
    const int n = static_cast<int>(m_walk.terms.size());
    const std::vector<int> cols = elide(n, m_opt.maxColumns, {});
    if (m_walk.kind == ScoreKind::Additive) {
        const MatRM &ws = m_head->extras.at("Ws");
        const MatRM &uh = m_head->extras.at("Uh");
        const MatRM &v = m_head->extras.at("v");
        addTable(page,
                 tr("e_ij for query %1 (“%2”) and key %3 (“%4”), term by term over A = %5")
                     .arg(i)
                     .arg(queryToken(i))
                     .arg(j)
                     .arg(keyToken(j))
                     .arg(n),
                 {indexHeader(QStringLiteral("a"), cols),
                  vectorRow(QStringLiteral("W·s_{i−1}"), traceRow(ws, i),
                            QStringLiteral("Ws:%1").arg(i), cols),
                  vectorRow(QStringLiteral("+ U·h_j"), traceRow(uh, j),
                            QStringLiteral("Uh:%1").arg(j), cols),
                  vectorRow(QStringLiteral("= "), m_walk.pre, QStringLiteral("pre"), cols),
                  vectorRow(QStringLiteral("tanh"), m_walk.tanhs, QStringLiteral("tanhs"), cols),
                  vectorRow(QStringLiteral("v"), traceRow(v, 0), QStringLiteral("av"), cols),
                  vectorRow(QStringLiteral("v·tanh"), m_walk.terms, QStringLiteral("terms"), cols,
                            -1, true)});
    } else if (m_walk.kind == ScoreKind::General) {
        const MatRM &wh = m_head->extras.at("Wh");
        addTable(page,
                 tr("e_ij = s_i · (W·h_j) for query %1 (“%2”) and key %3 (“%4”), term by term "
                    "over %5 numbers")
                     .arg(i)
                     .arg(queryToken(i))
                     .arg(j)
                     .arg(keyToken(j))
                     .arg(n),
                 {indexHeader(QStringLiteral("a"), cols),
                  vectorRow(QStringLiteral("s_i[a]"), traceRow(m_head->q, i),
                            QStringLiteral("q:%1").arg(i), cols),
                  vectorRow(QStringLiteral("(W·h_j)[a]"), traceRow(wh, j),
                            QStringLiteral("Wh:%1").arg(j), cols),
                  vectorRow(QStringLiteral("s_i[a]·(W·h_j)[a]"), m_walk.terms,
                            QStringLiteral("terms"), cols, -1, true)});
    } else {
        addTable(page,
                 tr("q_i · k_j for query %1 (“%2”) and key %3 (“%4”), term by term over d_k = %5")
                     .arg(i)
                     .arg(queryToken(i))
                     .arg(j)
                     .arg(keyToken(j))
                     .arg(n),
                 {indexHeader(QStringLiteral("d"), cols),
                  vectorRow(QStringLiteral("q_i[d]"), traceRow(m_head->q, i),
                            QStringLiteral("q:%1").arg(i), cols),
                  vectorRow(QStringLiteral("k_j[d]"), traceRow(m_head->k, j),
                            QStringLiteral("k:%1").arg(j), cols),
                  vectorRow(QStringLiteral("q_i[d]·k_j[d]"), m_walk.terms, QStringLiteral("terms"),
                            cols, -1, true)});
    }
    addTable(page, tr("The sum of the %1 terms").arg(n),
             {{label(tr("Σ terms")), num(m_walk.termSum, QStringLiteral("termSum"), 0, true),
               label(tr("score in the trace")),
               num(m_head->scores(i, j), QStringLiteral("scores:%1").arg(i), j)}});
    const std::vector<int> keys = elide(m_walk.Tk, m_opt.maxColumns, {j});
    addTable(page, tr("Query %1's score for every key").arg(i),
             {tokenHeader(tr("key"), keys, j),
              vectorRow(m_walk.kind == ScoreKind::Additive || m_walk.kind == ScoreKind::General
                            ? QStringLiteral("e_ij")
                            : QStringLiteral("s_ij"),
                        traceRow(m_head->scores, i), QStringLiteral("scores:%1").arg(i), keys, j)});
}

void WalkthroughBuilder::stepScale(WtPage &page) const
{
    const int i = m_walk.sel.query, j = m_walk.sel.key;
    const bool scaled = m_walk.kind == ScoreKind::ScaledDot;
    QVector<WtCell> vals{label(QStringLiteral("d_k")),
                         [&] {
                             WtCell c = num(m_walk.dk, QStringLiteral("dk"), 0);
                             c.text = QString::number(m_walk.dk); // an integer
                             return c;
                         }(),
                         label(QStringLiteral("√d_k")),
                         num(m_walk.sqrtDk, QStringLiteral("sqrtdk"), 0),
                         label(tr("scale")),
                         num(m_walk.scale, QStringLiteral("scale"), 0, true)};
    if (scaled && std::abs(m_walk.temperature - 1.0) > 1e-6)
        vals << label(tr("temperature τ"))
             << num(m_walk.temperature, QStringLiteral("temperature"), 0);
    QVector<QVector<WtCell>> one{vals};
    addTable(page, QString(), one);
    page.items.back().table.hasHeader = false;
    addParagraph(page, scaled
                           ? tr("A dot product of d_k numbers grows like √d_k: with d_k = %1 the "
                                "scores are divided by %2, so that the softmax does not saturate "
                                "(one weight near 1, the rest near 0, and gradients near 0).")
                                 .arg(m_walk.dk)
                                 .arg(number(m_walk.sqrtDk, m_opt.precision))
                           : tr("This model does not scale its scores (scale = 1): compare the "
                                "softmax with and without the division by √d_k."));
    const std::vector<int> keys = elide(m_walk.Tk, m_opt.maxColumns, {j});
    QVector<QVector<WtCell>> t{
        tokenHeader(tr("key"), keys, j),
        vectorRow(QStringLiteral("s_ij"), traceRow(m_head->scores, i),
                  QStringLiteral("scores:%1").arg(i), keys, j),
        vectorRow(scaled ? QStringLiteral("s_ij / √d_k") : QStringLiteral("s_ij · scale"),
                  traceRow(m_head->scaled, i), QStringLiteral("scaled:%1").arg(i), keys, j, true),
        vectorRow(tr("softmax (as the model)"), traceRow(m_head->weights, i),
                  QStringLiteral("weights:%1").arg(i), keys, j)};
    if (m_opt.showUnscaled)
        t << vectorRow(tr("softmax without 1/√d_k"), m_walk.unscaled.weights,
                       QStringLiteral("unscaled"), keys, j);
    addTable(page, tr("Query %1").arg(i), t);
    if (m_opt.showUnscaled)
        addBars(page, tr("Softmax without the scale"), m_walk.unscaled.weights,
                QStringLiteral("unscaled"));
    else
        addBars(page, tr("Softmax with the scale"), traceRow(m_head->weights, i),
                QStringLiteral("weights:%1").arg(i));
}

void WalkthroughBuilder::stepMask(WtPage &page) const
{
    const int i = m_walk.sel.query, j = m_walk.sel.key;
    QString why;
    if (m_walk.maskedCount == 0)
        why = tr("No key is masked for query %1: it may attend to all %2 keys.")
                  .arg(i)
                  .arg(m_walk.Tk);
    else if (m_walk.role == AttentionRole::CausalSelf)
        why = tr("Causal mask: query %1 may only look at keys 0 to %1, because the model "
                 "predicts the next token and must not see the future. %2 later key(s) are set "
                 "to −∞, so that exp(−∞) = 0 gives them weight 0.")
                  .arg(i)
                  .arg(m_walk.maskedCount);
    else
        why = tr("Padding mask: %1 key(s) are padding, not real tokens, and are set to −∞, so "
                 "that exp(−∞) = 0 gives them weight 0.")
                  .arg(m_walk.maskedCount);
    addParagraph(page, why);
    const std::vector<int> keys = elide(m_walk.Tk, m_opt.maxColumns, {j});
    const std::vector<double> scaled = m_walk.softmax.input;
    QVector<WtCell> masked{label(tr("masked"))};
    QVector<WtCell> maskRow{label(tr("mask"))};
    for (int c : keys) {
        if (c < 0) {
            masked << label(QStringLiteral("…"));
            maskRow << label(QStringLiteral("…"));
            continue;
        }
        const bool m = m_walk.masked[size_t(c)];
        masked << num(m ? -INFINITY : scaled[size_t(c)], QStringLiteral("maskedScaled:%1").arg(i),
                      c, m);
        maskRow << label(m ? QStringLiteral("−∞") : QStringLiteral("·"), m);
    }
    addTable(page, tr("Query %1").arg(i),
             {tokenHeader(tr("key"), keys, -1),
              vectorRow(tr("scaled score"),
                        m_walk.kind == ScoreKind::Additive ? traceRow(m_head->scores, i)
                                                           : traceRow(m_head->scaled, i),
                        m_walk.kind == ScoreKind::Additive ? QStringLiteral("scores:%1").arg(i)
                                                           : QStringLiteral("scaled:%1").arg(i),
                        keys),
              maskRow, masked});
}

void WalkthroughBuilder::stepSoftmax(WtPage &page) const
{
    const int i = m_walk.sel.query, j = m_walk.sel.key;
    const SoftmaxSteps &s = m_walk.softmax;
    addParagraph(page, tr("Subtract the row's maximum first: it cancels in the division and "
                          "changes nothing, but keeps every exponent ≤ 0, so exp() cannot "
                          "overflow for large scores. Then exponentiate, add up, divide."));
    addTable(page, QString(),
             {{label(tr("max")), num(s.max, QStringLiteral("softmax.max"), 0), label(tr("Σ exp")),
               num(s.sum, QStringLiteral("softmax.sum"), 0)}});
    page.items.back().table.hasHeader = false;
    const std::vector<int> keys = elide(m_walk.Tk, m_opt.maxColumns, {j});
    QVector<WtCell> in{label(tr("score"))};
    for (int c : keys)
        in << (c < 0 ? label(QStringLiteral("…"))
                     : num(m_walk.masked[size_t(c)] ? -INFINITY : s.input[size_t(c)],
                           QStringLiteral("maskedScaled:%1").arg(i), c, c == j));
    auto masking = [&](const std::vector<double> &v, const QString &src, const QString &name,
                       bool hi) {
        QVector<WtCell> row{label(name, hi)};
        for (int c : keys) {
            if (c < 0)
                row << label(QStringLiteral("…"));
            else if (m_walk.masked[size_t(c)] && src == QLatin1String("softmax.shifted"))
                row << num(-INFINITY, src, c);
            else
                row << num(v[size_t(c)], src, c, hi || c == j);
        }
        return row;
    };
    addTable(page, tr("Query %1, column by column").arg(i),
             {tokenHeader(tr("key"), keys, j), in,
              masking(s.shifted, QStringLiteral("softmax.shifted"), tr("− max"), false),
              masking(s.exps, QStringLiteral("softmax.exps"), tr("exp"), false),
              masking(s.weights, QStringLiteral("softmax.weights"), tr("÷ Σ = a_ij"), true)});
    addBars(page, tr("Attention weights of query %1 (“%2”)").arg(i).arg(queryToken(i)),
            traceRow(m_head->weights, i), QStringLiteral("weights:%1").arg(i));
}

void WalkthroughBuilder::stepWeightedSum(WtPage &page) const
{
    const int i = m_walk.sel.query, j = m_walk.sel.key;
    const bool add = m_walk.kind == ScoreKind::Additive || m_walk.kind == ScoreKind::General;
    addParagraph(page, add ? tr("The context vector mixes the encoder states, each scaled by "
                                "its weight.")
                           : tr("The output mixes the value vectors, each scaled by its weight: "
                                "keys with weight near 0 contribute nothing."));
    const std::vector<int> cols = elide(m_walk.dv, m_opt.maxColumns - 1, {});
    // Keep the selected key and the three largest weights in view when eliding keys.
    std::vector<int> keep{j};
    {
        std::vector<int> order(static_cast<size_t>(m_walk.Tk));
        for (int c = 0; c < m_walk.Tk; ++c)
            order[size_t(c)] = c;
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return m_head->weights(i, a) > m_head->weights(i, b);
        });
        for (size_t k = 0; k < order.size() && k < 3; ++k)
            keep.push_back(order[k]);
    }
    const std::vector<int> keys = elide(m_walk.Tk, m_opt.maxRows, keep);
    QVector<WtCell> header = indexHeader(tr("key"), cols);
    header.insert(1, label(QStringLiteral("a_ij")));
    QVector<QVector<WtCell>> t{header};
    for (int c : keys) {
        if (c < 0) {
            QVector<WtCell> gap{label(QStringLiteral("⋮"))};
            for (size_t k = 0; k <= cols.size(); ++k)
                gap << label(QString());
            t << gap;
            continue;
        }
        QVector<WtCell> row = vectorRow(keyToken(c), m_walk.contributions[size_t(c)],
                                        QStringLiteral("contrib:%1").arg(c), cols, -1, c == j);
        row[0].pickKey = c;
        row.insert(1, num(m_head->weights(i, c), QStringLiteral("weights:%1").arg(i), c, c == j));
        t << row;
    }
    QVector<WtCell> z = vectorRow(add ? tr("Σ = c_i") : tr("Σ = z_i"), m_walk.z,
                                  QStringLiteral("z"), cols, -1, true);
    z.insert(1, label(QString()));
    QVector<WtCell> out = vectorRow(tr("in the trace"), traceRow(m_head->out, i),
                                    QStringLiteral("out:%1").arg(i), cols);
    out.insert(1, label(QString()));
    t << z << out;
    addTable(page,
             add ? tr("a_ij · h_j for query %1 (“%2”)").arg(i).arg(queryToken(i))
                 : tr("a_ij · v_j for query %1 (“%2”)").arg(i).arg(queryToken(i)),
             t);
}

void WalkthroughBuilder::stepMultiHead(WtPage &page) const
{
    const int i = m_walk.sel.query;
    const AttentionBlockTrace &b = *m_block;
    const int H = m_walk.heads, dv = m_walk.dv;
    addParagraph(page, tr("All %1 heads run the same steps in parallel. Their outputs z_i are "
                          "placed side by side (%1 × %2 = %3 numbers), projected by W_O, and added "
                          "to the residual stream.")
                           .arg(H)
                           .arg(dv)
                           .arg(b.concat.cols()));
    const int lo = m_walk.sel.head * dv;
    const std::vector<int> cc = elide(int(b.concat.cols()), m_opt.maxColumns, {lo, lo + dv - 1});
    QVector<WtCell> head{label(tr("head"))};
    for (int c : cc)
        head << label(c < 0 ? QStringLiteral("…") : sub(c / std::max(1, dv)),
                      c >= lo && c < lo + dv);
    QVector<QVector<WtCell>> t{indexHeader(QString(), cc), head};
    QVector<WtCell> conc =
        vectorRow(tr("concat"), traceRow(b.concat, i), QStringLiteral("concat:%1").arg(i), cc);
    for (int k = 0; k < static_cast<int>(cc.size()); ++k)
        conc[k + 1].highlight = cc[size_t(k)] >= lo && cc[size_t(k)] < lo + dv;
    t << conc;
    addTable(page, tr("Query %1: the heads' outputs side by side (this head highlighted)").arg(i),
             t);
    const std::vector<int> cols = elide(int(b.out.cols()), m_opt.maxColumns, {});
    QVector<QVector<WtCell>> o{indexHeader(QString(), cols)};
    if (!m_walk.concatWo.empty()) {
        o << vectorRow(tr("concat·W_O"), m_walk.concatWo, QStringLiteral("concatWo"), cols);
        o << vectorRow(tr("+ bias"), m_walk.bo, QStringLiteral("bo"), cols);
    }
    o << vectorRow(tr("= attention output"), traceRow(b.out, i),
                   QStringLiteral("blockOut:%1").arg(i), cols, -1, true);
    o << vectorRow(tr("+ residual in"), traceRow(b.residualIn, i),
                   QStringLiteral("resIn:%1").arg(i), cols);
    o << vectorRow(tr("= residual out"), traceRow(b.residualOut, i),
                   QStringLiteral("resOut:%1").arg(i), cols);
    addTable(page, tr("Output projection and residual"), o);
}

} // namespace attn
