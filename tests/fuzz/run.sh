#!/bin/sh
# Builds the libFuzzer targets in the asan preset's build (build/asan: clang, ASan + UBSan,
# the same build the sanitizer suite runs) and runs each for a bounded time on a copy of its
# seed corpus, two at a time (each target is single-threaded). Exits non-zero when a target
# finds a crash, a leak, undefined behaviour or a timeout; the reproducer is left in
# build/asan/fuzz-artifacts.
#   tests/fuzz/run.sh [seconds per target, default 60] [target ...]
set -eu
seconds=${1:-60}
[ $# -gt 0 ] && shift
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build/asan"
targets=${*:-"fuzz_safetensors fuzz_modelfile fuzz_textfile fuzz_tokenizers"}

cd "$root"
[ -f "$build/build.ninja" ] || cmake --preset asan >/dev/null
# shellcheck disable=SC2086
cmake --build --preset asan -j2 --target $targets

mkdir -p "$build/fuzz-artifacts"
# run TARGET: one bounded fuzzing session; its summary, or its failure, on stdout.
run() {
    t=$1
    work="$build/fuzz-corpus/$t"
    mkdir -p "$work"
    seeds="$root/tests/fuzz/corpus/$t"
    [ -d "$seeds" ] && cp -n "$seeds"/* "$work"/ 2>/dev/null || true
    # One thread: the engine's OpenMP pool would only add noise to a single input.
    if OMP_NUM_THREADS=1 ASAN_OPTIONS=detect_leaks=1 \
        "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=16384 -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t-" \
        "$work" 2>"$build/$t.log"; then
        echo "== $t: ${seconds}s, $(grep -E 'Done [0-9]+ runs' "$build/$t.log" | tail -1)"
        return 0
    fi
    echo "!! $t failed; see $build/$t.log and $build/fuzz-artifacts/"
    tail -40 "$build/$t.log"
    return 1
}

status=0
set -- $targets
while [ $# -gt 0 ]; do
    a=$1
    shift
    if [ $# -gt 0 ]; then
        b=$1
        shift
        run "$a" >"$build/$a.out" &
        pa=$!
        run "$b" >"$build/$b.out" || status=1
        wait "$pa" || status=1
        cat "$build/$a.out" "$build/$b.out"
    else
        run "$a" || status=1
    fi
done
exit $status
