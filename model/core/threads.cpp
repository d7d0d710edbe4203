#include "core/threads.h"

#include <Eigen/Core>

#include <algorithm>
#include <cstdlib>
#include <thread>

#if defined(__linux__)
#include <unistd.h>
#endif

#ifdef ATTNLAB_HAVE_OPENMP
#include <omp.h>
#endif

namespace attn {

namespace {
int g_threads = 0; // 0: not set yet

#ifdef ATTNLAB_HAVE_OPENMP
bool setEnv(const char *name, const char *value)
{
#ifdef _WIN32
    return _putenv_s(name, value) == 0;
#else
    return setenv(name, value, 1) == 0;
#endif
}

void unsetEnv(const char *name)
{
#ifdef _WIN32
    _putenv_s(name, "");
#else
    unsetenv(name);
#endif
}
#endif

// "32K" -> 32768; 0 on anything malformed.
std::ptrdiff_t parseSize(const char *s, char **end)
{
    const long long v = std::strtoll(s, end, 10);
    std::ptrdiff_t unit = 1;
    if (**end == 'K' || **end == 'k')
        unit = 1024;
    else if (**end == 'M' || **end == 'm')
        unit = 1024 * 1024;
    if (unit != 1)
        ++*end;
    return v > 0 && v < (1LL << 32) ? static_cast<std::ptrdiff_t>(v) * unit : 0;
}

bool applyCacheSizes()
{
    const char *env = std::getenv("ATTNLAB_CPU_CACHE_SIZES");
    if (!env || !*env)
        return false;
    std::ptrdiff_t size[3] = {0, 0, 0};
    const char *p = env;
    for (int i = 0; i < 3; ++i) {
        char *end = nullptr;
        size[i] = parseSize(p, &end);
        if (size[i] == 0 || (i < 2 && *end != ',') || (i == 2 && *end != '\0'))
            return false;
        p = end + 1;
    }
    Eigen::setCpuCacheSizes(size[0], size[1], size[2]);
    return true;
}

const bool g_cacheSizesOverridden = applyCacheSizes();
} // namespace

bool cpuCacheSizesOverridden()
{
    return g_cacheSizesOverridden;
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

bool useSleepingOpenMPWaits(char **argv)
{
#ifdef ATTNLAB_HAVE_OPENMP
    // Set by the image that re-executed: this one already runs with the policy.
    constexpr const char *kMarker = "ATTNLAB_OMP_WAIT_POLICY_SET";
    if (std::getenv(kMarker) != nullptr) {
        unsetEnv(kMarker);
        unsetEnv("OMP_WAIT_POLICY");
        return true;
    }
    if (std::getenv("OMP_WAIT_POLICY") != nullptr || std::getenv("GOMP_SPINCOUNT") != nullptr)
        return false; // the user's choice
#if defined(_LIBGOMP_OMP_LOCK_DEFINED) && defined(__linux__)
    // The file itself, not /proc/self/exe: the process keeps its name (ps, top, killall).
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0 && setEnv("OMP_WAIT_POLICY", "PASSIVE") && setEnv(kMarker, "1")) {
        self[n] = '\0';
        execv(self, argv);
    }
    // Still here: the exec failed (no /proc, the file replaced); go on with the default
    // policy.
    unsetEnv(kMarker);
    unsetEnv("OMP_WAIT_POLICY");
    return false;
#elif defined(KMP_VERSION_MAJOR)
    // LLVM's libomp reads the variable at its first use, not when it loads.
    (void)argv;
    return setEnv("OMP_WAIT_POLICY", "PASSIVE");
#else
    (void)argv; // another runtime: read when it loads, as libgomp, and no re-execution here
    return false;
#endif
#else
    (void)argv;
    return false;
#endif
}

} // namespace attn
