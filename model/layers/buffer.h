#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace attn {

// Allocates on 64-byte boundaries. Eigen's vectorised reductions (a row's sum,
// a dot product) peel off the elements before the first aligned one, so their
// rounding depends on the address of the data; activation buffers at a fixed
// alignment make the results the same from run to run and between forward()
// and trace().
template <typename T> struct BufferAllocator {
    using value_type = T;
    static constexpr std::align_val_t kAlign{64};
    BufferAllocator() = default;
    template <typename U> BufferAllocator(const BufferAllocator<U> &) noexcept {}
    T *allocate(std::size_t n) { return static_cast<T *>(::operator new(n * sizeof(T), kAlign)); }
    void deallocate(T *p, std::size_t) noexcept { ::operator delete(p, kAlign); }
    template <typename U> bool operator==(const BufferAllocator<U> &) const noexcept
    {
        return true;
    }
};

using FloatBuffer = std::vector<float, BufferAllocator<float>>;
using DoubleBuffer = std::vector<double, BufferAllocator<double>>;

} // namespace attn
