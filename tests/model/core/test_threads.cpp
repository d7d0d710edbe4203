// setThreads() is a per-thread setting: one thread's count leaves another thread's
// OpenMP and Eigen counts alone (a GUI trains in one thread and infers in another).
// useSleepingOpenMPWaits() gives a program (the GUI) sleeping OpenMP waits: this test
// runs itself as a child with --wait-policy-child, which calls it and reports what the
// OpenMP runtime then reads (omp_display_env) and what the environment holds.

#include "core/threads.h"

#include <Eigen/Core>
#include <QProcess>
#include <QtTest>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#ifdef ATTNLAB_HAVE_OPENMP
#include <omp.h>
#endif

class TestThreads : public QObject {
    Q_OBJECT
private slots:
    void countIsReturnedAndFollowedByEigen()
    {
        QCOMPARE(attn::setThreads(1), 1);
        QCOMPARE(Eigen::nbThreads(), 1);
        if (!attn::haveOpenMP())
            QSKIP("built without OpenMP: one thread always");
        QCOMPARE(attn::setThreads(3), 3);
        QCOMPARE(attn::threads(), 3);
        QCOMPARE(Eigen::nbThreads(), 3);
        QCOMPARE(attn::setThreads(0), attn::hardwareThreads());
        QCOMPARE(Eigen::nbThreads(), attn::hardwareThreads());
    }

    void anotherThreadKeepsItsOwnCount()
    {
        if (!attn::haveOpenMP())
            QSKIP("built without OpenMP");
#ifdef ATTNLAB_HAVE_OPENMP
        // A fresh thread's default, seen before this thread changes anything.
        int fresh = 0;
        std::thread([&] { fresh = omp_get_max_threads(); }).join();
        attn::setThreads(fresh + 2); // differs from the default
        int otherOmp = 0, otherEigen = 0;
        std::thread([&] {
            otherOmp = omp_get_max_threads();
            otherEigen = Eigen::nbThreads();
        }).join();
        QCOMPARE(otherOmp, fresh);
        QCOMPARE(otherEigen, fresh);
        // And a count set in that other thread does not reach this one.
        std::thread([] { attn::setThreads(1); }).join();
        QCOMPARE(omp_get_max_threads(), fresh + 2);
        QCOMPARE(Eigen::nbThreads(), fresh + 2);
#endif
    }

    // A child with the given variables set (and the two that decide removed otherwise):
    // its stdout (the result and OMP_WAIT_POLICY as it sees it after the call) and its
    // stderr (the runtime's settings).
    static std::pair<QString, QString> runChild(const QStringList &set)
    {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "ATTNLAB_OMP_WAIT_POLICY_SET"})
            env.remove(QString::fromLatin1(name));
        for (const QString &kv : set)
            env.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--wait-policy-child")});
        if (!child.waitForFinished(30000))
            return {};
        return {QString::fromLocal8Bit(child.readAllStandardOutput()).trimmed(),
                QString::fromLocal8Bit(child.readAllStandardError())};
    }

    void aProgramGetsSleepingWaitsAndKeepsTheUsersEnvironment()
    {
#if defined(ATTNLAB_HAVE_OPENMP) && defined(_LIBGOMP_OMP_LOCK_DEFINED) && defined(__linux__)
        const auto [out, settings] = runChild({});
        // Sleeping waits in force, and the variable gone again for programs it starts.
        QCOMPARE(out, QStringLiteral("sleeping 1, OMP_WAIT_POLICY unset, marker unset"));
        // libgomp read PASSIVE when the program was executed again: its threads spin 0
        // times before they sleep (300000 by default).
        QVERIFY2(settings.contains(QStringLiteral("GOMP_SPINCOUNT = '0'")), qPrintable(settings));
#else
        QSKIP("sleeping waits by re-execution: Linux with GCC's libgomp only");
#endif
    }

    void theUsersChoiceIsKept()
    {
#if defined(ATTNLAB_HAVE_OPENMP) && defined(_LIBGOMP_OMP_LOCK_DEFINED) && defined(__linux__)
        auto [out, settings] = runChild({QStringLiteral("OMP_WAIT_POLICY=ACTIVE")});
        QCOMPARE(out, QStringLiteral("sleeping 0, OMP_WAIT_POLICY ACTIVE, marker unset"));
        QVERIFY2(settings.contains(QStringLiteral("OMP_WAIT_POLICY = 'ACTIVE'")),
                 qPrintable(settings));
        std::tie(out, settings) = runChild({QStringLiteral("GOMP_SPINCOUNT=1000")});
        QCOMPARE(out, QStringLiteral("sleeping 0, OMP_WAIT_POLICY unset, marker unset"));
        QVERIFY2(settings.contains(QStringLiteral("GOMP_SPINCOUNT = '1000'")),
                 qPrintable(settings));
#else
        QSKIP("sleeping waits by re-execution: Linux with GCC's libgomp only");
#endif
    }
};

namespace {
int waitPolicyChild(char **argv)
{
    const bool sleeping = attn::useSleepingOpenMPWaits(argv);
    const char *policy = std::getenv("OMP_WAIT_POLICY");
    std::printf("sleeping %d, OMP_WAIT_POLICY %s, marker %s\n", int(sleeping),
                policy ? policy : "unset",
                std::getenv("ATTNLAB_OMP_WAIT_POLICY_SET") ? "set" : "unset");
    std::fflush(stdout);
#ifdef ATTNLAB_HAVE_OPENMP
    omp_display_env(1); // the runtime's settings, on stderr (verbose: its spin count)
#endif
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--wait-policy-child") == 0)
            return waitPolicyChild(argv);
    QCoreApplication app(argc, argv); // applicationFilePath() for the child
    TestThreads test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_threads.moc"
