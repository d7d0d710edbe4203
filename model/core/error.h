#pragma once

#include <stdexcept>
#include <string>

namespace attn {

// The engine's one exception type. The message is meant for a person: it names
// the file, the value or the setting that is wrong and what was expected.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace attn
