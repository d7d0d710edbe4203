#pragma once
// Whether this CPU (and its operating system) can run code built for x86-64-v3, the level
// the fast copies of AttentionLab are compiled for (-march=x86-64-v3, /arch:AVX2).
//
// x86-64-v3 is x86-64-v2 (SSE3, SSSE3, SSE4.1, SSE4.2, POPCNT, CMPXCHG16B, LAHF/SAHF) plus
// AVX, AVX2, BMI1, BMI2, F16C, FMA, LZCNT, MOVBE and XSAVE, with the operating system
// saving the YMM registers (XCR0 bits 1 and 2). The bits are those of Intel's and AMD's
// CPUID documentation; no Qt, no Eigen, no C++ library beyond the compiler's intrinsics,
// so the launcher that asks this is itself baseline x86-64 code.

#if defined(__x86_64__) || defined(_M_X64)
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#else
#include <cpuid.h>
#endif
#endif

namespace attn::launcher {

#if defined(__x86_64__) || defined(_M_X64)
struct CpuidRegs {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
};

inline CpuidRegs cpuid(unsigned leaf, unsigned subleaf = 0)
{
    CpuidRegs r;
#if defined(_MSC_VER) && !defined(__clang__)
    int v[4];
    __cpuidex(v, static_cast<int>(leaf), static_cast<int>(subleaf));
    r = {static_cast<unsigned>(v[0]), static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2]),
         static_cast<unsigned>(v[3])};
#else
    __cpuid_count(leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
#endif
    return r;
}

inline unsigned long long xcr0()
{
#if defined(_MSC_VER) && !defined(__clang__)
    return _xgetbv(0);
#else
    unsigned lo = 0, hi = 0;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (static_cast<unsigned long long>(hi) << 32) | lo;
#endif
}

inline bool hasBits(unsigned reg, unsigned mask)
{
    return (reg & mask) == mask;
}
#endif

// True on an x86-64 CPU of level x86-64-v3 or newer whose OS has enabled AVX state.
inline bool cpuIsX86_64_v3()
{
#if defined(__x86_64__) || defined(_M_X64)
    const CpuidRegs basic = cpuid(0);
    if (basic.eax < 7)
        return false;
    const CpuidRegs l1 = cpuid(1);
    // ECX: SSE3 0, SSSE3 9, FMA 12, CMPXCHG16B 13, SSE4.1 19, SSE4.2 20, MOVBE 22,
    // POPCNT 23, XSAVE 26, OSXSAVE 27, AVX 28, F16C 29.
    constexpr unsigned l1Ecx = (1u << 0) | (1u << 9) | (1u << 12) | (1u << 13) | (1u << 19) |
                               (1u << 20) | (1u << 22) | (1u << 23) | (1u << 26) | (1u << 27) |
                               (1u << 28) | (1u << 29);
    if (!hasBits(l1.ecx, l1Ecx))
        return false;
    // The OS saves XMM (bit 1) and YMM (bit 2) state; without that AVX faults.
    if ((xcr0() & 0x6u) != 0x6u)
        return false;
    // Leaf 7 EBX: BMI1 3, AVX2 5, BMI2 8.
    if (!hasBits(cpuid(7, 0).ebx, (1u << 3) | (1u << 5) | (1u << 8)))
        return false;
    // Extended leaf 0x80000001 ECX: LAHF/SAHF 0, LZCNT (ABM) 5.
    if (cpuid(0x80000000u).eax < 0x80000001u)
        return false;
    return hasBits(cpuid(0x80000001u).ecx, (1u << 0) | (1u << 5));
#else
    return false;
#endif
}

} // namespace attn::launcher
