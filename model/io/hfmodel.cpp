#include "io/hfmodel.h"

#include "core/error.h"
#include "io/safetensors.h"
#include "models/transformerlm.h"
#include "text/gpt2tokenizer.h"
#include "text/textfile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace attn {

namespace {

namespace fs = std::filesystem;

std::string shapeText(const std::vector<std::int64_t> &shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

nlohmann::json readJsonFile(const std::string &path)
{
    const TextFile f = readTextFile(path);
    try {
        return nlohmann::json::parse(f.text);
    } catch (const nlohmann::json::exception &e) {
        throw Error(path + ": not valid JSON (" + e.what() + ")");
    }
}

// One tensor of a safetensors file, located by its header.
struct FileTensor {
    std::string name;                    // as in the file
    std::size_t file = 0;                // index into the shard list
    DType dtype = DType::F32;            // F32, F16 or BF16
    std::vector<std::int64_t> shape;     // row-major
    std::uint64_t offset = 0, bytes = 0; // absolute file offset and length
    std::uint64_t numel = 0;
};

// Reads and checks a safetensors header (8-byte length, JSON) without reading the data.
std::vector<FileTensor> readHeader(const std::string &path, std::size_t fileIndex,
                                   const HfLoadLimits &limits)
{
    std::error_code ec;
    const auto st = fs::status(path, ec);
    if (ec || !fs::exists(st))
        throw Error(path + ": not found");
    if (!fs::is_regular_file(st))
        throw Error(path + ": is not a regular file");
    const std::uint64_t size = fs::file_size(path, ec);
    if (ec)
        throw Error(path + ": cannot read its size (" + ec.message() + ")");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path + ": cannot be opened");
    if (size < 8)
        throw Error(path + ": is " + std::to_string(size) +
                    " bytes, shorter than a safetensors header (8 bytes of length)");
    unsigned char len8[8];
    in.read(reinterpret_cast<char *>(len8), 8);
    std::uint64_t headerLen = 0;
    for (int i = 7; i >= 0; --i)
        headerLen = (headerLen << 8) | len8[i];
    if (headerLen > limits.maxHeaderBytes)
        throw Error(path + ": the safetensors header claims " + std::to_string(headerLen) +
                    " bytes; the limit is " + std::to_string(limits.maxHeaderBytes));
    if (headerLen > size - 8)
        throw Error(path + ": truncated: the header claims " + std::to_string(headerLen) +
                    " bytes but the file holds " + std::to_string(size - 8) + " after the length");
    std::string header(static_cast<std::size_t>(headerLen), '\0');
    in.read(header.data(), static_cast<std::streamsize>(headerLen));
    if (!in)
        throw Error(path + ": the safetensors header could not be read");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(header);
    } catch (const nlohmann::json::exception &e) {
        throw Error(path + ": the safetensors header is not valid JSON (" + e.what() + ")");
    }
    if (!j.is_object())
        throw Error(path + ": the safetensors header is not a JSON object");
    const std::uint64_t dataStart = 8 + headerLen, dataSize = size - dataStart;
    std::vector<FileTensor> out;
    for (const auto &[name, v] : j.items()) {
        if (name == "__metadata__")
            continue;
        const std::string where = path + ": tensor \"" + name + "\"";
        if (!v.is_object() || !v.contains("dtype") || !v.contains("shape") ||
            !v.contains("data_offsets") || !v["dtype"].is_string() || !v["shape"].is_array() ||
            !v["data_offsets"].is_array() || v["data_offsets"].size() != 2)
            throw Error(where +
                        ": expected {\"dtype\", \"shape\", \"data_offsets\": [begin, end]}");
        FileTensor t;
        t.name = name;
        t.file = fileIndex;
        const std::string dt = v["dtype"].get<std::string>();
        std::uint64_t esize = 0;
        if (dt == "F32") {
            t.dtype = DType::F32;
            esize = 4;
        } else if (dt == "F16") {
            t.dtype = DType::F16;
            esize = 2;
        } else if (dt == "BF16") {
            t.dtype = DType::BF16;
            esize = 2;
        } else {
            throw Error(where + " has dtype " + dt +
                        "; only F32, F16 and BF16 weights can be loaded");
        }
        t.numel = 1;
        for (const auto &d : v["shape"]) {
            if (!d.is_number_unsigned() || d.get<std::uint64_t>() > (std::uint64_t(1) << 40))
                throw Error(where + ": shape " + v["shape"].dump() +
                            " is not a list of non-negative integers");
            t.shape.push_back(d.get<std::int64_t>());
            t.numel *= d.get<std::uint64_t>();
            if (t.numel > limits.maxParameters)
                throw Error(where + ": shape " + v["shape"].dump() + " is too large");
        }
        const auto &o = v["data_offsets"];
        if (!o[0].is_number_unsigned() || !o[1].is_number_unsigned())
            throw Error(where + ": data_offsets must be two non-negative integers");
        const std::uint64_t b = o[0].get<std::uint64_t>(), e = o[1].get<std::uint64_t>();
        if (b > e)
            throw Error(where + ": data_offsets [" + std::to_string(b) + ", " + std::to_string(e) +
                        "] end before they begin");
        if (e - b != t.numel * esize)
            throw Error(where + ": data_offsets hold " + std::to_string(e - b) + " bytes; shape " +
                        shapeText(t.shape) + " of " + dt + " needs " +
                        std::to_string(t.numel * esize));
        if (e > dataSize)
            throw Error(path + ": truncated: tensor \"" + name + "\" ends at data byte " +
                        std::to_string(e) + " but the file holds " + std::to_string(dataSize) +
                        " bytes of data");
        t.offset = dataStart + b;
        t.bytes = e - b;
        out.push_back(std::move(t));
    }
    // No two tensors may share bytes.
    std::vector<const FileTensor *> order;
    for (const auto &t : out)
        order.push_back(&t);
    std::sort(order.begin(), order.end(),
              [](const FileTensor *a, const FileTensor *b) { return a->offset < b->offset; });
    for (std::size_t i = 1; i < order.size(); ++i)
        if (order[i]->offset < order[i - 1]->offset + order[i - 1]->bytes)
            throw Error(path + ": tensors \"" + order[i - 1]->name + "\" and \"" + order[i]->name +
                        "\" overlap");
    return out;
}

// Reads a tensor's values as float into dst (numel floats), converting half precision in
// chunks so that no second copy of the tensor is made.
void readTensor(std::ifstream &in, const std::string &path, const FileTensor &t, float *dst)
{
    in.clear();
    in.seekg(static_cast<std::streamoff>(t.offset));
    auto fail = [&] {
        return Error(path + ": tensor \"" + t.name + "\" could not be read (file truncated?)");
    };
    if (t.dtype == DType::F32) {
        in.read(reinterpret_cast<char *>(dst), static_cast<std::streamsize>(t.bytes));
        if (!in)
            throw fail();
        return;
    }
    constexpr std::uint64_t Chunk = 1 << 16;
    std::vector<unsigned char> buf(2 * Chunk);
    for (std::uint64_t done = 0; done < t.numel;) {
        const std::uint64_t n = std::min(Chunk, t.numel - done);
        in.read(reinterpret_cast<char *>(buf.data()), static_cast<std::streamsize>(2 * n));
        if (!in)
            throw fail();
        for (std::uint64_t i = 0; i < n; ++i) {
            const auto h = static_cast<std::uint16_t>(buf[2 * i] | (buf[2 * i + 1] << 8));
            dst[done + i] = t.dtype == DType::F16 ? halfToFloat(h) : bf16ToFloat(h);
        }
        done += n;
    }
}

// config.json -> TransformerConfig, refusing what is not GPT-2.
TransformerConfig readConfig(const std::string &path, nlohmann::json &raw)
{
    raw = readJsonFile(path);
    if (!raw.is_object())
        throw Error(path + ": expected a JSON object");
    if (const auto it = raw.find("model_type"); it != raw.end()) {
        if (!it->is_string() || it->get<std::string>() != "gpt2")
            throw Error(path + ": model_type is " + it->dump() +
                        "; only GPT-2 checkpoints (model_type \"gpt2\") can be opened");
    }
    if (const auto it = raw.find("architectures"); it != raw.end() && !it->is_null()) {
        if (!it->is_array())
            throw Error(path + ": \"architectures\" is not a list");
        for (const auto &a : *it)
            if (!a.is_string() || a.get<std::string>().rfind("GPT2", 0) != 0)
                throw Error(path + ": architecture " + a.dump() +
                            " is not GPT-2 (expected GPT2LMHeadModel or GPT2Model)");
    }
    if (!raw.contains("model_type") && !raw.contains("architectures"))
        throw Error(path + ": neither model_type nor architectures is given; expected a GPT-2 "
                           "config (model_type \"gpt2\")");
    for (const char *key : {"vocab_size", "n_embd", "n_head", "n_layer"})
        if (!raw.contains(key))
            throw Error(path + ": \"" + key + "\" is missing");
    if (!raw.contains("n_positions") && !raw.contains("n_ctx"))
        throw Error(path + ": \"n_positions\" is missing");
    for (const char *key : {"scale_attn_by_inverse_layer_idx", "add_cross_attention"})
        if (raw.contains(key) && raw[key].is_boolean() && raw[key].get<bool>())
            throw Error(path + ": \"" + key + "\" is true; this GPT-2 variant is not supported");
    for (const char *key : {"attentionlab_norm", "attentionlab_positions"})
        if (raw.contains(key))
            throw Error(path + ": \"" + key +
                        "\" is an AttentionLab model-file setting, not a Hugging Face one");
    try {
        TransformerConfig c = TransformerConfig::fromJson(raw);
        c.dropout = 0.0f; // a pretrained model is evaluated
        return c;
    } catch (const Error &e) {
        throw Error(path + ": " + e.what());
    }
}

// The parameters of a GPT-2 of this config, by Hugging Face name, with their shapes.
std::map<std::string, std::vector<std::int64_t>> expectedShapes(const TransformerConfig &c)
{
    const std::int64_t V = c.vocab, P = c.n_ctx, C = c.d_model, F = c.ffDim();
    std::map<std::string, std::vector<std::int64_t>> m;
    m["wte.weight"] = {V, C};
    m["wpe.weight"] = {P, C};
    for (int l = 0; l < c.n_layers; ++l) {
        const std::string h = "h." + std::to_string(l) + ".";
        for (const char *ln : {"ln_1", "ln_2"}) {
            m[h + ln + ".weight"] = {C};
            m[h + ln + ".bias"] = {C};
        }
        m[h + "attn.c_attn.weight"] = {C, 3 * C};
        m[h + "attn.c_attn.bias"] = {3 * C};
        m[h + "attn.c_proj.weight"] = {C, C};
        m[h + "attn.c_proj.bias"] = {C};
        m[h + "mlp.c_fc.weight"] = {C, F};
        m[h + "mlp.c_fc.bias"] = {F};
        m[h + "mlp.c_proj.weight"] = {F, C};
        m[h + "mlp.c_proj.bias"] = {C};
    }
    m["ln_f.weight"] = {C};
    m["ln_f.bias"] = {C};
    return m;
}

std::string configNote(const TransformerConfig &c)
{
    return "config.json (vocab_size " + std::to_string(c.vocab) + ", n_positions " +
           std::to_string(c.n_ctx) + ", n_embd " + std::to_string(c.d_model) + ", n_layer " +
           std::to_string(c.n_layers) + ")";
}

} // namespace

std::unique_ptr<Gpt2Tokenizer> loadHfTokenizer(const std::string &folder)
{
    std::error_code ec;
    const fs::path dir(folder);
    auto file = [&](const char *name) { return (dir / name).string(); };
    auto exists = [&](const char *name) { return fs::exists(dir / name, ec); };
    if (exists("vocab.json") && exists("merges.txt"))
        return Gpt2Tokenizer::fromFiles(file("vocab.json"), file("merges.txt"));
    if (exists("tokenizer.json"))
        return Gpt2Tokenizer::fromTokenizerJson(file("tokenizer.json"));
    if (exists("vocab.json") || exists("merges.txt"))
        throw Error(folder + ": has " + (exists("vocab.json") ? "vocab.json" : "merges.txt") +
                    " without " + (exists("vocab.json") ? "merges.txt" : "vocab.json") +
                    " (and no tokenizer.json)");
    return nullptr;
}

bool isHfModelFolder(const std::string &path)
{
    std::error_code ec;
    return fs::is_directory(path, ec) && fs::exists(fs::path(path) / "config.json", ec);
}

LoadedModel loadHfModel(const std::string &folder)
{
    return loadHfModel(folder, HfLoadLimits{});
}

LoadedModel loadHfModel(const std::string &folder, const HfLoadLimits &limits)
{
    std::error_code ec;
    if (!fs::exists(folder, ec))
        throw Error(folder + ": not found");
    if (!fs::is_directory(folder, ec))
        throw Error(folder + ": is not a folder (a Hugging Face model is a folder holding "
                             "config.json and model.safetensors)");
    const fs::path dir(folder);
    auto file = [&](const char *name) { return (dir / name).string(); };
    auto exists = [&](const char *name) { return fs::exists(dir / name, ec); };

    LoadedModel out;
    out.kind = "lm";
    if (!exists("config.json"))
        throw Error(file("config.json") + ": not found (a Hugging Face model folder has one)");
    nlohmann::json raw;
    const TransformerConfig config = readConfig(file("config.json"), raw);
    if (static_cast<std::uint64_t>(config.parameterCount()) > limits.maxParameters)
        throw Error(file("config.json") + ": the model would have " +
                    std::to_string(config.parameterCount()) + " parameters; the limit is " +
                    std::to_string(limits.maxParameters));

    // The weight files: one model.safetensors, or the shards an index names.
    std::vector<std::string> shards;
    std::map<std::string, std::string> indexMap; // tensor name -> shard file name
    if (exists("model.safetensors")) {
        shards.push_back(file("model.safetensors"));
    } else if (exists("model.safetensors.index.json")) {
        const std::string indexPath = file("model.safetensors.index.json");
        const nlohmann::json index = readJsonFile(indexPath);
        if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object())
            throw Error(indexPath + ": no \"weight_map\" object (tensor name -> shard file)");
        std::set<std::string> names;
        for (const auto &[tensor, shard] : index["weight_map"].items()) {
            if (!shard.is_string())
                throw Error(indexPath + ": the shard of \"" + tensor + "\" is not a file name");
            const std::string s = shard.get<std::string>();
            if (s.empty() || s.find('/') != std::string::npos ||
                s.find('\\') != std::string::npos || s == "." || s == "..")
                throw Error(indexPath + ": shard \"" + s + "\" is not a file name in the folder");
            indexMap[tensor] = s;
            names.insert(s);
        }
        if (names.empty())
            throw Error(indexPath + ": the weight_map is empty");
        for (const auto &s : names) {
            if (!fs::exists(dir / s, ec))
                throw Error((dir / s).string() + ": not found (named by " + indexPath + ")");
            shards.push_back((dir / s).string());
        }
    } else if (exists("pytorch_model.bin")) {
        throw Error(folder + ": holds pytorch_model.bin only; convert it to model.safetensors "
                             "(PyTorch pickles are not read)");
    } else {
        throw Error(folder + ": no model.safetensors or model.safetensors.index.json");
    }

    // Every tensor of every shard, by its name without the "transformer." prefix.
    const auto want = expectedShapes(config);
    std::map<std::string, FileTensor> tensors;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        for (FileTensor &t : readHeader(shards[i], i, limits)) {
            std::string name = t.name;
            if (name.rfind("transformer.", 0) == 0)
                name = name.substr(12);
            if (!indexMap.empty()) {
                const auto it = indexMap.find(t.name);
                if (it == indexMap.end() || (dir / it->second).string() != shards[i])
                    throw Error(shards[i] + ": tensor \"" + t.name +
                                "\" is not mapped to this file by model.safetensors.index.json");
            }
            if (endsWith(name, ".attn.bias") || endsWith(name, ".attn.masked_bias"))
                continue;                   // GPT-2's causal-mask buffers
            if (name == "lm_head.weight") { // tied to wte
                const std::vector<std::int64_t> vc = {config.vocab, config.d_model};
                if (t.shape != vc)
                    throw Error(shards[i] + ": lm_head.weight has shape " + shapeText(t.shape) +
                                "; " + configNote(config) + " needs " + shapeText(vc));
                continue;
            }
            const auto w = want.find(name);
            if (w == want.end())
                throw Error(shards[i] + ": unexpected tensor \"" + t.name +
                            "\" (not a parameter of a GPT-2 of " + configNote(config) + ")");
            if (t.shape != w->second)
                throw Error(shards[i] + ": tensor \"" + t.name + "\" has shape " +
                            shapeText(t.shape) + "; " + configNote(config) + " needs " +
                            shapeText(w->second));
            if (tensors.count(name))
                throw Error(shards[i] + ": tensor \"" + name + "\" appears twice");
            tensors.emplace(name, std::move(t));
        }
    }
    for (const auto &[name, shape] : want)
        if (!tensors.count(name))
            throw Error(shards.size() == 1
                            ? shards[0] + ": tensor \"" + name + "\" is missing"
                            : folder + ": tensor \"" + name + "\" is in none of the shards");

    // The tokenizer, checked before the weights are read.
    std::unique_ptr<Gpt2Tokenizer> tok = loadHfTokenizer(folder);
    if (!tok)
        out.warnings.push_back("the folder has no tokenizer (vocab.json + merges.txt or "
                               "tokenizer.json); token ids are shown as numbers");
    if (tok && tok->vocabSize() != config.vocab)
        throw Error(folder + ": the tokenizer has " + std::to_string(tok->vocabSize()) +
                    " tokens but config.json's vocab_size is " + std::to_string(config.vocab));

    // Not initialised: every parameter is read from the files below.
    auto model = std::make_unique<TransformerLM>(config, 1, false);
    model->setTraining(false);
    ParamStore &params = model->params();
    if (params.count() != static_cast<int>(want.size()))
        throw Error(folder + ": internal: the model registers " + std::to_string(params.count()) +
                    " parameters, GPT-2 has " + std::to_string(want.size()));
    std::vector<std::ifstream> streams;
    for (const auto &s : shards) {
        streams.emplace_back(s, std::ios::binary);
        if (!streams.back())
            throw Error(s + ": cannot be opened");
    }
    bool converted = false;
    for (const auto &[name, t] : tensors) {
        const ParamStore::Id id = params.find(name);
        if (id < 0 || params.entry(id).size != static_cast<Index>(t.numel))
            throw Error(folder + ": internal: parameter \"" + name + "\" does not match");
        float *dst = params.valuePtr(id);
        readTensor(streams[t.file], shards[t.file], t, dst);
        converted = converted || t.dtype != DType::F32;
        std::int64_t bad = 0;
        for (std::uint64_t i = 0; i < t.numel; ++i)
            bad += std::isfinite(dst[i]) ? 0 : 1;
        if (bad)
            out.warnings.push_back("tensor \"" + t.name + "\" holds " + std::to_string(bad) +
                                   " NaN or infinite values; the model's outputs will not be "
                                   "finite");
    }
    if (converted)
        out.warnings.push_back("half-precision weights (F16/BF16) were converted to F32");

    out.config = config.toJson();
    out.metadata["source"] = "huggingface";
    out.metadata["folder"] = folder;
    std::string names;
    for (const auto &s : shards)
        names += (names.empty() ? "" : ", ") + fs::path(s).filename().string();
    out.metadata["weights"] = names;
    out.training.dataset = fs::path(folder).filename().string();
    out.model = std::move(model);
    out.tokenizer = std::move(tok);
    return out;
}

} // namespace attn
