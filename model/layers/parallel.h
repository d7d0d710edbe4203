#pragma once

// OpenMP helpers for the layers. Only outer loops are parallel; Eigen's own
// products detect that they run inside a parallel region (omp_get_num_threads()
// > 1) and stay single-threaded there, so the two never nest. Eigen::setNbThreads
// is global, so it is not touched from inside a region.

#include "core/types.h"

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

inline int parallelMaxThreads()
{
#ifdef ATTNLAB_HAVE_OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}

// Rows below this run on one thread: a parallel region costs a few microseconds.
constexpr Index kParallelMinWork = 1 << 14;

} // namespace attn
