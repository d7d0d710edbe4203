// Tokenizers on any bytes: built from the input, they never crash and round-trip exactly
// (BPE: any bytes; char and word: valid UTF-8 text they were built from); their JSON
// round-trips; and the input read as tokenizer JSON is accepted or refused with attn::Error.
#include "core/error.h"
#include "text/utf8.h"
#include "tokenizers/bpetokenizer.h"
#include "tokenizers/chartokenizer.h"
#include "tokenizers/wordtokenizer.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void check(const attn::Tokenizer &tok, const std::string &text, bool mustRoundTrip)
{
    const auto ids = tok.encode(text);
    for (auto id : ids)
        if (id < 0 || id >= tok.vocabSize())
            std::abort();
    const std::string back = tok.decode(ids);
    if (mustRoundTrip && back != text)
        std::abort();
    for (int id = 0; id < tok.vocabSize() && id < 64; ++id)
        (void)tok.tokenText(id);
    const auto again = attn::Tokenizer::fromJson(nlohmann::json::parse(tok.toJson().dump()));
    if (again->encode(text) != ids)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks what to exercise, so that each run stays cheap.
    const int mode = data[0] % 4;
    const std::string text(reinterpret_cast<const char *>(data) + 1, size - 1);
    const bool valid = attn::utf8::isValid(text);
    try {
        switch (mode) {
        case 0:
            check(attn::BpeTokenizer::train(text, 300), text, true);
            break;
        case 1:
            check(attn::CharTokenizer::build(text), text, valid);
            // A limited vocabulary: no round trip promised, but ids stay in range.
            check(attn::CharTokenizer::build(text, 6, 2), text, false);
            break;
        case 2:
            check(attn::WordTokenizer::build(text), text, valid);
            check(attn::WordTokenizer::build(text, 8), text, false);
            break;
        default: {
            // The input as (hostile) tokenizer JSON.
            const auto j = nlohmann::json::parse(text, nullptr, false);
            if (!j.is_discarded()) {
                try {
                    const auto tok = attn::Tokenizer::fromJson(j);
                    check(*tok, "Hello \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x98\x80 \xFF", false);
                } catch (const attn::Error &) {
                }
            }
        }
        }
    } catch (const attn::Error &) {
        if (mode != 3)
            std::abort(); // building from text never fails
    }
    return 0;
}
