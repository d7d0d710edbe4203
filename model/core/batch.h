#pragma once

#include "core/types.h"

#include <vector>

namespace attn {

// The four special ids every tokenizer the project trains reserves, and every model that
// decodes uses (a pretrained GPT-2 vocabulary has its own: there 0..3 are ordinary tokens).
inline constexpr TokenId PadId = 0; // padding; never a target
inline constexpr TokenId BosId = 1; // start of a sequence (a decoder's first input)
inline constexpr TokenId EosId = 2; // end of a sequence (a decoder stops on it)
inline constexpr TokenId UnkId = 3; // not in the vocabulary
inline constexpr int SpecialIdCount = 4;

// One batch for any model kind. Token matrices are row-major (B, T).
struct Batch {
    int batch = 0;                  // B
    int length = 0;                 // T: decoder / LM length
    std::vector<TokenId> inputs;    // (B, T) input ids (LM, decoder input with <bos>)
    std::vector<TokenId> targets;   // (B, T) next-token targets; -1 = ignored (padding)
    int sourceLength = 0;           // S: encoder length (seq2seq, classifier)
    std::vector<TokenId> source;    // (B, S) encoder ids, padded
    std::vector<int> sourceLengths; // (B) real length of each source row
    std::vector<int> labels;        // (B) class labels (classifier)
};

} // namespace attn
