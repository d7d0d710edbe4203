#pragma once

namespace attn {

// The number of threads the engine uses for its outer parallel loops
// (OpenMP) and for Eigen's own products outside those loops.
// n <= 0 means "all cores". Returns the count now in force.
int setThreads(int n);
int threads();
// The machine's hardware threads (1 when unknown).
int hardwareThreads();
// True when built with OpenMP.
bool haveOpenMP();

} // namespace attn
