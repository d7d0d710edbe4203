#include "core/buildinfo.h"

#include "core/threads.h"
#include "core/version.h"

#include <Eigen/Core>

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
    return Eigen::SimdInstructionSetsInUse();
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
