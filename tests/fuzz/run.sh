#!/bin/sh
# Builds the libFuzzer targets in build/fuzz (clang, ASan + UBSan) and runs each for a
# bounded time on a copy of its seed corpus. Exits non-zero when a target finds a crash,
# a leak, undefined behaviour or a timeout; the reproducer is left in build/fuzz/artifacts.
#   tests/fuzz/run.sh [seconds per target, default 60] [target ...]
set -eu
seconds=${1:-60}
[ $# -gt 0 ] && shift
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build/fuzz"
targets=${*:-"fuzz_safetensors fuzz_modelfile fuzz_textfile fuzz_tokenizers"}

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DATTNLAB_FUZZ=ON -DATTNLAB_SANITIZE=ON \
    -DATTNLAB_OPENMP=OFF -DATTNLAB_BUILD_GUI=OFF >/dev/null
# shellcheck disable=SC2086
ninja -C "$build" -j2 $targets

status=0
mkdir -p "$build/artifacts"
for t in $targets; do
    work="$build/corpus/$t"
    mkdir -p "$work"
    seeds="$root/tests/fuzz/corpus/$t"
    [ -d "$seeds" ] && cp -n "$seeds"/* "$work"/ 2>/dev/null || true
    echo "== $t: ${seconds}s"
    if ! "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=16384 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
        "$work" 2>"$build/$t.log"; then
        echo "!! $t failed; see $build/$t.log and $build/artifacts/"
        tail -40 "$build/$t.log"
        status=1
    else
        grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$build/$t.log" | tail -2
    fi
done
exit $status
