#include "core/params.h"

#include "core/error.h"
#include "core/threads.h"

#include <algorithm>

namespace attn {

ParamStore::Id ParamStore::add(std::string name, std::vector<Index> shape, bool decay)
{
    if (m_allocated)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "parameter '%1' added after the store was allocated"), name);
    if (find(name) >= 0)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "parameter '%1' registered twice"), name);
    Index size = 1;
    for (Index d : shape) {
        if (d <= 0)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "parameter '%1' has a non-positive dimension"), name);
        size *= d;
    }
    Entry e{std::move(name), std::move(shape), m_total, size, decay};
    m_total += size;
    m_entries.push_back(std::move(e));
    return static_cast<Id>(m_entries.size() - 1);
}

void ParamStore::allocate()
{
    // Every model allocates its store before its first product: naming the override here
    // links it (and its start-up hook) into every program that has a model.
    static_cast<void>(cpuCacheSizesOverridden());
    const auto n = static_cast<size_t>(m_total);
    m_values.assign(n, 0.0f);
    m_grads.clear();
    m_grads.shrink_to_fit();
    m_m.clear();
    m_v.clear();
    m_allocated = true;
}

ParamStore::Id ParamStore::find(std::string_view name) const
{
    auto it = std::find_if(m_entries.begin(), m_entries.end(),
                           [&](const Entry &e) { return e.name == name; });
    return it == m_entries.end() ? -1 : static_cast<Id>(it - m_entries.begin());
}

void ParamStore::requireAllocated() const
{
    if (!m_allocated)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "parameter store used before allocate()"));
}

void ParamStore::rowsCols(const Entry &e, Index &rows, Index &cols)
{
    if (e.shape.size() == 2) {
        rows = e.shape[0];
        cols = e.shape[1];
    } else {
        rows = 1;
        cols = e.size;
    }
}

MapRM ParamStore::value(Id id)
{
    requireAllocated();
    Index r, c;
    rowsCols(entry(id), r, c);
    return MapRM(valuePtr(id), r, c);
}

CMapRM ParamStore::value(Id id) const
{
    requireAllocated();
    Index r, c;
    rowsCols(entry(id), r, c);
    return CMapRM(valuePtr(id), r, c);
}

MapRM ParamStore::grad(Id id)
{
    requireAllocated();
    Index r, c;
    rowsCols(entry(id), r, c);
    return MapRM(gradPtr(id), r, c);
}

CMapRM ParamStore::grad(Id id) const
{
    requireAllocated();
    Index r, c;
    rowsCols(entry(id), r, c);
    return CMapRM(lazy(m_grads) + entry(id).offset, r, c);
}

MapVec ParamStore::valueVec(Id id)
{
    requireAllocated();
    return MapVec(valuePtr(id), entry(id).size);
}

CMapVec ParamStore::valueVec(Id id) const
{
    requireAllocated();
    return CMapVec(valuePtr(id), entry(id).size);
}

MapVec ParamStore::gradVec(Id id)
{
    requireAllocated();
    return MapVec(gradPtr(id), entry(id).size);
}

float *ParamStore::lazy(FloatBuffer &buffer) const
{
    requireAllocated();
    if (buffer.empty() && m_total > 0)
        buffer.assign(static_cast<size_t>(m_total), 0.0f);
    return buffer.data();
}

void ParamStore::zeroGrads()
{
    if (hasGrads())
        grads().setZero();
}

void ParamStore::zeroMoments()
{
    moment1().setZero();
    moment2().setZero();
}

} // namespace attn
