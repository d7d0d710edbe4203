#include "attention/attentionmatrix.h"

namespace attn {

AttentionMatrix AttentionMatrix::fromTrace(const AttentionTrace &trace, int block, int head)
{
    AttentionMatrix m;
    if (block < 0 || block >= static_cast<int>(trace.blocks.size()))
        return m;
    const AttentionBlockTrace &b = trace.blocks[static_cast<std::size_t>(block)];
    if (b.heads.empty() || head < -1 || head >= static_cast<int>(b.heads.size()))
        return m;
    const Index tq = b.heads.front().weights.rows();
    const Index tk = b.heads.front().weights.cols();
    for (const HeadTrace &h : b.heads)
        if (h.weights.rows() != tq || h.weights.cols() != tk)
            return m;
    if (tq == 0 || tk == 0)
        return m;
    m.blockName = QString::fromStdString(b.name);
    m.block = block;
    m.head = head;
    if (head >= 0) {
        m.weights = b.heads[static_cast<std::size_t>(head)].weights;
    } else {
        m.weights = MatRM::Zero(tq, tk);
        for (const HeadTrace &h : b.heads)
            m.weights += h.weights;
        m.weights /= static_cast<float>(b.heads.size());
    }
    if (b.mask.rows() == tq && b.mask.cols() == tk)
        m.mask = b.mask;
    else
        m.mask = MatRM::Zero(tq, tk);
    const auto [q, k] = axisTokens(trace, b, tq);
    m.queryTokens = q ? labels(*q, tq) : QStringList{QStringLiteral("[pool]")};
    m.keyTokens = labels(*k, tk);
    return m;
}

AttentionMatrix::AxisTokens AttentionMatrix::axisTokens(const AttentionTrace &trace,
                                                        const AttentionBlockTrace &block, Index tq)
{
    // keyTokens are the source tokens for seq2seq and classifiers, and equal queryTokens
    // for language models (see AttentionTrace).
    const auto &qt = trace.queryTokens;
    const auto &kt = trace.keyTokens.empty() ? trace.queryTokens : trace.keyTokens;
    switch (block.role) {
    case AttentionRole::CausalSelf:
        return {&qt, &qt};
    case AttentionRole::BidirectionalSelf: {
        const auto *src = static_cast<Index>(kt.size()) == tq ? &kt : &qt;
        return {src, src};
    }
    case AttentionRole::Cross:
        break;
    case AttentionRole::Pool:
        return {tq == 1 ? nullptr : &qt, &kt};
    }
    return {&qt, &kt};
}

QString AttentionMatrix::displayToken(const std::string &token)
{
    const QString raw = QString::fromUtf8(token.data(), static_cast<qsizetype>(token.size()));
    QString out;
    out.reserve(raw.size());
    for (const QChar c : raw) {
        if (c == QLatin1Char('\n'))
            out += QChar(0x21B5); // ↵
        else if (c == QLatin1Char('\t'))
            out += QChar(0x21E5); // ⇥
        else if (c == QLatin1Char(' '))
            out += QChar(0x2423); // ␣
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    if (out.isEmpty())
        out = QStringLiteral("\u2205"); // ∅ for an empty token
    return out;
}

QString AttentionMatrix::elided(const QString &label, int maxChars)
{
    if (maxChars > 1 && label.size() > maxChars)
        return label.left(maxChars - 1) + QChar(0x2026); // …
    return label;
}

QStringList AttentionMatrix::labels(const std::vector<std::string> &tokens, Index count)
{
    QStringList l;
    l.reserve(static_cast<qsizetype>(count));
    for (Index i = 0; i < count; ++i) {
        if (i < static_cast<Index>(tokens.size()))
            l << displayToken(tokens[static_cast<std::size_t>(i)]);
        else
            l << QString::number(i);
    }
    return l;
}

} // namespace attn
