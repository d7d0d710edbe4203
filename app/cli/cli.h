#pragma once

#include "cli/args.h"

#include <ostream>
#include <string>
#include <vector>

namespace attn::cli {

// One subcommand of attentionlab-cli. Each lives in its own cmd_<name>.cpp and
// is listed once in commands() in cli.cpp.
struct Command {
    const char *name;
    const char *synopsis;           // usage line(s) after "attentionlab-cli "
    const char *summary;            // one sentence for --help
    std::vector<std::string> flags; // options that take no value
    int (*run)(const Args &args, std::ostream &out, std::ostream &err);
};

const std::vector<Command> &commands();

// The version, Eigen's instruction set in use, compiler, threads and the engine's file
// (--version, and info without a file).
void printVersion(std::ostream &out);

// The whole program: parses argv, dispatches, turns attn::Error into a one-line
// message on err and exit code 1. Returns the exit code.
int run(const std::vector<std::string> &argv, std::ostream &out, std::ostream &err);

} // namespace attn::cli
