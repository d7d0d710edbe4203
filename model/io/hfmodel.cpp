#include "io/hfmodel.h"

#include "core/error.h"
#include "io/safetensors.h"
#include "models/transformerlm.h"
#include "text/textfile.h"
#include "tokenizers/gpt2tokenizer.h"

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
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: not valid JSON (%2)"), path, e.what());
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
    const std::uint64_t size = regularFileSize(path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot be opened"), path);
    if (size < 8)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1: is %2 bytes, shorter than a safetensors header (8 bytes of length)"),
            path, size);
    unsigned char len8[8];
    in.read(reinterpret_cast<char *>(len8), 8);
    std::uint64_t headerLen = 0;
    for (int i = 7; i >= 0; --i)
        headerLen = (headerLen << 8) | len8[i];
    if (headerLen > limits.maxHeaderBytes)
        throw Error::fmt(QT_TRANSLATE_NOOP(
                             "attn", "%1: the safetensors header claims %2 bytes; the limit is %3"),
                         path, headerLen, limits.maxHeaderBytes);
    if (headerLen > size - 8)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn",
                "%1: truncated: the header claims %2 bytes but the file holds %3 after the length"),
            path, headerLen, size - 8);
    std::string header(static_cast<std::size_t>(headerLen), '\0');
    in.read(header.data(), static_cast<std::streamsize>(headerLen));
    if (!in)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: the safetensors header could not be read"),
                         path);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(header);
    } catch (const nlohmann::json::exception &e) {
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: the safetensors header is not valid JSON (%2)"), path,
            e.what());
    }
    if (!j.is_object())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: the safetensors header is not a JSON object"), path);
    const std::uint64_t dataStart = 8 + headerLen, dataSize = size - dataStart;
    std::vector<FileTensor> out;
    for (const auto &[name, v] : j.items()) {
        if (name == "__metadata__")
            continue;
        if (!v.is_object() || !v.contains("dtype") || !v.contains("shape") ||
            !v.contains("data_offsets") || !v["dtype"].is_string() || !v["shape"].is_array() ||
            !v["data_offsets"].is_array() || v["data_offsets"].size() != 2)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn",
                                               "%1: tensor \"%2\": expected {\"dtype\", \"shape\", "
                                               "\"data_offsets\": [begin, end]}"),
                             path, name);
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
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "%1: tensor \"%2\" has dtype %3; only F32, F16 and BF16 weights can be loaded"),
                path, name, dt);
        }
        t.numel = 1;
        for (const auto &d : v["shape"]) {
            if (!d.is_number_unsigned() || d.get<std::uint64_t>() > (std::uint64_t(1) << 40))
                throw Error::fmt(
                    QT_TRANSLATE_NOOP(
                        "attn",
                        "%1: tensor \"%2\": shape %3 is not a list of non-negative integers"),
                    path, name, v["shape"].dump());
            t.shape.push_back(d.get<std::int64_t>());
            t.numel *= d.get<std::uint64_t>();
            if (t.numel > limits.maxParameters)
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn", "%1: tensor \"%2\": shape %3 is too large"), path,
                    name, v["shape"].dump());
        }
        const auto &o = v["data_offsets"];
        if (!o[0].is_number_unsigned() || !o[1].is_number_unsigned())
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "%1: tensor \"%2\": data_offsets must be two non-negative integers"),
                path, name);
        const std::uint64_t b = o[0].get<std::uint64_t>(), e = o[1].get<std::uint64_t>();
        if (b > e)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "%1: tensor \"%2\": data_offsets [%3, %4] end before they begin"),
                path, name, b, e);
        if (e - b != t.numel * esize)
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "%1: tensor \"%2\": data_offsets hold %3 bytes; shape %4 of %5 needs %6"),
                path, name, e - b, shapeText(t.shape), dt, t.numel * esize);
        if (e > dataSize)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: truncated: tensor \"%2\" ends at data byte %3 but "
                                          "the file holds %4 bytes of data"),
                path, name, e, dataSize);
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
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: tensors \"%2\" and \"%3\" overlap"),
                             path, order[i - 1]->name, order[i]->name);
    return out;
}

// Reads a tensor's values as float into dst (numel floats), converting half precision in
// chunks so that no second copy of the tensor is made.
void readTensor(std::ifstream &in, const std::string &path, const FileTensor &t, float *dst)
{
    in.clear();
    in.seekg(static_cast<std::streamoff>(t.offset));
    auto fail = [&] {
        return Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: tensor \"%2\" could not be read (file truncated?)"),
            path, t.name);
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
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: expected a JSON object"), path);
    if (const auto it = raw.find("model_type"); it != raw.end()) {
        if (!it->is_string() || it->get<std::string>() != "gpt2")
            throw Error::fmt(QT_TRANSLATE_NOOP("attn",
                                               "%1: model_type is %2; only GPT-2 checkpoints "
                                               "(model_type \"gpt2\") can be opened"),
                             path, it->dump());
    }
    if (const auto it = raw.find("architectures"); it != raw.end() && !it->is_null()) {
        if (!it->is_array())
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: \"architectures\" is not a list"),
                             path);
        for (const auto &a : *it)
            if (!a.is_string() || a.get<std::string>().rfind("GPT2", 0) != 0)
                throw Error::fmt(
                    QT_TRANSLATE_NOOP(
                        "attn",
                        "%1: architecture %2 is not GPT-2 (expected GPT2LMHeadModel or GPT2Model)"),
                    path, a.dump());
    }
    if (!raw.contains("model_type") && !raw.contains("architectures"))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: neither model_type nor architectures is given; expected "
                                      "a GPT-2 config (model_type \"gpt2\")"),
            path);
    for (const char *key : {"vocab_size", "n_embd", "n_head", "n_layer"})
        if (!raw.contains(key))
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: \"%2\" is missing"), path, key);
    if (!raw.contains("n_positions") && !raw.contains("n_ctx"))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: \"%2\" is missing"), path, "n_positions");
    for (const char *key : {"scale_attn_by_inverse_layer_idx", "add_cross_attention"})
        if (raw.contains(key) && raw[key].is_boolean() && raw[key].get<bool>())
            throw Error::fmt(QT_TRANSLATE_NOOP(
                                 "attn", "%1: \"%2\" is true; this GPT-2 variant is not supported"),
                             path, key);
    for (const char *key : {"attentionlab_norm", "attentionlab_positions"})
        if (raw.contains(key))
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "%1: \"%2\" is an AttentionLab model-file setting, not a Hugging Face one"),
                path, key);
    try {
        TransformerConfig c = TransformerConfig::fromJson(raw);
        c.dropout = 0.0f; // a pretrained model is evaluated
        return c;
    } catch (const Error &e) {
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: %2"), path, e);
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
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: has %2 without %3 (and no tokenizer.json)"),
                         folder, exists("vocab.json") ? "vocab.json" : "merges.txt",
                         exists("vocab.json") ? "merges.txt" : "vocab.json");
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
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: not found"), folder);
    if (!fs::is_directory(folder, ec))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn",
                                           "%1: is not a folder (a Hugging Face model is a folder "
                                           "holding config.json and model.safetensors)"),
                         folder);
    const fs::path dir(folder);
    auto file = [&](const char *name) { return (dir / name).string(); };
    auto exists = [&](const char *name) { return fs::exists(dir / name, ec); };

    LoadedModel out;
    out.kind = "lm";
    if (!exists("config.json"))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: not found (a Hugging Face model folder has one)"),
            file("config.json"));
    nlohmann::json raw;
    const TransformerConfig config = readConfig(file("config.json"), raw);
    if (static_cast<std::uint64_t>(config.parameterCount()) > limits.maxParameters)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: the model would have %2 parameters; the limit is %3"),
            file("config.json"), config.parameterCount(), limits.maxParameters);

    // The weight files: one model.safetensors, or the shards an index names.
    std::vector<std::string> shards;
    std::map<std::string, std::string> indexMap; // tensor name -> shard file name
    if (exists("model.safetensors")) {
        shards.push_back(file("model.safetensors"));
    } else if (exists("model.safetensors.index.json")) {
        const std::string indexPath = file("model.safetensors.index.json");
        const nlohmann::json index = readJsonFile(indexPath);
        if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "%1: no \"weight_map\" object (tensor name -> shard file)"),
                indexPath);
        std::set<std::string> names;
        for (const auto &[tensor, shard] : index["weight_map"].items()) {
            if (!shard.is_string())
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn", "%1: the shard of \"%2\" is not a file name"),
                    indexPath, tensor);
            const std::string s = shard.get<std::string>();
            if (s.empty() || s.find('/') != std::string::npos ||
                s.find('\\') != std::string::npos || s == "." || s == "..")
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn", "%1: shard \"%2\" is not a file name in the folder"),
                    indexPath, s);
            indexMap[tensor] = s;
            names.insert(s);
        }
        if (names.empty())
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: the weight_map is empty"), indexPath);
        for (const auto &s : names) {
            if (!fs::exists(dir / s, ec))
                throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: not found (named by %2)"),
                                 (dir / s).string(), indexPath);
            shards.push_back((dir / s).string());
        }
    } else if (exists("pytorch_model.bin")) {
        throw Error::fmt(QT_TRANSLATE_NOOP("attn",
                                           "%1: holds pytorch_model.bin only; convert it to "
                                           "model.safetensors (PyTorch pickles are not read)"),
                         folder);
    } else {
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: no model.safetensors or model.safetensors.index.json"),
            folder);
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
                    throw Error::fmt(
                        QT_TRANSLATE_NOOP("attn", "%1: tensor \"%2\" is not mapped to this file by "
                                                  "model.safetensors.index.json"),
                        shards[i], t.name);
            }
            if (endsWith(name, ".attn.bias") || endsWith(name, ".attn.masked_bias"))
                continue;                   // GPT-2's causal-mask buffers
            if (name == "lm_head.weight") { // tied to wte
                const std::vector<std::int64_t> vc = {config.vocab, config.d_model};
                if (t.shape != vc)
                    throw Error::fmt(
                        QT_TRANSLATE_NOOP("attn", "%1: lm_head.weight has shape %2; %3 needs %4"),
                        shards[i], shapeText(t.shape), configNote(config), shapeText(vc));
                continue;
            }
            const auto w = want.find(name);
            if (w == want.end())
                throw Error::fmt(
                    QT_TRANSLATE_NOOP(
                        "attn", "%1: unexpected tensor \"%2\" (not a parameter of a GPT-2 of %3)"),
                    shards[i], t.name, configNote(config));
            if (t.shape != w->second)
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn", "%1: tensor \"%2\" has shape %3; %4 needs %5"),
                    shards[i], t.name, shapeText(t.shape), configNote(config),
                    shapeText(w->second));
            if (tensors.count(name))
                throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: tensor \"%2\" appears twice"),
                                 shards[i], name);
            tensors.emplace(name, std::move(t));
        }
    }
    for (const auto &[name, shape] : want)
        if (!tensors.count(name))
            throw shards.size() == 1
                ? Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: tensor \"%2\" is missing"), shards[0],
                             name)
                : Error::fmt(
                      QT_TRANSLATE_NOOP("attn", "%1: tensor \"%2\" is in none of the shards"),
                      folder, name);

    // The tokenizer, checked before the weights are read.
    std::unique_ptr<Gpt2Tokenizer> tok = loadHfTokenizer(folder);
    if (!tok)
        out.warn(
            Error::fmt(QT_TRANSLATE_NOOP("attn", "the folder has no tokenizer (vocab.json + "
                                                 "merges.txt or tokenizer.json); token ids are "
                                                 "shown as numbers")));
    if (tok && tok->vocabSize() != config.vocab)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1: the tokenizer has %2 tokens but config.json's vocab_size is %3"),
            folder, tok->vocabSize(), config.vocab);

    // Not initialised: every parameter is read from the files below.
    auto model = std::make_unique<TransformerLM>(config, 1, false);
    model->setTraining(false);
    ParamStore &params = model->params();
    if (params.count() != static_cast<int>(want.size()))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1: internal: the model registers %2 parameters, GPT-2 has %3"),
            folder, params.count(), want.size());
    std::vector<std::ifstream> streams;
    for (const auto &s : shards) {
        streams.emplace_back(s, std::ios::binary);
        if (!streams.back())
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot be opened"), s);
    }
    bool converted = false;
    for (const auto &[name, t] : tensors) {
        const ParamStore::Id id = params.find(name);
        if (id < 0 || params.entry(id).size != static_cast<Index>(t.numel))
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: internal: parameter \"%2\" does not match"), folder,
                name);
        float *dst = params.valuePtr(id);
        readTensor(streams[t.file], shards[t.file], t, dst);
        converted = converted || t.dtype != DType::F32;
        std::int64_t bad = 0;
        for (std::uint64_t i = 0; i < t.numel; ++i)
            bad += std::isfinite(dst[i]) ? 0 : 1;
        if (bad)
            out.warn(Error::fmt(QT_TRANSLATE_NOOP("attn",
                                                  "tensor \"%1\" holds %2 NaN or infinite "
                                                  "values; the model's outputs will not be finite"),
                                t.name, bad));
    }
    if (converted)
        out.warn(Error::fmt(
            QT_TRANSLATE_NOOP("attn", "half-precision weights (F16/BF16) were converted to F32")));

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
