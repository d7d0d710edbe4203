#include "layers/lstm.h"

#include <cmath>

namespace attn {

void lstmStepForward(const RecurrentCell &cell, const ParamStore &P, RecurrentCell::Step &s)
{
    const Index b = s.x.rows(), H = cell.hidden, G = 4 * H;
    CMapRM Wih = P.value(cell.wih); // (4H, in)
    CMapRM Whh = P.value(cell.whh); // (4H, H)
    Eigen::Map<const RowVecF> bi(P.valuePtr(cell.bih), G);
    Eigen::Map<const RowVecF> bh(P.valuePtr(cell.bhh), G);
    MatRM a(b, G); // (b, 4H) pre-activations
    a.noalias() = s.x * Wih.transpose();
    a.noalias() += s.h0 * Whh.transpose();
    a.rowwise() += bi + bh;
    s.gates.resize(b, G); // (b, 4H) i, f, g, o
    s.c.resize(b, H);
    s.tc.resize(b, H);
    s.h.resize(b, H);
    for (Index r = 0; r < b; ++r) {
        const bool on = s.active[static_cast<size_t>(r)] != 0;
        for (Index j = 0; j < H; ++j) {
            const float i = sigmoid(a(r, j));
            const float f = sigmoid(a(r, H + j));
            const float g = std::tanh(a(r, 2 * H + j));
            const float o = sigmoid(a(r, 3 * H + j));
            s.gates(r, j) = i;
            s.gates(r, H + j) = f;
            s.gates(r, 2 * H + j) = g;
            s.gates(r, 3 * H + j) = o;
            // c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c'); a padded step keeps c and h
            const float c = on ? f * s.c0(r, j) + i * g : s.c0(r, j);
            s.c(r, j) = c;
            s.tc(r, j) = std::tanh(c);
            s.h(r, j) = on ? o * s.tc(r, j) : s.h0(r, j);
        }
    }
}

void lstmStepBackward(const RecurrentCell &cell, const ParamStore &P, float *grads,
                      const RecurrentCell::Step &s, const MatRM &dh, const MatRM &dc, MatRM &dx,
                      MatRM &dh0, MatRM &dc0)
{
    const Index b = s.x.rows(), H = cell.hidden, G = 4 * H, in = cell.in;
    const bool haveDc = dc.size() > 0;
    MatRM da(b, G); // (b, 4H) gradient of the pre-activations
    dh0.resize(b, H);
    dc0.resize(b, H);
    for (Index r = 0; r < b; ++r) {
        if (!s.active[static_cast<size_t>(r)]) {
            // h' = h, c' = c on a padded step
            da.row(r).setZero();
            dh0.row(r) = dh.row(r);
            if (haveDc)
                dc0.row(r) = dc.row(r);
            else
                dc0.row(r).setZero();
            continue;
        }
        for (Index j = 0; j < H; ++j) {
            const float i = s.gates(r, j), f = s.gates(r, H + j), g = s.gates(r, 2 * H + j),
                        o = s.gates(r, 3 * H + j), tc = s.tc(r, j);
            const float d = dh(r, j);
            // h' = o ⊙ tanh(c')
            const float dcTotal = (haveDc ? dc(r, j) : 0.0f) + d * o * (1.0f - tc * tc);
            const float dO = d * tc;
            // c' = f ⊙ c + i ⊙ g
            const float dI = dcTotal * g, dG = dcTotal * i, dF = dcTotal * s.c0(r, j);
            dc0(r, j) = dcTotal * f;
            // [i f g o] = [σ σ tanh σ](a)
            da(r, j) = dI * i * (1.0f - i);
            da(r, H + j) = dF * f * (1.0f - f);
            da(r, 2 * H + j) = dG * (1.0f - g * g);
            da(r, 3 * H + j) = dO * o * (1.0f - o);
        }
    }
    for (Index r = 0; r < b; ++r)
        if (s.active[static_cast<size_t>(r)])
            dh0.row(r).setZero();
    CMapRM Wih = P.value(cell.wih); // (4H, in)
    CMapRM Whh = P.value(cell.whh); // (4H, H)
    // a = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh
    //   => dh += da W_hh, dx = da W_ih, dW_hh += daᵀ h, dW_ih += daᵀ x, db += Σ_rows da
    dh0.noalias() += da * Whh;
    dx.resize(b, in);
    dx.noalias() = da * Wih;
    MapRM dWhh(grads + P.entry(cell.whh).offset, G, H);
    dWhh.noalias() += da.transpose() * s.h0;
    MapRM dWih(grads + P.entry(cell.wih).offset, G, in);
    dWih.noalias() += da.transpose() * s.x;
    const RowVecF db = da.colwise().sum();
    Eigen::Map<RowVecF>(grads + P.entry(cell.bhh).offset, G) += db;
    Eigen::Map<RowVecF>(grads + P.entry(cell.bih).offset, G) += db;
}

} // namespace attn
