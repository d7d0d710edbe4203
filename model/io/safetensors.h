#pragma once

#include "io/atomicfile.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace attn {

// The element types of the safetensors format. Every one is recognised (so a file's layout
// can be validated); F32, F16 and BF16 can be read as float.
enum class DType {
    Bool,
    U8,
    I8,
    F8_E5M2,
    F8_E4M3,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    F64,
    I64,
    U64
};
const char *dtypeName(DType t); // "F32", "BF16", ...
std::size_t dtypeSize(DType t); // bytes per element

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;  // row-major
    std::uint64_t begin = 0, end = 0; // data_offsets, relative to the byte buffer
    std::uint64_t numel() const;
};

struct SafetensorsLimits {
    std::uint64_t maxHeaderBytes = 100'000'000;           // 100 MB of JSON header
    std::uint64_t maxFileBytes = std::uint64_t(16) << 30; // 16 GiB
    int maxRank = 8;
};

// A validated safetensors file held in memory (read with one bounded read).
// Checked on load, each defect an attn::Error naming the file and the problem: file shorter
// than 8 bytes; header length over the limit or past the end of the file; header not a
// strict JSON object (duplicate keys, trailing bytes, comments, nesting deeper than 8);
// __metadata__ not a string -> string map; a tensor entry without exactly dtype, shape and
// data_offsets; an unknown dtype; negative or non-integer dimensions, an element count that
// overflows; data_offsets not [begin, end] with begin <= end within the buffer; a byte count
// other than numel * dtype size; tensors overlapping or leaving gaps; buffer bytes not
// covered by any tensor.
class SafetensorsFile {
public:
    static SafetensorsFile read(const std::string &path, const SafetensorsLimits &limits = {});
    // The same checks on bytes in memory; `name` is used in messages.
    static SafetensorsFile fromBytes(std::string bytes, const std::string &name,
                                     const SafetensorsLimits &limits = {});

    const std::string &name() const { return m_name; }
    const std::map<std::string, std::string> &metadata() const { return m_metadata; }
    // In data order.
    const std::vector<TensorInfo> &tensors() const { return m_tensors; }
    const TensorInfo *find(std::string_view name) const;

    // A tensor's values as float (F32 copied, F16 and BF16 converted). Other dtypes: Error.
    std::vector<float> toFloat(const TensorInfo &t) const;
    // The same into dst, which holds numel() floats.
    void readFloat(const TensorInfo &t, float *dst) const;
    // The raw bytes of a tensor.
    std::string_view rawBytes(const TensorInfo &t) const;

private:
    std::string m_name;
    std::string m_bytes;           // the whole file
    std::uint64_t m_dataStart = 0; // 8 + header length
    std::map<std::string, std::string> m_metadata;
    std::vector<TensorInfo> m_tensors;
};

// One F32 tensor to write; data holds the product of shape floats.
struct TensorRef {
    std::string name;
    std::vector<std::int64_t> shape;
    const float *data = nullptr;
};

// The bytes of a safetensors file holding these F32 tensors (in the given order) and the
// metadata. The header is padded with spaces to a multiple of 8 bytes. Names must be unique,
// non-empty and not "__metadata__"; strings must be valid UTF-8.
// A tensor shape as messages show it: "[2, 3]".
std::string shapeText(const std::vector<std::int64_t> &shape);

std::string encodeSafetensors(const std::vector<TensorRef> &tensors,
                              const std::map<std::string, std::string> &metadata);
// encodeSafetensors + writeFileAtomic.
void writeSafetensors(const std::string &path, const std::vector<TensorRef> &tensors,
                      const std::map<std::string, std::string> &metadata,
                      const AtomicWriteOptions &options = {});

// IEEE half and bfloat16 to float (exact; NaN and infinities kept).
// The size of the regular file at path; throws attn::Error "PATH: not found", "PATH: is not a
// regular file" or "PATH: cannot read its size (...)".
std::uint64_t regularFileSize(const std::string &path);

float halfToFloat(std::uint16_t h);
float bf16ToFloat(std::uint16_t b);

} // namespace attn
