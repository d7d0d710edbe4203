#!/usr/bin/env bash
# Rebuilds the demo models in resources/models/ from the bundled samples with
# attentionlab-cli. Training is deterministic (fixed seeds, one thread), so a run with the
# same build reproduces the committed files byte for byte.
#
# Usage: scripts/make-demo-models.sh [--print] [--out DIR] [--only NAME] [PATH/TO/attentionlab-cli]
#   --print      print the training commands (one a line, paths relative to the repository
#                root, program name "attentionlab-cli") and exit without training
#   --out DIR    write the models into DIR (relative paths: from the repository root)
#                instead of resources/models
#   --only NAME  build one model: english-char-lm, chinese-char-lm, reverse, reverse-encdec,
#                dates-bahdanau or sentiment-classifier
# Without a CLI path the script uses build/release/app/attentionlab-cli.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
print=0
outdir="resources/models"
only=""
cli=""
while [ $# -gt 0 ]; do
    case "$1" in
    --print) print=1 ;;
    --out)
        [ $# -ge 2 ] || { echo "make-demo-models.sh: --out needs a directory" >&2; exit 2; }
        outdir="$2"
        shift
        ;;
    --only)
        [ $# -ge 2 ] || { echo "make-demo-models.sh: --only needs a model name" >&2; exit 2; }
        only="$2"
        shift
        ;;
    -h | --help)
        sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "make-demo-models.sh: unknown option $1" >&2
        exit 2
        ;;
    *) cli="$1" ;;
    esac
    shift
done

# name|arguments after "attentionlab-cli train" (without --out). One line per model; the
# reproduction test (tests/cli/test_demomodels_repro_slow.cpp) reads these through --print.
recipes=(
    "english-char-lm|--data resources/samples/english.txt --tokenizer char --layers 2 --heads 4 --d-model 64 --context 16 --dropout 0.1 --batch 32 --steps 1200 --lr 3e-3 --seed 7 --threads 1"
    "chinese-char-lm|--data resources/samples/chinese.txt --tokenizer char --layers 2 --heads 4 --d-model 64 --context 16 --dropout 0.1 --batch 32 --steps 1200 --lr 3e-3 --seed 7 --threads 1"
    "reverse|--task reverse --layers 2 --heads 4 --d-model 64 --batch 32 --steps 250 --lr 3e-3 --seed 1 --threads 1"
    "reverse-encdec|--task reverse --model seq2seq-transformer --layers 2 --heads 4 --d-model 64 --batch 32 --steps 400 --lr 3e-3 --seed 1 --threads 1"
    "dates-bahdanau|--task dates --model seq2seq-rnn --attention additive --rnn gru --d-model 64 --batch 64 --steps 800 --lr 3e-3 --seed 1 --threads 1"
    "sentiment-classifier|--data resources/samples/sentiment.tsv --model classifier --tokenizer word --layers 1 --heads 2 --d-model 32 --dropout 0.3 --validation 0.2 --batch 16 --steps 300 --lr 3e-3 --seed 1 --threads 1"
)

found=0
for recipe in "${recipes[@]}"; do
    name="${recipe%%|*}"
    [ -z "$only" ] || [ "$only" = "$name" ] || continue
    found=1
    read -r -a argv <<<"${recipe#*|}"
    out="$outdir/$name.safetensors"
    if [ "$print" = 1 ]; then
        echo "attentionlab-cli train ${argv[*]} --out $out"
        continue
    fi
    if [ -z "$cli" ]; then
        cli="$root/build/release/app/attentionlab-cli"
    fi
    if [ ! -x "$cli" ]; then
        echo "make-demo-models.sh: $cli is not an executable; build attentionlab-cli or give its path" >&2
        exit 1
    fi
    cli="$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")"
    (cd "$root" && mkdir -p "$outdir")
    echo "== $name: attentionlab-cli train ${argv[*]} --out $out" >&2
    start=$(date +%s%N)
    (cd "$root" && "$cli" train "${argv[@]}" --out "$out")
    ms=$((($(date +%s%N) - start) / 1000000))
    echo "== $name: $((ms / 1000)).$((ms % 1000 / 100)) s wall" >&2
done
if [ "$found" = 0 ]; then
    echo "make-demo-models.sh: no model named '$only' (english-char-lm, chinese-char-lm, reverse, dates-bahdanau, sentiment-classifier)" >&2
    exit 2
fi
