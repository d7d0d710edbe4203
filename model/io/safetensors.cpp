#include "io/safetensors.h"

#include "core/error.h"
#include "text/textfile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>

namespace attn {

namespace {

struct DTypeInfo {
    DType type;
    const char *name;
    std::size_t size;
};

constexpr DTypeInfo kDTypes[] = {
    {DType::Bool, "BOOL", 1},       {DType::U8, "U8", 1},           {DType::I8, "I8", 1},
    {DType::F8_E5M2, "F8_E5M2", 1}, {DType::F8_E4M3, "F8_E4M3", 1}, {DType::I16, "I16", 2},
    {DType::U16, "U16", 2},         {DType::F16, "F16", 2},         {DType::BF16, "BF16", 2},
    {DType::I32, "I32", 4},         {DType::U32, "U32", 4},         {DType::F32, "F32", 4},
    {DType::F64, "F64", 8},         {DType::I64, "I64", 8},         {DType::U64, "U64", 8},
};

std::uint64_t readLE64(const unsigned char *p)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

// Thrown from the JSON parser callback; turned into an attn::Error.
struct HeaderDefect {
    Error error;
};

constexpr int MaxJsonDepth = 8;

} // namespace

const char *dtypeName(DType t)
{
    for (const auto &d : kDTypes)
        if (d.type == t)
            return d.name;
    return "?";
}

std::size_t dtypeSize(DType t)
{
    for (const auto &d : kDTypes)
        if (d.type == t)
            return d.size;
    return 0;
}

std::uint64_t TensorInfo::numel() const
{
    std::uint64_t n = 1;
    for (auto d : shape)
        n *= static_cast<std::uint64_t>(d);
    return n;
}

float halfToFloat(std::uint16_t h)
{
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    const std::uint32_t exp = (h >> 10) & 0x1Fu;
    std::uint32_t mant = h & 0x3FFu;
    std::uint32_t bits = 0;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign; // signed zero
        } else {
            // Subnormal: normalise the mantissa.
            int e = -1;
            do {
                ++e;
                mant <<= 1;
            } while ((mant & 0x400u) == 0);
            mant &= 0x3FFu;
            bits = sign | (static_cast<std::uint32_t>(127 - 15 - e) << 23) | (mant << 13);
        }
    } else if (exp == 0x1F) {
        bits = sign | 0x7F800000u | (mant << 13); // infinity or NaN
    } else {
        bits = sign | ((exp + (127 - 15)) << 23) | (mant << 13);
    }
    return std::bit_cast<float>(bits);
}

float bf16ToFloat(std::uint16_t b)
{
    return std::bit_cast<float>(static_cast<std::uint32_t>(b) << 16);
}

std::uint64_t regularFileSize(const std::string &path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto st = fs::status(path, ec);
    if (ec || !fs::exists(st))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: not found"), path);
    if (!fs::is_regular_file(st))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: is not a regular file"), path);
    const std::uint64_t size = fs::file_size(path, ec);
    if (ec)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot read its size (%2)"), path,
                         ec.message());
    return size;
}

SafetensorsFile SafetensorsFile::read(const std::string &path, const SafetensorsLimits &limits)
{
    const std::uint64_t size = regularFileSize(path);
    if (size > limits.maxFileBytes)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: is %2; the limit for model files is %3"),
                         path, formatBytes(size), formatBytes(limits.maxFileBytes));
    std::unique_ptr<std::FILE, int (*)(std::FILE *)> f(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
    if (!f)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot be opened for reading"), path);
    std::string bytes;
    bytes.resize(static_cast<std::size_t>(size));
    const std::size_t got = std::fread(bytes.data(), 1, bytes.size(), f.get());
    if (got != bytes.size())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: could not be read completely (%2 of %3 bytes)"), path,
            std::to_string(got), std::to_string(size));
    return fromBytes(std::move(bytes), path, limits);
}

SafetensorsFile SafetensorsFile::fromBytes(std::string bytes, const std::string &name,
                                           const SafetensorsLimits &limits)
{
    // "<name>: <message>", the message translatable on its own.
    auto fail = [&](const char *templ, const auto &...args) -> Error {
        return Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: %2"), name, Error::fmt(templ, args...));
    };
    if (bytes.size() > limits.maxFileBytes)
        throw fail(QT_TRANSLATE_NOOP("attn", "is %1; the limit for model files is %2"),
                   formatBytes(bytes.size()), formatBytes(limits.maxFileBytes));
    if (bytes.size() < 8)
        throw fail(QT_TRANSLATE_NOOP("attn", "too short for a safetensors file (%1 bytes; the "
                                             "8-byte header length alone needs 8)"),
                   std::to_string(bytes.size()));
    const std::uint64_t headerLen = readLE64(reinterpret_cast<const unsigned char *>(bytes.data()));
    if (headerLen > limits.maxHeaderBytes)
        throw fail(
            QT_TRANSLATE_NOOP(
                "attn", "header length %1 is over the limit of %2 bytes (not a safetensors file?)"),
            std::to_string(headerLen), std::to_string(limits.maxHeaderBytes));
    if (headerLen > bytes.size() - 8)
        throw fail(QT_TRANSLATE_NOOP("attn", "header length %1 runs past the end of the file (%2 "
                                             "bytes): truncated or not a safetensors file"),
                   std::to_string(headerLen), std::to_string(bytes.size()));
    if (headerLen < 2)
        throw fail(QT_TRANSLATE_NOOP("attn", "header length %1 is too small for a JSON object"),
                   std::to_string(headerLen));
    const std::string_view header(bytes.data() + 8, static_cast<std::size_t>(headerLen));
    if (header[0] != '{')
        throw fail(QT_TRANSLATE_NOOP(
            "attn", "the header does not start with '{' (not a safetensors file?)"));

    // Strict JSON: nlohmann refuses trailing bytes and comments; the callback refuses
    // duplicate keys and deep nesting.
    nlohmann::json j;
    try {
        std::vector<std::set<std::string>> keys;
        auto cb = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json &parsed) {
            using E = nlohmann::json::parse_event_t;
            if (depth > MaxJsonDepth)
                throw HeaderDefect{
                    Error::fmt(QT_TRANSLATE_NOOP("attn", "the header nests deeper than %1 levels"),
                               MaxJsonDepth)};
            if (event == E::object_start)
                keys.emplace_back();
            else if (event == E::object_end && !keys.empty())
                keys.pop_back();
            else if (event == E::key && !keys.empty()) {
                const auto &k = parsed.get_ref<const std::string &>();
                if (!keys.back().insert(k).second)
                    throw HeaderDefect{Error::fmt(
                        QT_TRANSLATE_NOOP("attn", "the header has the key \"%1\" twice"), k)};
            }
            return true;
        };
        j = nlohmann::json::parse(header.begin(), header.end(), cb, true, false);
    } catch (const HeaderDefect &d) {
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: %2"), name, d.error);
    } catch (const nlohmann::json::exception &e) {
        throw fail(QT_TRANSLATE_NOOP("attn", "the header is not valid JSON (%1)"), e.what());
    }
    if (!j.is_object())
        throw fail(QT_TRANSLATE_NOOP("attn", "the header is not a JSON object"));

    SafetensorsFile f;
    f.m_name = name;
    f.m_dataStart = 8 + headerLen;
    const std::uint64_t dataSize = bytes.size() - f.m_dataStart;

    for (const auto &[key, value] : j.items()) {
        if (key == "__metadata__") {
            if (!value.is_object())
                throw fail(QT_TRANSLATE_NOOP("attn", "__metadata__ is not an object of strings"));
            for (const auto &[mk, mv] : value.items()) {
                if (!mv.is_string())
                    throw fail(QT_TRANSLATE_NOOP("attn", "__metadata__[\"%1\"] is not a string"),
                               mk);
                f.m_metadata.emplace(mk, mv.get<std::string>());
            }
            continue;
        }
        const std::string &where = key;
        if (!value.is_object())
            throw fail(QT_TRANSLATE_NOOP("attn", "tensor \"%1\": entry is not an object"), where);
        for (const auto &[field, unused] : value.items()) {
            (void)unused;
            if (field != "dtype" && field != "shape" && field != "data_offsets")
                throw fail(QT_TRANSLATE_NOOP("attn", "tensor \"%1\": unexpected field \"%2\""),
                           where, field);
        }
        if (!value.contains("dtype") || !value.contains("shape") || !value.contains("data_offsets"))
            throw fail(
                QT_TRANSLATE_NOOP("attn", "tensor \"%1\": needs dtype, shape and data_offsets"),
                where);
        TensorInfo t;
        t.name = key;
        const auto &dt = value["dtype"];
        if (!dt.is_string())
            throw fail(QT_TRANSLATE_NOOP("attn", "tensor \"%1\": dtype is not a string"), where);
        bool known = false;
        for (const auto &d : kDTypes)
            if (dt.get_ref<const std::string &>() == d.name) {
                t.dtype = d.type;
                known = true;
            }
        if (!known)
            throw fail(QT_TRANSLATE_NOOP("attn", "tensor \"%1\": unknown dtype \"%2\""), where,
                       dt.get<std::string>());
        const auto &shape = value["shape"];
        if (!shape.is_array())
            throw fail(QT_TRANSLATE_NOOP("attn", "tensor \"%1\": shape is not an array"), where);
        if (shape.size() > static_cast<std::size_t>(limits.maxRank))
            throw fail(QT_TRANSLATE_NOOP("attn", "tensor \"%1\": rank %2 is over the limit of %3"),
                       where, std::to_string(shape.size()), std::to_string(limits.maxRank));
        std::uint64_t numel = 1;
        bool overflow = false;
        for (const auto &d : shape) {
            if (!d.is_number_integer() ||
                (d.is_number_integer() && !d.is_number_unsigned() && d.get<std::int64_t>() < 0))
                throw fail(QT_TRANSLATE_NOOP(
                               "attn", "tensor \"%1\": shape %2 must hold non-negative integers"),
                           where, shape.dump());
            const std::uint64_t v = d.get<std::uint64_t>();
            if (v > static_cast<std::uint64_t>(INT64_MAX))
                throw fail(QT_TRANSLATE_NOOP("attn", "tensor \"%1\": dimension %2 is too large"),
                           where, std::to_string(v));
            t.shape.push_back(static_cast<std::int64_t>(v));
            if (v != 0 && numel > UINT64_MAX / v)
                overflow = true;
            else
                numel *= v;
        }
        const std::size_t esize = dtypeSize(t.dtype);
        if (overflow || numel > UINT64_MAX / esize)
            throw fail(QT_TRANSLATE_NOOP("attn", "tensor \"%1\": shape %2 has too many elements"),
                       where, shapeText(t.shape));
        if (std::find(t.shape.begin(), t.shape.end(), 0) != t.shape.end())
            numel = 0;
        const auto &off = value["data_offsets"];
        if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() ||
            !off[1].is_number_unsigned())
            throw fail(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "tensor \"%1\": data_offsets must be [begin, end] with non-negative integers"),
                where);
        t.begin = off[0].get<std::uint64_t>();
        t.end = off[1].get<std::uint64_t>();
        if (t.begin > t.end)
            throw fail(QT_TRANSLATE_NOOP(
                           "attn", "tensor \"%1\": data_offsets [%2, %3] begin after they end"),
                       where, std::to_string(t.begin), std::to_string(t.end));
        if (t.end > dataSize)
            throw fail(QT_TRANSLATE_NOOP(
                           "attn", "tensor \"%1\": data_offsets end at %2 beyond the data (%3 "
                                   "bytes): the file is truncated or the header is wrong"),
                       where, std::to_string(t.end), std::to_string(dataSize));
        if (t.end - t.begin != numel * esize)
            throw fail(
                QT_TRANSLATE_NOOP(
                    "attn", "tensor \"%1\": data_offsets hold %2 bytes; shape %3 of %4 needs %5"),
                where, std::to_string(t.end - t.begin), shapeText(t.shape), dtypeName(t.dtype),
                std::to_string(numel * esize));
        f.m_tensors.push_back(std::move(t));
    }

    std::sort(f.m_tensors.begin(), f.m_tensors.end(), [](const TensorInfo &a, const TensorInfo &b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    std::uint64_t cursor = 0;
    for (const auto &t : f.m_tensors) {
        if (t.begin < cursor)
            throw fail(
                QT_TRANSLATE_NOOP(
                    "attn", "tensor \"%1\" overlaps the tensor before it (data_offsets [%2, %3])"),
                t.name, std::to_string(t.begin), std::to_string(t.end));
        if (t.begin > cursor)
            throw fail(QT_TRANSLATE_NOOP(
                           "attn", "bytes %1..%2 of the data belong to no tensor (before \"%3\")"),
                       std::to_string(cursor), std::to_string(t.begin), t.name);
        cursor = t.end;
    }
    if (cursor != dataSize)
        throw fail(QT_TRANSLATE_NOOP("attn", "the data has %1 bytes but the tensors cover %2 "
                                             "(trailing bytes or truncated header)"),
                   std::to_string(dataSize), std::to_string(cursor));
    f.m_bytes = std::move(bytes);
    return f;
}

const TensorInfo *SafetensorsFile::find(std::string_view name) const
{
    for (const auto &t : m_tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

std::string_view SafetensorsFile::rawBytes(const TensorInfo &t) const
{
    return std::string_view(m_bytes).substr(static_cast<std::size_t>(m_dataStart + t.begin),
                                            static_cast<std::size_t>(t.end - t.begin));
}

void SafetensorsFile::readFloat(const TensorInfo &t, float *dst) const
{
    const std::string_view raw = rawBytes(t);
    const auto *p = reinterpret_cast<const unsigned char *>(raw.data());
    const std::size_t n = static_cast<std::size_t>(t.end - t.begin) / dtypeSize(t.dtype);
    switch (t.dtype) {
    case DType::F32:
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t bits = static_cast<std::uint32_t>(p[4 * i]) |
                                       static_cast<std::uint32_t>(p[4 * i + 1]) << 8 |
                                       static_cast<std::uint32_t>(p[4 * i + 2]) << 16 |
                                       static_cast<std::uint32_t>(p[4 * i + 3]) << 24;
            dst[i] = std::bit_cast<float>(bits);
        }
        return;
    case DType::F16:
        for (std::size_t i = 0; i < n; ++i)
            dst[i] = halfToFloat(static_cast<std::uint16_t>(p[2 * i] | p[2 * i + 1] << 8));
        return;
    case DType::BF16:
        for (std::size_t i = 0; i < n; ++i)
            dst[i] = bf16ToFloat(static_cast<std::uint16_t>(p[2 * i] | p[2 * i + 1] << 8));
        return;
    default:
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn",
                "%1: tensor \"%2\" has dtype %3; only F32, F16 and BF16 can be loaded as weights"),
            m_name, t.name, dtypeName(t.dtype));
    }
}

std::vector<float> SafetensorsFile::toFloat(const TensorInfo &t) const
{
    if (t.dtype != DType::F32 && t.dtype != DType::F16 && t.dtype != DType::BF16)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn",
                "%1: tensor \"%2\" has dtype %3; only F32, F16 and BF16 can be loaded as weights"),
            m_name, t.name, dtypeName(t.dtype));
    std::vector<float> v(static_cast<std::size_t>((t.end - t.begin) / dtypeSize(t.dtype)));
    readFloat(t, v.data());
    return v;
}

std::string encodeSafetensors(const std::vector<TensorRef> &tensors,
                              const std::map<std::string, std::string> &metadata)
{
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::uint64_t offset = 0;
    std::set<std::string> names;
    for (const auto &t : tensors) {
        if (t.name.empty() || t.name == "__metadata__")
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "safetensors: invalid tensor name \"%1\""),
                             t.name);
        if (!names.insert(t.name).second)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "safetensors: tensor \"%1\" given twice"),
                             t.name);
        std::uint64_t n = 1;
        for (auto d : t.shape) {
            if (d < 0)
                throw Error::fmt(QT_TRANSLATE_NOOP(
                                     "attn", "safetensors: tensor \"%1\" has a negative dimension"),
                                 t.name);
            n *= static_cast<std::uint64_t>(d);
        }
        if (n > 0 && !t.data)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "safetensors: tensor \"%1\" has no data"),
                             t.name);
        header[t.name] = {
            {"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + 4 * n}}};
        offset += 4 * n;
    }
    std::string json;
    try {
        json = header.dump();
    } catch (const nlohmann::json::exception &e) {
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "safetensors: a name or metadata value is not valid UTF-8 (%1)"),
            e.what());
    }
    while (json.size() % 8 != 0)
        json.push_back(' ');
    std::string out;
    out.reserve(8 + json.size() + static_cast<std::size_t>(offset));
    const std::uint64_t len = json.size();
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<char>((len >> (8 * i)) & 0xFFu));
    out += json;
    for (const auto &t : tensors) {
        std::uint64_t n = 1;
        for (auto d : t.shape)
            n *= static_cast<std::uint64_t>(d);
        if constexpr (std::endian::native == std::endian::little) {
            out.append(reinterpret_cast<const char *>(t.data), static_cast<std::size_t>(4 * n));
        } else {
            for (std::uint64_t i = 0; i < n; ++i) {
                const auto bits = std::bit_cast<std::uint32_t>(t.data[i]);
                for (int k = 0; k < 4; ++k)
                    out.push_back(static_cast<char>((bits >> (8 * k)) & 0xFFu));
            }
        }
    }
    return out;
}

void writeSafetensors(const std::string &path, const std::vector<TensorRef> &tensors,
                      const std::map<std::string, std::string> &metadata,
                      const AtomicWriteOptions &options)
{
    std::string bytes;
    try {
        bytes = encodeSafetensors(tensors, metadata);
    } catch (const Error &e) {
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: %2"), path, e);
    }
    writeFileAtomic(path, bytes, options);
}

std::string shapeText(const std::vector<std::int64_t> &shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

} // namespace attn
