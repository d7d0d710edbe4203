// TokenChips: one chip per token, wrapped to the width, the height following the width.

#include "tokenchips.h"

#include <QtTest>

using namespace attn;

class TestTokenChips : public QObject {
    Q_OBJECT
private slots:
    void oneChipPerTokenWrapped()
    {
        TokenChips chips;
        QStringList labels;
        for (int i = 0; i < 30; ++i)
            labels << QStringLiteral("tok%1").arg(i);
        chips.setTokens(labels);
        QCOMPARE(chips.chipCount(), 30);
        const QList<QRect> wide = chips.chipRects(2000);
        QCOMPARE(wide.size(), 30);
        // Wide enough: one row, left to right, chips apart.
        for (int i = 1; i < wide.size(); ++i) {
            QCOMPARE(wide[i].top(), wide[0].top());
            QVERIFY(wide[i].left() > wide[i - 1].right());
        }
        // Narrow: several rows, each chip inside the width, rows below each other.
        const int width = 200;
        const QList<QRect> narrow = chips.chipRects(width);
        QCOMPARE(narrow.size(), 30);
        int rows = 1;
        for (int i = 0; i < narrow.size(); ++i) {
            QVERIFY(narrow[i].left() >= 0 && narrow[i].right() < width);
            if (i > 0 && narrow[i].top() != narrow[i - 1].top()) {
                QVERIFY(narrow[i].top() > narrow[i - 1].bottom());
                QVERIFY(narrow[i].left() < narrow[i - 1].left()); // back to the left
                ++rows;
            }
        }
        QVERIFY(rows > 3);
        QVERIFY(chips.heightForWidth(width) > chips.heightForWidth(2000) * 3);
        QCOMPARE(chips.heightForWidth(width), narrow.back().bottom() + 1 + 2);
    }

    void chipUnderThePointer()
    {
        TokenChips chips;
        chips.setTokens({QStringLiteral("我"), QStringLiteral("␣"), QStringLiteral("cat")},
                        {7, 4, 9});
        chips.resize(400, 40);
        const QList<QRect> r = chips.chipRects(400);
        QCOMPARE(chips.chipAt(r[1].center()), 1);
        QCOMPARE(chips.chipAt(r[2].center()), 2);
        QCOMPARE(chips.chipAt(QPoint(399, 39)), -1);
        QCOMPARE(chips.ids(), (QList<int>{7, 4, 9}));
    }

    void moreThanTheMaximum()
    {
        TokenChips chips;
        QStringList labels;
        for (int i = 0; i < 50; ++i)
            labels << QStringLiteral("x");
        chips.setTokens(labels);
        chips.setMaximumChips(10);
        // Ten chips and the "+40 more" note.
        QCOMPARE(chips.chipRects(1000).size(), 11);
        QCOMPARE(chips.chipCount(), 50);
    }

    void emptyLabelStillHasAChip()
    {
        TokenChips chips;
        chips.setTokens({QString(), QStringLiteral("a")});
        const QList<QRect> r = chips.chipRects(500);
        QCOMPARE(r.size(), 2);
        QVERIFY(r[0].width() > 8); // the ∅ sign, not a sliver
    }
};

QTEST_MAIN(TestTokenChips)
#include "test_tokenchips.moc"
