#include "layers/selfattention.h"

namespace attn {

SelfAttention SelfAttention::create(ParamStore &store, const std::string &prefix, Index channels,
                                    const AttentionConfig &config)
{
    SelfAttention a;
    a.channels = channels;
    a.config = config;
    a.cAttn = Linear::create(store, prefix + ".c_attn", channels, 3 * channels);
    a.cProj = Linear::create(store, prefix + ".c_proj", channels, channels);
    return a;
}

void SelfAttention::forward(const ParamStore &store, const float *x, Index batch, Index length,
                            const std::uint8_t *keyPad, float *y, Cache &cache,
                            bool recordScores) const
{
    const Index n = batch * length, C = channels;
    cache.qkv.resize(static_cast<size_t>(n * 3 * C));
    cache.concat.resize(static_cast<size_t>(n * C));
    cAttn.forward(store, x, n, cache.qkv.data()); // qkv = x·W_attn + b_attn
    attentionForward(config, batch, length, C, cache.qkv.data(), keyPad, cache.concat.data(),
                     cache.core, recordScores);
    cProj.forward(store, cache.concat.data(), n, y); // y = concat·W_proj + b_proj
}

void SelfAttention::backward(ParamStore &store, const float *x, Index batch, Index length,
                             const float *dy, float *dx, Cache &cache, FloatBuffer &dqkv,
                             FloatBuffer &dconcat) const
{
    const Index n = batch * length, C = channels;
    dconcat.assign(static_cast<size_t>(n * C), 0.0f);
    dqkv.assign(static_cast<size_t>(n * 3 * C), 0.0f);
    // y = concat·W_proj + b_proj
    cProj.backward(store, cache.concat.data(), n, dy, dconcat.data());
    // concat = attention(qkv)
    attentionBackward(config, batch, length, C, cache.qkv.data(), dconcat.data(), cache.core,
                      dqkv.data());
    // qkv = x·W_attn + b_attn
    cAttn.backward(store, x, n, dqkv.data(), dx);
}

} // namespace attn
