#include "core/buildinfo.h"

#include "core/threads.h"
#include "core/version.h"

#include <Eigen/Core>

#include <filesystem>

#if defined(__linux__)
#include <dlfcn.h>
#endif

namespace attn {

std::string engineVersion()
{
    return ATTNLAB_VERSION;
}

std::string eigenVersion()
{
    return std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
           std::to_string(EIGEN_MINOR_VERSION);
}

std::string simdLevel()
{
    // Eigen's own SimdInstructionSetsInUse() does not mention AVX2 or FMA, which
    // are what matter for its matrix products; ask its vectorisation macros.
#if defined(EIGEN_VECTORIZE_AVX512)
    return "AVX-512 + FMA (x86-64-v4)";
#elif defined(EIGEN_VECTORIZE_AVX2) && defined(EIGEN_VECTORIZE_FMA)
    return "AVX2 + FMA (x86-64-v3)";
#elif defined(EIGEN_VECTORIZE_AVX)
    return "AVX";
#elif defined(EIGEN_VECTORIZE_SSE4_2)
    return "SSE4.2";
#elif defined(EIGEN_VECTORIZE_SSE2)
    return "SSE2 (baseline x86-64)";
#elif defined(EIGEN_VECTORIZE_NEON)
    return "NEON";
#elif defined(EIGEN_VECTORIZE)
    return Eigen::SimdInstructionSetsInUse();
#else
    return "none (scalar)";
#endif
}

std::string engineLibrary()
{
#if defined(__linux__) && defined(ATTNLAB_ENGINE_SHARED)
    // The object file that holds this very function: the copy the loader picked.
    Dl_info info{};
    if (dladdr(reinterpret_cast<void *>(&engineLibrary), &info) != 0 && info.dli_fname)
        return std::filesystem::path(info.dli_fname).lexically_normal().string(); // no "bin/.."
#endif
    return {};
}

std::string compilerVersion()
{
#if defined(__clang__)
    return "Clang " __clang_version__;
#elif defined(__GNUC__)
    return "GCC " __VERSION__;
#elif defined(_MSC_VER)
    return "MSVC " + std::to_string(_MSC_VER);
#else
    return "unknown compiler";
#endif
}

int openmpThreads()
{
    return threads();
}

} // namespace attn
