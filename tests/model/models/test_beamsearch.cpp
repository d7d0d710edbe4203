// The encoder-decoders' shared beam search (models/beamsearch.h) on a step whose
// probabilities are written out here, so every answer can be worked out by hand.
#include "core/error.h"
#include "models/beamsearch.h"

#include <QtTest>

#include <cmath>
#include <map>

using namespace attn;

namespace {

constexpr TokenId kEos = 2;
constexpr Index kVocab = 6; // 0..3 specials, 4 and 5 the symbols

// p(next | written): after nothing 4 (0.6) or 5 (0.4); after 4: <eos> 0.3, 4 0.35, 5 0.35;
// after 5: <eos> 0.9, 4 0.1; after two tokens: <eos>.
// Greedy writes 4 4 (0.21); the most likely output is 5 (0.36).
std::map<TokenId, double> nextProbs(const std::vector<TokenId> &w)
{
    if (w.empty())
        return {{4, 0.6}, {5, 0.4}};
    if (w.size() == 1 && w[0] == 4)
        return {{kEos, 0.3}, {4, 0.35}, {5, 0.35}};
    if (w.size() == 1 && w[0] == 5)
        return {{kEos, 0.9}, {4, 0.1}};
    return {{kEos, 1.0}};
}

struct Recorder {
    int steps = 0;
    bool fromConsistent = true;
    std::vector<std::vector<TokenId>> previous;

    BeamStep step()
    {
        return [this](const std::vector<std::vector<TokenId>> &written,
                      const std::vector<int> &from, Eigen::MatrixXd &logProbs) {
            ++steps;
            // Each hypothesis is the one it continues plus one token.
            if (from.size() != written.size())
                fromConsistent = false;
            for (size_t r = 0; r < written.size() && r < from.size(); ++r) {
                if (previous.empty()) {
                    fromConsistent = fromConsistent && written[r].empty() && from[r] == 0;
                    continue;
                }
                const auto &p = previous.at(static_cast<size_t>(from[r]));
                fromConsistent = fromConsistent && written[r].size() == p.size() + 1 &&
                                 std::equal(p.begin(), p.end(), written[r].begin());
            }
            previous = written;
            logProbs = Eigen::MatrixXd::Constant(static_cast<Index>(written.size()), kVocab, -1e9);
            for (size_t r = 0; r < written.size(); ++r)
                for (const auto &[t, p] : nextProbs(written[r]))
                    logProbs(static_cast<Index>(r), t) = std::log(p);
        };
    }
};

DecodeOptions options(int beam, double lengthPenalty = 0.0)
{
    DecodeOptions o;
    o.beam = beam;
    o.lengthPenalty = lengthPenalty;
    o.maxLength = 8;
    return o;
}

} // namespace

class TestBeamSearch : public QObject {
    Q_OBJECT

private slots:
    void aWiderBeamFindsTheMoreLikelyOutput()
    {
        Recorder one;
        QCOMPARE(beamSearch(options(1), 8, kEos, one.step()), (std::vector<TokenId>{4, 4}));
        QVERIFY(one.fromConsistent);
        Recorder two;
        QCOMPARE(beamSearch(options(2), 8, kEos, two.step()), (std::vector<TokenId>{5}));
        QVERIFY(two.fromConsistent);
        // Two finished hypotheses (5 <eos> after step 2, 4 4 <eos> after step 3): done.
        QCOMPARE(two.steps, 3);
    }

    void theLengthPenaltyFavoursLongerOutputs()
    {
        // log 0.36 / 2^3 = -0.128 against log 0.21 / 3^3 = -0.058.
        Recorder r;
        QCOMPARE(beamSearch(options(2, 3.0), 8, kEos, r.step()), (std::vector<TokenId>{4, 4}));
        // With a penalty of 1.0 (log 0.36 / 2 = -0.51 against log 0.21 / 3 = -0.52) 5 stays ahead.
        Recorder s;
        QCOMPARE(beamSearch(options(2, 1.0), 8, kEos, s.step()), (std::vector<TokenId>{5}));
    }

    void atTheLimitOnlyEosFollows()
    {
        Recorder r;
        // One token at most: 5 <eos> (0.36) beats 4 <eos> (0.18), 4 4 is not allowed.
        QCOMPARE(beamSearch(options(3), 1, kEos, r.step()), (std::vector<TokenId>{5}));
        QCOMPARE(r.steps, 2);
        Recorder z;
        QCOMPARE(beamSearch(options(3), 0, kEos, z.step()), std::vector<TokenId>{});
    }

    void badOptionsAreRefused()
    {
        QVERIFY_THROWS_NO_EXCEPTION(checkDecodeOptions(options(256), "m"));
        for (const DecodeOptions &o : {options(0), options(257), options(2, std::nan(""))})
            QVERIFY_THROWS_EXCEPTION(attn::Error, checkDecodeOptions(o, "m"));
        DecodeOptions o = options(2);
        o.maxLength = -1;
        QVERIFY_THROWS_EXCEPTION(attn::Error, checkDecodeOptions(o, "m"));
    }
};

QTEST_APPLESS_MAIN(TestBeamSearch)
#include "test_beamsearch.moc"
