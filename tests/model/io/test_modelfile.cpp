// Model files: save -> load gives the same logits bit for bit, and every defect of a model
// file (truncation at any offset, tampering, a config that disagrees with the tensors, an
// unknown version or kind) is an error naming the file and the problem; NaN weights load
// with a warning.
#include "core/error.h"
#include "io/modelfile.h"
#include "models/transformerlm.h"
#include "tokenizers/chartokenizer.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <cmath>
#include <cstring>
#include <fstream>

using namespace attn;

namespace {

TransformerConfig tinyConfig()
{
    TransformerConfig c;
    c.vocab = 12;
    c.n_ctx = 6;
    c.d_model = 8;
    c.n_heads = 2;
    c.n_layers = 1;
    return c;
}

std::string slurp(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

void spit(const std::string &path, const std::string &data)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(data.data(), std::streamsize(data.size()));
}

// Rewrites a saved model file with its tensors and metadata changed by `edit`.
void rewrite(const std::string &from, const std::string &to,
             const std::function<void(std::vector<std::pair<std::string, std::vector<float>>> &,
                                      std::vector<std::vector<std::int64_t>> &,
                                      std::map<std::string, std::string> &)> &edit)
{
    const SafetensorsFile f = SafetensorsFile::read(from);
    std::vector<std::pair<std::string, std::vector<float>>> data;
    std::vector<std::vector<std::int64_t>> shapes;
    for (const auto &t : f.tensors()) {
        data.emplace_back(t.name, f.toFloat(t));
        shapes.push_back(t.shape);
    }
    auto meta = f.metadata();
    edit(data, shapes, meta);
    std::vector<TensorRef> refs;
    for (size_t i = 0; i < data.size(); ++i)
        refs.push_back({data[i].first, shapes[i], data[i].second.data()});
    writeSafetensors(to, refs, meta);
}

void expectError(const std::string &path, const QString &expected)
{
    try {
        loadModelFile(path);
        QFAIL(qPrintable("loaded a bad model file; expected: " + expected));
    } catch (const Error &e) {
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(msg.startsWith(QString::fromStdString(path) + ": "), qPrintable(msg));
        QVERIFY2(msg.contains(expected), qPrintable(msg));
    }
}

} // namespace

class TestModelFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_good;

    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TransformerLM lm(tinyConfig(), 7);
        const CharTokenizer tok = CharTokenizer::build("abcdefgh"); // 12 tokens
        TrainingSummary s;
        s.steps = 120;
        s.trainLoss = 1.25;
        s.dataset = "tiny.txt";
        s.task = "lm";
        m_good = path("good.safetensors");
        saveModelFile(m_good, lm, &tok, s);
    }

    void saveLoadGivesIdenticalLogits()
    {
        TransformerLM lm(tinyConfig(), 11);
        const CharTokenizer tok = CharTokenizer::build("abcdefgh");
        TrainingSummary s;
        s.steps = 3;
        s.trainLoss = 2.5;
        s.validationLoss = 2.75;
        s.dataset = "d.txt";
        s.labels = {"neg", "pos", "中性"};
        const std::string p = path("roundtrip.safetensors");
        saveModelFile(p, lm, &tok, s);

        const LoadedModel loaded = loadModelFile(p);
        QCOMPARE(loaded.kind, std::string("lm"));
        QVERIFY(loaded.warnings.empty());
        auto *back = dynamic_cast<TransformerLM *>(loaded.model.get());
        QVERIFY(back);
        QCOMPARE(back->config().d_model, 8);
        const std::vector<TokenId> ids{1, 4, 5, 6, 7, 11};
        const MatRM a = lm.logits(ids);
        const MatRM b = back->logits(ids);
        QCOMPARE(a.rows(), b.rows());
        QCOMPARE(a.cols(), b.cols());
        QVERIFY(std::memcmp(a.data(), b.data(), sizeof(float) * size_t(a.size())) == 0);
        // Every parameter bit for bit, too.
        QCOMPARE(back->params().size(), lm.params().size());
        QVERIFY(std::memcmp(back->params().values().data(), lm.params().values().data(),
                            sizeof(float) * size_t(lm.params().size())) == 0);
        QVERIFY(loaded.tokenizer);
        QCOMPARE(loaded.tokenizer->decode(loaded.tokenizer->encode("badge")), std::string("badge"));
        QCOMPARE(loaded.training.steps, std::int64_t(3));
        QCOMPARE(loaded.training.trainLoss, 2.5);
        QCOMPARE(loaded.training.validationLoss, 2.75);
        QCOMPARE(loaded.training.dataset, std::string("d.txt"));
        QCOMPARE(loaded.training.labels, (std::vector<std::string>{"neg", "pos", "中性"}));
        QVERIFY_THROWS_EXCEPTION(
            Error, TrainingSummary::fromJson(nlohmann::json::parse(R"({"labels": ["a", 2]})")));
        QCOMPARE(loaded.metadata.at("attentionlab.format"), std::string("1"));
        QCOMPARE(loaded.metadata.at("format"), std::string("pt"));
        QCOMPARE(loaded.config["n_embd"].get<int>(), 8);
        // Every tensor is stored under its ParamStore name with its shape.
        const SafetensorsFile f = SafetensorsFile::read(p);
        QCOMPARE(int(f.tensors().size()), lm.params().count());
        for (const auto &e : lm.params().entries()) {
            const TensorInfo *t = f.find(e.name);
            QVERIFY2(t, e.name.c_str());
            QCOMPARE(t->shape, std::vector<std::int64_t>(e.shape.begin(), e.shape.end()));
        }
        // An unknown loss is stored as null and read back as NaN.
        QVERIFY(std::isnan(loadModelFile(m_good).training.validationLoss));
    }

    void truncatedAtEveryOffset()
    {
        const std::string whole = slurp(m_good);
        QVERIFY(whole.size() > 1000);
        // Every prefix, in memory: each one an error naming the file, none a crash.
        int errors = 0;
        for (size_t cut = 0; cut < whole.size(); ++cut) {
            try {
                loadModelBytes(whole.substr(0, cut), "cut.safetensors");
            } catch (const Error &e) {
                ++errors;
                if (!QString(e.what()).startsWith("cut.safetensors: "))
                    QFAIL(e.what());
            }
        }
        QCOMPARE(size_t(errors), whole.size());
        // And some of them through the file system.
        for (size_t cut = 0; cut < whole.size(); cut += whole.size() / 23 + 1) {
            const std::string p = path(("cut" + std::to_string(cut)).c_str());
            spit(p, whole.substr(0, cut));
            expectError(p, "");
        }
    }

    void tamperedHeader()
    {
        std::string bytes = slurp(m_good);
        // Replace the first quote of the JSON header with a letter.
        const size_t q = bytes.find('"', 8);
        bytes[q] = 'X';
        const std::string p = path("tampered.safetensors");
        spit(p, bytes);
        expectError(p, "the header is not valid JSON");
        // An absurd header length.
        bytes = slurp(m_good);
        for (int i = 0; i < 8; ++i)
            bytes[size_t(i)] = '\xFF';
        spit(p, bytes);
        expectError(p, "header length 18446744073709551615 is over the limit");
        // Data bytes changed to NaN-free garbage still load (the format has no checksum), but
        // a shorter data section does not.
        bytes = slurp(m_good);
        bytes.pop_back();
        spit(p, bytes);
        expectError(p, "beyond the data");
    }

    void metadataDefects_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value"); // empty: remove the key
        QTest::addColumn<QString>("expected");
        QTest::newRow("no format") << "attentionlab.format"
                                   << ""
                                   << "not an AttentionLab model file";
        QTest::newRow("format 2")
            << "attentionlab.format"
            << "2"
            << "model file format version \"2\" is not known (this build reads version 1)";
        QTest::newRow("unknown kind") << "attentionlab.kind"
                                      << "diffusion"
                                      << "model kind \"diffusion\" is not known (known: "
                                         "classifier, lm, seq2seq-rnn, seq2seq-transformer)";
        QTest::newRow("no kind") << "attentionlab.kind"
                                 << ""
                                 << "no model kind";
        QTest::newRow("no config") << "attentionlab.config"
                                   << ""
                                   << "no model config";
        QTest::newRow("config not JSON") << "attentionlab.config"
                                         << "{n_embd: 8"
                                         << "the model config is not valid JSON";
        QTest::newRow("config not object") << "attentionlab.config"
                                           << "[8]"
                                           << "not a JSON object";
        QTest::newRow("config invalid")
            << "attentionlab.config"
            << R"({"vocab_size":12,"n_positions":6,"n_embd":8,"n_head":3,"n_layer":1})"
            << "n_embd 8 is not divisible by n_head 3";
        QTest::newRow("config too big")
            << "attentionlab.config"
            << R"({"vocab_size":12,"n_positions":6,"n_embd":16,"n_head":2,"n_layer":1})"
            << "parameters but the file's tensors hold";
        QTest::newRow("tokenizer not JSON") << "attentionlab.tokenizer"
                                            << "{"
                                            << "the tokenizer is not valid JSON";
        QTest::newRow("tokenizer bad") << "attentionlab.tokenizer"
                                       << R"({"kind":"char","version":1,"chars":[97,97]})"
                                       << "appears twice";
        QTest::newRow("tokenizer too large")
            << "attentionlab.tokenizer"
            << R"({"kind":"char","version":1,"chars":[97,98,99,100,101,102,103,104,105]})"
            << "the tokenizer has 13 tokens but the model's vocabulary has 12";
        QTest::newRow("training bad") << "attentionlab.training"
                                      << R"({"steps":-1})"
                                      << "\"steps\" must be a non-negative integer";
    }

    void metadataDefects()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const std::string p = path("meta.safetensors");
        rewrite(m_good, p, [&](auto &, auto &, auto &meta) {
            if (value.isEmpty())
                meta.erase(key.toStdString());
            else
                meta[key.toStdString()] = value.toStdString();
        });
        expectError(p, expected);
    }

    void tensorDefects()
    {
        const std::string p = path("tensors.safetensors");
        // Shape disagreeing with the config, same element count: [12, 8] stored as [8, 12].
        rewrite(m_good, p, [](auto &, auto &, auto &) {});
        QVERIFY(loadModelFile(p).model); // the unchanged rewrite loads
        rewrite(m_good, p, [](auto &data, auto &shapes, auto &) {
            for (size_t i = 0; i < data.size(); ++i)
                if (data[i].first == "wte.weight")
                    shapes[i] = {8, 12};
        });
        expectError(
            p, "tensor \"wte.weight\" has shape [8, 12] in the file; the config needs [12, 8]");
        // A renamed tensor: unexpected, and the original missing.
        rewrite(m_good, p, [](auto &data, auto &, auto &) {
            for (auto &d : data)
                if (d.first == "ln_f.bias")
                    d.first = "ln_f.shift";
        });
        expectError(p, "unexpected tensor \"ln_f.shift\"");
        // A dropped tensor: the count no longer matches the config.
        rewrite(m_good, p, [](auto &data, auto &shapes, auto &) {
            data.pop_back();
            shapes.pop_back();
        });
        expectError(p, "parameters but the file's tensors hold");
        // GPT-2's attention-mask buffers are ignored.
        rewrite(m_good, p, [](auto &data, auto &shapes, auto &) {
            data.emplace_back("h.0.attn.bias", std::vector<float>(36, 1.0f));
            shapes.push_back({1, 1, 6, 6});
            data.emplace_back("h.0.attn.masked_bias", std::vector<float>{-1e4f});
            shapes.push_back({});
        });
        QVERIFY(loadModelFile(p).model);
    }

    void nanWeightsWarn()
    {
        const std::string p = path("nan.safetensors");
        rewrite(m_good, p, [](auto &data, auto &, auto &) {
            for (auto &d : data)
                if (d.first == "wte.weight") {
                    d.second[3] = std::nanf("");
                    d.second[4] = std::nanf("");
                    d.second[5] = INFINITY;
                }
        });
        const LoadedModel m = loadModelFile(p);
        QVERIFY(m.model);
        QCOMPARE(m.warnings.size(), size_t(1));
        QVERIFY2(QString::fromStdString(m.warnings[0])
                     .contains("\"wte.weight\" holds 2 NaN and 1 infinite"),
                 m.warnings[0].c_str());
        // The same notice as a template and arguments, for the app to translate.
        QCOMPARE(m.notices.size(), size_t(1));
        QVERIFY(m.notices[0].templ() != nullptr);
        QCOMPARE(std::string(m.notices[0].templ()),
                 std::string("tensor \"%1\" holds %2 NaN and %3 infinite values; the model's "
                             "outputs will not be finite"));
        QCOMPARE(m.notices[0].args().size(), size_t(3));
        QCOMPARE(m.notices[0].args()[0].text, std::string("wte.weight"));
        QCOMPARE(m.notices[0].args()[1].text, std::string("2"));
        QCOMPARE(m.notices[0].args()[2].text, std::string("1"));
        QCOMPARE(std::string(m.notices[0].what()), m.warnings[0]);
    }

    void noTokenizerWarns()
    {
        TransformerLM lm(tinyConfig(), 3);
        const std::string p = path("notok.safetensors");
        saveModelFile(p, lm, nullptr, {});
        const LoadedModel m = loadModelFile(p);
        QVERIFY(!m.tokenizer);
        QCOMPARE(m.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(m.warnings[0]).contains("no tokenizer"));
        QCOMPARE(m.notices.size(), size_t(1));
        QVERIFY(m.notices[0].templ() != nullptr);
        QCOMPARE(std::string(m.notices[0].what()), m.warnings[0]);
    }

    void failedSaveKeepsOldFile()
    {
        const std::string p = path("keep.safetensors");
        spit(p, slurp(m_good));
        TransformerLM other(tinyConfig(), 99);
        AtomicWriteOptions o;
        o.chunkBytes = 256;
        o.beforeChunk = [](std::uint64_t written) {
            if (written > 0)
                throw Error("simulated I/O error");
        };
        QVERIFY_THROWS_EXCEPTION(Error, saveModelFile(p, other, nullptr, {}, o));
        QCOMPARE(slurp(p), slurp(m_good));
        QVERIFY(loadModelFile(p).model);
    }

    void factory()
    {
        QVERIFY(std::find(modelKinds().begin(), modelKinds().end(), "lm") != modelKinds().end());
        auto m = createModel("lm", tinyConfig().toJson());
        QCOMPARE(m->kind(), std::string("lm"));
        QCOMPARE(modelConfig(*m)["n_embd"].get<int>(), 8);
        QVERIFY_THROWS_EXCEPTION(Error, createModel("nope", nlohmann::json::object()));
    }
};

QTEST_APPLESS_MAIN(TestModelFile)
#include "test_modelfile.moc"
