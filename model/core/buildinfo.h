#pragma once

#include <string>

namespace attn {

// What the engine was built with, for --version and Help ▸ About.
std::string engineVersion(); // "0.1.0"
std::string eigenVersion();  // "3.4.0"
// The instruction set of the engine copy running now, e.g. "AVX2 + FMA (x86-64-v3)". On
// Linux the loader chose that copy for this CPU (glibc-hwcaps); in the Windows and macOS
// packages the launcher chose this program's copy (app/launcher). A run-time answer either way.
std::string simdLevel();
// The file of the engine copy running now ("" where the engine is linked into the program).
std::string engineLibrary();
std::string compilerVersion(); // "GCC 12.2.0"
int openmpThreads();           // threads the engine uses (1 without OpenMP)

} // namespace attn
