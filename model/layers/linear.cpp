#include "layers/linear.h"

#include "layers/parallel.h"

#include <algorithm>

namespace attn {

Linear Linear::create(ParamStore &store, const std::string &prefix, Index in, Index out,
                      bool withBias)
{
    Linear l;
    l.in = in;
    l.out = out;
    l.weight = store.add(prefix + ".weight", {in, out}, true);
    if (withBias)
        l.bias = store.add(prefix + ".bias", {out}, false);
    return l;
}

void Linear::init(ParamStore &store, Rng &rng, float std) const
{
    auto w = store.valueVec(weight);
    for (Index i = 0; i < w.size(); ++i)
        w(i) = std * rng.normal();
    if (bias >= 0)
        store.valueVec(bias).setZero();
}

void Linear::forward(const ParamStore &store, const float *x, Index n, float *y) const
{
    CMapRM X(x, n, in);             // (n, in)
    MapRM Y(y, n, out);             // (n, out)
    CMapRM W = store.value(weight); // (in, out)
    if (n <= 4 && in * out >= (1 << 18) && parallelMaxThreads() > 1) {
        // A few rows (generation, one token at a time) are a matrix-vector product
        // that Eigen runs on one thread and that is bound by reading W: split W's
        // columns between threads. Each output column is computed as it would be
        // on one thread.
        const Index parts = 4 * parallelMaxThreads();
        const Index chunk = (out + parts - 1) / parts;
#pragma omp parallel for schedule(static)
        for (Index part = 0; part < parts; ++part) {
            const Index c0 = part * chunk, w = std::min(chunk, out - c0);
            if (w <= 0)
                continue;
            auto Yp = Y.middleCols(c0, w);
            if (bias >= 0)
                Yp.rowwise() = store.value(bias).row(0).segment(c0, w);
            else
                Yp.setZero();
            Yp.noalias() += X * W.middleCols(c0, w);
        }
        return;
    }
    if (bias >= 0) {
        Y.rowwise() = store.value(bias).row(0);
        Y.noalias() += X * W;
    } else {
        Y.noalias() = X * W;
    }
}

void Linear::backward(ParamStore &store, const float *x, Index n, const float *dy, float *dx) const
{
    CMapRM X(x, n, in);    // (n, in) the forward input
    CMapRM dY(dy, n, out); // (n, out)
    // y = x·W + b  =>  dW += xᵀ·dy
    store.grad(weight).noalias() += X.transpose() * dY;
    // y = x·W + b  =>  db += Σ_rows dy
    // (Row by row: Eigen's colwise().sum() mixes a scalar and a vectorised path
    // depending on the destination's alignment, which changes the rounding.)
    if (bias >= 0) {
        MapRM dB = store.grad(bias); // (1, out)
        for (Index i = 0; i < n; ++i)
            dB.row(0) += dY.row(i);
    }
    // y = x·W + b  =>  dx += dy·Wᵀ
    if (dx) {
        MapRM dX(dx, n, in);
        dX.noalias() += dY * store.value(weight).transpose();
    }
}

} // namespace attn
