#pragma once

namespace attn {

// The number of threads the engine uses, in the calling thread, for its outer parallel
// loops (OpenMP) and for Eigen's own products outside those loops. n <= 0 means "all
// cores". Returns the count now in force.
// Per thread: OpenMP's thread count is a per-thread setting, and Eigen is left to follow
// it (Eigen::setNbThreads is process-wide), so a GUI's training thread and its inference
// thread can each have their own count without one changing the other's. Threads that
// never call it use OpenMP's default (OMP_NUM_THREADS, else all cores).
int setThreads(int n);
// The count set by the last setThreads() in any thread (all cores before any call).
int threads();
// The machine's hardware threads (1 when unknown).
int hardwareThreads();
// True when built with OpenMP.
bool haveOpenMP();

} // namespace attn
