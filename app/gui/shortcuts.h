#pragma once

#include <QKeySequence>
#include <QList>

#include <initializer_list>

namespace attn::gui {

// Key sequences without the empty ones (a standard key a platform does not define) and
// without repeats, in order.
inline QList<QKeySequence> shortcuts(std::initializer_list<QKeySequence> keys)
{
    QList<QKeySequence> out;
    for (const QKeySequence &k : keys)
        if (!k.isEmpty() && !out.contains(k))
            out << k;
    return out;
}

} // namespace attn::gui
