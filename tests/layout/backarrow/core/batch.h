#pragma once
// A fixture for test_layering_catches_back_arrow: core/ may include nothing above it.
#include "models/model.h"
