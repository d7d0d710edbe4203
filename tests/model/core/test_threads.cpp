// setThreads() is a per-thread setting: one thread's count leaves another thread's
// OpenMP and Eigen counts alone (a GUI trains in one thread and infers in another).

#include "core/threads.h"

#include <Eigen/Core>
#include <QtTest>

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
};

QTEST_APPLESS_MAIN(TestThreads)
#include "test_threads.moc"
