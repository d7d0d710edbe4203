#pragma once

#include "trace/attentiontrace.h"

#include <QStringList>

#include <string>
#include <vector>

namespace attn {

// The heatmap's axis labels for byte-level tokens.
class TokenLabels {
public:
    // Labels of an axis's tokens (AttentionTrace::queryTokens or keyTokens): each as
    // AttentionMatrix::displayToken shows it, except a character that byte-level BPE split
    // over several tokens (GPT-2: 2 or 3 tokens for one Chinese character): every token of
    // it is labelled with the whole character and its own bytes, "你[E4 BD]" "你[A0]", so
    // the group reads as one. Bytes that form no character are shown as "<E4>"; never
    // as "\uFFFD". A token may hold raw bytes or Gpt2Tokenizer::tokenText's "<0xE4>".
    static QStringList of(const std::vector<std::string> &tokens, Index count);
};

} // namespace attn
