#pragma once
// A fixture for test_layering_catches_back_arrow: an include by bare name.
#include "batch.h"
