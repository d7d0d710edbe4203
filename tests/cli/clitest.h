#pragma once

// What the CLI tests share: attentionlab-cli run in-process through attn::cli::run().

#include "cli/cli.h"

#include <sstream>
#include <string>
#include <vector>

namespace clitest {

struct Run {
    int code = -1;
    std::string out, err;
};

// args without the program name.
inline Run runCli(const std::vector<std::string> &args)
{
    std::vector<std::string> argv{"attentionlab-cli"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::ostringstream out, err;
    Run r;
    r.code = attn::cli::run(argv, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

} // namespace clitest
