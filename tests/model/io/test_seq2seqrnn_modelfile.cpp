// A Seq2SeqRNN saved with saveModelFile and loaded with loadModelFile is the
// same model: same kind, config, weights, and the same decodes and trace.
#include "io/modelfile.h"
#include "models/seq2seqrnn.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

using namespace attn;

class TestSeq2SeqRNNModelFile : public QObject {
    Q_OBJECT

private slots:
    void roundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const auto cell : {RnnCell::GRU, RnnCell::LSTM}) {
            Seq2SeqRNNConfig c;
            c.vocab = 12;
            c.embedding = 5;
            c.hidden = 6;
            c.rnn = cell;
            c.attention =
                cell == RnnCell::GRU ? RnnAttentionKind::Additive : RnnAttentionKind::General;
            c.teacherForcing = 0.75f;
            Seq2SeqRNN m(c, 11);
            const std::string path = (dir.path() + "/s2s.safetensors").toStdString();
            TrainingSummary s;
            s.steps = 7;
            saveModelFile(path, m, nullptr, s);
            const LoadedModel loaded = loadModelFile(path);
            QCOMPARE(loaded.kind, std::string("seq2seq-rnn"));
            const auto *back = dynamic_cast<const Seq2SeqRNN *>(loaded.model.get());
            QVERIFY(back);
            QCOMPARE(back->config().toJson(), c.toJson());
            QCOMPARE(back->params().size(), m.params().size());
            QVERIFY(back->params().values() == m.params().values());
            for (const auto &src : {std::vector<TokenId>{5, 6, 7, 8}, std::vector<TokenId>{9},
                                    std::vector<TokenId>{4, 4, 11, 10, 5, 6}}) {
                for (int beam : {1, 3}) {
                    DecodeOptions o;
                    o.maxLength = 8;
                    o.beam = beam;
                    QCOMPARE(back->decode(src, o), m.decode(src, o));
                }
            }
            // A different seed gives a different model: the comparison can fail.
            Seq2SeqRNN other(c, 12);
            QVERIFY(!(other.params().values() == m.params().values()));
        }
    }
};

QTEST_APPLESS_MAIN(TestSeq2SeqRNNModelFile)
#include "test_seq2seqrnn_modelfile.moc"
