// TransformerLM's sampling and generation (with and without the KV cache).
#include "models/transformerlm.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace attn {

TokenId TransformerLM::sample(const float *logits, Index vocab, const GenerateOptions &o, Rng &rng)
{
    Eigen::Map<const Eigen::ArrayXf> z(logits, vocab);
    if (o.greedy || o.temperature <= 0.0f || o.topK == 1) {
        Index arg = 0;
        z.maxCoeff(&arg);
        return static_cast<TokenId>(arg);
    }
    // Candidates by decreasing logit (ties: lower id first).
    std::vector<int> order(static_cast<size_t>(vocab));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return z(a) > z(b); });
    size_t keep = order.size();
    if (o.topK > 0)
        keep = std::min(keep, static_cast<size_t>(o.topK));
    DoubleBuffer prob(keep);
    const double m = z(order[0]);
    double sum = 0.0;
    for (size_t i = 0; i < keep; ++i) {
        prob[i] = std::exp((static_cast<double>(z(order[i])) - m) / o.temperature);
        sum += prob[i];
    }
    if (o.topP < 1.0f) {
        double cum = 0.0;
        size_t cut = keep;
        for (size_t i = 0; i < keep; ++i) {
            cum += prob[i] / sum;
            if (cum >= o.topP) {
                cut = i + 1;
                break;
            }
        }
        keep = cut;
        sum = std::accumulate(prob.begin(), prob.begin() + static_cast<long>(keep), 0.0);
    }
    const double u = rng.uniformDouble() * sum;
    double acc = 0.0;
    for (size_t i = 0; i < keep; ++i) {
        acc += prob[i];
        if (u < acc)
            return static_cast<TokenId>(order[i]);
    }
    return static_cast<TokenId>(order[keep - 1]);
}

namespace {
void checkGenerate(const std::vector<TokenId> &prompt, int n, const GenerateOptions &o)
{
    if (prompt.empty())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: generation needs a prompt of at least one token"),
            kTransformerLmName);
    if (n < 0)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot generate %2 tokens"),
                         kTransformerLmName, n);
    if (!std::isfinite(o.temperature) || !std::isfinite(o.topP) || o.topP <= 0.0f ||
        o.topP > 1.0f || o.topK < 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1: sampling needs a finite temperature, top-k >= 0 and top-p in (0, 1]"),
            kTransformerLmName);
}
} // namespace

std::vector<TokenId> TransformerLM::generateUncached(const std::vector<TokenId> &prompt, int n,
                                                     const GenerateOptions &options) const
{
    checkGenerate(prompt, n, options);
    checkIds(prompt.data(), static_cast<Index>(prompt.size()), "prompt");
    Rng rng(options.seed);
    std::vector<TokenId> seq = prompt, out;
    const size_t ctx = static_cast<size_t>(m_config.n_ctx);
    Workspace ws;
    for (int i = 0; i < n; ++i) {
        const size_t start = seq.size() > ctx ? seq.size() - ctx : 0;
        const Index T = static_cast<Index>(seq.size() - start);
        run(m_params, ws, seq.data() + start, 1, T, false, nullptr, false);
        const TokenId t =
            sample(ws.logits.data() + (T - 1) * m_config.vocab, m_config.vocab, options, rng);
        out.push_back(t);
        seq.push_back(t);
        if (t == options.stopToken)
            break;
    }
    return out;
}

std::vector<TokenId> TransformerLM::generate(const std::vector<TokenId> &prompt, int n,
                                             const GenerateOptions &options) const
{
    checkGenerate(prompt, n, options);
    checkIds(prompt.data(), static_cast<Index>(prompt.size()), "prompt");
    const Index C = m_config.d_model, V = m_config.vocab, ctx = m_config.n_ctx;
    const int L = m_stack.size();
    Rng rng(options.seed);
    std::vector<TokenId> seq = prompt, out;

    // Keys and values of every layer for positions 0..len-1: (L, n_ctx, KV) each, KV the
    // width of the key/value heads (C without sharing).
    const QkvLayout layout = m_stack.blocks.front().self.layout();
    const Index KV = layout.kvWidth();
    FloatBuffer kcache(static_cast<size_t>(L * ctx * KV));
    FloatBuffer vcache(static_cast<size_t>(L * ctx * KV));
    Index len = 0;
    FloatBuffer logit(static_cast<size_t>(V));
    Workspace ws;
    // prefill: the whole window through the shared forward pass; keep its k and v.
    auto prefill = [&](Index start) {
        const Index T = static_cast<Index>(seq.size()) - start;
        const TransformerStack::LayerHook keepKv = [&](int l, const TransformerBlock::State &s,
                                                       const float *) {
            CMapRM qkv(s.selfCache.qkv.data(), T, layout.width());
            MapRM(kcache.data() + l * ctx * KV, T, KV) = qkv.middleCols(layout.kCol(0), KV);
            MapRM(vcache.data() + l * ctx * KV, T, KV) = qkv.middleCols(layout.vCol(0), KV);
        };
        run(m_params, ws, seq.data() + start, 1, T, false, nullptr, false, {}, keepKv);
        len = T;
        std::copy(ws.logits.begin() + (T - 1) * V, ws.logits.begin() + T * V, logit.begin());
    };
    const Index promptStart = std::max<Index>(0, static_cast<Index>(seq.size()) - ctx);
    prefill(promptStart);

    // One-row buffers for the decode steps.
    FloatBuffer x(static_cast<size_t>(C)), h(static_cast<size_t>(C));
    TransformerBlock::StepScratch step;
    LayerNormCache lnc;
    for (int i = 0; i < n; ++i) {
        const TokenId t = sample(logit.data(), V, options, rng);
        out.push_back(t);
        seq.push_back(t);
        if (t == options.stopToken || i + 1 == n)
            break;
        if (len == ctx) {
            // The window is full: keep its newer half (with the new token) and
            // recompute that once; the cache then grows again from there.
            const Index keep = std::max<Index>(1, ctx / 2);
            prefill(static_cast<Index>(seq.size()) - keep);
            continue;
        }
        // x = wte[t] + wpe[len]
        const Index pos = len;
        m_wte.forward(m_params, &t, 1, x.data());
        Eigen::Map<Eigen::RowVectorXf>(x.data(), C) += m_wpe.rows(m_params, pos + 1).row(pos);
        for (int l = 0; l < L; ++l)
            m_stack.blocks[static_cast<size_t>(l)].decodeStep(m_params, x.data(), pos,
                                                              kcache.data() + l * ctx * KV,
                                                              vcache.data() + l * ctx * KV, step);
        const float *hf = x.data();
        if (m_stack.hasFinalNorm) {
            m_stack.finalNorm.forward(m_params, x.data(), 1, h.data(), lnc);
            hf = h.data();
        }
        // logits (V) = h · wteᵀ
        Eigen::Map<Eigen::RowVectorXf>(logit.data(), V).noalias() =
            Eigen::Map<const Eigen::RowVectorXf>(hf, C) * m_params.value(m_wte.weight).transpose();
        len = pos + 1;
    }
    return out;
}

} // namespace attn
