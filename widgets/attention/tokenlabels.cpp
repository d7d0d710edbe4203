#include "attention/tokenlabels.h"

#include "attention/attentionmatrix.h"
#include "text/utf8.h"

#include <algorithm>

namespace attn {

namespace {

QString hexBytes(const std::string &bytes, std::size_t from, std::size_t to)
{
    QString out;
    for (std::size_t k = from; k < to; ++k) {
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        out += QStringLiteral("%1")
                   .arg(static_cast<uint>(static_cast<unsigned char>(bytes[k])), 2, 16,
                        QLatin1Char('0'))
                   .toUpper();
    }
    return out;
}

} // namespace

QStringList TokenLabels::of(const std::vector<std::string> &tokens, Index count)
{
    QStringList out = AttentionMatrix::labels(tokens, count);
    const std::size_t n =
        std::min(tokens.size(), static_cast<std::size_t>(std::max<Index>(0, count)));
    // Every token's bytes end to end, and which token each byte came from.
    std::string all;
    std::vector<std::size_t> owner;
    std::vector<std::size_t> start(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        // Gpt2Tokenizer::tokenText's "<0xNN>" stand-ins turned back into their bytes.
        const std::string b = utf8::withByteStandIns(tokens[i]);
        start[i] = all.size();
        all += b;
        owner.insert(owner.end(), b.size(), i);
    }
    start[n] = all.size();
    std::vector<QString> plain(n), split(n); // a token's own characters; its split-character part
    std::vector<bool> touched(n, false);
    for (std::size_t pos = 0; pos < all.size();) {
        char32_t cp = 0;
        const std::size_t len = utf8::decodeOne(all, pos, cp);
        const std::size_t first = owner[pos];
        if (len == 0) { // a byte that is no character: "<E4>"
            plain[first] += QLatin1Char('<') + hexBytes(all, pos, pos + 1) + QLatin1Char('>');
            touched[first] = true;
            ++pos;
            continue;
        }
        const std::size_t last = owner[pos + len - 1];
        const QString ch = QString::fromUtf8(all.data() + pos, static_cast<qsizetype>(len));
        if (first == last) {
            // Spaces and newlines made visible as displayToken does.
            plain[first] += ch == QLatin1String("\n")   ? QString(QChar(0x21B5))
                            : ch == QLatin1String("\t") ? QString(QChar(0x21E5))
                            : ch == QLatin1String(" ")  ? QString(QChar(0x2423))
                                                        : ch;
        } else {
            // One character over tokens first..last: each shows it with its own bytes.
            for (std::size_t t = first; t <= last; ++t) {
                const std::size_t from = std::max(pos, start[t]);
                const std::size_t to = std::min(pos + len, start[t + 1]);
                plain[t] += ch + QLatin1Char('[') + hexBytes(all, from, to) + QLatin1Char(']');
                touched[t] = true;
            }
        }
        pos += len;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (touched[i])
            out[static_cast<qsizetype>(i)] = plain[i];
    return out;
}

} // namespace attn
