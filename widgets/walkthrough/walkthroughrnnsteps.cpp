#include "walkthrough/walkthroughrnnsteps.h"

namespace attn {

WalkthroughRnnSteps::WalkthroughRnnSteps(const WalkthroughFormat &format)
    : WalkthroughFormat(format)
{
}

void WalkthroughRnnSteps::input(WtPage &page) const
{
    const int i = m_walk.sel.query;
    addParagraph(page, tr("Decoding step %1 (output token “%2”). The decoder's previous state "
                          "s_{i−1} asks the question; the encoder's states h_j, one per "
                          "source token, are both the keys and the values.")
                           .arg(i)
                           .arg(queryToken(i)));
    const std::vector<int> cols = elide(int(m_head->q.cols()), m_opt.maxColumns, {});
    addTable(
        page, tr("Decoder state s_{i−1}"),
        {indexHeader(QString(), cols), vectorRow(queryToken(i), traceRow(m_head->q, i),
                                                 QStringLiteral("q:%1").arg(i), cols, -1, true)});
    addMatrix(page, tr("Encoder states h_j (one row per source token)"), m_head->k,
              QStringLiteral("k"), false, m_walk.sel.key);
}

void WalkthroughRnnSteps::projections(WtPage &page) const
{
    if (m_walk.kind == ScoreKind::Additive)
        additiveProjections(page);
    else
        generalProjections(page);
}

void WalkthroughRnnSteps::additiveProjections(WtPage &page) const
{
    const int i = m_walk.sel.query, j = m_walk.sel.key;
    const MatRM &ws = m_head->extras.at("Ws");
    const MatRM &uh = m_head->extras.at("Uh");
    const std::vector<int> cols = elide(int(ws.cols()), m_opt.maxColumns, {});
    addTable(
        page, tr("W·s_{i−1}: the decoder state projected (A = %1)").arg(ws.cols()),
        {indexHeader(QString(), cols), vectorRow(queryToken(i), traceRow(ws, i),
                                                 QStringLiteral("Ws:%1").arg(i), cols, -1, true)});
    addMatrix(page, tr("U·h_j: every encoder state projected"), uh, QStringLiteral("Uh"), false, j);
    addParagraph(page, tr("Both are projected into the same attention space of A numbers, "
                          "so that they can be added."));
}

void WalkthroughRnnSteps::generalProjections(WtPage &page) const
{
    const int j = m_walk.sel.key;
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
        QVector<QVector<WtCell>> t{indexHeader(QStringLiteral("d"), dcols),
                                   vectorRow(QStringLiteral("h_j"), traceRow(m_head->k, j),
                                             QStringLiteral("k:%1").arg(j), dcols, -1, true)};
        t << weightRows(QStringLiteral("W[%1]"), w->second, QStringLiteral("W"), dcols);
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
    t << vectorRow(tr("W·h_j in the trace"), traceRow(wh, j), QStringLiteral("Wh:%1").arg(j), cols,
                   -1, true);
    addTable(page, tr("W·h_j for key %1 (“%2”)").arg(j).arg(keyToken(j)), t);
    addMatrix(page, tr("W·h_j for every encoder state (row %1 highlighted)").arg(j), wh,
              QStringLiteral("Wh"), false, j);
}

void WalkthroughRnnSteps::scoreTerms(WtPage &page, int n) const
{
    const int i = m_walk.sel.query, j = m_walk.sel.key;
    const std::vector<int> cols = elide(n, m_opt.maxColumns, {});
    if (m_walk.kind == ScoreKind::Additive) {
        const MatRM &ws = m_head->extras.at("Ws");
        const MatRM &uh = m_head->extras.at("Uh");
        const MatRM &v = m_head->extras.at("v");
        addTable(page,
                 queryKeyText(
                     tr("e_ij for query %1 (“%2”) and key %3 (“%4”), term by term over A = %5"), n),
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
        return;
    }
    const MatRM &wh = m_head->extras.at("Wh");
    addTable(page,
             queryKeyText(tr("e_ij = s_i · (W·h_j) for query %1 (“%2”) and key %3 (“%4”), term "
                             "by term over %5 numbers"),
                          n),
             {indexHeader(QStringLiteral("a"), cols),
              vectorRow(QStringLiteral("s_i[a]"), traceRow(m_head->q, i),
                        QStringLiteral("q:%1").arg(i), cols),
              vectorRow(QStringLiteral("(W·h_j)[a]"), traceRow(wh, j),
                        QStringLiteral("Wh:%1").arg(j), cols),
              vectorRow(QStringLiteral("s_i[a]·(W·h_j)[a]"), m_walk.terms, QStringLiteral("terms"),
                        cols, -1, true)});
}

} // namespace attn
