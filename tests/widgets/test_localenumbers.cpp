// Numbers a person reads in the walkthrough follow the locale (QLocale's default):
// the decimal separator is the reader's, tables carry no group separators, and a value
// that rounds to zero shows no minus sign. Expected strings are written out by hand.
#include "walkthrough/walkthroughbuilder.h"

#include <QLocale>
#include <QtTest>

#include <limits>

using attn::WalkthroughBuilder;

class TestLocaleNumbers : public QObject {
    Q_OBJECT

    QLocale m_before;

private slots:
    void init() { m_before = QLocale(); }
    void cleanup() { QLocale::setDefault(m_before); }

    void cLocaleWritesAPoint()
    {
        QLocale::setDefault(QLocale::c());
        QCOMPARE(WalkthroughBuilder::number(1.4, 4), QStringLiteral("1.4000"));
        QCOMPARE(WalkthroughBuilder::number(-1.5, 2), QStringLiteral("-1.50"));
        QCOMPARE(WalkthroughBuilder::number(-0.00001, 4), QStringLiteral("0.0000"));
    }

    void germanWritesAComma()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(WalkthroughBuilder::number(1.4, 4), QStringLiteral("1,4000"));
        QCOMPARE(WalkthroughBuilder::number(-10.42271, 4), QStringLiteral("-10,4227"));
        QCOMPARE(WalkthroughBuilder::number(-0.00001, 4), QStringLiteral("0,0000"));
        // No group separator (German would write 12.345,5).
        QCOMPARE(WalkthroughBuilder::number(12345.5, 1), QStringLiteral("12345,5"));
    }

    void chineseAndEnglishKeepThePoint()
    {
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        QCOMPARE(WalkthroughBuilder::number(0.125, 3), QStringLiteral("0.125"));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(WalkthroughBuilder::number(4136.0, 0), QStringLiteral("4136"));
    }

    void infinitiesAndNaN()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(WalkthroughBuilder::number(std::numeric_limits<double>::infinity(), 2),
                 QStringLiteral("+∞"));
        QCOMPARE(WalkthroughBuilder::number(std::numeric_limits<double>::quiet_NaN(), 2),
                 QStringLiteral("NaN"));
    }
};

QTEST_MAIN(TestLocaleNumbers)
#include "test_localenumbers.moc"
