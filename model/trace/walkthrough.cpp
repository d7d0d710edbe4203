#include "trace/walkthrough.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attn {

namespace {

double at(const MatRM &m, Index r, Index c)
{
    return static_cast<double>(m(r, c));
}

std::vector<double> row(const MatRM &m, Index r)
{
    std::vector<double> out(static_cast<size_t>(m.cols()));
    for (Index c = 0; c < m.cols(); ++c)
        out[static_cast<size_t>(c)] = at(m, r, c);
    return out;
}

// x (1, rows of w) times w (rows, cols), in double.
std::vector<double> rowTimes(const MatRM &x, Index r, const MatRM &w)
{
    std::vector<double> out(static_cast<size_t>(w.cols()), 0.0);
    for (Index c = 0; c < w.cols(); ++c) {
        double s = 0;
        for (Index d = 0; d < w.rows(); ++d)
            s += at(x, r, d) * at(w, d, c);
        out[static_cast<size_t>(c)] = s;
    }
    return out;
}

// templ: "walkthrough: block '%1' ..." marked for translation at the call.
void need(bool ok, const std::string &block, const char *templ)
{
    if (!ok)
        throw Error::fmt(templ, block);
}

bool sameShape(const MatRM &m, Index r, Index c)
{
    return m.rows() == r && m.cols() == c;
}

} // namespace

SoftmaxSteps softmaxSteps(const std::vector<double> &input, const std::vector<bool> &masked)
{
    SoftmaxSteps s;
    s.input = input;
    s.masked = masked;
    const size_t n = input.size();
    s.shifted.assign(n, 0.0);
    s.exps.assign(n, 0.0);
    s.weights.assign(n, 0.0);
    double m = -std::numeric_limits<double>::infinity();
    for (size_t j = 0; j < n; ++j)
        if (!masked[j])
            m = std::max(m, input[j]);
    if (!std::isfinite(m)) // every entry masked: the row is all zero, as in the engine
        return s;
    s.max = m;
    for (size_t j = 0; j < n; ++j) {
        if (masked[j])
            continue;
        s.shifted[j] = input[j] - m;        // <= 0, so exp never overflows
        s.exps[j] = std::exp(s.shifted[j]); // in (0, 1]
        s.sum += s.exps[j];
    }
    for (size_t j = 0; j < n; ++j)
        s.weights[j] = masked[j] ? 0.0 : s.exps[j] / s.sum;
    return s;
}

Walkthrough buildWalkthrough(const AttentionTrace &trace, const WalkthroughSelection &sel)
{
    if (trace.blocks.empty())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "walkthrough: the trace holds no attention block"));
    const AttentionBlockTrace *b =
        sel.block.empty() ? &trace.blocks.front() : trace.find(sel.block);
    if (!b)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "walkthrough: the trace has no block '%1'"),
                         sel.block);
    const std::string &name = b->name;
    if (sel.head < 0 || sel.head >= static_cast<int>(b->heads.size()))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "walkthrough: block '%1' has %2 head(s); head %3 is out of range"),
            name, b->heads.size(), sel.head);
    const HeadTrace &h = b->heads[static_cast<size_t>(sel.head)];

    Walkthrough w;
    w.sel = sel;
    w.sel.block = name;
    w.kind = b->kind;
    w.role = b->role;
    w.heads = static_cast<int>(b->heads.size());
    w.Tq = static_cast<int>(h.weights.rows());
    w.Tk = static_cast<int>(h.weights.cols());
    const Index Tq = w.Tq, Tk = w.Tk;
    need(Tq > 0 && Tk > 0, name,
         QT_TRANSLATE_NOOP("attn", "walkthrough: block '%1' has empty attention weights"));
    need(sameShape(h.scores, Tq, Tk), name,
         QT_TRANSLATE_NOOP(
             "attn", "walkthrough: block '%1' has scores of a different shape than its weights"));
    need(h.v.rows() == Tk && h.v.cols() > 0, name,
         QT_TRANSLATE_NOOP("attn", "walkthrough: block '%1' has values (v) not matching the keys"));
    need(sameShape(h.out, Tq, h.v.cols()), name,
         QT_TRANSLATE_NOOP("attn",
                           "walkthrough: block '%1' has outputs not matching (queries, d_v)"));
    if (sel.query < 0 || sel.query >= w.Tq)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "walkthrough: query %1 is out of range (block '%2' has %3 queries)"),
            sel.query, name, w.Tq);
    if (sel.key < 0 || sel.key >= w.Tk)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "walkthrough: key %1 is out of range (block '%2' has %3 keys)"),
            sel.key, name, w.Tk);
    const Index i = sel.query, j = sel.key;
    const bool additive = b->kind == ScoreKind::Additive;
    const bool general = b->kind == ScoreKind::General;
    const bool rnn = additive || general; // a decoder state s_i over encoder states h_j
    w.dv = static_cast<int>(h.v.cols());
    w.dk = static_cast<int>(h.k.cols());
    w.C = static_cast<int>(b->x.cols());

    // 5 Mask: row i (an absent mask masks nothing).
    w.masked.assign(static_cast<size_t>(Tk), false);
    if (b->mask.size() > 0) {
        need(sameShape(b->mask, Tq, Tk), name,
             QT_TRANSLATE_NOOP(
                 "attn",
                 "walkthrough: block '%1' has a mask of a different shape than its weights"));
        for (Index c = 0; c < Tk; ++c)
            w.masked[static_cast<size_t>(c)] = b->mask(i, c) != 0.0f;
    }
    w.maskedCount = static_cast<int>(std::count(w.masked.begin(), w.masked.end(), true));

    // 1 Input
    w.hasX = b->x.rows() == Tq && b->x.cols() > 0;
    const bool hasResIn = w.hasX && sameShape(b->residualIn, Tq, b->x.cols());
    if (hasResIn)
        w.xIsNormed = !(b->residualIn.row(i) == b->x.row(i));
    w.hasEmbeddings = !rnn && trace.tokenEmbeddings.rows() > i &&
                      trace.tokenEmbeddings.cols() > 0 &&
                      sameShape(trace.positionEmbeddings, trace.tokenEmbeddings.rows(),
                                trace.tokenEmbeddings.cols());
    if (w.hasEmbeddings) {
        const std::vector<double> te = row(trace.tokenEmbeddings, i);
        const std::vector<double> pe = row(trace.positionEmbeddings, i);
        w.embSum.resize(te.size());
        for (size_t c = 0; c < te.size(); ++c)
            w.embSum[c] = te[c] + pe[c];
        if (b->layer == 0 && hasResIn && b->residualIn.cols() == trace.tokenEmbeddings.cols())
            for (size_t c = 0; c < te.size(); ++c)
                w.embSumError =
                    std::max(w.embSumError,
                             std::abs(w.embSum[c] - at(b->residualIn, i, static_cast<Index>(c))));
    }

    // 3 Scores, term by term, and the check over every unmasked key.
    if (additive) {
        const auto ws = h.extras.find("Ws"), uh = h.extras.find("Uh"), vv = h.extras.find("v");
        need(ws != h.extras.end() && uh != h.extras.end() && vv != h.extras.end(), name,
             QT_TRANSLATE_NOOP("attn", "walkthrough: block '%1' is additive attention but its head "
                                       "lacks the extras Ws, Uh and v"));
        const Index A = vv->second.cols();
        need(A > 0 && vv->second.rows() == 1 && sameShape(ws->second, Tq, A) &&
                 sameShape(uh->second, Tk, A),
             name,
             QT_TRANSLATE_NOOP("attn", "walkthrough: block '%1' has extras Ws (Tq, A), Uh (Tk, A), "
                                       "v (1, A) of inconsistent shapes"));
        auto expand = [&](Index key, std::vector<double> *pre, std::vector<double> *th,
                          std::vector<double> *terms) {
            double sum = 0;
            for (Index a = 0; a < A; ++a) {
                const double p = at(ws->second, i, a) + at(uh->second, key, a);
                const double t = std::tanh(p);
                const double term = at(vv->second, 0, a) * t;
                if (pre) {
                    pre->push_back(p);
                    th->push_back(t);
                    terms->push_back(term);
                }
                sum += term;
            }
            return sum;
        };
        w.termSum = expand(j, &w.pre, &w.tanhs, &w.terms);
        for (Index c = 0; c < Tk; ++c)
            if (!w.masked[static_cast<size_t>(c)])
                w.maxScoreError =
                    std::max(w.maxScoreError,
                             std::abs(expand(c, nullptr, nullptr, nullptr) - at(h.scores, i, c)));
    } else {
        // q_i · keys_j term by term, for the dot-product kinds: keys are k (dot, scaled dot)
        // or W·h (general, the extra "Wh").
        const MatRM *keys = &h.k;
        const auto wh = h.extras.find("Wh");
        if (general) {
            need(wh != h.extras.end(), name,
                 QT_TRANSLATE_NOOP("attn", "walkthrough: block '%1' is general attention but its "
                                           "head lacks the extra Wh"));
            need(h.q.cols() > 0 && h.q.rows() == Tq && sameShape(wh->second, Tk, h.q.cols()) &&
                     h.k.rows() == Tk,
                 name,
                 QT_TRANSLATE_NOOP("attn", "walkthrough: block '%1' has queries s (Tq, Dq), keys "
                                           "h (Tk, Dk) and extra Wh (Tk, Dq) of inconsistent "
                                           "shapes"));
            keys = &wh->second;
        } else {
            need(
                h.q.rows() == Tq && h.k.rows() == Tk && h.q.cols() == h.k.cols() && h.q.cols() > 0,
                name,
                QT_TRANSLATE_NOOP(
                    "attn", "walkthrough: block '%1' has queries and keys of inconsistent shapes"));
        }
        const Index Dq = h.q.cols();
        auto dot = [&](Index key, std::vector<double> *terms) {
            double sum = 0;
            for (Index d = 0; d < Dq; ++d) {
                const double t = at(h.q, i, d) * at(*keys, key, d);
                if (terms)
                    terms->push_back(t);
                sum += t;
            }
            return sum;
        };
        w.termSum = dot(j, &w.terms);
        for (Index c = 0; c < Tk; ++c)
            if (!w.masked[static_cast<size_t>(c)])
                w.maxScoreError =
                    std::max(w.maxScoreError, std::abs(dot(c, nullptr) - at(h.scores, i, c)));
        // W h_j from the weights, when the trace holds them: W (Dq, Dk) times h_j (Dk).
        const auto wm = h.extras.find("W");
        if (general && wm != h.extras.end() && sameShape(wm->second, Dq, h.k.cols())) {
            w.wh.assign(static_cast<size_t>(Dq), 0.0);
            for (Index a = 0; a < Dq; ++a) {
                double sum = 0;
                for (Index d = 0; d < h.k.cols(); ++d)
                    sum += at(wm->second, a, d) * at(h.k, j, d);
                w.wh[static_cast<size_t>(a)] = sum;
                w.whError = std::max(w.whError, std::abs(sum - at(wh->second, j, a)));
            }
        }
    }

    // 2 Projections with the head's weight slices.
    const size_t head = static_cast<size_t>(sel.head);
    w.hasWeights = !rnn && w.hasX && b->wq.size() > head && b->wk.size() > head &&
                   b->wv.size() > head && b->wq[head].rows() == b->x.cols() &&
                   b->wq[head].cols() == h.q.cols() && b->wk[head].rows() == b->x.cols() &&
                   b->wv[head].rows() == b->x.cols() && b->wv[head].cols() == h.v.cols() &&
                   b->x.rows() == Tk; // self-attention: keys come from the same X
    if (w.hasWeights) {
        w.xwq = rowTimes(b->x, i, b->wq[head]);
        w.xwk = rowTimes(b->x, j, b->wk[head]);
        w.xwv = rowTimes(b->x, j, b->wv[head]);
        auto bias = [&](const std::vector<double> &xw, const MatRM &m, Index r) {
            std::vector<double> out(xw.size());
            for (size_t d = 0; d < xw.size(); ++d)
                out[d] = at(m, r, static_cast<Index>(d)) - xw[d];
            return out;
        };
        w.bq = bias(w.xwq, h.q, i);
        w.bk = bias(w.xwk, h.k, j);
        w.bv = bias(w.xwv, h.v, j);
        // The bias is the same for every row: check it on every row of Q.
        for (Index r = 0; r < Tq; ++r) {
            const std::vector<double> xw = rowTimes(b->x, r, b->wq[head]);
            for (size_t d = 0; d < xw.size(); ++d)
                w.biasSpread = std::max(
                    w.biasSpread, std::abs(at(h.q, r, static_cast<Index>(d)) - xw[d] - w.bq[d]));
        }
    }

    // 4 Scale
    w.scale = static_cast<double>(b->scale);
    w.sqrtDk = std::sqrt(static_cast<double>(w.dk));
    if (b->kind == ScoreKind::ScaledDot && w.scale > 0)
        w.temperature = (1.0 / w.sqrtDk) / w.scale;
    w.unscaled = softmaxSteps(row(h.scores, i), w.masked);

    // 6 Softmax of the scaled scores (the trace's `scaled`, else scores * scale).
    std::vector<double> scaled = sameShape(h.scaled, Tq, Tk) ? row(h.scaled, i) : row(h.scores, i);
    if (!sameShape(h.scaled, Tq, Tk))
        for (double &s : scaled)
            s *= w.scale;
    w.softmax = softmaxSteps(scaled, w.masked);
    for (Index c = 0; c < Tk; ++c)
        w.maxWeightError =
            std::max(w.maxWeightError,
                     std::abs(w.softmax.weights[static_cast<size_t>(c)] - at(h.weights, i, c)));

    // 7 Weighted sum of the values with the trace's weights.
    w.z.assign(static_cast<size_t>(w.dv), 0.0);
    w.contributions.assign(static_cast<size_t>(Tk), std::vector<double>(w.z.size(), 0.0));
    for (Index c = 0; c < Tk; ++c)
        for (Index d = 0; d < w.dv; ++d) {
            const double t = at(h.weights, i, c) * at(h.v, c, d);
            w.contributions[static_cast<size_t>(c)][static_cast<size_t>(d)] = t;
            w.z[static_cast<size_t>(d)] += t;
        }
    for (Index d = 0; d < w.dv; ++d)
        w.maxOutError =
            std::max(w.maxOutError, std::abs(w.z[static_cast<size_t>(d)] - at(h.out, i, d)));

    // 8 Multi-head
    w.hasOutput = !rnn && b->concat.rows() == Tq && b->concat.cols() > 0 && b->out.rows() == Tq &&
                  b->out.cols() > 0 && hasResIn && sameShape(b->residualOut, Tq, b->out.cols()) &&
                  b->residualIn.cols() == b->out.cols();
    if (w.hasOutput) {
        for (Index c = 0; c < b->out.cols(); ++c)
            w.maxResidualError =
                std::max(w.maxResidualError, std::abs(at(b->residualIn, i, c) + at(b->out, i, c) -
                                                      at(b->residualOut, i, c)));
        if (b->wo.rows() == b->concat.cols() && b->wo.cols() == b->out.cols()) {
            w.concatWo = rowTimes(b->concat, i, b->wo);
            w.bo.resize(w.concatWo.size());
            for (size_t c = 0; c < w.bo.size(); ++c)
                w.bo[c] = at(b->out, i, static_cast<Index>(c)) - w.concatWo[c];
        }
    }

    w.steps = {WalkStep::Input, WalkStep::Projections, WalkStep::Scores};
    if (!rnn) // neither Bahdanau's nor Luong's general score is scaled
        w.steps.push_back(WalkStep::Scale);
    w.steps.insert(w.steps.end(), {WalkStep::Mask, WalkStep::Softmax, WalkStep::WeightedSum});
    if (w.hasOutput)
        w.steps.push_back(WalkStep::MultiHead);
    return w;
}

AttentionTrace buildSandboxTrace(const SandboxInput &in)
{
    auto checkSize = [](const MatRM &m, const char *name) {
        if (m.rows() < 1 || m.cols() < 1 || m.rows() > kSandboxMaxSize ||
            m.cols() > kSandboxMaxSize)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "sandbox: %1 must be 1x1 to %2x%2 (got %3x%4)"), name,
                kSandboxMaxSize, m.rows(), m.cols());
        if (!m.allFinite())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "sandbox: %1 holds a value that is not a finite number"),
                name);
    };
    checkSize(in.q, "Q");
    checkSize(in.k, "K");
    checkSize(in.v, "V");
    if (in.q.cols() != in.k.cols())
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn",
                "sandbox: Q and K must have the same number of columns (d_k); got %1 and %2"),
            in.q.cols(), in.k.cols());
    if (in.v.rows() != in.k.rows())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "sandbox: V must have one row per key; got %1 rows for %2 keys"),
            in.v.rows(), in.k.rows());
    if (!(in.temperature > 0) || !std::isfinite(in.temperature))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "sandbox: the temperature must be a number > 0"));
    const Index Tq = in.q.rows(), Tk = in.k.rows(), D = in.q.cols(), Dv = in.v.cols();
    const double scale =
        (in.scaled ? 1.0 / std::sqrt(static_cast<double>(D)) : 1.0) / in.temperature;

    AttentionTrace tr;
    auto labels = [](const std::vector<std::string> &given, Index n, const char *prefix) {
        std::vector<std::string> out;
        for (Index r = 0; r < n; ++r)
            out.push_back(r < static_cast<Index>(given.size()) ? given[static_cast<size_t>(r)]
                                                               : prefix + std::to_string(r));
        return out;
    };
    tr.queryTokens = labels(in.queryTokens, Tq, "q");
    tr.keyTokens = labels(in.keyTokens, Tk, "k");
    AttentionBlockTrace b;
    b.name = "sandbox";
    b.role = in.causal ? AttentionRole::CausalSelf : AttentionRole::BidirectionalSelf;
    b.kind = in.scaled ? ScoreKind::ScaledDot : ScoreKind::Dot;
    b.scale = static_cast<float>(scale);
    b.mask = MatRM::Zero(Tq, Tk); // (Tq, Tk) 1 where j > i
    if (in.causal)
        for (Index r = 0; r < Tq; ++r)
            for (Index c = r + 1; c < Tk; ++c)
                b.mask(r, c) = 1.0f;
    HeadTrace h;
    h.q = in.q;
    h.k = in.k;
    h.v = in.v;
    h.scores.resize(Tq, Tk);  // (Tq, Tk) q_i . k_j
    h.scaled.resize(Tq, Tk);  // (Tq, Tk) scores * scale
    h.weights.resize(Tq, Tk); // (Tq, Tk) softmax over unmasked keys
    h.out.resize(Tq, Dv);     // (Tq, d_v) weights . v
    for (Index r = 0; r < Tq; ++r) {
        std::vector<double> s(static_cast<size_t>(Tk));
        std::vector<bool> masked(static_cast<size_t>(Tk));
        for (Index c = 0; c < Tk; ++c) {
            double dot = 0;
            for (Index d = 0; d < D; ++d)
                dot += at(in.q, r, d) * at(in.k, c, d);
            h.scores(r, c) = static_cast<float>(dot);
            s[static_cast<size_t>(c)] = dot * scale;
            h.scaled(r, c) = static_cast<float>(s[static_cast<size_t>(c)]);
            masked[static_cast<size_t>(c)] = b.mask(r, c) != 0.0f;
        }
        const SoftmaxSteps sm = softmaxSteps(s, masked);
        for (Index d = 0; d < Dv; ++d) {
            double z = 0;
            for (Index c = 0; c < Tk; ++c)
                z += sm.weights[static_cast<size_t>(c)] * at(in.v, c, d);
            h.out(r, d) = static_cast<float>(z);
        }
        for (Index c = 0; c < Tk; ++c)
            h.weights(r, c) = static_cast<float>(sm.weights[static_cast<size_t>(c)]);
    }
    b.heads.push_back(std::move(h));
    tr.blocks.push_back(std::move(b));
    return tr;
}

SandboxInput sandboxPreset(SandboxPreset preset)
{
    SandboxInput in;
    switch (preset) {
    case SandboxPreset::IdenticalKeys:
        // Two equal keys: every query scores them the same, so each weight is exactly 1/2.
        in.q.resize(2, 2);
        in.q << 1, 2, 3, -1;
        in.k.resize(2, 2);
        in.k << 1, 1, 1, 1;
        in.v.resize(2, 2);
        in.v << 1, 0, 0, 1;
        break;
    case SandboxPreset::OneHotKeys:
        // Keys are the unit vectors; each query is a large multiple of one of them.
        in.q = MatRM::Zero(4, 4);
        in.q(0, 2) = 20;
        in.q(1, 0) = 20;
        in.q(2, 3) = 20;
        in.q(3, 1) = 20;
        in.k = MatRM::Identity(4, 4);
        in.v.resize(4, 2);
        in.v << 1, 2, 3, 4, 5, 6, 7, 8;
        break;
    case SandboxPreset::LargeScaled:
    case SandboxPreset::LargeUnscaled:
        // d_k = 8 with entries +-1.5: raw scores 18, 0, 9 for the first query.
        in.q.resize(2, 8);
        in.q << 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, //
            1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5;
        in.k.resize(3, 8);
        in.k << 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, //
            1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5, //
            1.5, 1.5, 1.5, 1.5, 1.5, 1.5, -1.5, -1.5;
        in.v.resize(3, 2);
        in.v << 1, 0, 0, 1, 1, 1;
        in.scaled = preset == SandboxPreset::LargeScaled;
        break;
    case SandboxPreset::Causal:
        in.q.resize(3, 2);
        in.q << 1, 0, 0, 1, 1, 1;
        in.k.resize(3, 2);
        in.k << 1, 0, 0, 1, 1, 1;
        in.v.resize(3, 2);
        in.v << 1, 0, 0, 1, 2, 2;
        in.causal = true;
        break;
    }
    return in;
}

} // namespace attn
