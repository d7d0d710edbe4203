#include "train/evaluation.h"

#include "core/error.h"
#include "tokenizers/tokenizer.h"

#include <algorithm>

namespace attn {

std::vector<TokenId> batchSource(const Batch &b, int row)
{
    if (row < 0 || row >= b.batch || b.sourceLengths.size() != static_cast<std::size_t>(b.batch))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "batch row %1 has no source"), row);
    const auto begin = b.source.begin() + static_cast<std::ptrdiff_t>(row) * b.sourceLength;
    return {begin, begin + b.sourceLengths[static_cast<std::size_t>(row)]};
}

std::vector<TokenId> batchTarget(const Batch &b, int row)
{
    if (row < 0 || row >= b.batch)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "batch row %1 is out of range"), row);
    std::vector<TokenId> target;
    for (int t = 0; t < b.length; ++t) {
        const TokenId id = b.targets[static_cast<std::size_t>(row * b.length + t)];
        if (id == Tokenizer::Eos || id < 0)
            break;
        target.push_back(id);
    }
    return target;
}

ExactMatchResult seq2seqExactMatch(const Seq2SeqModel &model, const std::vector<Batch> &batches,
                                   const DecodeOptions &options)
{
    ExactMatchResult r;
    for (const Batch &b : batches) {
        for (int row = 0; row < b.batch; ++row) {
            DecodeOptions o = options;
            const std::vector<TokenId> target = batchTarget(b, row);
            // Room for the target and a little more: a longer answer is wrong anyway.
            o.maxLength = std::min(options.maxLength, static_cast<int>(target.size()) + 2);
            r.correct += model.decode(batchSource(b, row), o) == target ? 1 : 0;
            ++r.total;
        }
    }
    return r;
}

ClassPredictions classifierPredictions(const ClassifierModel &model,
                                       const std::vector<Batch> &batches)
{
    ClassPredictions p;
    for (const Batch &b : batches) {
        if (b.labels.size() != static_cast<std::size_t>(b.batch))
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "a classification batch without a label for every row"));
        for (int row = 0; row < b.batch; ++row) {
            const std::vector<float> probs = model.predict(batchSource(b, row));
            p.predicted.push_back(
                static_cast<int>(std::max_element(probs.begin(), probs.end()) - probs.begin()));
            p.truth.push_back(b.labels[static_cast<std::size_t>(row)]);
        }
    }
    return p;
}

Batch singleBatch(const Model &model, const std::vector<TokenId> &ids,
                  const std::vector<TokenId> *target)
{
    if (ids.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "the input gives no tokens"));
    Batch one;
    one.batch = 1;
    const auto *s2s = dynamic_cast<const Seq2SeqModel *>(&model);
    if (!s2s && !dynamic_cast<const ClassifierModel *>(&model)) {
        one.length = static_cast<int>(ids.size());
        one.inputs = ids;
        return one;
    }
    one.source = ids;
    one.sourceLength = static_cast<int>(ids.size());
    one.sourceLengths = {one.sourceLength};
    if (!s2s) {
        one.labels = {0};
        return one;
    }
    const std::vector<TokenId> out = target ? *target : s2s->decode(ids);
    one.inputs = {Tokenizer::Bos};
    one.inputs.insert(one.inputs.end(), out.begin(), out.end());
    one.targets = out;
    one.targets.push_back(Tokenizer::Eos);
    one.length = static_cast<int>(one.inputs.size());
    return one;
}

Batch withoutPadding(Batch b)
{
    if (b.batch != 1)
        return b;
    if (b.sourceLengths.size() == 1 && b.sourceLengths[0] > 0 &&
        b.sourceLengths[0] < b.sourceLength) {
        b.sourceLength = b.sourceLengths[0];
        b.source.resize(static_cast<std::size_t>(b.sourceLength));
    }
    if (b.targets.size() == static_cast<std::size_t>(b.length) && b.length > 0) {
        int last = b.length - 1;
        while (last >= 0 && b.targets[static_cast<std::size_t>(last)] < 0)
            --last;
        if (last >= 0 && last + 1 < b.length) {
            b.length = last + 1;
            b.inputs.resize(static_cast<std::size_t>(b.length));
            b.targets.resize(static_cast<std::size_t>(b.length));
        }
    }
    return b;
}

} // namespace attn
