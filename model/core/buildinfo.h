#pragma once

#include <string>

namespace attn {

// What the engine was built with, for --version and Help ▸ About.
std::string engineVersion();   // "0.1.0"
std::string eigenVersion();    // "3.4.0"
std::string simdLevel();       // Eigen's instruction sets in use, e.g. "AVX SSE, SSE2, ... FMA"
std::string compilerVersion(); // "GCC 12.2.0"
int openmpThreads();           // threads the engine uses (1 without OpenMP)

} // namespace attn
