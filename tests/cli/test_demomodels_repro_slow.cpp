// The committed demo models resources/models/{reverse,sentiment-classifier,dates-bahdanau}
// .safetensors are what scripts/make-demo-models.sh builds: the script's own recipe (read
// with --print, so test and script cannot drift apart) is trained again into a temporary directory
// and the result must be byte-identical to the committed file. Training is deterministic for a
// fixed seed and thread count, and a model file holds no time stamp, so nothing is excluded from
// the comparison. When the bytes differ the test also names the first tensor or metadata key
// that differs, to tell a numeric drift (engine changed) from a format change.
#include "cli.h"

#include "io/modelfile.h"
#include "io/safetensors.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

using namespace attn;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = fs::path(ATTNLAB_SOURCE_DIR);

std::string readBytes(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> splitWords(const std::string &line)
{
    std::istringstream in(line);
    std::vector<std::string> words;
    for (std::string w; in >> w;)
        words.push_back(w);
    return words;
}

} // namespace

class TestDemoModelsRepro : public QObject {
    Q_OBJECT

private slots:
    void recipeReproducesTheCommittedFile_data()
    {
        QTest::addColumn<QString>("model");
        // The three quick ones (the character LMs take minutes each on one thread).
        QTest::newRow("reverse") << "reverse";
        QTest::newRow("sentiment-classifier") << "sentiment-classifier";
        QTest::newRow("dates-bahdanau") << "dates-bahdanau";
    }

    void recipeReproducesTheCommittedFile()
    {
        QFETCH(QString, model);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        // The recipe as the script prints it, with --out pointing into the temp dir.
        QProcess script;
        script.setWorkingDirectory(QString::fromStdString(kSource.string()));
        script.start("bash",
                     {QString::fromStdString((kSource / "scripts/make-demo-models.sh").string()),
                      "--print", "--only", model, "--out", dir.path()});
        QVERIFY(script.waitForFinished(30000));
        QCOMPARE(script.exitCode(), 0);
        const QStringList lines =
            QString::fromUtf8(script.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        std::vector<std::string> argv = splitWords(lines[0].toStdString());
        QVERIFY(argv.size() > 4);
        QCOMPARE(argv[0], std::string("attentionlab-cli"));
        QCOMPARE(argv[1], std::string("train"));
        const auto outIt = std::find(argv.begin(), argv.end(), "--out");
        QVERIFY(outIt != argv.end() && outIt + 1 != argv.end());
        const fs::path produced = *(outIt + 1);
        QCOMPARE(produced.parent_path().string(), dir.path().toStdString());
        QVERIFY(std::find(argv.begin(), argv.end(), "--threads") != argv.end());
        QVERIFY(std::find(argv.begin(), argv.end(), "--seed") != argv.end());

        // The recipes name their data relative to the repository root, as the script runs
        // them.
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(QString::fromStdString(kSource.string())));
        std::ostringstream out, err;
        const int code = cli::run(argv, out, err);
        QDir::setCurrent(before);
        QVERIFY2(code == 0, err.str().c_str());
        qInfo("%s", out.str().c_str());

        const fs::path committed =
            kSource / "resources/models" / (model.toStdString() + ".safetensors");
        const std::string a = readBytes(committed);
        const std::string b = readBytes(produced);
        QVERIFY(!a.empty());
        if (a == b)
            return;

        // Not identical: say where, tensor by tensor and key by key.
        const LoadedModel ma = loadModelFile(committed.string());
        const LoadedModel mb = loadModelFile(produced.string());
        for (const auto &[key, value] : ma.metadata) {
            const auto it = mb.metadata.find(key);
            QVERIFY2(it != mb.metadata.end(), ("metadata key missing: " + key).c_str());
            QVERIFY2(it->second == value, ("metadata differs: " + key + "\ncommitted: " + value +
                                           "\nrebuilt:   " + it->second)
                                              .c_str());
        }
        QCOMPARE(ma.metadata.size(), mb.metadata.size());
        const auto &pa = ma.model->params();
        const auto &pb = mb.model->params();
        QCOMPARE(pa.size(), pb.size());
        for (int id = 0; id < pa.count(); ++id) {
            const std::string &name = pa.entry(id).name;
            const int other = pb.find(name);
            QVERIFY2(other >= 0, ("tensor missing: " + name).c_str());
            const auto va = pa.valueVec(id);
            const auto vb = pb.valueVec(other);
            QCOMPARE(va.size(), vb.size());
            QVERIFY2(std::memcmp(va.data(), vb.data(),
                                 sizeof(float) * static_cast<std::size_t>(va.size())) == 0,
                     ("tensor differs: " + name +
                      " (rerun scripts/make-demo-models.sh after an engine change)")
                         .c_str());
        }
        QFAIL("files differ in layout although every tensor and metadata value is equal");
    }
};

QTEST_APPLESS_MAIN(TestDemoModelsRepro)
#include "test_demomodels_repro_slow.moc"
