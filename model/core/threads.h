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

// ATTNLAB_CPU_CACHE_SIZES="L1,L2,L3" (bytes, or with a K or M suffix) makes Eigen block its
// matrix products for those cache sizes instead of the CPU's own, so that it sums in the
// order a CPU with other caches would: the suite is run a second time with it to show that
// no test depends on one machine's bits. Applied once, when the engine is loaded; returns
// whether the variable was set and well-formed (it is ignored otherwise).
bool cpuCacheSizesOverridden();

// For a program whose engine threads share the cores with an interactive thread (the
// GUI): OpenMP's idle threads should sleep at once, not spin. A spinning thread holds a
// core while it waits at a barrier; when the GUI thread takes the other core for a paint,
// the whole team waits for the preempted thread instead of letting it move to the
// spinner's core (on 2 cores the window trained at 0.83-0.88 of the CLI's speed, 0.97
// with sleeping threads). The CLI keeps OpenMP's default, which is faster alone.
// Call first thing in main(), before any OpenMP use. Does nothing when the user set
// OMP_WAIT_POLICY or GOMP_SPINCOUNT. GCC's libgomp reads them only when it loads, before
// main(), so there the program is executed again (same pid, same arguments) with
// OMP_WAIT_POLICY=PASSIVE; the new image removes the variable again so that programs it
// starts get the user's environment. Returns when no re-execution was needed or it
// failed; reports whether sleeping waits are in force.
bool useSleepingOpenMPWaits(char **argv);

} // namespace attn
