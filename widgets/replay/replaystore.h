#pragma once

#include "trace/attentiontrace.h"

#include <QVector>

#include <cstddef>
#include <map>
#include <memory>

namespace attn {

// Snapshots of the probe's attention over a training run, for the replay slider.
// Memory stays bounded: a snapshot keeps only what the attention views draw (tokens, and
// per block its mask and each head's weights; no Q/K/V, scores or activations), and when
// more than capacity() snapshots (or more than maxBytes()) are held, the spacing doubles
// and every other one is dropped. The first snapshot (the untrained model) and the latest
// are always kept.
class ReplayStore {
public:
    // Keeps a snapshot at most every `every` steps, at most `capacity` snapshots (>= 3) and
    // about `maxBytes` of weights.
    explicit ReplayStore(int every = 10, int capacity = 120,
                         std::size_t maxBytes = std::size_t(256) << 20);

    // Offers the probe's trace at a training step. Kept when it is the first, when it is
    // at least interval() steps after the last kept one, or as the newest (it then replaces
    // a newest snapshot that was closer than interval() to the one before). The newest
    // step again replaces its snapshot; an earlier step starts a new run (the store is
    // cleared first). Returns whether the snapshot is held (always: it is the newest).
    bool add(const AttentionTrace &trace, int step);
    void clear();

    int size() const { return static_cast<int>(m_snapshots.size()); }
    bool isEmpty() const { return m_snapshots.empty(); }
    QVector<int> steps() const; // ascending
    int firstStep() const;      // -1 when empty
    int lastStep() const;       // -1 when empty
    // The snapshot at `step`, or the nearest one held before it (after it when there is
    // none before); null when empty.
    std::shared_ptr<const AttentionTrace> at(int step) const;
    // The step at() answers for `step`; -1 when empty.
    int nearestStep(int step) const;

    int interval() const { return m_interval; } // current spacing (doubles when thinning)
    int baseInterval() const { return m_baseInterval; }
    int capacity() const { return m_capacity; }
    std::size_t maxBytes() const { return m_maxBytes; }
    std::size_t bytes() const { return m_bytes; } // matrix payload of the held snapshots

    // The replay copy of a trace: tokens, ids, block names/roles, masks and head weights.
    static AttentionTrace strip(const AttentionTrace &trace);
    static std::size_t payloadBytes(const AttentionTrace &trace);

private:
    void thin();

    std::map<int, std::shared_ptr<const AttentionTrace>> m_snapshots;
    std::map<int, std::size_t> m_sizes;
    int m_baseInterval;
    int m_interval;
    int m_capacity;
    std::size_t m_maxBytes;
    std::size_t m_bytes = 0;
    // The newest snapshot was kept only as "the latest" (closer than interval() to its
    // predecessor): the next one replaces it.
    bool m_lastIsTail = false;
};

} // namespace attn
