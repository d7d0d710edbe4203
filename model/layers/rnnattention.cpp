#include "layers/rnnattention.h"

#include "core/error.h"

#include <cmath>
#include <limits>

namespace attn {

RnnAttentionKind parseRnnAttention(const std::string &name)
{
    if (name == "additive")
        return RnnAttentionKind::Additive;
    if (name == "dot")
        return RnnAttentionKind::Dot;
    if (name == "general")
        return RnnAttentionKind::General;
    if (name == "scaled-dot")
        return RnnAttentionKind::ScaledDot;
    throw Error::fmt(
        QT_TRANSLATE_NOOP("attn", "attention \"%1\" is not known (expected \"additive\", \"dot\", "
                                  "\"general\" or \"scaled-dot\")"),
        name);
}

const char *rnnAttentionName(RnnAttentionKind kind)
{
    switch (kind) {
    case RnnAttentionKind::Additive:
        return "additive";
    case RnnAttentionKind::Dot:
        return "dot";
    case RnnAttentionKind::General:
        return "general";
    case RnnAttentionKind::ScaledDot:
        return "scaled-dot";
    }
    return "additive";
}

ScoreKind scoreKindOf(RnnAttentionKind kind)
{
    switch (kind) {
    case RnnAttentionKind::Additive:
        return ScoreKind::Additive;
    case RnnAttentionKind::Dot:
        return ScoreKind::Dot;
    case RnnAttentionKind::General:
        return ScoreKind::General;
    case RnnAttentionKind::ScaledDot:
        return ScoreKind::ScaledDot;
    }
    return ScoreKind::Additive;
}

Index RnnAttention::parameterCount(RnnAttentionKind kind, Index queryDim, Index keyDim,
                                   Index attnDim)
{
    switch (kind) {
    case RnnAttentionKind::Additive:
        return attnDim * (queryDim + keyDim + 1);
    case RnnAttentionKind::General:
        return queryDim * keyDim;
    default:
        return 0;
    }
}

RnnAttention RnnAttention::create(ParamStore &store, const std::string &prefix,
                                  RnnAttentionKind kind, Index queryDim, Index keyDim,
                                  Index attnDim)
{
    if (queryDim < 1 || keyDim < 1 || (kind == RnnAttentionKind::Additive && attnDim < 1))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "attention %1: sizes must be at least 1"),
                         prefix);
    if ((kind == RnnAttentionKind::Dot || kind == RnnAttentionKind::ScaledDot) &&
        queryDim != keyDim)
        throw Error::fmt(QT_TRANSLATE_NOOP(
                             "attn", "attention %1 needs equal query and key sizes, got %2 and %3"),
                         rnnAttentionName(kind), queryDim, keyDim);
    RnnAttention a;
    a.kind = kind;
    a.queryDim = queryDim;
    a.keyDim = keyDim;
    a.attnDim = attnDim;
    if (kind == RnnAttentionKind::Additive) {
        a.W = store.add(prefix + ".W.weight", {attnDim, queryDim}, true);
        a.U = store.add(prefix + ".U.weight", {attnDim, keyDim}, true);
        a.v = store.add(prefix + ".v.weight", {attnDim}, true);
    } else if (kind == RnnAttentionKind::General) {
        a.W = store.add(prefix + ".W.weight", {queryDim, keyDim}, true);
    }
    return a;
}

void RnnAttention::init(ParamStore &store, Rng &rng) const
{
    auto fill = [&](ParamStore::Id id, Index fanIn) {
        if (id < 0)
            return;
        const float std = 1.0f / std::sqrt(static_cast<float>(fanIn));
        auto w = store.valueVec(id);
        for (Index i = 0; i < w.size(); ++i)
            w(i) = std * rng.normal();
    };
    if (kind == RnnAttentionKind::Additive) {
        fill(W, queryDim);
        fill(U, keyDim);
        fill(v, attnDim);
    } else {
        fill(W, keyDim);
    }
}

float RnnAttention::scale() const
{
    return kind == RnnAttentionKind::ScaledDot ? 1.0f / std::sqrt(static_cast<float>(keyDim))
                                               : 1.0f;
}

void RnnAttention::prepare(const ParamStore &P, const float *keys, Index S, MatRM &proj) const
{
    CMapRM Hk(keys, S, keyDim); // (S, Dk) encoder states
    if (kind == RnnAttentionKind::Additive) {
        proj.resize(S, attnDim);
        proj.noalias() = Hk * P.value(U).transpose(); // (S, A) U h_j
    } else if (kind == RnnAttentionKind::General) {
        proj.resize(S, queryDim);
        proj.noalias() = Hk * P.value(W).transpose(); // (S, Dq) W h_j
    } else {
        proj.resize(0, 0);
    }
}

void RnnAttention::forward(const ParamStore &P, const float *keys, Index S, Index length,
                           const MatRM &proj, const float *query, Step &st) const
{
    if (length < 1 || length > S)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "attention: source length %1 outside 1..%2"),
                         length, S);
    CMapRM Hk(keys, S, keyDim); // (S, Dk)
    st.q = Eigen::Map<const RowVecF>(query, queryDim);
    st.scores.resize(S);
    switch (kind) {
    case RnnAttentionKind::Additive: {
        st.ws.noalias() = st.q * P.value(W).transpose(); // (A) W s
        st.t = proj;                                     // (S, A) U h_j
        st.t.rowwise() += st.ws;
        st.t = st.t.array().tanh().matrix(); // tanh(W s + U h_j)
        Eigen::Map<const VecF> vv(P.valuePtr(v), attnDim);
        st.scores.noalias() = (st.t * vv).transpose(); // e_j = vᵀ t_j
        break;
    }
    case RnnAttentionKind::General:
        st.scores.noalias() = (proj * st.q.transpose()).transpose(); // e_j = (W h_j)·s
        break;
    default:
        st.scores.noalias() = (Hk * st.q.transpose()).transpose(); // e_j = h_j·s
        break;
    }
    // a = softmax over the real positions of scale·e; padding gets exactly 0
    const float sc = scale();
    float mx = -std::numeric_limits<float>::infinity();
    for (Index j = 0; j < length; ++j)
        mx = std::max(mx, sc * st.scores(j));
    st.weights.setZero(S);
    float sum = 0.0f;
    for (Index j = 0; j < length; ++j) {
        st.weights(j) = std::exp(sc * st.scores(j) - mx);
        sum += st.weights(j);
    }
    st.weights.head(length) /= sum;
    // c = Σ_j a_j h_j
    st.context.noalias() = st.weights.head(length) * Hk.topRows(length); // (Dk)
}

void RnnAttention::backward(const ParamStore &P, float *grads, const float *keys, Index S,
                            Index length, const MatRM &proj, const Step &st, const float *dcontext,
                            float *dquery, float *dkeys, MatRM &dproj) const
{
    CMapRM Hk(keys, S, keyDim); // (S, Dk)
    Eigen::Map<const RowVecF> dc(dcontext, keyDim);
    // c = Σ_j a_j h_j  =>  da_j = dc·h_j, dh_j += a_j dc
    RowVecF da = (Hk.topRows(length) * dc.transpose()).transpose(); // (length)
    if (dkeys) {
        MapRM dH(dkeys, S, keyDim);
        dH.topRows(length).noalias() += st.weights.head(length).transpose() * dc;
    }
    // a = softmax(scale·e)  =>  de_j = scale · a_j (da_j - Σ_k a_k da_k); masked: 0
    const float dot = st.weights.head(length).dot(da);
    RowVecF de = scale() * (st.weights.head(length).array() * (da.array() - dot)).matrix();
    switch (kind) {
    case RnnAttentionKind::Additive: {
        // e_j = vᵀ t_j  =>  dv += Σ_j de_j t_j, dt_j = de_j v
        Eigen::Map<RowVecF>(grads + P.entry(v).offset, attnDim).noalias() +=
            de * st.t.topRows(length);
        Eigen::Map<const RowVecF> vv(P.valuePtr(v), attnDim);
        // t_j = tanh(W s + U h_j)  =>  dpre_j = dt_j ⊙ (1 - t_j²)
        MatRM dpre = (de.transpose() * vv).array() *
                     (1.0f - st.t.topRows(length).array().square()); // (length, A)
        dproj.topRows(length) += dpre;                               // U h_j
        const RowVecF dws = dpre.colwise().sum();                    // W s
        // ws = W s  =>  dW += dws ⊗ s, ds += dws W
        MapRM(grads + P.entry(W).offset, attnDim, queryDim).noalias() += dws.transpose() * st.q;
        if (dquery)
            Eigen::Map<RowVecF>(dquery, queryDim).noalias() += dws * P.value(W);
        break;
    }
    case RnnAttentionKind::General:
        // e_j = (W h_j)·s  =>  ds += Σ_j de_j (W h_j), d(W h_j) += de_j s
        if (dquery)
            Eigen::Map<RowVecF>(dquery, queryDim).noalias() += de * proj.topRows(length);
        dproj.topRows(length).noalias() += de.transpose() * st.q;
        break;
    default:
        // e_j = h_j·s  =>  ds += Σ_j de_j h_j, dh_j += de_j s
        if (dquery)
            Eigen::Map<RowVecF>(dquery, queryDim).noalias() += de * Hk.topRows(length);
        if (dkeys)
            MapRM(dkeys, S, keyDim).topRows(length).noalias() += de.transpose() * st.q;
        break;
    }
}

void RnnAttention::prepareBackward(const ParamStore &P, float *grads, const float *keys, Index S,
                                   const MatRM &dproj, float *dkeys) const
{
    CMapRM Hk(keys, S, keyDim); // (S, Dk)
    ParamStore::Id id = kind == RnnAttentionKind::Additive  ? U
                        : kind == RnnAttentionKind::General ? W
                                                            : -1;
    if (id < 0)
        return;
    // proj = H Mᵀ (M = U or W)  =>  dM += dprojᵀ H, dH += dproj M
    const Index rows = P.entry(id).shape[0];
    MapRM(grads + P.entry(id).offset, rows, keyDim).noalias() += dproj.transpose() * Hk;
    if (dkeys)
        MapRM(dkeys, S, keyDim).noalias() += dproj * P.value(id);
}

} // namespace attn
