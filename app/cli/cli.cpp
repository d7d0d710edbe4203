#include "cli.h"

#include "core/buildinfo.h"
#include "core/error.h"

#include <exception>

namespace attn::cli {

// Each command's entry point, defined in its cmd_<name>.cpp.
int runBench(const Args &args, std::ostream &out, std::ostream &err);

const std::vector<Command> &commands()
{
    static const std::vector<Command> table = {
        {"bench", "bench --config tiny|small|long [--threads N] [--steps N] [--json]",
         "Measure the engine's training speed (tokens/s, GFLOP/s, MFU).", {"json"}, runBench},
    };
    return table;
}

namespace {

void printVersion(std::ostream &out)
{
    out << "attentionlab-cli " << engineVersion() << "\n"
        << "Eigen " << eigenVersion() << ", " << simdLevel() << "\n"
        << compilerVersion() << ", " << openmpThreads() << " thread(s)\n";
}

void printHelp(std::ostream &out)
{
    out << "Usage: attentionlab-cli COMMAND [OPTIONS]\n"
           "       attentionlab-cli --version | --help\n\n"
           "Train, inspect and trace attention models without the GUI.\n\n"
           "Commands:\n";
    for (const auto &c : commands())
        out << "  " << c.name << std::string(c.name[0] ? 12 - std::string(c.name).size() : 0, ' ')
            << c.summary << "\n";
    out << "\nRun 'attentionlab-cli COMMAND --help' for a command's options.\n";
}

} // namespace

int run(const std::vector<std::string> &argv, std::ostream &out, std::ostream &err)
{
    if (argv.size() < 2) {
        printHelp(err);
        return 1;
    }
    const std::string &first = argv[1];
    if (first == "--version" || first == "-v") {
        printVersion(out);
        return 0;
    }
    if (first == "--help" || first == "-h" || first == "help") {
        printHelp(out);
        return 0;
    }
    for (const auto &c : commands()) {
        if (first != c.name)
            continue;
        std::vector<std::string> rest(argv.begin() + 2, argv.end());
        if (!rest.empty() && (rest[0] == "--help" || rest[0] == "-h")) {
            out << "Usage: attentionlab-cli " << c.synopsis << "\n\n" << c.summary << "\n";
            return 0;
        }
        try {
            Args args(rest, c.flags);
            return c.run(args, out, err);
        } catch (const Error &e) {
            err << "attentionlab-cli " << c.name << ": " << e.what() << "\n";
            return 1;
        } catch (const std::exception &e) {
            err << "attentionlab-cli " << c.name << ": internal error: " << e.what() << "\n";
            return 1;
        }
    }
    err << "attentionlab-cli: unknown command '" << first
        << "' (run 'attentionlab-cli --help' for the list)\n";
    return 1;
}

} // namespace attn::cli
