#include "replay/replaystore.h"

#include <algorithm>
#include <iterator>

namespace attn {

ReplayStore::ReplayStore(int every, int capacity, std::size_t maxBytes)
    : m_baseInterval(std::max(1, every)), m_interval(m_baseInterval),
      m_capacity(std::max(3, capacity)), m_maxBytes(maxBytes)
{
}

AttentionTrace ReplayStore::strip(const AttentionTrace &trace)
{
    AttentionTrace t;
    t.queryIds = trace.queryIds;
    t.keyIds = trace.keyIds;
    t.queryTokens = trace.queryTokens;
    t.keyTokens = trace.keyTokens;
    // A classifier's (1, classes) logits: the prediction at that step (an LM's (T, V)
    // are too large to keep).
    if (trace.logits.rows() == 1 && trace.logits.cols() <= 64)
        t.logits = trace.logits;
    t.blocks.reserve(trace.blocks.size());
    for (const AttentionBlockTrace &b : trace.blocks) {
        AttentionBlockTrace s;
        s.name = b.name;
        s.role = b.role;
        s.kind = b.kind;
        s.layer = b.layer;
        s.scale = b.scale;
        s.mask = b.mask; // (Tq, Tk) 1 where masked
        s.heads.resize(b.heads.size());
        for (std::size_t h = 0; h < b.heads.size(); ++h)
            s.heads[h].weights = b.heads[h].weights; // (Tq, Tk) after softmax
        t.blocks.push_back(std::move(s));
    }
    return t;
}

std::size_t ReplayStore::payloadBytes(const AttentionTrace &trace)
{
    std::size_t n = static_cast<std::size_t>(trace.logits.size());
    for (const AttentionBlockTrace &b : trace.blocks) {
        n += static_cast<std::size_t>(b.mask.size());
        for (const HeadTrace &h : b.heads)
            n += static_cast<std::size_t>(h.weights.size());
    }
    return n * sizeof(float);
}

void ReplayStore::clear()
{
    m_snapshots.clear();
    m_sizes.clear();
    m_bytes = 0;
    m_interval = m_baseInterval;
    m_lastIsTail = false;
}

bool ReplayStore::add(const AttentionTrace &trace, int step)
{
    if (!m_snapshots.empty() && step == m_snapshots.rbegin()->first) {
        // The same step again (a pause, a reopened view): the newer trace replaces it.
        auto snapshot = std::make_shared<const AttentionTrace>(strip(trace));
        const std::size_t size = payloadBytes(*snapshot);
        m_bytes = m_bytes - m_sizes[step] + size;
        m_sizes[step] = size;
        m_snapshots[step] = std::move(snapshot);
        thin();
        return true;
    }
    if (!m_snapshots.empty() && step < m_snapshots.rbegin()->first)
        clear(); // a new run (reset, or a model opened at an earlier step)
    if (m_lastIsTail) {
        // The newest was kept only as the latest: drop it unless this one is too close to
        // its predecessor as well, in which case this one becomes the newest instead.
        const auto last = std::prev(m_snapshots.end());
        m_bytes -= m_sizes[last->first];
        m_sizes.erase(last->first);
        m_snapshots.erase(last);
        m_lastIsTail = false;
    }
    const bool onGrid = m_snapshots.empty() || step - m_snapshots.rbegin()->first >= m_interval;
    auto snapshot = std::make_shared<const AttentionTrace>(strip(trace));
    const std::size_t size = payloadBytes(*snapshot);
    m_snapshots.emplace(step, std::move(snapshot));
    m_sizes.emplace(step, size);
    m_bytes += size;
    m_lastIsTail = !onGrid;
    thin();
    return true;
}

void ReplayStore::thin()
{
    while (m_snapshots.size() > 2 &&
           (static_cast<int>(m_snapshots.size()) > m_capacity || m_bytes > m_maxBytes)) {
        m_interval *= 2;
        // Greedy pass: keep the first, then each one at least interval() after the last kept;
        // the newest always stays.
        int kept = m_snapshots.begin()->first;
        const int newest = m_snapshots.rbegin()->first;
        for (auto it = std::next(m_snapshots.begin()); it != m_snapshots.end();) {
            if (it->first == newest || it->first - kept >= m_interval) {
                if (it->first != newest)
                    kept = it->first;
                ++it;
                continue;
            }
            m_bytes -= m_sizes[it->first];
            m_sizes.erase(it->first);
            it = m_snapshots.erase(it);
        }
        // The newest stays whatever its spacing; it is a tail when too close to the one
        // before it.
        if (m_snapshots.size() >= 2) {
            const int before = std::prev(m_snapshots.end(), 2)->first;
            m_lastIsTail = newest - before < m_interval;
        }
        if (m_interval > (1 << 28))
            break; // cannot thin further (only happens with absurd byte budgets)
    }
}

QVector<int> ReplayStore::steps() const
{
    QVector<int> out;
    out.reserve(size());
    for (const auto &kv : m_snapshots)
        out.push_back(kv.first);
    return out;
}

int ReplayStore::firstStep() const
{
    return m_snapshots.empty() ? -1 : m_snapshots.begin()->first;
}

int ReplayStore::lastStep() const
{
    return m_snapshots.empty() ? -1 : m_snapshots.rbegin()->first;
}

int ReplayStore::nearestStep(int step) const
{
    if (m_snapshots.empty())
        return -1;
    auto it = m_snapshots.upper_bound(step); // first after step
    if (it == m_snapshots.begin())
        return it->first;
    return std::prev(it)->first;
}

std::shared_ptr<const AttentionTrace> ReplayStore::at(int step) const
{
    const int s = nearestStep(step);
    if (s < 0)
        return nullptr;
    return m_snapshots.at(s);
}

} // namespace attn
