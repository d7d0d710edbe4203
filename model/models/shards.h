#pragma once

// Data parallelism over the rows of a batch, for the models whose loss is one cross-entropy
// over their rows (the Transformer LM, the Transformer encoder-decoder, the classifier).
//
// Shard 0 runs on the model's own parameters and workspace; shards 1.. each own a copy of
// the parameters (values refreshed from the model's at every forward) and a workspace, and
// their gradients are added into the model's in shard order, so a batch gives the same
// gradients on every run with the same thread count. One parallel region per pass and no
// synchronisation inside it; an exception in any shard reaches the caller (parallelShards).
//
//   LossStats forward(const Batch &b) {
//       return m_shards.forward(m_params, m_ws, b.batch, m_dropoutRng,
//           [&](const ParamStore &P, Workspace &ws, Index b0, Index nb, Rng &rng) {
//               run(P, ws, b, b0, nb, rng);               // rows [b0, b0 + nb) of the batch
//               crossEntropyForward(..., ws.ce);          // fills ws.ce
//           });
//   }
//   void backward() {
//       m_shards.backward(kName, m_params, m_ws, [&](ParamStore &P, Workspace &ws, float scale) {
//           backwardPass(P, ws, scale);                   // adds d(scale · loss_s) into P
//       });
//   }

#include "core/error.h"
#include "core/params.h"
#include "core/rng.h"
#include "core/types.h"
#include "layers/crossentropy.h"
#include "layers/parallel.h"
#include "models/model.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace attn {

// "%1: backward() called without a forward() before it" (a translatable template; in
// shards.cpp, where lupdate reads it).
extern const char *const kBackwardWithoutForward;

template <class Workspace> class DataShards {
public:
    // Shards for a batch of `rows`: one per thread and at most one per row; one only for a
    // model whose extra copies of the weights and gradients would be large (50M parameters).
    static int countFor(Index rows, Index parameters)
    {
        if (rows < 2 || parameters > 50'000'000)
            return 1;
        return static_cast<int>(std::min<Index>(rows, parallelMaxThreads()));
    }

    // Splits rows [0, rows) over the shards and calls run(P, ws, b0, nb, rng) for each, which
    // must leave the shard's cross-entropy in ws.ce. Dropout draws: one shard uses `rng`
    // itself; several get a seed each, drawn from it in shard order.
    template <class Run>
    LossStats forward(ParamStore &params, Workspace &main, Index rows, Rng &rng, Run run)
    {
        const int S = countFor(rows, params.size());
        m_ready = false;
        m_used = S;
        if (S == 1) {
            run(std::as_const(params), main, Index(0), rows, rng);
            m_counted = main.ce.counted;
            m_ready = true;
            return {main.ce.loss, main.ce.counted, main.ce.correct};
        }
        while (static_cast<int>(m_copies.size()) < S - 1) {
            auto copy = std::make_unique<Copy>();
            for (const auto &e : params.entries())
                copy->store.add(e.name, e.shape, e.decay);
            copy->store.allocate();
            m_copies.push_back(std::move(copy));
        }
        std::vector<std::uint64_t> seeds(static_cast<size_t>(S));
        for (auto &seed : seeds)
            seed = rng.next(); // drawn in order: the same masks every run
        for (int s = 1; s < S; ++s)
            m_copies[static_cast<size_t>(s - 1)]->store.values() = params.values();
        parallelShards(S, [&](int s) {
            const Index b0 = rows * s / S, nb = rows * (s + 1) / S - b0;
            Rng shardRng(seeds[static_cast<size_t>(s)]);
            run(std::as_const(store(s, params)), workspace(s, main), b0, nb, shardRng);
        });
        // The mean over every counted row of the batch, summed in row order.
        double total = 0.0;
        LossStats st;
        for (int s = 0; s < S; ++s) {
            const CrossEntropyCache &ce = workspace(s, main).ce;
            for (double l : ce.rowLoss)
                total += l;
            st.counted += ce.counted;
            st.correct += ce.correct;
        }
        st.loss = st.counted > 0 ? total / static_cast<double>(st.counted) : 0.0;
        m_counted = st.counted;
        m_ready = true;
        return st;
    }

    // Calls pass(P, ws, scale) for each shard of the last forward, with scale its share of the
    // batch's counted rows (counted_s / counted: the shards' losses are means over their own
    // rows), and adds the copies' gradients into the model's. Throws attn::Error naming the
    // model when no forward has completed.
    template <class Pass>
    void backward(const char *model, ParamStore &params, Workspace &main, Pass pass)
    {
        requireForward(model, kBackwardWithoutForward);
        if (m_used == 1) {
            pass(params, main, 1.0f);
            return;
        }
        const Index total = std::max<Index>(1, m_counted);
        parallelShards(m_used, [&](int s) {
            ParamStore &P = store(s, params);
            Workspace &ws = workspace(s, main);
            if (s > 0)
                P.zeroGrads();
            pass(P, ws, static_cast<float>(ws.ce.counted) / static_cast<float>(total));
        });
        for (int s = 1; s < m_used; ++s) // in shard order (deterministic)
            params.grads() += m_copies[static_cast<size_t>(s - 1)]->store.grads();
    }

    // Whether a forward has completed (and what it computed is there to read).
    bool ready() const { return m_ready; }
    // Throws attn::Error(message with %1 = model) unless ready().
    void requireForward(const char *model, const char *message) const
    {
        if (!m_ready)
            throw Error::fmt(message, model);
    }
    // The shards of the last forward, in row order.
    int used() const { return m_used; }
    Workspace &workspace(int s, Workspace &main)
    {
        return s == 0 ? main : m_copies[static_cast<size_t>(s - 1)]->ws;
    }
    const Workspace &workspace(int s, const Workspace &main) const
    {
        return s == 0 ? main : m_copies[static_cast<size_t>(s - 1)]->ws;
    }

private:
    ParamStore &store(int s, ParamStore &params)
    {
        return s == 0 ? params : m_copies[static_cast<size_t>(s - 1)]->store;
    }
    struct Copy {
        ParamStore store;
        Workspace ws;
    };
    std::vector<std::unique_ptr<Copy>> m_copies;
    int m_used = 1;
    Index m_counted = 0;
    bool m_ready = false;
};

} // namespace attn
