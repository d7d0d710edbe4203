// attn::Error's translatable form: what() is the English template with its
// arguments filled in, in one pass, and the template and arguments stay
// available for a translation (app/common/errortext.h renders them).

#include "core/error.h"

#include <QtTest>

#include <cstdint>
#include <filesystem>
#include <string>

using attn::Error;

class TestError : public QObject {
    Q_OBJECT

private slots:
    void plainMessageIsNotTranslatable()
    {
        const Error e(std::string("just text"));
        QCOMPARE(std::string(e.what()), std::string("just text"));
        QVERIFY(e.templ() == nullptr);
        QVERIFY(e.args().empty());
    }

    void argumentsAreFilledIn()
    {
        const char *templ = QT_TRANSLATE_NOOP("attn", "%1: line %2 has %3 fields; expected %4");
        const Error e = Error::fmt(templ, std::string("data.csv"), 7, std::size_t(3), -2);
        QCOMPARE(std::string(e.what()), std::string("data.csv: line 7 has 3 fields; expected -2"));
        QCOMPARE(e.templ(), templ);
        QCOMPARE(e.args().size(), std::size_t(4));
        QCOMPARE(e.args()[0].text, std::string("data.csv"));
        QCOMPARE(e.args()[1].text, std::string("7"));
        QCOMPARE(e.args()[3].text, std::string("-2"));
    }

    void argumentKinds()
    {
        const std::filesystem::path p = "dir/m.safetensors";
        const std::string_view sv = "view";
        const Error e =
            Error::fmt("%1|%2|%3|%4|%5", p, sv, 'x', "lit", std::uint64_t(18446744073709551615ULL));
        QCOMPARE(std::string(e.what()),
                 std::string("dir/m.safetensors|view|x|lit|18446744073709551615"));
    }

    void placeholdersInArgumentsAreNotExpandedAgain()
    {
        // The second argument contains "%1": one pass leaves it alone.
        const Error e = Error::fmt("%1 and %2", std::string("a"), std::string("100%1"));
        QCOMPARE(std::string(e.what()), std::string("a and 100%1"));
    }

    void argumentOrderFollowsTheTemplate()
    {
        // A translation may put the arguments in another order.
        QCOMPARE(attn::substituteArgs("%2 before %1", {"one", "two"}),
                 std::string("two before one"));
        QCOMPARE(attn::substituteArgs("%1%1", {"ab"}), std::string("abab"));
    }

    void percentSignsThatAreNoPlaceholderStay()
    {
        QCOMPARE(attn::substituteArgs("50% of %1, %3 and %", {"x"}),
                 std::string("50% of x, %3 and %"));
        QCOMPARE(attn::substituteArgs("%0", {"x"}), std::string("%0"));
    }

    void twoDigitPlaceholders()
    {
        const std::vector<std::string> args = {"a1", "a2", "a3", "a4",  "a5", "a6",
                                               "a7", "a8", "a9", "a10", "a11"};
        QCOMPARE(attn::substituteArgs("%10,%11,%1", args), std::string("a10,a11,a1"));
        // With only 2 arguments "%10" is %1 followed by a literal 0.
        QCOMPARE(attn::substituteArgs("%10", {"x", "y"}), std::string("x0"));
    }

    void aCauseIsKeptAsAnError()
    {
        const Error cause = Error::fmt(QT_TRANSLATE_NOOP("attn", "not found"));
        const Error e =
            Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: %2"), std::string("f.txt"), cause);
        QCOMPARE(std::string(e.what()), std::string("f.txt: not found"));
        QVERIFY(e.args()[1].cause != nullptr);
        QCOMPARE(std::string(e.args()[1].cause->templ()), std::string("not found"));
        QVERIFY(e.args()[0].cause == nullptr);
    }

    void copiesKeepTemplateAndArguments()
    {
        Error copy("x");
        try {
            throw Error::fmt("%1 = %2", std::string("lr"), std::string("-1"));
        } catch (const Error &e) {
            copy = e;
        }
        QCOMPARE(std::string(copy.what()), std::string("lr = -1"));
        QCOMPARE(std::string(copy.templ()), std::string("%1 = %2"));
        QCOMPARE(copy.args().size(), std::size_t(2));
    }
};

QTEST_APPLESS_MAIN(TestError)
#include "test_error.moc"
