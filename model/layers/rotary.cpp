#include "layers/rotary.h"

#include "core/error.h"
#include "layers/parallel.h"

#include <cmath>
#include <sstream>
#include <string>

namespace attn {

namespace {

std::string floatText(float v)
{
    std::ostringstream os;
    os << v;
    return os.str();
}

// sign +1: x' = R·x (forward), −1: x = Rᵀ·x' (backward, the rotation by −angle).
void rotate(const RotaryTable &table, Index batch, Index length, Index pos0, Index heads, float *x,
            Index stride, float sign)
{
    if (table.empty())
        return;
    if (pos0 < 0 || pos0 + length > table.positions)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "rotary position encoding: positions %1..%2 "
                                                   "are outside its table of %3 positions"),
                         pos0, pos0 + length - 1, table.positions);
    const Index D = table.headDim, half = table.dims / 2, rows = batch * length;
#pragma omp parallel for schedule(static) if (rows > 1 && rows * heads * half >= kParallelMinWork)
    for (Index row = 0; row < rows; ++row) {
        const Index pos = pos0 + row % length;
        const float *c = table.cos.data() + pos * half; // (R/2) this position's cos
        const float *s = table.sin.data() + pos * half; // (R/2)
        for (Index h = 0; h < heads; ++h) {
            float *a = x + row * stride + h * D; // (R/2) the first halves
            float *b = a + half;                 // (R/2) their partners i + R/2
            for (Index i = 0; i < half; ++i) {
                const float si = sign * s[i];
                const float x0 = a[i], x1 = b[i];
                a[i] = x0 * c[i] - x1 * si;
                b[i] = x1 * c[i] + x0 * si;
            }
        }
    }
}

} // namespace

void checkRotary(const RotaryConfig &cfg, Index headDim)
{
    if (!cfg.on)
        return;
    if (!(cfg.theta > 0.0f) || !std::isfinite(cfg.theta))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "rotary position encoding: the base theta is "
                                                   "%1; it must be a positive finite number"),
                         floatText(cfg.theta));
    if (cfg.dims == 0 && headDim % 2 != 0)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn",
                                           "rotary position encoding rotates pairs of "
                                           "dimensions, and heads of %1 dimensions (an odd "
                                           "number) leave one without a partner: choose heads "
                                           "that make the head size even, or rotate fewer "
                                           "dimensions"),
                         headDim);
    const Index dims = cfg.dims == 0 ? headDim : cfg.dims;
    if (dims < 2 || dims > headDim || dims % 2 != 0)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "rotary position encoding rotates pairs of "
                                                   "dimensions: it cannot rotate %1 of a head's %2 "
                                                   "dimensions (an even number from 2 to %2 can)"),
                         dims, headDim);
    if (cfg.positions < 1)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "rotary position encoding needs the longest "
                                                   "sequence it will see (positions); it is %1"),
                         cfg.positions);
}

RotaryTable RotaryTable::create(const RotaryConfig &cfg, Index headDim)
{
    checkRotary(cfg, headDim);
    RotaryTable t;
    t.headDim = headDim;
    if (!cfg.on)
        return t;
    t.dims = cfg.dims == 0 ? headDim : cfg.dims;
    t.positions = cfg.positions;
    const Index half = t.dims / 2;
    t.cos.resize(static_cast<size_t>(t.positions * half));
    t.sin.resize(static_cast<size_t>(t.positions * half));
    for (Index i = 0; i < half; ++i) {
        // inv_freq_i = theta^(−2i/R)
        const double invFreq =
            std::pow(static_cast<double>(cfg.theta),
                     -2.0 * static_cast<double>(i) / static_cast<double>(t.dims));
        for (Index p = 0; p < t.positions; ++p) {
            const double angle = static_cast<double>(p) * invFreq; // angle(p, i) = p · inv_freq_i
            t.cos[static_cast<size_t>(p * half + i)] = static_cast<float>(std::cos(angle));
            t.sin[static_cast<size_t>(p * half + i)] = static_cast<float>(std::sin(angle));
        }
    }
    return t;
}

void rotaryForward(const RotaryTable &table, Index batch, Index length, Index pos0, Index heads,
                   float *x, Index stride)
{
    rotate(table, batch, length, pos0, heads, x, stride, 1.0f);
}

void rotaryBackward(const RotaryTable &table, Index batch, Index length, Index pos0, Index heads,
                    float *dx, Index stride)
{
    // x' = R·x  =>  dx = Rᵀ·dx'
    rotate(table, batch, length, pos0, heads, dx, stride, -1.0f);
}

} // namespace attn
