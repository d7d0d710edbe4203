#include "layers/selfattention.h"

#include <algorithm>

namespace attn {

SelfAttention SelfAttention::create(ParamStore &store, const std::string &prefix, Index channels,
                                    const AttentionConfig &config)
{
    const QkvLayout l = qkvLayout(config, channels);
    SelfAttention a;
    a.channels = channels;
    a.config = config;
    a.rotary = RotaryTable::create(config.rotary, l.headDim);
    a.cAttn = Linear::create(store, prefix + ".c_attn", channels, l.width());
    a.cProj = Linear::create(store, prefix + ".c_proj", channels, channels);
    return a;
}

void SelfAttention::forward(const ParamStore &store, const float *x, Index batch, Index length,
                            const std::uint8_t *keyPad, float *y, Cache &cache,
                            bool recordScores) const
{
    const QkvLayout l = layout();
    const Index n = batch * length, C = channels, W = l.width();
    cache.qkv.resize(static_cast<size_t>(n * W));
    cache.concat.resize(static_cast<size_t>(n * C));
    if (rotary.empty()) {
        cache.unrotated.clear();
        cAttn.forward(store, x, n, cache.qkv.data()); // qkv = x·W_attn + b_attn
    } else {
        cache.unrotated.resize(static_cast<size_t>(n * W));
        cAttn.forward(store, x, n, cache.unrotated.data()); // qkv = x·W_attn + b_attn
        std::copy(cache.unrotated.begin(), cache.unrotated.end(), cache.qkv.begin());
        // q, k = rotary(q, k): the H query and Hkv key heads, side by side from column 0
        rotaryForward(rotary, batch, length, 0, l.heads + l.kvHeads, cache.qkv.data(), W);
    }
    attentionForward(config, batch, length, C, cache.qkv.data(), keyPad, cache.concat.data(),
                     cache.core, recordScores);
    cProj.forward(store, cache.concat.data(), n, y); // y = concat·W_proj + b_proj
}

void SelfAttention::backward(ParamStore &store, const float *x, Index batch, Index length,
                             const float *dy, float *dx, Cache &cache, FloatBuffer &dqkv,
                             FloatBuffer &dconcat) const
{
    const QkvLayout l = layout();
    const Index n = batch * length, C = channels, W = l.width();
    dconcat.assign(static_cast<size_t>(n * C), 0.0f);
    dqkv.assign(static_cast<size_t>(n * W), 0.0f);
    // y = concat·W_proj + b_proj
    cProj.backward(store, cache.concat.data(), n, dy, dconcat.data());
    // concat = attention(qkv)
    attentionBackward(config, batch, length, C, cache.qkv.data(), dconcat.data(), cache.core,
                      dqkv.data());
    // q, k = rotary(q, k)  =>  dq, dk = rotaryᵀ(dq, dk) (dqkv holds only this gradient)
    rotaryBackward(rotary, batch, length, 0, l.heads + l.kvHeads, dqkv.data(), W);
    // qkv = x·W_attn + b_attn
    cAttn.backward(store, x, n, dqkv.data(), dx);
}

void SelfAttention::decode(const ParamStore &store, const float *x, Index pos, float *keys,
                           float *values, Index stride, float *y, DecodeCache &cache) const
{
    const QkvLayout l = layout();
    const Index C = channels, W = l.width();
    cache.qkv.resize(static_cast<size_t>(W));
    cache.concat.resize(static_cast<size_t>(C));
    cache.scores.resize(static_cast<size_t>(pos + 1));
    float *qkv = cache.qkv.data();
    cAttn.forward(store, x, 1, qkv); // qkv = x·W_attn + b_attn
    // q, k = rotary(q, k) at position pos
    rotaryForward(rotary, 1, 1, pos, l.heads + l.kvHeads, qkv, W);
    std::copy(qkv + l.kCol(0), qkv + l.kCol(0) + l.kvWidth(), keys + pos * stride);
    std::copy(qkv + l.vCol(0), qkv + l.vCol(0) + l.kvWidth(), values + pos * stride);
    // concat = attention(q; keys and values 0..pos)
    attentionDecode(config, pos + 1, C, qkv + l.qCol(0), keys, values, stride, cache.concat.data(),
                    cache.scores.data());
    cProj.forward(store, cache.concat.data(), 1, y); // y = concat·W_proj + b_proj
}

} // namespace attn
