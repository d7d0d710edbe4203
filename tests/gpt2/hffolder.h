#pragma once
// Test support: writes Hugging Face GPT-2 model folders (config.json, model.safetensors or
// sharded with an index, vocab.json + merges.txt or tokenizer.json) with random weights in
// HF names and Conv1D layouts, F32 or F16, independently of the engine's writer. Used by
// the loader tests, the CLI tests and the benchmark.

#if defined(QT_CORE_LIB) // the tokenizer files come from the npm package (Qt-based lookup)
#include "gpt2package.h"
#endif

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace gpt2test {

struct Shape {
    int vocab = 50257, positions = 32, embd = 16, heads = 2, layers = 2;
};

struct FolderOptions {
    bool f16 = false;
    int shards = 1;       // > 1: model-0000i-of-0000n.safetensors + index
    bool prefix = false;  // names "transformer.h.0...."
    bool buffers = false; // add attn.bias / attn.masked_bias buffers and lm_head.weight
    int tokenizer = 1;    // 0: none, 1: vocab.json + merges.txt, 2: tokenizer.json
    std::uint32_t seed = 1;
    float scale = 0.2f; // weights uniform in [-scale, scale]; LN weights near 1
};

// The weights as written (after rounding to half for F16), by HF name without prefix.
using Weights = std::map<std::string, std::vector<float>>;

inline std::uint16_t floatToHalf(float f)
{
    std::uint32_t x;
    std::memcpy(&x, &f, 4);
    const std::uint32_t sign = (x >> 16) & 0x8000u;
    const int exp = static_cast<int>((x >> 23) & 0xFF) - 127 + 15;
    std::uint32_t mant = x & 0x7FFFFFu;
    if (exp >= 31)
        return static_cast<std::uint16_t>(sign | 0x7C00u);
    if (exp <= 0) { // subnormal half (or zero)
        if (exp < -10)
            return static_cast<std::uint16_t>(sign);
        mant |= 0x800000u;
        const int shift = 14 - exp;
        std::uint32_t h = mant >> shift;
        const std::uint32_t rem = mant & ((1u << shift) - 1), half = 1u << (shift - 1);
        if (rem > half || (rem == half && (h & 1)))
            ++h;
        return static_cast<std::uint16_t>(sign | h);
    }
    std::uint32_t h = (static_cast<std::uint32_t>(exp) << 10) | (mant >> 13);
    const std::uint32_t rem = mant & 0x1FFFu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1)))
        ++h; // may carry into the exponent, which is right
    return static_cast<std::uint16_t>(sign | h);
}

// Exact: every half is value = (-1)^s * 2^(e-15) * (1 + m/1024), or a subnormal.
inline float halfValue(std::uint16_t h)
{
    const int e = (h >> 10) & 0x1F, m = h & 0x3FF;
    const double s = (h & 0x8000) ? -1.0 : 1.0;
    if (e == 0)
        return static_cast<float>(s * std::ldexp(m, -24));
    if (e == 31)
        return m ? NAN : static_cast<float>(s * INFINITY);
    return static_cast<float>(s * std::ldexp(1024 + m, e - 25));
}

inline nlohmann::json configJson(const Shape &s)
{
    return {
        {"activation_function", "gelu_new"},
        {"architectures", {"GPT2LMHeadModel"}},
        {"attn_pdrop", 0.1},
        {"bos_token_id", 50256},
        {"embd_pdrop", 0.1},
        {"eos_token_id", 50256},
        {"initializer_range", 0.02},
        {"layer_norm_epsilon", 1e-05},
        {"model_type", "gpt2"},
        {"n_ctx", s.positions},
        {"n_embd", s.embd},
        {"n_head", s.heads},
        {"n_inner", nullptr},
        {"n_layer", s.layers},
        {"n_positions", s.positions},
        {"resid_pdrop", 0.1},
        {"summary_activation", nullptr},
        {"summary_first_dropout", 0.1},
        {"summary_proj_to_labels", true},
        {"summary_type", "cls_index"},
        {"summary_use_proj", true},
        {"task_specific_params", {{"text-generation", {{"do_sample", true}, {"max_length", 50}}}}},
        {"vocab_size", s.vocab}};
}

// (name, shape) in Hugging Face order.
inline std::vector<std::pair<std::string, std::vector<std::int64_t>>> tensorList(const Shape &s)
{
    const std::int64_t V = s.vocab, P = s.positions, C = s.embd, F = 4 * C;
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> t = {{"wte.weight", {V, C}},
                                                                        {"wpe.weight", {P, C}}};
    for (int l = 0; l < s.layers; ++l) {
        const std::string h = "h." + std::to_string(l) + ".";
        t.push_back({h + "ln_1.weight", {C}});
        t.push_back({h + "ln_1.bias", {C}});
        t.push_back({h + "attn.c_attn.weight", {C, 3 * C}});
        t.push_back({h + "attn.c_attn.bias", {3 * C}});
        t.push_back({h + "attn.c_proj.weight", {C, C}});
        t.push_back({h + "attn.c_proj.bias", {C}});
        t.push_back({h + "ln_2.weight", {C}});
        t.push_back({h + "ln_2.bias", {C}});
        t.push_back({h + "mlp.c_fc.weight", {C, F}});
        t.push_back({h + "mlp.c_fc.bias", {F}});
        t.push_back({h + "mlp.c_proj.weight", {F, C}});
        t.push_back({h + "mlp.c_proj.bias", {C}});
    }
    t.push_back({"ln_f.weight", {C}});
    t.push_back({"ln_f.bias", {C}});
    return t;
}

struct Tensor {
    std::string name;
    std::vector<std::int64_t> shape;
    const std::vector<float> *values = nullptr; // null: a mask buffer of zeros
};

// One safetensors file of F32 or F16 tensors.
inline void writeSafetensorsFile(const std::string &path, const std::vector<Tensor> &tensors,
                                 bool f16)
{
    nlohmann::json header = nlohmann::json::object();
    header["__metadata__"] = {{"format", "pt"}};
    std::string data;
    for (const Tensor &t : tensors) {
        std::int64_t n = 1;
        for (auto d : t.shape)
            n *= d;
        const std::size_t begin = data.size();
        for (std::int64_t i = 0; i < n; ++i) {
            const float v = t.values ? (*t.values)[static_cast<std::size_t>(i)] : 0.0f;
            if (f16) {
                const std::uint16_t h = floatToHalf(v);
                data.push_back(static_cast<char>(h & 0xFF));
                data.push_back(static_cast<char>(h >> 8));
            } else {
                char b[4];
                std::memcpy(b, &v, 4);
                data.append(b, 4);
            }
        }
        header[t.name] = {{"dtype", f16 ? "F16" : "F32"},
                          {"shape", t.shape},
                          {"data_offsets", {begin, data.size()}}};
    }
    std::string h = header.dump();
    while (h.size() % 8)
        h += ' ';
    std::ofstream f(path, std::ios::binary);
    const std::uint64_t len = h.size();
    for (int i = 0; i < 8; ++i)
        f.put(static_cast<char>((len >> (8 * i)) & 0xFF));
    f << h << data;
}

inline void copyFile(const std::string &from, const std::string &to)
{
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

inline std::string readAll(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// Writes the folder; returns the weights as the file holds them.
inline Weights writeFolder(const std::string &dir, const Shape &shape, const FolderOptions &o = {})
{
    namespace fs = std::filesystem;
    fs::create_directories(dir);
    {
        std::ofstream f(dir + "/config.json");
        f << configJson(shape).dump(2);
    }
    std::mt19937 gen(o.seed);
    std::uniform_real_distribution<float> u(-o.scale, o.scale);
    Weights w;
    for (const auto &[name, s] : tensorList(shape)) {
        std::int64_t n = 1;
        for (auto d : s)
            n *= d;
        std::vector<float> v(static_cast<std::size_t>(n));
        const bool lnWeight =
            name.find("ln_") != std::string::npos && name.find(".weight") != std::string::npos;
        for (float &x : v) {
            x = lnWeight ? 1.0f + u(gen) : u(gen);
            if (o.f16)
                x = halfValue(floatToHalf(x));
        }
        w[name] = std::move(v);
    }
    // The tensors, split into shards in order.
    std::vector<Tensor> all;
    const std::string pre = o.prefix ? "transformer." : "";
    for (const auto &[name, s] : tensorList(shape)) {
        all.push_back({pre + name, s, &w[name]});
        if (o.buffers && name.find("ln_1.weight") != std::string::npos) {
            const std::string h = name.substr(0, name.find("ln_1"));
            const std::int64_t P = shape.positions;
            all.push_back({pre + h + "attn.bias", {1, 1, P, P}, nullptr});
            all.push_back({pre + h + "attn.masked_bias", {}, nullptr});
        }
    }
    if (o.buffers)
        all.push_back(
            {"lm_head.weight",
             {static_cast<std::int64_t>(shape.vocab), static_cast<std::int64_t>(shape.embd)},
             &w["wte.weight"]});
    if (o.shards <= 1) {
        writeSafetensorsFile(dir + "/model.safetensors", all, o.f16);
    } else {
        nlohmann::json map = nlohmann::json::object();
        const std::size_t per = (all.size() + static_cast<std::size_t>(o.shards) - 1) /
                                static_cast<std::size_t>(o.shards);
        for (int k = 0; k < o.shards; ++k) {
            char fname[64];
            std::snprintf(fname, sizeof fname, "model-%05d-of-%05d.safetensors", k + 1, o.shards);
            std::vector<Tensor> part;
            for (std::size_t i = static_cast<std::size_t>(k) * per;
                 i < std::min(all.size(), static_cast<std::size_t>(k + 1) * per); ++i) {
                part.push_back(all[i]);
                map[all[i].name] = fname;
            }
            writeSafetensorsFile(dir + "/" + fname, part, o.f16);
        }
        std::ofstream f(dir + "/model.safetensors.index.json");
        f << nlohmann::json{{"metadata", {{"total_size", 0}}}, {"weight_map", map}}.dump(2);
    }
#if defined(QT_CORE_LIB)
    if (o.tokenizer == 1) {
        copyFile(vocabPath(), dir + "/vocab.json");
        copyFile(mergesPath(), dir + "/merges.txt");
    } else if (o.tokenizer == 2) {
        const auto vocab = nlohmann::json::parse(readAll(vocabPath()));
        const std::string bpe = readAll(mergesPath());
        nlohmann::json merges = nlohmann::json::array();
        std::size_t pos = bpe.find('\n') + 1; // after "#version: 0.2"
        while (pos < bpe.size()) {
            std::size_t eol = bpe.find('\n', pos);
            if (eol == std::string::npos)
                eol = bpe.size();
            if (eol > pos)
                merges.push_back(bpe.substr(pos, eol - pos));
            pos = eol + 1;
        }
        nlohmann::json tj = {
            {"version", "1.0"},
            {"added_tokens", {{{"id", 50256}, {"content", "<|endoftext|>"}, {"special", true}}}},
            {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}}},
            {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}}}};
        std::ofstream f(dir + "/tokenizer.json");
        f << tj.dump();
    }
#endif
    return w;
}

} // namespace gpt2test
