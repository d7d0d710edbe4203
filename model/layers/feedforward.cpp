#include "layers/feedforward.h"

namespace attn {

FeedForward FeedForward::create(ParamStore &store, const std::string &prefix, Index channels,
                                Index hidden, Activation activation)
{
    FeedForward f;
    f.activation = activation;
    f.cFc = Linear::create(store, prefix + ".c_fc", channels, hidden);
    f.cProj = Linear::create(store, prefix + ".c_proj", hidden, channels);
    return f;
}

void FeedForward::forward(const ParamStore &store, const float *x, Index n, float *y,
                          Cache &cache) const
{
    const Index F = cFc.out;
    cache.pre.resize(static_cast<size_t>(n * F));
    cache.post.resize(static_cast<size_t>(n * F));
    cFc.forward(store, x, n, cache.pre.data());                                // pre = x·W_fc + b
    activationForward(activation, cache.pre.data(), n * F, cache.post.data()); // post = f(pre)
    cProj.forward(store, cache.post.data(), n, y);                             // y = post·W + b
}

void FeedForward::backward(ParamStore &store, const float *x, Index n, const float *dy, float *dx,
                           const Cache &cache, FloatBuffer &dhidden) const
{
    const Index F = cFc.out;
    dhidden.assign(static_cast<size_t>(n * F), 0.0f);
    // y = post·W_proj + b_proj
    cProj.backward(store, cache.post.data(), n, dy, dhidden.data());
    // post = f(pre)  (in place: dpre = dpost·f'(pre))
    activationBackward(activation, cache.pre.data(), n * F, dhidden.data(), dhidden.data());
    // pre = x·W_fc + b_fc
    cFc.backward(store, x, n, dhidden.data(), dx);
}

} // namespace attn
