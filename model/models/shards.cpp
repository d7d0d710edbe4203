#include "models/shards.h"

namespace attn {

const char *const kBackwardWithoutForward =
    QT_TRANSLATE_NOOP("attn", "%1: backward() called without a forward() before it");

} // namespace attn
