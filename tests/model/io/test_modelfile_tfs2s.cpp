// Save/load round trips of the Transformer seq2seq and the attention classifier:
// the loaded model gives identical outputs.
#include "core/rng.h"
#include "io/modelfile.h"
#include "models/attentionclassifier.h"
#include "models/transformerseq2seq.h"
#include "tokenizers/chartokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace attn;

namespace {

void randomize(Model &m, std::uint64_t seed)
{
    Rng rng(seed);
    for (Index i = 0; i < m.params().size(); ++i)
        m.params().values()(i) = 0.3f * rng.normal();
}

} // namespace

class TestModelFileTfs2s : public QObject {
    Q_OBJECT
private slots:
    void seq2seqRoundTrip()
    {
        QTemporaryDir dir;
        TransformerSeq2SeqConfig c;
        c.vocab = 12;
        c.max_source = 8;
        c.max_target = 9;
        c.d_model = 16;
        c.n_heads = 2;
        c.encoder_layers = 2;
        c.decoder_layers = 1;
        c.positions = PositionKind::Learned;
        TransformerSeq2Seq m(c, 3);
        randomize(m, 4);
        m.setTraining(false);
        const auto tok = CharTokenizer::build("abcdefgh");
        const std::string path = dir.filePath("s2s.safetensors").toStdString();
        saveModelFile(path, m, &tok, {});
        LoadedModel loaded = loadModelFile(path);
        QCOMPARE(loaded.kind, std::string("seq2seq-transformer"));
        QVERIFY(loaded.tokenizer);
        auto *back = dynamic_cast<TransformerSeq2Seq *>(loaded.model.get());
        QVERIFY(back);
        QCOMPARE(back->config().toJson(), c.toJson());
        QVERIFY(back->params().values() == m.params().values());
        back->setTraining(false);
        const std::vector<TokenId> src = {4, 5, 6, 7, 8};
        DecodeOptions o;
        o.maxLength = 6;
        QCOMPARE(back->decode(src, o), m.decode(src, o));
        o.beam = 3;
        QCOMPARE(back->decode(src, o), m.decode(src, o));
        Batch one;
        one.batch = 1;
        one.sourceLength = 5;
        one.source = src;
        one.sourceLengths = {5};
        one.length = 3;
        one.inputs = {1, 9, 10};
        one.targets = {9, 10, 2};
        QCOMPARE(back->forward(one).loss, m.forward(one).loss);
        QVERIFY(back->trace(one).logits == m.trace(one).logits);
    }

    void classifierRoundTrip_data()
    {
        QTest::addColumn<QString>("encoder");
        QTest::newRow("transformer") << "transformer";
        QTest::newRow("bigru") << "bigru";
        QTest::newRow("bilstm") << "bilstm";
    }
    void classifierRoundTrip()
    {
        QFETCH(QString, encoder);
        QTemporaryDir dir;
        AttentionClassifierConfig c;
        c.vocab = 12;
        c.classes = 3;
        c.max_length = 10;
        c.d_model = 8;
        c.n_heads = 2;
        c.hidden = 6;
        c.attention_dim = 5;
        c.encoder = parseClassifierEncoder(encoder.toStdString());
        AttentionClassifier m(c, 3);
        randomize(m, 5);
        const auto tok = CharTokenizer::build("abcdefgh");
        const std::string path = dir.filePath("cls.safetensors").toStdString();
        saveModelFile(path, m, &tok, {});
        LoadedModel loaded = loadModelFile(path);
        QCOMPARE(loaded.kind, std::string("classifier"));
        auto *back = dynamic_cast<AttentionClassifier *>(loaded.model.get());
        QVERIFY(back);
        QCOMPARE(back->config().toJson(), c.toJson());
        const std::vector<TokenId> src = {4, 9, 6, 11};
        QCOMPARE(back->predict(src), m.predict(src));
        Batch one;
        one.batch = 1;
        one.sourceLength = 4;
        one.source = src;
        one.sourceLengths = {4};
        QVERIFY(back->trace(one).find("pool")->heads[0].weights ==
                m.trace(one).find("pool")->heads[0].weights);
    }
};

QTEST_MAIN(TestModelFileTfs2s)
#include "test_modelfile_tfs2s.moc"
