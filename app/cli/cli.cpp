#include "cli.h"

#include "core/buildinfo.h"
#include "core/error.h"

#include <exception>

namespace attn::cli {

// Each command's entry point, defined in its cmd_<name>.cpp.
int runBench(const Args &args, std::ostream &out, std::ostream &err);
int runTrain(const Args &args, std::ostream &out, std::ostream &err);
int runEval(const Args &args, std::ostream &out, std::ostream &err);
int runGenerate(const Args &args, std::ostream &out, std::ostream &err);
int runInfo(const Args &args, std::ostream &out, std::ostream &err);
int runTrace(const Args &args, std::ostream &out, std::ostream &err);

const std::vector<Command> &commands()
{
    static const std::vector<Command> table = {
        {"bench",
         "bench --config tiny|small|long [--threads N] [--steps N] [--json]",
         "Measure the engine's training speed (tokens/s, GFLOP/s, MFU).",
         {"json"},
         runBench},
        {"train",
         "train (--task copy|reverse|sort|addition|dates | --data FILE [--format lm])\n"
         "        [--model lm] [--layers N] [--heads N] [--d-model N] [--context N] [--dropout X]\n"
         "        [--tokenizer char|word|bpe] [--vocab N] [--lr X] [--batch N]\n"
         "        [--steps N | --minutes X] [--seed N] [--threads N] [--warmup N]\n"
         "        [--eval-every N] --out FILE [--json]\n\n"
         "Defaults: --model lm --layers 2 --heads 4 --d-model 64 --context 64 (tasks: their\n"
         "sequence length) --dropout 0 --tokenizer char --lr 0.003 --batch 32 --steps 1000\n"
         "--warmup min(50, steps/10) --eval-every 100 --seed 1 --threads 0 (all cores).\n"
         "Ctrl-C stops training and saves the model.",
         "Train a model on a built-in task or a UTF-8 text file and save it.",
         {"json"},
         runTrain},
        {"eval",
         "eval --model FILE (--task NAME | --data FILE) [--batches N] [--batch N] [--seed N]\n"
         "        [--threads N] [--json]",
         "Loss, token accuracy and (tasks) exact match of a saved model.",
         {"json"},
         runEval},
        {"generate",
         "generate --model FILE --prompt TEXT [--tokens N] [--temperature X] [--top-k N]\n"
         "        [--top-p X] [--seed N] [--greedy] [--threads N]",
         "Continue a prompt with a saved model and print the continuation.",
         {"greedy"},
         runGenerate},
        {"info",
         "info FILE [--json]",
         "Show a model file's configuration, size, tokenizer and training summary.",
         {"json"},
         runInfo},
        {"trace",
         "trace --model FILE (--ids 5,17,3 | --text TEXT) --out TRACE.safetensors [--json]",
         "Write every attention intermediate of one forward pass as safetensors.",
         {"json"},
         runTrace},
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
