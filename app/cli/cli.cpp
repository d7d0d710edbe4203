#include "cli/cli.h"

#include "cli/clitr.h"

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
int runWalkthrough(const Args &args, std::ostream &out, std::ostream &err);
int runRender(const Args &args, std::ostream &out, std::ostream &err);
int runTokenize(const Args &args, std::ostream &out, std::ostream &err);

const std::vector<Command> &commands()
{
    static const std::vector<Command> table = {
        {"bench",
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "bench --config tiny|small|long|seq2seq-gru|seq2seq-tf|classify [--threads N]\n"
             "        [--steps N] [--json]\n\n"
             "tiny, small and long are GPT-2-style language models (tokens/s, GFLOP/s, MFU);\n"
             "seq2seq-gru, seq2seq-tf and classify measure examples/s with 1 and 2 threads\n"
             "(or --threads N) on random batches."),
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "Measure the engine's training speed (tokens/s, GFLOP/s, MFU; examples/s)."),
         {"json"},
         runBench},
        {"train",
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "train (--task copy|reverse|sort|addition|dates | --data FILE [--format "
             "lm|pairs|classify])\n"
             "        [--model lm|seq2seq-rnn|seq2seq-transformer|classifier]\n"
             "        [--attention additive|dot|general|scaled-dot] [--rnn gru|lstm]\n"
             "        [--layers N] [--heads N] [--d-model N] [--context N] [--dropout X]\n"
             "        [--positions learned|sinusoidal] [--teacher-forcing X]\n"
             "        [--tokenizer char|word|bpe] [--vocab N]\n"
             "        [--source-column C --target-column C | --text-column C --label-column C]\n"
             "        [--validation X] [--lr X] [--batch N] [--steps N | --minutes X] [--seed N]\n"
             "        [--threads N] [--warmup N] [--eval-every N] --out FILE [--json]\n\n"
             "Defaults: --model lm --layers 2 --heads 4 --d-model 64 (RNNs: hidden units per\n"
             "direction) --context 64 (tasks: their sequence length) --dropout 0 --tokenizer char\n"
             "--validation 0.1 (files: the share held out) --lr 0.003 --batch 32 --steps 1000\n"
             "--warmup min(50, steps/10) --eval-every 100 --seed 1 --threads 0 (all cores).\n"
             "Transformers: --positions learned (sinusoidal: Vaswani et al.'s fixed sinusoids).\n"
             "seq2seq-rnn: --attention additive --rnn gru --teacher-forcing 1. A classifier\n"
             "without --rnn has a Transformer encoder; with --rnn gru|lstm a BiGRU/BiLSTM. The\n"
             "format follows the model: lm reads text, seq2seq models read pairs (a task, or a\n"
             "table's first two columns), a classifier reads a table's \"text\" and \"label\"\n"
             "columns (else its first and last). Ctrl-C stops training and saves the model."),
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "Train a model on a built-in task, a text file or a CSV/TSV table and save it."),
         {"json"},
         runTrain},
        {"eval",
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "eval --model FILE (--task NAME | --data FILE) [--batches N] [--batch N] [--seed N]\n"
             "        [--source-column C --target-column C | --text-column C --label-column C]\n"
             "        [--threads N] [--json]"),
         QT_TRANSLATE_NOOP("attn::cli", "Loss, accuracy and exact match (tasks, seq2seq) or F1 "
                                        "(classifiers) of a saved model."),
         {"json"},
         runEval},
        {"generate",
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "generate --model FILE|HF_FOLDER --prompt TEXT [--tokens N] [--temperature X]\n"
             "        [--top-k N] [--top-p X] [--seed N] [--greedy] [--beam N] [--threads N]\n\n"
             "A language model continues the prompt. A seq2seq model writes its output for the\n"
             "prompt (greedy, or beam search with --beam N); a classifier prints each label with\n"
             "its probability."),
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "Continue a prompt, translate it (seq2seq) or classify it with a saved model."),
         {"greedy"},
         runGenerate},
        {"info",
         QT_TRANSLATE_NOOP("attn::cli", "info [FILE] [--json]"),
         QT_TRANSLATE_NOOP("attn::cli",
                           "Show a model file's configuration, size, tokenizer and training "
                           "summary; without a file, the engine's (its instruction set)."),
         {"json"},
         runInfo},
        {"trace",
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "trace --model FILE|HF_FOLDER (--ids 5,17,3 | --text TEXT) [--target TEXT]\n"
             "        --out TRACE.safetensors [--json]\n\n"
             "Tensors per attention block: <block>.q, .k, .v (H, Tq, d_k), .scores (H, Tq, Tk;\n"
             "scaled, before the mask), .weights (H, Tq, Tk), .out (Tq, C), and logits. Blocks:\n"
             "layers.L.attn (lm); encoder.layers.L.attn, decoder.layers.L.self and\n"
             "decoder.layers.L.cross (seq2seq-transformer); cross (seq2seq-rnn, weights\n"
             "(T_tgt, T_src)); pool (classifier, weights (T)). For seq2seq, --text is the source\n"
             "and the decoder reads <bos> and --target, or the greedy output when none is given."),
         QT_TRANSLATE_NOOP(
             "attn::cli", "Write every attention intermediate of one forward pass as safetensors."),
         {"json"},
         runTrace},
        {"walkthrough",
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "walkthrough --model FILE (--text TEXT | --ids 5,17,3) [--layer L | --block NAME]\n"
             "        [--head H] [--query I] [--key J] [--precision 2-6] [--unscaled]\n"
             "        --out STEPS.pdf [--png PREFIX] [--json]\n\n"
             "Indices count from 0. Defaults: --layer 0 --head 0, --query the last token,\n"
             "--key the query, --precision 4. --png writes PREFIX-1.png ... one per step."),
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "Export the softmax(QK^T/sqrt(d_k))V walkthrough of one query as slides (PDF, PNG)."),
         {"unscaled", "json"},
         runWalkthrough},
        {"render",
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "render --model FILE --text TEXT --view heatmap|grid|lines|loss [--layer L]\n"
             "        [--head H|mean] --out FIG.png|svg|pdf [--width W] [--height H] [--scale S]\n"
             "        [--theme light|dark|high-contrast] [--history LOSS.json] [--json]\n\n"
             "Defaults: --view heatmap --layer 0 --head mean --theme light; size 1000x800 for the\n"
             "heatmap and loss, the content's size for grid and lines; PNG pixels are --scale 2\n"
             "times that. --view loss draws the loss history\n"
             "of the model file's training summary, or of --history (File > Export > Loss "
             "History)."),
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "Draw a view of a model (heatmap, all heads, lines, loss) to PNG, SVG or PDF."),
         {"json"},
         runRender},
        {"tokenize",
         QT_TRANSLATE_NOOP("attn::cli", "tokenize --model HF_FOLDER|FILE --text TEXT [--json]"),
         QT_TRANSLATE_NOOP(
             "attn::cli",
             "Print the token ids of a text under a model's tokenizer (comma-separated or JSON)."),
         {"json"},
         runTokenize},
    };
    return table;
}

namespace {

void printHelp(std::ostream &out)
{
    out << translate("attn::cli", "Usage: attentionlab-cli COMMAND [OPTIONS]\n"
                                  "       attentionlab-cli --version | --help\n\n"
                                  "Train, inspect and trace attention models without the GUI.\n\n"
                                  "Commands:\n");
    for (const auto &c : commands())
        out << "  " << c.name << std::string(c.name[0] ? 12 - std::string(c.name).size() : 0, ' ')
            << translate("attn::cli", c.summary) << "\n";
    out << "\n"
        << translate("attn::cli", "Run 'attentionlab-cli COMMAND --help' for a command's options.")
        << "\n";
}

} // namespace

void printVersion(std::ostream &out)
{
    out << "attentionlab-cli " << engineVersion() << "\n"
        << "Eigen " << eigenVersion() << ", " << simdLevel() << "\n"
        << compilerVersion() << ", "
        << fill(translate("attn::cli", "%1 thread(s)"), {std::to_string(openmpThreads())}) << "\n";
    // The engine copy the loader chose for this CPU (Linux packages carry two).
    if (const std::string library = engineLibrary(); !library.empty())
        out << fill(translate("attn::cli", "engine: %1"), {library}) << "\n";
}

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
            out << fill(translate("attn::cli", "Usage: attentionlab-cli %1"),
                        {translate("attn::cli", c.synopsis)})
                << "\n\n"
                << translate("attn::cli", c.summary) << "\n";
            return 0;
        }
        try {
            Args args(rest, c.flags);
            return c.run(args, out, err);
        } catch (const Error &e) {
            err << "attentionlab-cli " << c.name << ": " << errorMessage(e) << "\n";
            return 1;
        } catch (const std::exception &e) {
            err << "attentionlab-cli " << c.name << ": "
                << fill(translate("attn::cli", "internal error: %1"), {e.what()}) << "\n";
            return 1;
        }
    }
    err << "attentionlab-cli: "
        << fill(translate("attn::cli",
                          "unknown command '%1' (run 'attentionlab-cli --help' for the list)"),
                {first})
        << "\n";
    return 1;
}

} // namespace attn::cli
