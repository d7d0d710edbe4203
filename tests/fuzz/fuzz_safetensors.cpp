// Any bytes given to the safetensors reader give a validated file or an attn::Error,
// never a crash, a hang or a read out of bounds.
#include "core/error.h"
#include "io/safetensors.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    try {
        attn::SafetensorsLimits limits;
        limits.maxHeaderBytes = 1 << 20;
        const auto f = attn::SafetensorsFile::fromBytes(
            std::string(reinterpret_cast<const char *>(data), size), "fuzz", limits);
        std::uint64_t covered = 0;
        for (const auto &t : f.tensors()) {
            covered += t.end - t.begin;
            if (t.dtype == attn::DType::F32 || t.dtype == attn::DType::F16 ||
                t.dtype == attn::DType::BF16) {
                const auto v = f.toFloat(t);
                if (v.size() != t.numel())
                    std::abort();
            }
        }
        // A valid file's tensors cover its data exactly.
        if (covered > size)
            std::abort();
    } catch (const attn::Error &) {
    }
    return 0;
}
