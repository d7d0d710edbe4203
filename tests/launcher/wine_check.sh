#!/bin/sh
# wine_check.sh: the launcher's Windows code (CreateProcess, the command line, the exit code,
# the message box build) cross-compiled with MinGW-w64 and run under Wine, with fake copies
# that print their arguments. Not part of CTest (Wine is large); run it after changing
# app/launcher: apt-get install g++-mingw-w64-x86-64-posix wine64, then
#   sh tests/launcher/wine_check.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$here/../../app/launcher/launcher.cpp
cxx=${CXX_MINGW:-x86_64-w64-mingw32-g++-posix}
wine=${WINE:-$(command -v wine64 || echo /usr/lib/wine/wine64)}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export WINEDEBUG=-all WINEPREFIX="$dir/prefix"

flags="-std=c++20 -O2 -Wall -Wextra -Wpedantic -Wshadow -Werror -static -I $here/../../app"
$cxx $flags -o "$dir/prog.exe" "$src"
$cxx $flags -DATTNLAB_LAUNCHER_GUI -mwindows -o "$dir/gui.exe" "$src"
cat > "$dir/child.cpp" <<'CPP'
#include <cstdio>
int main(int argc, char **argv)
{
    std::printf("%s %d", COPY_NAME, argc - 1);
    for (int i = 1; i < argc; ++i)
        std::printf(" [%s]", argv[i]);
    std::printf("\n");
    return 3;
}
CPP
for v in baseline x86-64-v3; do
    $cxx -static -DCOPY_NAME="\"$v\"" -o "$dir/prog-$v.exe" "$dir/child.cpp"
done
cp "$dir/prog-baseline.exe" "$dir/gui-baseline.exe"

failures=0
expect() {
    if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: expected [$2], got [$3]"; failures=$((failures + 1)); fi
}
cd "$dir"
out=$(ATTNLAB_VARIANT=x86-64-v3 "$wine" ./prog.exe a "b c" 'd"e' 2>/dev/null | tr -d '\r'); rc=$?
expect "arguments with blanks and quotes reach the copy" 'x86-64-v3 3 [a] [b c] [d"e]' "$out"
ATTNLAB_VARIANT=baseline "$wine" ./prog.exe >/dev/null 2>&1 && rc=0 || rc=$?
expect "the copy's exit code is the launcher's" 3 "$rc"
out=$(ATTNLAB_VARIANT=baseline "$wine" ./gui.exe q 2>/dev/null | tr -d '\r')
expect "the window's launcher (WinMain) starts its copy" "baseline 1 [q]" "$out"
out=$(ATTNLAB_LAUNCHER_DRY_RUN=1 ATTNLAB_VARIANT=baseline "$wine" ./prog.exe 2>&1 | tr -d '\r')
case "$out" in *'\prog-baseline.exe') echo "ok: the dry run names the copy" ;;
    *) echo "FAIL: dry run: $out"; failures=$((failures + 1)) ;; esac
rm prog-x86-64-v3.exe
out=$("$wine" ./prog.exe 2>/dev/null | tr -d '\r')
expect "without the x86-64-v3 copy the baseline one runs" "baseline 0" "$out"
rm prog-baseline.exe
"$wine" ./prog.exe >/dev/null 2>&1 && rc=0 || rc=$?
expect "with no copy the launcher fails" 127 "$rc"
[ "$failures" -eq 0 ] || exit 1
echo "all passed"
