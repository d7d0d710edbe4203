#pragma once

#include "core/aligned.h"
#include "core/types.h"

#include <string>
#include <string_view>
#include <vector>

namespace attn {

// Every parameter of a model lives in one contiguous float buffer. Gradients
// and the two Adam moments use the same layout, so zeroing the gradients is one
// setZero() and an optimizer step is one loop over the buffer.
//
// Two phases: layers add() their parameters (name, shape), then allocate()
// creates the values, and layers read them through Eigen::Map views by id.
// Maps are cheap to make; never keep one across allocate().
//
// Gradients and the optimizer's moments are allocated (zero) on first use: a
// model that is only evaluated or traced, such as a pretrained GPT-2 (475 MiB of
// gradients for 124M parameters), never pays for them. The first gradient access
// allocates, so it must not happen from two threads at once on the same store
// (the models' data-parallel backward gives every thread a store of its own).
class ParamStore {
public:
    using Id = int;

    struct Entry {
        std::string name;         // Hugging Face style: "h.0.attn.c_attn.weight"
        std::vector<Index> shape; // row-major, as stored in safetensors
        Index offset = 0;         // into the flat buffers
        Index size = 0;           // product of shape
        bool decay = true;        // AdamW weight decay applies (not biases, LN, embeddings)
    };

    // Registers a parameter; allowed only before allocate(). Names are unique.
    Id add(std::string name, std::vector<Index> shape, bool decay);
    // Allocates the values, all zero (gradients and moments on first use).
    void allocate();
    bool allocated() const { return m_allocated; }

    Index size() const { return m_total; }
    int count() const { return static_cast<int>(m_entries.size()); }
    const std::vector<Entry> &entries() const { return m_entries; }
    const Entry &entry(Id id) const { return m_entries.at(static_cast<size_t>(id)); }
    // The id of a named parameter, or -1.
    Id find(std::string_view name) const;

    // The whole flat buffers.
    MapVec values() { return MapVec(m_values.data(), m_total); }
    CMapVec values() const { return CMapVec(m_values.data(), m_total); }
    // The gradients (allocated, zero, by the first call of any gradient accessor).
    MapVec grads() { return MapVec(lazy(m_grads), m_total); }
    CMapVec grads() const { return CMapVec(lazy(m_grads), m_total); }
    bool hasGrads() const { return !m_grads.empty(); }
    // The optimizer's moments are allocated on first use (zero): a model that is
    // only evaluated or traced, such as a large pretrained one, never pays for them.
    MapVec moment1() { return MapVec(lazy(m_m), m_total); }
    MapVec moment2() { return MapVec(lazy(m_v), m_total); }
    bool hasMoments() const { return !m_m.empty(); }

    // One parameter, as a matrix (a 1-D parameter is a 1 x n row) or a vector.
    MapRM value(Id id);
    CMapRM value(Id id) const;
    MapRM grad(Id id);
    CMapRM grad(Id id) const;
    MapVec valueVec(Id id);
    CMapVec valueVec(Id id) const;
    MapVec gradVec(Id id);

    float *valuePtr(Id id) { return m_values.data() + entry(id).offset; }
    const float *valuePtr(Id id) const { return m_values.data() + entry(id).offset; }
    float *gradPtr(Id id) { return lazy(m_grads) + entry(id).offset; }

    // Sets the gradients to zero; before their first use they already are, and
    // nothing is allocated.
    void zeroGrads();
    void zeroMoments();

private:
    void requireAllocated() const;
    float *lazy(FloatBuffer &buffer) const;
    static void rowsCols(const Entry &e, Index &rows, Index &cols);

    std::vector<Entry> m_entries;
    FloatBuffer m_values;
    // Allocated on first use; mutable so that a const store reads gradients of zero.
    mutable FloatBuffer m_grads, m_m, m_v;
    Index m_total = 0;
    bool m_allocated = false;
};

} // namespace attn
