// WalkthroughView on hand-made traces: keyboard navigation (Left, Right, Space, Home,
// End), selection, precision, the unscaled toggle, every displayed number against the
// trace (worked out in test_walkthrough_check.h), additive attention, the PDF slides
// (one page per step, pdftotext finds the weights) and run-time translation.
#include "test_walkthrough_check.h"
#include "walkthrough/walkthroughcanvas.h"
#include "walkthrough/walkthroughexport.h"
#include "walkthrough/walkthroughtokenstrip.h"
#include "walkthrough/walkthroughview.h"

#include <QCheckBox>

#include <QComboBox>
#include <QPdfWriter>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include <cmath>

using namespace attn;

namespace {

class UpperTranslator : public QTranslator {
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        const QByteArray c(context);
        return c == "attn::WalkthroughView" || c == "attn::WalkthroughBuilder"
                   ? QString::fromUtf8(source).toUpper()
                   : QString();
    }
};

// A full 3-token, 2-head block (C = 4, d_k = 2) whose derived values follow from simple
// rules: embeddings e_r[c] = 0.1 (r + 1) (c + 1), positions 0.01 c, X = e + p (no norm),
// W_Q/W_K/W_V slices with small integers, scores = q.k, softmax, out = weights.v, W_O = I
// and zero bias, residualOut = residualIn + out.
AttentionTrace fullTrace()
{
    const int T = 3, C = 4, H = 2, D = 2;
    AttentionTrace t;
    t.queryTokens = t.keyTokens = {"the", "cat", "sat"};
    t.tokenEmbeddings.resize(T, C);
    t.positionEmbeddings.resize(T, C);
    for (int r = 0; r < T; ++r)
        for (int c = 0; c < C; ++c) {
            t.tokenEmbeddings(r, c) = 0.1f * float((r + 1) * (c + 1));
            t.positionEmbeddings(r, c) = 0.01f * float(c);
        }
    AttentionBlockTrace b;
    b.name = "layers.0.attn";
    b.scale = float(1 / std::sqrt(2.0));
    b.mask.resize(T, T);
    b.mask << 0, 1, 1, 0, 0, 1, 0, 0, 0;
    b.residualIn = t.tokenEmbeddings + t.positionEmbeddings;
    b.x = b.residualIn;
    b.concat.resize(T, C);
    for (int h = 0; h < H; ++h) {
        MatRM wq(C, D), wk(C, D), wv(C, D);
        for (int r = 0; r < C; ++r)
            for (int c = 0; c < D; ++c) {
                wq(r, c) = float((r + c + h) % 3) - 1;
                wk(r, c) = float((r * 2 + c + h) % 3) - 1;
                wv(r, c) = float((r + 2 * c + h) % 4) * 0.5f;
            }
        HeadTrace ht;
        ht.q = b.x * wq;
        ht.k = b.x * wk;
        ht.v = b.x * wv;
        ht.scores = ht.q * ht.k.transpose();
        ht.scaled = ht.scores * b.scale;
        ht.weights = MatRM::Zero(T, T);
        for (int r = 0; r < T; ++r) {
            double sum = 0;
            for (int c = 0; c <= r; ++c)
                sum += std::exp(double(ht.scaled(r, c)));
            for (int c = 0; c <= r; ++c)
                ht.weights(r, c) = float(std::exp(double(ht.scaled(r, c))) / sum);
        }
        ht.out = ht.weights * ht.v;
        b.concat.middleCols(h * D, D) = ht.out;
        b.heads.push_back(ht);
        b.wq.push_back(wq);
        b.wk.push_back(wk);
        b.wv.push_back(wv);
    }
    b.wo = MatRM::Identity(C, C);
    b.out = b.concat;
    b.residualOut = b.residualIn + b.out;
    t.blocks.push_back(b);
    return t;
}

// Luong's general attention, Tq = 2 decoder states s (Dq = 2), Tk = 3 encoder states h
// (Dk = 3, the last one padding): W (2, 3), Wh = h W^T, e = s . Wh, softmax over the two
// real keys, c = a . h.
AttentionTrace generalTrace()
{
    AttentionTrace t;
    t.queryTokens = {"<bos>", "x"};
    t.keyTokens = {"a", "b", "<pad>"};
    AttentionBlockTrace b;
    b.name = "cross";
    b.role = AttentionRole::Cross;
    b.kind = ScoreKind::General;
    b.mask = MatRM::Zero(2, 3);
    b.mask.col(2).setOnes();
    HeadTrace h;
    h.q = (MatRM(2, 2) << 0.5f, -1, 1.5f, 0.25f).finished();
    h.k = (MatRM(3, 3) << 1, 0, 2, -1, 1, 0, 0.5f, 0.5f, 0.5f).finished();
    h.v = h.k;
    const MatRM w = (MatRM(2, 3) << 0.2f, -0.4f, 0.6f, 1, 0.5f, -0.3f).finished();
    MatRM wh(3, 2);
    for (int r = 0; r < 3; ++r)
        for (int a = 0; a < 2; ++a) {
            double sum = 0;
            for (int d = 0; d < 3; ++d)
                sum += double(w(a, d)) * double(h.k(r, d));
            wh(r, a) = float(sum);
        }
    h.extras["W"] = w;
    h.extras["Wh"] = wh;
    h.scores.resize(2, 3);
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 3; ++c)
            h.scores(r, c) = h.q(r, 0) * wh(c, 0) + h.q(r, 1) * wh(c, 1);
    h.scaled = h.scores;
    h.weights = MatRM::Zero(2, 3);
    for (int r = 0; r < 2; ++r) {
        const double e0 = std::exp(double(h.scores(r, 0))), e1 = std::exp(double(h.scores(r, 1)));
        h.weights(r, 0) = float(e0 / (e0 + e1));
        h.weights(r, 1) = float(e1 / (e0 + e1));
    }
    h.out = h.weights * h.v;
    b.x = h.q;
    b.heads.push_back(h);
    t.blocks.push_back(b);
    return t;
}

} // namespace

class TestWalkthroughView : public QObject {
    Q_OBJECT
private slots:
    void withoutTraceSaysSo()
    {
        WalkthroughView v;
        QCOMPARE(v.stepCount(), 0);
        QVERIFY(!v.errorText().isEmpty());
        QVERIFY(v.currentPage().items.isEmpty());
        QVERIFY(!v.exportPdf(QStringLiteral("/nonexistent/x.pdf")));
    }

    void keyboardNavigation()
    {
        WalkthroughView v;
        v.setTrace(fullTrace());
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QCOMPARE(v.stepCount(), 8);
        QSignalSpy spy(&v, &WalkthroughView::stepChanged);
        QCOMPARE(v.step(), 0);
        QTest::keyClick(&v, Qt::Key_Left); // stays at the first step
        QCOMPARE(v.step(), 0);
        QTest::keyClick(&v, Qt::Key_Right);
        QCOMPARE(v.step(), 1);
        QTest::keyClick(&v, Qt::Key_Right);
        QTest::keyClick(&v, Qt::Key_Right);
        QCOMPARE(v.step(), 3);
        QTest::keyClick(&v, Qt::Key_Left);
        QCOMPARE(v.step(), 2);
        QTest::keyClick(&v, Qt::Key_End);
        QCOMPARE(v.step(), 7);
        QTest::keyClick(&v, Qt::Key_Right); // stays at the last step
        QCOMPARE(v.step(), 7);
        QTest::keyClick(&v, Qt::Key_Home);
        QCOMPARE(v.step(), 0);
        QCOMPARE(spy.count(), 6);
        QCOMPARE(spy.last().at(0).toInt(), 0);
        QVERIFY(v.currentPage().title.contains(QStringLiteral("Step 1 of 8")));
        // Space plays, and Space again pauses.
        QTest::keyClick(&v, Qt::Key_Space);
        QVERIFY(v.playing());
        QTest::keyClick(&v, Qt::Key_Space);
        QVERIFY(!v.playing());
        // Up and Down move the query and keep the step; they stop at the ends.
        v.setStep(3);
        QCOMPARE(v.query(), 0);
        QTest::keyClick(&v, Qt::Key_Down);
        QCOMPARE(v.query(), 1);
        QTest::keyClick(&v, Qt::Key_Down);
        QTest::keyClick(&v, Qt::Key_Down);
        QCOMPARE(v.query(), 2);
        QTest::keyClick(&v, Qt::Key_Up);
        QCOMPARE(v.query(), 1);
        QCOMPARE(v.step(), 3);
        QTest::keyClick(&v, Qt::Key_Up);
        QTest::keyClick(&v, Qt::Key_Up);
        QCOMPARE(v.query(), 0);
        // Clicking a token leaves the keyboard with the view.
        v.setFocus();
        WalkthroughTokenStrip *strip = v.tokenStrip();
        QTest::mouseClick(strip, Qt::LeftButton, {}, strip->tokenRect(2).center());
        QCOMPARE(v.query(), 2);
        QTest::keyClick(&v, Qt::Key_Left);
        QCOMPARE(v.step(), 2);
        QTest::keyClick(&v, Qt::Key_Up);
        QCOMPARE(v.query(), 1);
        // Jump from the step list.
        auto *box = v.findChild<QComboBox *>();
        QVERIFY(box);
        QCOMPARE(box->count(), 8);
        box->setCurrentIndex(5);
        emit box->activated(5);
        QCOMPARE(v.step(), 5);
        QVERIFY(v.currentPage().title.contains(QStringLiteral("Softmax")));
    }

    void clickingATokenPicksTheQuery()
    {
        const AttentionTrace t = fullTrace();
        WalkthroughView v;
        v.setTrace(t);
        v.resize(800, 600);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setStep(5);
        WalkthroughTokenStrip *strip = v.tokenStrip();
        QCOMPARE(strip->tokens(), (QStringList{"the", "cat", "sat"}));
        QSignalSpy spy(&v, &WalkthroughView::selectionChanged);
        QTest::mouseClick(strip, Qt::LeftButton, {}, strip->tokenRect(1).center());
        QCOMPARE(v.query(), 1);
        QCOMPARE(strip->query(), 1);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(2).toInt(), 1);
        // The query list follows, and the page is query 1's.
        auto *queryBox = v.findChildren<QComboBox *>().at(2);
        QCOMPARE(queryBox->currentIndex(), 1);
        QVERIFY(v.currentPage().title.contains(QStringLiteral("Softmax")));
        QVERIFY(v.currentPage().plainText().contains(QStringLiteral("query 1")));
        // A right click (or Shift+click) picks the key; a key masked for the query moves to a
        // visible one, as with the list.
        QTest::mouseClick(strip, Qt::RightButton, {}, strip->tokenRect(0).center());
        QCOMPARE(v.key(), 0);
        QCOMPARE(v.query(), 1);
        QTest::mouseClick(strip, Qt::LeftButton, Qt::ShiftModifier, strip->tokenRect(1).center());
        QCOMPARE(v.key(), 1);
        QCOMPARE(v.query(), 1);
        v.setQuery(0);
        QTest::mouseClick(strip, Qt::RightButton, {}, strip->tokenRect(2).center());
        QCOMPARE(v.key(), 0);
        // Between the chips nothing happens.
        const QPoint gap((strip->tokenRect(0).right() + strip->tokenRect(1).left()) / 2 + 1,
                         strip->tokenRect(0).center().y());
        QCOMPARE(strip->tokenAt(gap), -1);
        QTest::mouseClick(strip, Qt::LeftButton, {}, gap);
        QCOMPARE(v.query(), 0);
        // The token labels in the page pick too: a query row of Q (step 2), a key column
        // of the softmax table (step 6).
        auto *canvas = qobject_cast<WalkthroughCanvas *>(v.canvas());
        QVERIFY(canvas);
        auto clickLabel = [&](int query, int key) {
            for (const WtHit &h : canvas->hits())
                if ((query >= 0 && h.query == query) || (key >= 0 && h.key == key)) {
                    QTest::mouseClick(canvas, Qt::LeftButton, {}, h.rect.center().toPoint());
                    return true;
                }
            return false;
        };
        v.setStep(1);
        QVERIFY(clickLabel(2, -1));
        QCOMPARE(v.query(), 2);
        QCOMPARE(v.step(), 1);
        v.setStep(5);
        QVERIFY(clickLabel(-1, 1));
        QCOMPARE(v.key(), 1);
        QCOMPARE(v.query(), 2);
        QVERIFY(clickLabel(-1, 0));
        QCOMPARE(v.key(), 0);
        v.setQuery(0);
        // Cross attention: the strip holds the queries; a right click does not pick a key
        // from them (the keys are other tokens).
        v.setTrace(generalTrace());
        QCOMPARE(strip->tokens(), (QStringList{"<bos>", "x"}));
        QTest::mouseClick(strip, Qt::LeftButton, {}, strip->tokenRect(1).center());
        QCOMPARE(v.query(), 1);
        v.setKey(1);
        QTest::mouseClick(strip, Qt::RightButton, {}, strip->tokenRect(0).center());
        QCOMPARE(v.key(), 1);
    }

    void fitsANarrowTab()
    {
        // Next to the main window's docks the tab is ~800 px wide: every control must fit
        // without a sideways scroll, with long block names, tokens and step names.
        AttentionTrace t = fullTrace();
        t.blocks[0].name = "decoder.layers.11.cross_attention";
        t.queryTokens = t.keyTokens = {"internationalization", "cat", "sat"};
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("upper")}) {
            UpperTranslator upper;
            if (lang == QLatin1String("upper"))
                QCoreApplication::installTranslator(&upper);
            WalkthroughView v;
            v.setTrace(t);
            qInfo("%s: minimum width %d px", qPrintable(lang), v.minimumSizeHint().width());
            QVERIFY2(v.minimumSizeHint().width() <= 800,
                     qPrintable(QString::number(v.minimumSizeHint().width())));
            v.resize(800, 600);
            v.show();
            QVERIFY(QTest::qWaitForWindowExposed(&v));
            const QList<QWidget *> controls = v.findChildren<QWidget *>();
            int checked = 0;
            for (QWidget *w : controls) {
                if (w->parentWidget() != &v || !w->isVisible())
                    continue;
                const QRect g = w->geometry();
                QVERIFY2(g.left() >= 0 && g.right() < 800,
                         qPrintable(w->metaObject()->className() + QStringLiteral(" at ") +
                                    QString::number(g.left()) + QStringLiteral("..") +
                                    QString::number(g.right())));
                QVERIFY(g.width() > 0);
                ++checked;
            }
            QVERIFY(checked >= 17); // 3 buttons, 5 lists/spins, 6 labels, box, export, strip
            QCoreApplication::removeTranslator(&upper);
        }
    }

    void noSidewaysScrollInATab()
    {
        // In a scroll area as the main window's tab holds it, at 900x700 (next to docks)
        // and 1280x800: no horizontal scroll bar on any step. With WALK_SHOTS set, the
        // pictures are saved there to be looked at.
        const QString shots = qEnvironmentVariable("WALK_SHOTS");
        for (const QSize size : {QSize(900, 700), QSize(1280, 800)}) {
            QScrollArea area;
            area.setWidgetResizable(true);
            area.setFrameShape(QFrame::NoFrame);
            auto *v = new WalkthroughView;
            area.setWidget(v);
            v->setTrace(fullTrace());
            v->setHead(1);
            v->setQuery(2);
            v->setKey(1);
            area.resize(size);
            area.show();
            QVERIFY(QTest::qWaitForWindowExposed(&area));
            for (int s = 0; s < v->stepCount(); ++s) {
                v->setStep(s);
                QTest::qWait(20);
                QVERIFY(!area.horizontalScrollBar()->isVisible());
                if (!shots.isEmpty() && (s == 1 || s == 5))
                    QVERIFY(area.grab().save(QStringLiteral("%1/view%2x%3-step%4.png")
                                                 .arg(shots)
                                                 .arg(size.width())
                                                 .arg(size.height())
                                                 .arg(s + 1)));
            }
        }
    }

    void playAdvancesAndStopsAtTheEnd()
    {
        WalkthroughView v;
        v.setTrace(fullTrace());
        v.setStep(6);
        v.setPlaying(true);
        QTRY_COMPARE_WITH_TIMEOUT(v.step(), 7, 6000);
        QTRY_VERIFY_WITH_TIMEOUT(!v.playing(), 6000);
    }

    void everyNumberMatchesTheTrace_data()
    {
        QTest::addColumn<int>("head");
        QTest::addColumn<int>("query");
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("precision");
        QTest::newRow("h0 q2 k1 p4") << 0 << 2 << 1 << 4;
        QTest::newRow("h1 q0 k0 p2 (two keys masked)") << 1 << 0 << 0 << 2;
        QTest::newRow("h1 q1 k0 p6") << 1 << 1 << 0 << 6;
    }
    void everyNumberMatchesTheTrace()
    {
        QFETCH(int, head);
        QFETCH(int, query);
        QFETCH(int, key);
        QFETCH(int, precision);
        const AttentionTrace t = fullTrace();
        WalkthroughView v;
        v.setTrace(t);
        v.setHead(head);
        v.setQuery(query);
        v.setKey(key);
        v.setPrecision(precision);
        QCOMPARE(v.head(), head);
        QCOMPARE(v.query(), query);
        QCOMPARE(v.key(), key);
        const wtcheck::Resolver res(t, {"layers.0.attn", head, query, key});
        for (bool unscaled : {false, true}) {
            v.setShowUnscaled(unscaled);
            for (int s = 0; s < v.stepCount(); ++s) {
                const wtcheck::Result r = wtcheck::checkPage(v.page(s), res, precision);
                if (!r.failures.isEmpty())
                    qWarning() << v.page(s).title << r.failures;
                QVERIFY(r.failures.isEmpty());
                QVERIFY(r.checked > 0);
            }
        }
        // Numbers really are shown with the chosen number of decimals.
        v.setStep(5);
        bool found = false;
        for (const WtCell &c : v.currentPage().cells())
            if (c.source.startsWith(QLatin1String("weights:"))) {
                found = true;
                QCOMPARE(c.text.section(QLatin1Char('.'), 1).size(), precision);
            }
        QVERIFY(found);
    }

    void theCheckCanFail()
    {
        // The same pages against a trace with one weight and one key entry changed: the
        // check must notice both.
        const AttentionTrace t = fullTrace();
        WalkthroughView v;
        v.setTrace(t);
        v.setQuery(2);
        v.setKey(1);
        AttentionTrace wrong = t;
        wrong.blocks[0].heads[0].weights(2, 1) += 0.01f;
        wrong.blocks[0].heads[0].k(1, 0) += 0.01f;
        const wtcheck::Resolver res(wrong, {"layers.0.attn", 0, 2, 1});
        int failures = 0;
        for (int s = 0; s < v.stepCount(); ++s)
            failures += int(wtcheck::checkPage(v.page(s), res, 4).failures.size());
        QVERIFY(failures >= 4);
    }

    void maskStepExplainsTheCausalMask()
    {
        WalkthroughView v;
        v.setTrace(fullTrace());
        v.setQuery(0);
        v.setStep(4);
        const QString text = v.currentPage().plainText();
        QVERIFY(text.contains(QStringLiteral("Causal")));
        QVERIFY(text.contains(QStringLiteral("−∞")));
        v.setQuery(2);
        QVERIFY(v.currentPage().plainText().contains(QStringLiteral("No key is masked")));
    }

    void aMaskedKeyMovesToAVisibleOne()
    {
        WalkthroughView v;
        v.setTrace(fullTrace());
        v.setQuery(0);
        v.setKey(2); // masked for query 0
        QCOMPARE(v.key(), 0);
    }

    void unscaledToggleShowsTheUnscaledSoftmax()
    {
        const AttentionTrace t = fullTrace();
        WalkthroughView v;
        v.setTrace(t);
        v.setQuery(2);
        v.setStep(3);
        auto barsSource = [&] {
            for (const WtItem &it : v.currentPage().items)
                if (it.kind == WtItem::Kind::Bars)
                    return it.bars.texts.value(0).source;
            return QString();
        };
        QCOMPARE(barsSource(), QStringLiteral("weights:2"));
        v.setShowUnscaled(true);
        QCOMPARE(barsSource(), QStringLiteral("unscaled"));
    }

    void additiveAttention()
    {
        AttentionTrace t;
        t.queryTokens = {"<bos>", "x"};
        t.keyTokens = {"a", "b", "c"};
        AttentionBlockTrace b;
        b.name = "cross";
        b.role = AttentionRole::Cross;
        b.kind = ScoreKind::Additive;
        b.mask = MatRM::Zero(2, 3);
        b.mask(0, 2) = 1; // padding
        HeadTrace h;
        h.q = (MatRM(2, 2) << 0.1f, 0.2f, 0.3f, 0.4f).finished();
        h.k = (MatRM(3, 2) << 1, 0, 0, 1, 1, 1).finished();
        h.v = h.k;
        h.extras["Ws"] = (MatRM(2, 2) << 0.5f, -0.5f, 0, 1).finished();
        h.extras["Uh"] = (MatRM(3, 2) << 0.5f, 0.5f, -0.5f, 0.5f, 0, 0).finished();
        h.extras["v"] = (MatRM(1, 2) << 2, 1).finished();
        h.scores.resize(2, 3);
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 3; ++c) {
                double e = 0;
                for (int a = 0; a < 2; ++a)
                    e += h.extras["v"](0, a) *
                         std::tanh(double(h.extras["Ws"](r, a) + h.extras["Uh"](c, a)));
                h.scores(r, c) = float(e);
            }
        h.scaled = h.scores;
        h.weights = MatRM::Zero(2, 3);
        for (int r = 0; r < 2; ++r) {
            const int n = r == 0 ? 2 : 3;
            double sum = 0;
            for (int c = 0; c < n; ++c)
                sum += std::exp(double(h.scores(r, c)));
            for (int c = 0; c < n; ++c)
                h.weights(r, c) = float(std::exp(double(h.scores(r, c))) / sum);
        }
        h.out = h.weights * h.v;
        b.heads.push_back(h);
        t.blocks.push_back(b);

        WalkthroughView v;
        v.setTrace(t);
        QCOMPARE(v.stepCount(), 6);
        for (int q : {0, 1}) {
            v.setQuery(q);
            v.setKey(1);
            const wtcheck::Resolver res(t, {"cross", 0, q, 1});
            for (int s = 0; s < v.stepCount(); ++s) {
                const wtcheck::Result r = wtcheck::checkPage(v.page(s), res, 4);
                if (!r.failures.isEmpty())
                    qWarning() << v.page(s).title << r.failures;
                QVERIFY(r.failures.isEmpty());
                QVERIFY(r.checked > 0);
            }
        }
        v.setQuery(0);
        v.setStep(3);
        QVERIFY(v.currentPage().plainText().contains(QStringLiteral("Padding")));
    }

    void generalAttention()
    {
        const AttentionTrace t = generalTrace();
        WalkthroughView v;
        v.setTrace(t);
        // Input, W h_j, scores, mask, softmax, context: no scale, no multi-head.
        QCOMPARE(v.stepCount(), 6);
        for (int q : {0, 1})
            for (int k : {0, 1}) {
                v.setQuery(q);
                v.setKey(k);
                const wtcheck::Resolver res(t, {"cross", 0, q, k});
                QSet<QString> sources;
                for (int s = 0; s < v.stepCount(); ++s) {
                    const wtcheck::Result r = wtcheck::checkPage(v.page(s), res, 4);
                    if (!r.failures.isEmpty())
                        qWarning() << v.page(s).title << r.failures;
                    QVERIFY(r.failures.isEmpty());
                    QVERIFY(r.checked > 0);
                    for (const WtCell &c : v.page(s).cells())
                        sources << c.source.section(QLatin1Char(':'), 0, 0);
                }
                // Every step of s^T W h is shown: W, h_j, W h_j worked out and as traced,
                // the products, their sum, the softmax and the context.
                for (const char *want :
                     {"W", "k", "wh", "Wh", "q", "terms", "termSum", "scores", "softmax.exps",
                      "softmax.sum", "weights", "contrib", "z", "out"})
                    QVERIFY2(sources.contains(QLatin1String(want)), want);
            }
        // By hand, query 1 and key 0: W h_0 = (0.2 + 1.2, 1 - 0.6) = (1.4, 0.4);
        // e = 1.5 * 1.4 + 0.25 * 0.4 = 2.2.
        v.setQuery(1);
        v.setKey(0);
        v.setStep(2);
        QVERIFY(v.currentPage().title.contains(QStringLiteral("W·h_j")));
        bool sum = false;
        for (const WtCell &c : v.currentPage().cells())
            if (c.source == QLatin1String("termSum"))
                sum = c.text == QLatin1String("2.2000");
        QVERIFY(sum);
        v.setStep(1);
        QStringList wh;
        for (const WtCell &c : v.currentPage().cells())
            if (c.source == QLatin1String("wh"))
                wh << c.text;
        QCOMPARE(wh, (QStringList{"1.4000", "0.4000"}));
        v.setStep(3);
        QVERIFY(v.currentPage().plainText().contains(QStringLiteral("Padding")));
        QVERIFY(!v.findChildren<QCheckBox *>().at(0)->isEnabled()); // no √d_k to toggle
    }

    void generalAttentionCheckCanFail()
    {
        // A wrong step is caught: the trace's W h_j off by 0.01 in one entry (so that it
        // no longer equals W h_j), and separately a wrong score.
        const AttentionTrace t = generalTrace();
        WalkthroughView v;
        v.setTrace(t);
        v.setQuery(1);
        v.setKey(1);
        auto failuresAgainst = [&](const AttentionTrace &wrong) {
            const wtcheck::Resolver res(wrong, {"cross", 0, 1, 1});
            int n = 0;
            for (int s = 0; s < v.stepCount(); ++s)
                n += int(wtcheck::checkPage(v.page(s), res, 4).failures.size());
            return n;
        };
        QCOMPARE(failuresAgainst(t), 0);
        AttentionTrace badW = t;
        badW.blocks[0].heads[0].extras["W"](0, 1) += 0.01f;
        QVERIFY(failuresAgainst(badW) >= 3); // W shown, W h_j twice, terms
        AttentionTrace badScore = t;
        badScore.blocks[0].heads[0].scores(1, 1) += 0.01f;
        QVERIFY(failuresAgainst(badScore) >= 2);
    }

    void longVectorsAreElided()
    {
        // d_k = 64 as in GPT-2: the term-by-term table shows at most 12 terms plus "…",
        // and always the sum of all 64.
        AttentionTrace t = fullTrace();
        HeadTrace &h = t.blocks[0].heads[0];
        h.q = MatRM::Constant(3, 64, 0.5f);
        h.k = MatRM::Constant(3, 64, 0.25f);
        h.scores = h.q * h.k.transpose();
        h.scaled = h.scores * float(1 / 8.0);
        t.blocks[0].scale = 1 / 8.0f;
        t.blocks[0].wq.clear(); // no projection weights: step 2 shows Q, K, V only
        WalkthroughView v;
        v.setTrace(t);
        v.setQuery(2);
        v.setStep(2);
        const WtPage p = v.currentPage();
        const WtTable &terms = p.items[0].table;
        QVERIFY(terms.rows[0].size() <= 14); // label, at most 12 terms, "…"
        QVERIFY(p.plainText().contains(QStringLiteral("…")));
        // sum of 64 terms 0.5 * 0.25 = 8
        bool sumShown = false;
        for (const WtCell &c : p.cells())
            if (c.source == QLatin1String("termSum"))
                sumShown = c.text == QLatin1String("8.0000");
        QVERIFY(sumShown);
    }

    void pdfOnePagePerStep()
    {
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QFAIL("pdftotext is missing: install poppler-utils");
        const AttentionTrace t = fullTrace();
        WalkthroughView v;
        v.setTrace(t);
        v.setHead(1);
        v.setQuery(2);
        v.setPrecision(3);
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("w.pdf"));
        QString error;
        QVERIFY2(v.exportPdf(pdf, &error), qPrintable(error));
        QProcess p;
        p.start(pdftotext, {pdf, QStringLiteral("-")});
        QVERIFY(p.waitForFinished(30000));
        const QString txt = QString::fromUtf8(p.readAllStandardOutput());
        QCOMPARE(txt.count(QLatin1Char('\f')), 8);
        for (int c = 0; c < 3; ++c) {
            const QString w = QString::number(double(t.blocks[0].heads[1].weights(2, c)), 'f', 3);
            QVERIFY2(txt.contains(w), qPrintable(w));
        }
        QVERIFY(v.exportPng(0, dir.filePath(QStringLiteral("s1.png")), &error));
        QVERIFY(!QImage(dir.filePath(QStringLiteral("s1.png"))).isNull());
        QVERIFY(!v.exportPng(8, dir.filePath(QStringLiteral("s9.png")), &error));
        QVERIFY(!v.exportPdf(QStringLiteral("/nonexistent-dir/w.pdf"), &error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent-dir/w.pdf")));
    }

    void retranslatesAtRunTime()
    {
        WalkthroughView v;
        v.setTrace(fullTrace());
        v.setStep(5);
        UpperTranslator upper;
        QCoreApplication::installTranslator(&upper);
        QVERIFY(v.currentPage().title.contains(QStringLiteral("STEP 6 OF 8")));
        QCoreApplication::removeTranslator(&upper);
        QVERIFY(v.currentPage().title.contains(QStringLiteral("Step 6 of 8")));
    }
};

QTEST_MAIN(TestWalkthroughView)
#include "test_walkthroughview.moc"
