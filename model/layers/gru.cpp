#include "layers/gru.h"

#include <cmath>

namespace attn {

void gruStepForward(const RecurrentCell &cell, const ParamStore &P, RecurrentCell::Step &s)
{
    const Index b = s.x.rows(), H = cell.hidden, G = 3 * H;
    CMapRM Wih = P.value(cell.wih); // (3H, in)
    CMapRM Whh = P.value(cell.whh); // (3H, H)
    Eigen::Map<const RowVecF> bi(P.valuePtr(cell.bih), G);
    Eigen::Map<const RowVecF> bh(P.valuePtr(cell.bhh), G);
    MatRM gi(b, G), gh(b, G);
    gi.noalias() = s.x * Wih.transpose(); // (b, 3H) x W_ihᵀ
    gi.rowwise() += bi;
    gh.noalias() = s.h0 * Whh.transpose(); // (b, 3H) h W_hhᵀ
    gh.rowwise() += bh;
    s.gates.resize(b, G);   // (b, 3H) r, z, n
    s.hn = gh.rightCols(H); // (b, H) h W_hnᵀ + b_hn
    s.h.resize(b, H);
    for (Index i = 0; i < b; ++i) {
        const bool on = s.active[static_cast<size_t>(i)] != 0;
        for (Index j = 0; j < H; ++j) {
            const float r = sigmoid(gi(i, j) + gh(i, j));
            const float z = sigmoid(gi(i, H + j) + gh(i, H + j));
            const float n = std::tanh(gi(i, 2 * H + j) + r * gh(i, 2 * H + j));
            s.gates(i, j) = r;
            s.gates(i, H + j) = z;
            s.gates(i, 2 * H + j) = n;
            // h' = (1 - z) ⊙ n + z ⊙ h; a padded step keeps h
            s.h(i, j) = on ? (1.0f - z) * n + z * s.h0(i, j) : s.h0(i, j);
        }
    }
}

void gruStepBackward(const RecurrentCell &cell, const ParamStore &P, float *grads,
                     const RecurrentCell::Step &s, const MatRM &dh, MatRM &dx, MatRM &dh0)
{
    const Index b = s.x.rows(), H = cell.hidden, G = 3 * H, in = cell.in;
    MatRM dgi(b, G), dgh(b, G); // (b, 3H) gradients of the input and hidden pre-activations
    dh0.resize(b, H);
    for (Index i = 0; i < b; ++i) {
        if (!s.active[static_cast<size_t>(i)]) {
            // h' = h on a padded step: the gradient passes through untouched
            dgi.row(i).setZero();
            dgh.row(i).setZero();
            dh0.row(i) = dh.row(i);
            continue;
        }
        for (Index j = 0; j < H; ++j) {
            const float r = s.gates(i, j), z = s.gates(i, H + j), n = s.gates(i, 2 * H + j);
            const float d = dh(i, j);
            // h' = (1 - z) ⊙ n + z ⊙ h
            const float dn = d * (1.0f - z);
            const float dz = d * (s.h0(i, j) - n);
            dh0(i, j) = d * z;
            // n = tanh(a_n), a_n = x W_inᵀ + b_in + r ⊙ hn
            const float dan = dn * (1.0f - n * n);
            const float dr = dan * s.hn(i, j);
            // r = σ(a_r), z = σ(a_z)
            const float dar = dr * r * (1.0f - r);
            const float daz = dz * z * (1.0f - z);
            dgi(i, j) = dar;
            dgi(i, H + j) = daz;
            dgi(i, 2 * H + j) = dan;
            dgh(i, j) = dar;
            dgh(i, H + j) = daz;
            dgh(i, 2 * H + j) = dan * r; // hn = h W_hnᵀ + b_hn enters as r ⊙ hn
        }
    }
    CMapRM Wih = P.value(cell.wih); // (3H, in)
    CMapRM Whh = P.value(cell.whh); // (3H, H)
    // gh = h W_hhᵀ + b_hh  =>  dh += dgh W_hh, dW_hh += dghᵀ h, db_hh += Σ_rows dgh
    dh0.noalias() += dgh * Whh;
    MapRM dWhh(grads + P.entry(cell.whh).offset, G, H);
    dWhh.noalias() += dgh.transpose() * s.h0;
    Eigen::Map<RowVecF>(grads + P.entry(cell.bhh).offset, G) += dgh.colwise().sum();
    // gi = x W_ihᵀ + b_ih  =>  dx = dgi W_ih, dW_ih += dgiᵀ x, db_ih += Σ_rows dgi
    dx.resize(b, in);
    dx.noalias() = dgi * Wih;
    MapRM dWih(grads + P.entry(cell.wih).offset, G, in);
    dWih.noalias() += dgi.transpose() * s.x;
    Eigen::Map<RowVecF>(grads + P.entry(cell.bih).offset, G) += dgi.colwise().sum();
}

} // namespace attn
