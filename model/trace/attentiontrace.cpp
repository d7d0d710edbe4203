#include "trace/attentiontrace.h"

// AttentionTrace is a plain value type; this unit keeps the component a real
// library and checks the header compiles on its own.
