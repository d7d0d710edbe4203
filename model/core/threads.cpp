#include "core/threads.h"

#include <Eigen/Core>

#include <algorithm>
#include <thread>

#ifdef ATTNLAB_HAVE_OPENMP
#include <omp.h>
#endif

namespace attn {

namespace {
int g_threads = 0; // 0: not set yet
}

int hardwareThreads()
{
    return std::max(1u, std::thread::hardware_concurrency());
}

bool haveOpenMP()
{
#ifdef ATTNLAB_HAVE_OPENMP
    return true;
#else
    return false;
#endif
}

int setThreads(int n)
{
    if (n <= 0)
        n = hardwareThreads();
#ifdef ATTNLAB_HAVE_OPENMP
    omp_set_num_threads(n); // this thread's setting only
    // 0: Eigen asks omp_get_max_threads(), i.e. the calling thread's own setting, at
    // each product, instead of one count for every thread of the process.
    Eigen::setNbThreads(0);
    g_threads = n;
#else
    g_threads = 1;
#endif
    return g_threads;
}

int threads()
{
    if (g_threads == 0)
        return setThreads(0);
    return g_threads;
}

} // namespace attn
