#include "walkthrough/walkthroughbuilder.h"

#include "walkthrough/walkthroughrnnsteps.h"

#include <algorithm>
#include <cmath>

namespace attn {

WalkthroughBuilder::WalkthroughBuilder(const AttentionTrace &trace, const Walkthrough &walk,
                                       const Options &options)
    : WalkthroughFormat(trace, walk, options)
{
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
    if (rnn()) {
        WalkthroughRnnSteps(*this).input(page);
        return;
    }
    const int i = m_walk.sel.query;
    const AttentionBlockTrace &b = *m_block;
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
    if (rnn()) {
        WalkthroughRnnSteps(*this).projections(page);
        return;
    }
    addParagraph(page, tr("This head's slices of the projection weights turn every row of X "
                          "into a query, a key and a value of d_k = %1 numbers each.")
                           .arg(m_walk.dk));
    const std::vector<int> cols = elide(m_walk.dk, m_opt.maxColumns, {});
    if (m_walk.hasWeights) {
        const size_t h = size_t(m_walk.sel.head);
        const MatRM &wq = m_block->wq[h];
        QVector<QVector<WtCell>> t{indexHeader(QString(), cols)};
        t << weightRows(QStringLiteral("W_Q[%1]"), wq, QStringLiteral("wq"), cols);
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
    if (rnn()) {
        WalkthroughRnnSteps(*this).scoreTerms(page, n);
    } else {
        const std::vector<int> cols = elide(n, m_opt.maxColumns, {});
        addTable(page,
                 queryKeyText(tr("q_i · k_j for query %1 (“%2”) and key %3 (“%4”), term by term "
                                 "over d_k = %5"),
                              n),
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
              vectorRow(rnn() ? QStringLiteral("e_ij") : QStringLiteral("s_ij"),
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
    const bool add = rnn();
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
            t << gapRow(qsizetype(cols.size()) + 1); // and the a_ij column
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
        head << label(c < 0 ? QStringLiteral("…") : QString::number(c / std::max(1, dv)),
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
