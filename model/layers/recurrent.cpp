#include "layers/recurrent.h"

#include "core/error.h"
#include "layers/gru.h"
#include "layers/lstm.h"

#include <cmath>

namespace attn {

RnnCell parseRnnCell(const std::string &name)
{
    if (name == "gru")
        return RnnCell::GRU;
    if (name == "lstm")
        return RnnCell::LSTM;
    throw Error::fmt(
        QT_TRANSLATE_NOOP("attn",
                          "recurrent cell \"%1\" is not known (expected \"gru\" or \"lstm\")"),
        name);
}

const char *rnnCellName(RnnCell cell)
{
    return cell == RnnCell::GRU ? "gru" : "lstm";
}

RecurrentCell RecurrentCell::create(ParamStore &store, const std::string &prefix,
                                    const std::string &suffix, RnnCell kind, Index in, Index hidden)
{
    RecurrentCell c;
    c.cell = kind;
    c.in = in;
    c.hidden = hidden;
    const Index G = gateCount(kind) * hidden;
    c.wih = store.add(prefix + ".weight_ih" + suffix, {G, in}, true);
    c.whh = store.add(prefix + ".weight_hh" + suffix, {G, hidden}, true);
    c.bih = store.add(prefix + ".bias_ih" + suffix, {G}, false);
    c.bhh = store.add(prefix + ".bias_hh" + suffix, {G}, false);
    return c;
}

void RecurrentCell::init(ParamStore &store, Rng &rng) const
{
    const float k = 1.0f / std::sqrt(static_cast<float>(hidden));
    for (const auto id : {wih, whh, bih, bhh}) {
        auto v = store.valueVec(id);
        for (Index i = 0; i < v.size(); ++i)
            v(i) = k * (2.0f * rng.uniform() - 1.0f);
    }
    if (cell == RnnCell::LSTM)
        store.valueVec(bih).segment(hidden, hidden).setOnes();
}

void RecurrentCell::forward(const ParamStore &P, Step &s) const
{
    if (cell == RnnCell::GRU)
        gruStepForward(*this, P, s);
    else
        lstmStepForward(*this, P, s);
}

void RecurrentCell::backward(const ParamStore &P, float *grads, const Step &s, const MatRM &dh,
                             const MatRM &dc, MatRM &dx, MatRM &dh0, MatRM &dc0) const
{
    if (cell == RnnCell::GRU) {
        gruStepBackward(*this, P, grads, s, dh, dx, dh0);
        dc0.resize(0, 0);
    } else {
        lstmStepBackward(*this, P, grads, s, dh, dc, dx, dh0, dc0);
    }
}

RecurrentLayer RecurrentLayer::create(ParamStore &store, const std::string &prefix,
                                      const std::string &suffix, RnnCell kind, Index in,
                                      Index hidden, bool rev)
{
    RecurrentLayer l;
    l.cell = RecurrentCell::create(store, prefix, suffix, kind, in, hidden);
    l.reverse = rev;
    return l;
}

namespace {

// The position row r reads at step s, or -1 when the step is padding.
inline Index positionAt(bool reverse, int length, Index s)
{
    if (s >= length)
        return -1;
    return reverse ? length - 1 - s : s;
}

} // namespace

void RecurrentLayer::forward(const ParamStore &P, const float *x, Index B, Index T,
                             const int *lengths, float *out, Cache &cache, const float *h0,
                             const float *c0) const
{
    const Index H = cell.hidden, in = cell.in;
    const bool lstm = cell.cell == RnnCell::LSTM;
    cache.batch = B;
    cache.length = T;
    cache.lengths.assign(lengths, lengths + B);
    for (Index r = 0; r < B; ++r)
        if (lengths[r] < 0 || lengths[r] > T)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "recurrent layer: row %1 has length %2, expected 0..%3"),
                r, lengths[r], T);
    cache.steps.resize(static_cast<size_t>(T));
    CMapRM X(x, B * T, in);   // (B·T, in)
    MapRM Out(out, B * T, H); // (B·T, H)
    Out.setZero();
    MatRM h = h0 ? MatRM(CMapRM(h0, B, H)) : MatRM::Zero(B, H); // (B, H) running state
    MatRM c;                                                    // (B, H) running cell (LSTM)
    if (lstm)
        c = c0 ? MatRM(CMapRM(c0, B, H)) : MatRM::Zero(B, H);
    for (Index s = 0; s < T; ++s) {
        auto &st = cache.steps[static_cast<size_t>(s)];
        st.x.resize(B, in);
        st.active.assign(static_cast<size_t>(B), 0);
        for (Index r = 0; r < B; ++r) {
            const Index t = positionAt(reverse, lengths[r], s);
            if (t >= 0) {
                st.active[static_cast<size_t>(r)] = 1;
                st.x.row(r) = X.row(r * T + t);
            } else {
                st.x.row(r).setZero();
            }
        }
        st.h0 = h;
        if (lstm)
            st.c0 = c;
        cell.forward(P, st);
        h = st.h;
        if (lstm)
            c = st.c;
        for (Index r = 0; r < B; ++r) {
            const Index t = positionAt(reverse, lengths[r], s);
            if (t >= 0)
                Out.row(r * T + t) = h.row(r);
        }
    }
    cache.hFinal = h;
    cache.cFinal = c;
}

void RecurrentLayer::backward(const ParamStore &P, float *grads, const Cache &cache,
                              const float *dout, const float *dhFinal, const float *dcFinal,
                              float *dx, float *dh0, float *dc0) const
{
    const Index H = cell.hidden, in = cell.in, B = cache.batch, T = cache.length;
    const bool lstm = cell.cell == RnnCell::LSTM;
    // h and c after the last step are hFinal and cFinal
    MatRM dh = dhFinal ? MatRM(CMapRM(dhFinal, B, H)) : MatRM::Zero(B, H); // (B, H)
    MatRM dc;
    if (lstm)
        dc = dcFinal ? MatRM(CMapRM(dcFinal, B, H)) : MatRM::Zero(B, H);
    MatRM dxs, dhPrev, dcPrev;
    for (Index s = T - 1; s >= 0; --s) {
        const auto &st = cache.steps[static_cast<size_t>(s)];
        // Out[r, t] = h[r] on real steps
        if (dout) {
            CMapRM dOut(dout, B * T, H);
            for (Index r = 0; r < B; ++r) {
                const Index t = positionAt(reverse, cache.lengths[static_cast<size_t>(r)], s);
                if (t >= 0)
                    dh.row(r) += dOut.row(r * T + t);
            }
        }
        cell.backward(P, grads, st, dh, dc, dxs, dhPrev, dcPrev);
        // st.x[r] = X[r, t]
        if (dx) {
            MapRM dX(dx, B * T, in);
            for (Index r = 0; r < B; ++r) {
                const Index t = positionAt(reverse, cache.lengths[static_cast<size_t>(r)], s);
                if (t >= 0)
                    dX.row(r * T + t) += dxs.row(r);
            }
        }
        dh.swap(dhPrev);
        if (lstm)
            dc.swap(dcPrev);
    }
    if (dh0)
        MapRM(dh0, B, H) += dh;
    if (dc0 && lstm)
        MapRM(dc0, B, H) += dc;
}

BiRecurrent BiRecurrent::create(ParamStore &store, const std::string &prefix, RnnCell cell,
                                Index in, Index hidden)
{
    BiRecurrent b;
    b.fwd = RecurrentLayer::create(store, prefix, "_l0", cell, in, hidden, false);
    b.bwd = RecurrentLayer::create(store, prefix, "_l0_reverse", cell, in, hidden, true);
    return b;
}

void BiRecurrent::init(ParamStore &store, Rng &rng) const
{
    fwd.init(store, rng);
    bwd.init(store, rng);
}

void BiRecurrent::forward(const ParamStore &P, const float *x, Index B, Index T, const int *lengths,
                          float *out, Cache &cache) const
{
    const Index H = hidden(), N = B * T;
    cache.outF.resize(static_cast<size_t>(N * H));
    cache.outB.resize(static_cast<size_t>(N * H));
    fwd.forward(P, x, B, T, lengths, cache.outF.data(), cache.forward);
    bwd.forward(P, x, B, T, lengths, cache.outB.data(), cache.backward);
    MapRM Out(out, N, 2 * H); // (B·T, 2H) [forward | backward]
    Out.leftCols(H) = CMapRM(cache.outF.data(), N, H);
    Out.rightCols(H) = CMapRM(cache.outB.data(), N, H);
}

void BiRecurrent::backward(const ParamStore &P, float *grads, Cache &cache, const float *dout,
                           const float *dhFinalF, const float *dhFinalB, float *dx) const
{
    const Index H = hidden(), N = cache.forward.batch * cache.forward.length;
    const float *dF = nullptr, *dB = nullptr;
    if (dout) {
        // Out = [outF | outB]
        CMapRM dOut(dout, N, 2 * H);
        cache.dF.resize(static_cast<size_t>(N * H));
        cache.dB.resize(static_cast<size_t>(N * H));
        MapRM(cache.dF.data(), N, H) = dOut.leftCols(H);
        MapRM(cache.dB.data(), N, H) = dOut.rightCols(H);
        dF = cache.dF.data();
        dB = cache.dB.data();
    }
    fwd.backward(P, grads, cache.forward, dF, dhFinalF, nullptr, dx);
    bwd.backward(P, grads, cache.backward, dB, dhFinalB, nullptr, dx);
}

} // namespace attn
