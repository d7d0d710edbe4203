#pragma once

// OpenMP helpers for the layers. Only outer loops are parallel; Eigen's own
// products detect that they run inside a parallel region (omp_get_num_threads()
// > 1) and stay single-threaded there, so the two never nest. Eigen::setNbThreads
// is global, so it is not touched from inside a region.

#include "core/error.h"
#include "core/types.h"

#include <algorithm>
#include <exception>

#ifdef ATTNLAB_HAVE_OPENMP
#include <omp.h>
#endif

namespace attn {

inline int parallelThreadIndex()
{
#ifdef ATTNLAB_HAVE_OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

// Threads a parallel loop started here would get: 1 inside a parallel region
// (nested regions are not used), else the engine's thread count.
inline int parallelMaxThreads()
{
#ifdef ATTNLAB_HAVE_OPENMP
    return omp_in_parallel() ? 1 : omp_get_max_threads();
#else
    return 1;
#endif
}

// Rows below this run on one thread: a parallel region costs a few microseconds.
constexpr Index kParallelMinWork = 1 << 14;

} // namespace attn

namespace attn {

// Runs f(start, count) on contiguous blocks of [0, n), one block per thread,
// when work (a flop count) is worth a parallel region; else f(0, n) once.
// Each block is an independent Eigen product with no synchronisation inside:
// Eigen's own multi-threaded GEMM busy-waits on the other threads, which costs
// whole time slices when the machine is busy.
template <typename F> void parallelBlocks(Index n, Index work, F f)
{
    const Index threads = work >= (Index(1) << 18) ? std::min<Index>(parallelMaxThreads(), n) : 1;
    if (threads <= 1) {
        f(Index(0), n);
        return;
    }
#pragma omp parallel for schedule(static)
    for (Index t = 0; t < threads; ++t) {
        const Index a = n * t / threads, b = n * (t + 1) / threads;
        if (b > a)
            f(a, b - a);
    }
}

// Runs f(k) for every k in [0, n), one k per thread (the data-parallel shards of a batch;
// one thread when n is 1). An exception must not leave an OpenMP region (the program would
// terminate): each call's is caught, and the first one is rethrown here once every call
// has ended. An attn::Error stays itself (its translatable template kept); another
// std::exception becomes an Error with its message.
template <typename F> void parallelShards(int n, F f)
{
    std::exception_ptr error;
#pragma omp parallel for schedule(static) num_threads(n) if (n > 1)
    for (int k = 0; k < n; ++k) {
        try {
            f(k);
        } catch (const Error &) {
#pragma omp critical(attn_parallel_shards_error)
            if (!error)
                error = std::current_exception();
        } catch (const std::exception &e) {
#pragma omp critical(attn_parallel_shards_error)
            if (!error)
                error = std::make_exception_ptr(Error(e.what()));
        }
    }
    if (error)
        std::rethrow_exception(error);
}

} // namespace attn
