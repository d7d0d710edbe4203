#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace attn {

// An allocator whose blocks start on a 64-byte boundary (a cache line, and a
// whole AVX-512 register). Eigen's vectorised loops and reductions handle the
// elements before the first aligned one with scalar code, so where a buffer
// starts would otherwise change results in the last bits from one run to the
// next, and between forward() and trace(). Aligned buffers keep the engine
// deterministic.
template <class T> struct AlignedAllocator {
    using value_type = T;
    static constexpr std::align_val_t alignment{64};
    AlignedAllocator() = default;
    template <class U> AlignedAllocator(const AlignedAllocator<U> &) noexcept {}
    T *allocate(std::size_t n)
    {
        return static_cast<T *>(::operator new(n * sizeof(T), alignment));
    }
    void deallocate(T *p, std::size_t) noexcept { ::operator delete(p, alignment); }
    template <class U> bool operator==(const AlignedAllocator<U> &) const noexcept { return true; }
};

// Parameter, gradient and activation buffers.
using FloatBuffer = std::vector<float, AlignedAllocator<float>>;
using DoubleBuffer = std::vector<double, AlignedAllocator<double>>;

} // namespace attn
