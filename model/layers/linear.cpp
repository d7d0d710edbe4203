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
    const float *b = bias >= 0 ? store.valuePtr(bias) : nullptr;
    if (n <= 4) {
        // A few rows (generation, one token at a time): a matrix-vector product
        // bound by reading W, on one thread. (Splitting it between threads costs
        // more in synchronisation than it gains as soon as the machine is busy.)
        if (b)
            Y.rowwise() = Eigen::Map<const RowVecF>(b, out);
        else
            Y.setZero();
        Y.noalias() += X * W;
        return;
    }
    // y = x·W + b, rows split between threads
    parallelBlocks(n, n * in * out, [&](Index r0, Index rows) {
        auto Yr = Y.middleRows(r0, rows);
        if (b) {
            Yr.rowwise() = Eigen::Map<const RowVecF>(b, out);
            Yr.noalias() += X.middleRows(r0, rows) * W;
        } else {
            Yr.noalias() = X.middleRows(r0, rows) * W;
        }
    });
}

void Linear::backward(ParamStore &store, const float *x, Index n, const float *dy, float *dx) const
{
    CMapRM X(x, n, in);            // (n, in) the forward input
    CMapRM dY(dy, n, out);         // (n, out)
    MapRM dW = store.grad(weight); // (in, out)
    float *db = bias >= 0 ? store.gradPtr(bias) : nullptr;
    // The sums over rows are split by output column so that no two threads add
    // into the same gradient.
    parallelBlocks(out, n * in * out, [&](Index c0, Index w) {
        // y = x·W + b  =>  dW += xᵀ·dy
        dW.middleCols(c0, w).noalias() += X.transpose() * dY.middleCols(c0, w);
        // y = x·W + b  =>  db += Σ_rows dy (row by row: a fixed order)
        if (db) {
            Eigen::Map<RowVecF> dB(db + c0, w);
            for (Index i = 0; i < n; ++i)
                dB += dY.row(i).segment(c0, w);
        }
    });
    // y = x·W + b  =>  dx += dy·Wᵀ
    if (dx) {
        MapRM dX(dx, n, in);
        parallelBlocks(n, n * in * out, [&](Index r0, Index rows) {
            dX.middleRows(r0, rows).noalias() +=
                dY.middleRows(r0, rows) * store.value(weight).transpose();
        });
    }
}

} // namespace attn
