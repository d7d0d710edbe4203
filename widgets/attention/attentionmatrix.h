#pragma once

#include "trace/attentiontrace.h"

#include <QString>
#include <QStringList>

namespace attn {

// One (Tq, Tk) attention matrix taken out of a trace: one head of one block, or the
// mean over its heads, with the token labels for both axes. What the views draw and
// what the exporters write.
struct AttentionMatrix {
    QString blockName;       // e.g. "layers.0.attn"
    int block = -1;          // index into AttentionTrace::blocks
    int head = -1;           // head index, or -1 for the mean of the heads
    QStringList queryTokens; // Tq display labels (rows)
    QStringList keyTokens;   // Tk display labels (columns)
    MatRM weights;           // (Tq, Tk) attention weights
    MatRM mask;              // (Tq, Tk) 1 where the score was masked to -inf, else 0

    bool isEmpty() const { return weights.size() == 0; }
    int rows() const { return static_cast<int>(weights.rows()); }
    int cols() const { return static_cast<int>(weights.cols()); }
    bool masked(int row, int col) const
    {
        return mask.rows() == weights.rows() && mask.cols() == weights.cols() &&
               mask(row, col) != 0.0f;
    }

    // Extracts block `block`, head `head` (-1: mean of heads). Returns an empty matrix
    // when the index is out of range or the trace's shapes do not agree; never throws.
    static AttentionMatrix fromTrace(const AttentionTrace &trace, int block, int head);
    // Which of the trace's token lists labels each axis of `block` with tq query rows;
    // no query list for a pooling block's single row ("[pool]").
    struct AxisTokens {
        const std::vector<std::string> *query;
        const std::vector<std::string> *key;
    };
    static AxisTokens axisTokens(const AttentionTrace &trace, const AttentionBlockTrace &block,
                                 Index tq);
    // A token as shown: newlines, tabs and spaces made visible ("\n" -> "↵", " " -> "␣"),
    // control bytes escaped. Labels keep the whole token; views elide with elided().
    static QString displayToken(const std::string &token);
    // `label` cut to at most maxChars characters with an ellipsis.
    static QString elided(const QString &label, int maxChars = 14);
    // Label of row/column i: the token text, or its position when the trace has no text.
    static QStringList labels(const std::vector<std::string> &tokens, Index count);
};

} // namespace attn
