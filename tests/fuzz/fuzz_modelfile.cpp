// Any bytes given to the model-file loader load a model or give an attn::Error; the config,
// tokenizer and training JSON inside __metadata__ are hostile as well.
#include "core/error.h"
#include "io/modelfile.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    try {
        attn::SafetensorsLimits limits;
        limits.maxHeaderBytes = 1 << 20;
        const auto m = attn::loadModelBytes(std::string(reinterpret_cast<const char *>(data), size),
                                            "fuzz", limits);
        if (!m.model)
            std::abort();
        if (m.tokenizer && m.tokenizer->vocabSize() < attn::Tokenizer::SpecialCount)
            std::abort();
    } catch (const attn::Error &) {
    }
    return 0;
}
