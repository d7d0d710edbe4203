#include "models/beamsearch.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attn {

void checkDecodeOptions(const DecodeOptions &o, const char *model)
{
    if (o.maxLength < 0 || o.beam < 1 || o.beam > 256 || !std::isfinite(o.lengthPenalty))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: decoding needs maxLength >= 0, a beam of 1 "
                                                   "to 256 and a finite length penalty"),
                         model);
}

TokenId greedyNextToken(const float *scores, Index vocab)
{
    static_assert(PadId == 0 && BosId == 1, "the ids skipped are the first two");
    Index arg = 0;
    Eigen::Map<const Eigen::ArrayXf>(scores + 2, vocab - 2).maxCoeff(&arg);
    return static_cast<TokenId>(arg + 2);
}

std::vector<TokenId> beamSearch(const DecodeOptions &o, int limit, TokenId eos,
                                const BeamStep &step)
{
    struct Hyp {
        std::vector<TokenId> tokens; // without <bos> and <eos>
        double logp = 0.0;
    };
    const auto score = [&](const Hyp &h, bool ended) {
        const double len = static_cast<double>(h.tokens.size() + (ended ? 1 : 0));
        return h.logp / std::pow(std::max(1.0, len), o.lengthPenalty);
    };
    std::vector<Hyp> live(1), finished;
    std::vector<int> from = {0};
    std::vector<std::vector<TokenId>> written;
    Eigen::MatrixXd logProbs;
    for (int i = 0; i <= limit && !live.empty(); ++i) {
        written.clear();
        for (const Hyp &h : live)
            written.push_back(h.tokens);
        step(written, from, logProbs);
        struct Cand {
            double logp;
            int row;
            TokenId token;
        };
        std::vector<Cand> cands;
        for (int r = 0; r < static_cast<int>(live.size()); ++r)
            for (Index t = 0; t < logProbs.cols(); ++t) {
                if (static_cast<TokenId>(t) == PadId || static_cast<TokenId>(t) == BosId)
                    continue; // never written
                if (i == limit && static_cast<TokenId>(t) != eos)
                    continue; // no room for another token
                cands.push_back({live[static_cast<size_t>(r)].logp + logProbs(r, t), r,
                                 static_cast<TokenId>(t)});
            }
        std::stable_sort(cands.begin(), cands.end(),
                         [](const Cand &a, const Cand &b) { return a.logp > b.logp; });
        if (static_cast<int>(cands.size()) > o.beam)
            cands.resize(static_cast<size_t>(o.beam));
        std::vector<Hyp> next;
        std::vector<int> nextFrom;
        for (const Cand &c : cands) {
            Hyp h{live[static_cast<size_t>(c.row)].tokens, c.logp};
            if (c.token == eos) {
                finished.push_back(std::move(h));
            } else {
                h.tokens.push_back(c.token);
                next.push_back(std::move(h));
                nextFrom.push_back(c.row);
            }
        }
        live = std::move(next);
        from = std::move(nextFrom);
        if (static_cast<int>(finished.size()) >= o.beam)
            break;
    }
    const auto best = [&](const std::vector<Hyp> &hyps, bool ended) -> const Hyp * {
        const Hyp *b = nullptr;
        double bestScore = -std::numeric_limits<double>::infinity();
        for (const Hyp &h : hyps)
            if (const double s = score(h, ended); !b || s > bestScore) {
                bestScore = s;
                b = &h;
            }
        return b;
    };
    if (const Hyp *h = best(finished, true))
        return h->tokens;
    if (const Hyp *h = best(live, false))
        return h->tokens;
    return {};
}

} // namespace attn
