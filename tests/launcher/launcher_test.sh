#!/bin/sh
# launcher_test.sh LAUNCHER: the launcher under a program's name beside fake copies of that
# program (shell scripts that print their name and arguments and exit with 3).
set -u
launcher=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
# expect NAME WANT GOT
expect() {
    if [ "$2" = "$3" ]; then echo "ok: $1"; else fail "$1: expected [$2], got [$3]"; fi
}

cp "$launcher" "$dir/prog"
for v in baseline x86-64-v3; do
    printf '#!/bin/sh\necho "%s $# [$1] [$2]"\nexit 3\n' "$v" > "$dir/prog-$v"
    chmod +x "$dir/prog-$v"
done

# The level this CPU has, from the kernel's flags (lzcnt is "abm"; XSAVE enabled by the
# kernel when it lists avx).
native=x86-64-v3
flags=$(grep -m1 '^flags' /proc/cpuinfo)
for f in sse4_2 popcnt cx16 lahf_lm movbe xsave avx avx2 bmi1 bmi2 f16c fma abm; do
    case " $flags " in *" $f "*) ;; *) native=baseline ;; esac
done

out=$("$dir/prog" a "b c"); rc=$?
expect "this CPU ($native) runs its copy with the arguments" "$native 2 [a] [b c]" "$out"
expect "the copy's exit code is the launcher's" 3 "$rc"

out=$(ATTNLAB_VARIANT=baseline "$dir/prog" x)
expect "ATTNLAB_VARIANT=baseline" "baseline 1 [x] []" "$out"
out=$(ATTNLAB_VARIANT=x86-64-v3 "$dir/prog")
expect "ATTNLAB_VARIANT=x86-64-v3" "x86-64-v3 0 [] []" "$out"
out=$(ATTNLAB_LAUNCHER_DRY_RUN=1 ATTNLAB_VARIANT=baseline "$dir/prog")
expect "the dry run names the copy" "$dir/prog-baseline" "$out"

err=$(ATTNLAB_VARIANT=avx9 "$dir/prog" 2>&1 >/dev/null); rc=$?
expect "an unknown ATTNLAB_VARIANT is refused" 2 "$rc"
case "$err" in *'must be "baseline" or "x86-64-v3", not "avx9"'*) echo "ok: and named" ;;
    *) fail "unknown variant message: $err" ;; esac

if command -v qemu-x86_64 >/dev/null 2>&1; then
    out=$(qemu-x86_64 -cpu Nehalem "$dir/prog" 2>/dev/null)
    expect "a CPU without AVX (qemu Nehalem) runs the baseline copy" "baseline 0 [] []" "$out"
    out=$(qemu-x86_64 -cpu SandyBridge "$dir/prog" 2>/dev/null)
    expect "AVX without AVX2 (qemu SandyBridge) runs the baseline copy" "baseline 0 [] []" "$out"
    out=$(qemu-x86_64 -cpu Haswell "$dir/prog" 2>/dev/null)
    expect "an x86-64-v3 CPU (qemu Haswell) runs the x86-64-v3 copy" "x86-64-v3 0 [] []" "$out"
else
    echo "note: qemu-x86_64 is not installed; the CPU check ran on this CPU only"
fi

rm "$dir/prog-x86-64-v3"
out=$("$dir/prog")
expect "without the x86-64-v3 copy the baseline one runs" "baseline 0 [] []" "$out"
rm "$dir/prog-baseline"
err=$("$dir/prog" 2>&1); rc=$?
expect "with no copy the launcher fails" 127 "$rc"
case "$err" in *"$dir/prog-baseline is missing"*) echo "ok: and names the missing file" ;;
    *) fail "missing copy message: $err" ;; esac

[ "$failures" -eq 0 ] || { echo "$failures failed"; exit 1; }
echo "all passed"
