#include "layers/embedding.h"

#include "layers/parallel.h"

#include <cmath>
#include <utility>

namespace attn {

Embedding Embedding::create(ParamStore &store, const std::string &name, Index vocab, Index dim)
{
    Embedding e;
    e.vocab = vocab;
    e.dim = dim;
    e.weight = store.add(name, {vocab, dim}, false);
    return e;
}

void Embedding::init(ParamStore &store, Rng &rng, float std) const
{
    auto w = store.valueVec(weight);
    for (Index i = 0; i < w.size(); ++i)
        w(i) = std * rng.normal();
}

void Embedding::forward(const ParamStore &store, const TokenId *ids, Index n, float *out) const
{
    CMapRM W = store.value(weight); // (vocab, dim)
    MapRM Out(out, n, dim);         // (n, dim)
    for (Index i = 0; i < n; ++i)
        Out.row(i) = W.row(ids[i]);
}

void Embedding::backward(ParamStore &store, const TokenId *ids, Index n, const float *dout) const
{
    MapRM dW = store.grad(weight); // (vocab, dim)
    CMapRM dOut(dout, n, dim);
    // out[i] = W[ids[i]]  =>  dW[ids[i]] += dout[i]
    for (Index i = 0; i < n; ++i)
        dW.row(ids[i]) += dOut.row(i);
}

void Embedding::tiedLogits(const ParamStore &store, const float *h, Index n, float *logits) const
{
    MapRM out(logits, n, vocab);
    CMapRM W = store.value(weight);
    CMapRM H(h, n, dim);
    parallelBlocks(n, n * vocab * dim, [&](Index r0, Index rows) {
        out.middleRows(r0, rows).noalias() = H.middleRows(r0, rows) * W.transpose();
    });
}

void Embedding::tiedLogitsBackward(ParamStore &store, const float *h, Index n, const float *dlogits,
                                   float *dh) const
{
    // logits = h·Wᵀ  =>  dh = dlogits·W, dW += dlogitsᵀ·h
    CMapRM dLogits(dlogits, n, vocab);
    CMapRM W = std::as_const(store).value(weight);
    MapRM dH(dh, n, dim);
    parallelBlocks(n, n * vocab * dim, [&](Index r0, Index rows) {
        dH.middleRows(r0, rows).noalias() = dLogits.middleRows(r0, rows) * W;
    });
    MapRM dW = store.grad(weight);
    CMapRM H(h, n, dim);
    parallelBlocks(vocab, n * vocab * dim, [&](Index v0, Index rows) {
        dW.middleRows(v0, rows).noalias() += dLogits.middleCols(v0, rows).transpose() * H;
    });
}

MatRM sinusoidalPositions(Index len, Index dim)
{
    MatRM pe(len, dim);
    for (Index p = 0; p < len; ++p) {
        for (Index i = 0; i < dim; i += 2) {
            const double freq =
                std::pow(10000.0, -static_cast<double>(i) / static_cast<double>(dim));
            const double a = static_cast<double>(p) * freq;
            pe(p, i) = static_cast<float>(std::sin(a));
            if (i + 1 < dim)
                pe(p, i + 1) = static_cast<float>(std::cos(a));
        }
    }
    return pe;
}

PositionEncoding PositionEncoding::create(ParamStore &store, const std::string &name,
                                          PositionKind kind, Index maxLength, Index dim,
                                          float sinusoidScale)
{
    PositionEncoding p;
    p.kind = kind;
    p.maxLength = maxLength;
    p.dim = dim;
    if (kind == PositionKind::Learned)
        p.weight = store.add(name, {maxLength, dim}, false);
    else
        p.table = sinusoidScale * sinusoidalPositions(maxLength, dim);
    return p;
}

void PositionEncoding::init(ParamStore &store, Rng &rng, float std) const
{
    if (kind != PositionKind::Learned)
        return;
    auto w = store.valueVec(weight);
    for (Index i = 0; i < w.size(); ++i)
        w(i) = std * rng.normal();
}

CMapRM PositionEncoding::rows(const ParamStore &store, Index len) const
{
    if (kind == PositionKind::Learned)
        return CMapRM(store.valuePtr(weight), len, dim);
    return CMapRM(table.data(), len, dim);
}

void PositionEncoding::addForward(const ParamStore &store, Index batch, Index length,
                                  float *out) const
{
    CMapRM P = rows(store, length); // (length, dim)
    for (Index b = 0; b < batch; ++b) {
        MapRM Out(out + b * length * dim, length, dim);
        Out += P;
    }
}

void PositionEncoding::backward(ParamStore &store, Index batch, Index length,
                                const float *dout) const
{
    if (kind != PositionKind::Learned)
        return;
    MapRM dP(store.gradPtr(weight), length, dim); // (length, dim) rows used
    // out[b, t] += P[t]  =>  dP[t] += Σ_b dout[b, t]
    for (Index b = 0; b < batch; ++b)
        dP += CMapRM(dout + b * length * dim, length, dim);
}

} // namespace attn
