#pragma once

// What the CLI tests share: attentionlab-cli run in-process through attn::cli::run().

#include "cli.h"

#include <sstream>
#include <string>
#include <vector>

namespace clitest {

struct Run {
    int code = -1;
    std::string out, err;
};

// args without the program name.
inline Run runCli(std::vector<std::string> args)
{
    args.insert(args.begin(), "attentionlab-cli");
    std::ostringstream out, err;
    Run r;
    r.code = attn::cli::run(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

} // namespace clitest
