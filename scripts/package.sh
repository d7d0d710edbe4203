#!/usr/bin/env bash
# Builds the Linux packages from the release preset and checks them (Debian 12 / Ubuntu, as root):
#   1. cmake --build --preset release (incremental: reuses build/release), and the engine's
#      baseline x86-64 copy (target attnmodel_baseline) beside its x86-64-v3 one
#   2. cpack -G "DEB;TGZ" in build/release
#   3. the .deb holds the programs, desktop file, metainfo, MIME type and icons, and its
#      Depends (from dpkg-shlibdeps) name the Qt 6 libraries and QCustomPlot
#   4. dpkg -i, apt-get -f install, then the installed /usr/bin programs answer --version,
#      the GUI starts offscreen, and desktop-file-validate and appstreamcli accept the
#      installed files.
#   5. every x86-64 CPU: the programs and the engine's baseline copy hold no AVX
#      instruction, the x86-64-v3 copy does; under qemu-user as a CPU without AVX
#      (-cpu Nehalem) the installed CLI picks the baseline copy and trains, traces and
#      benchmarks, and dies of SIGILL when only the x86-64-v3 copy is offered.
# Any failed check stops the script with a message and a non-zero exit. Running it twice is
# fine: old packages are replaced and the .deb is reinstalled.
# Options: --build-dir DIR packages an already configured build tree instead of build/release;
#          --no-build packages what is built now, without building first.
# Tools it needs: cmake ninja-build dpkg-dev file desktop-file-utils appstream qemu-user
# (`scripts/attentionlab.sh package` installs them first).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
preset=release
dir="build/$preset"
build=1
while [ $# -gt 0 ]; do
    case "$1" in
    --build-dir)
        [ -n "${2:-}" ] && [ -f "$2/CMakeCache.txt" ] || { echo "error: --build-dir needs a configured build directory" >&2; exit 2; }
        dir="${2%/}"
        preset=""
        shift 2
        ;;
    --no-build) build=0; shift ;;
    *) echo "usage: $0 [--build-dir CONFIGURED_BUILD_DIR] [--no-build]" >&2; exit 2 ;;
    esac
done
app_id=org.attentionlab.AttentionLab

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
ok() { printf '    ok: %s\n' "$*" >&2; }
die() {
    printf '\033[1;31mpackage: FAILED: %s\033[0m\n' "$*" >&2
    exit 1
}

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "installing the package needs root or sudo"
    sudo=(sudo)
fi
for tool in cmake cpack dpkg-deb dpkg-shlibdeps file desktop-file-validate appstreamcli objdump \
    qemu-x86_64; do
    command -v "$tool" >/dev/null ||
        die "'$tool' not found; run scripts/attentionlab.sh package, which installs what is missing"
done

# --- build ----------------------------------------------------------------------------
if [ "$build" -eq 0 ]; then
    [ -f "$dir/CMakeCache.txt" ] || die "$dir is not a configured build directory"
    log "Not building (--no-build): packaging what $dir holds"
elif [ -n "$preset" ]; then
    if [ ! -f "$dir/build.ninja" ]; then
        log "Configuring ($preset)"
        cmake --preset "$preset" >/dev/null
    fi
    log "Building ($preset)"
    cmake --build --preset "$preset" -j "$(nproc)" || die "the $preset build failed"
else
    log "Building ($dir)"
    cmake --build "$dir" -j "$(nproc)" || die "the build in $dir failed"
fi
hwcaps="$(sed -n 's/^ATTNLAB_HWCAPS:INTERNAL=//p' "$dir/CMakeCache.txt")"
if [ "$build" -eq 1 ] && [ "$hwcaps" = "ON" ]; then
    log "Building the engine for baseline x86-64 (attnmodel_baseline)"
    cmake --build "$dir" -j "$(nproc)" --target attnmodel_baseline ||
        die "the engine's baseline x86-64 copy failed to build"
fi

version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$dir/CMakeCache.txt")"
[ -n "$version" ] || die "no CMAKE_PROJECT_VERSION in $dir/CMakeCache.txt"
arch="$(dpkg --print-architecture)"
deb="$dir/attentionlab_${version}_${arch}.deb"

# --- cpack ----------------------------------------------------------------------------
log "Packaging DEB and TGZ in $dir"
rm -f "$dir"/attentionlab_*.deb "$dir"/attentionlab-*.tar.gz
(cd "$dir" && cpack -G "DEB;TGZ" >cpack.log 2>&1) || {
    tail -n 40 "$dir/cpack.log" >&2
    die "cpack failed (full log: $dir/cpack.log)"
}
[ -f "$deb" ] || die "cpack did not write $deb (see $dir/cpack.log)"
tgz="$(ls "$dir"/attentionlab-"$version"-*.tar.gz 2>/dev/null | head -n 1)"
[ -n "$tgz" ] || die "cpack did not write $dir/attentionlab-$version-*.tar.gz"

# --- package contents -----------------------------------------------------------------
log "Checking $deb"
contents="$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|')"
expect=(
    /usr/bin/attentionlab
    /usr/bin/attentionlab-cli
    /usr/share/applications/$app_id.desktop
    /usr/share/metainfo/$app_id.metainfo.xml
    /usr/share/mime/packages/$app_id.xml
    /usr/share/icons/hicolor/scalable/apps/$app_id.svg
    /usr/share/doc/attentionlab/copyright
    /usr/share/doc/attentionlab/changelog.gz
    /usr/share/man/man1/attentionlab.1.gz
    /usr/share/man/man1/attentionlab-cli.1.gz
)
if [ "$(sed -n 's/^ATTNLAB_HWCAPS:INTERNAL=//p' "$dir/CMakeCache.txt")" = "ON" ]; then
    # The engine, once for every x86-64 CPU and once for those with AVX2 + FMA.
    expect+=("/usr/lib/attentionlab/libattnmodel.so.$version"
        "/usr/lib/attentionlab/glibc-hwcaps/x86-64-v3/libattnmodel.so.$version")
fi
for n in 16 22 24 32 48 64 128 256 512; do
    expect+=("/usr/share/icons/hicolor/${n}x${n}/apps/$app_id.png")
done
# Bundled samples and demo models, whatever resources/ holds.
while IFS= read -r f; do
    expect+=("/usr/share/attentionlab/${f#resources/}")
done < <(find resources/samples resources/models -type f 2>/dev/null | sort)
for f in "${expect[@]}"; do
    grep -qx -- "$f" <<<"$contents" || die "$deb does not contain $f"
done
ok "${#expect[@]} expected files present"
listing="$(tar -tzf "$tgz")" || die "cannot list $tgz"
for f in bin/attentionlab bin/attentionlab-cli share/applications/$app_id.desktop; do
    grep -q "/$f\$" <<<"$listing" || die "$tgz does not contain $f"
done
ok "$(basename "$tgz") holds the programs and the desktop file"
if command -v lintian >/dev/null; then
    # Optional (lintian is large): Debian's own package checks, when installed.
    out="$(lintian --fail-on error,warning "$deb" 2>&1)" || die "lintian: $out"
    ok "lintian: no errors or warnings"
fi

depends="$(dpkg-deb -f "$deb" Depends)"
for lib in libqt6core6 libqt6gui6 libqt6widgets6 libqt6svg6 'libqcustomplot[^,]*qt6' libc6 libstdc\\+\\+6; do
    grep -Eq "(^|, )$lib" <<<"$depends" || die "Depends of $deb lacks $lib: $depends"
done
ok "Depends: $depends"
recommends="$(dpkg-deb -f "$deb" Recommends)"
grep -q 'fonts-noto-cjk' <<<"$recommends" || die "Recommends of $deb lacks fonts-noto-cjk: $recommends"
ok "Recommends: $recommends"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || die "package version is not $version"

# --- install and run ------------------------------------------------------------------
log "Installing $deb"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" dpkg -i "$deb" >"$dir/dpkg-install.log" 2>&1 ||
    log "dpkg -i left dependencies to resolve; apt-get -f install follows"
"${sudo[@]}" apt-get -f install -y -q >>"$dir/dpkg-install.log" 2>&1 || {
    tail -n 30 "$dir/dpkg-install.log" >&2
    die "apt-get -f install could not complete the installation"
}
status="$(dpkg-query -W -f='${Status} ${Version}' attentionlab 2>/dev/null || true)"
[ "$status" = "install ok installed $version" ] || die "attentionlab is not installed after dpkg -i: '$status'"
ok "dpkg: $status"

missing="$(ldd /usr/bin/attentionlab /usr/bin/attentionlab-cli | grep 'not found' || true)"
[ -z "$missing" ] || die "installed programs miss libraries: $missing"
for program in attentionlab attentionlab-cli; do
    out="$(env -i PATH=/usr/bin:/bin HOME="${HOME:-/root}" "/usr/bin/$program" --version 2>&1)" ||
        die "/usr/bin/$program --version failed: $out"
    grep -q "$version" <<<"$out" || die "/usr/bin/$program --version does not print $version: $out"
    ok "/usr/bin/$program --version: $(head -n 1 <<<"$out")"
done

# The installed GUI must start (platform plugin, icons, resources) and keep running.
rc=0
env -i PATH=/usr/bin:/bin HOME="$(mktemp -d)" QT_QPA_PLATFORM=offscreen \
    timeout 5 /usr/bin/attentionlab >"$dir/gui-smoke.log" 2>&1 || rc=$?
[ "$rc" -eq 124 ] || {
    cat "$dir/gui-smoke.log" >&2
    die "/usr/bin/attentionlab exited with $rc within 5 s instead of running (offscreen)"
}
ok "/usr/bin/attentionlab runs (offscreen, stopped after 5 s)"

# --- every x86-64 CPU ------------------------------------------------------------------
libdir=/usr/lib/attentionlab
if [ "$hwcaps" = "ON" ]; then
    log "Checking that the installed programs run on an x86-64 CPU without AVX"
    base_lib="$(ls "$libdir"/libattnmodel.so.*.*.* 2>/dev/null | head -n 1)"
    v3_lib="$(ls "$libdir"/glibc-hwcaps/x86-64-v3/libattnmodel.so.*.*.* 2>/dev/null | head -n 1)"
    [ -n "$base_lib" ] || die "no baseline engine $libdir/libattnmodel.so.* installed"
    [ -n "$v3_lib" ] || die "no x86-64-v3 engine $libdir/glibc-hwcaps/x86-64-v3/libattnmodel.so.* installed"
    # VEX-encoded instructions (AVX and newer) name ymm/zmm registers or start with a v.
    vex_count() { objdump -d --no-show-raw-insn "$1" | grep -cE '%[yz]mm[0-9]|^\s+[0-9a-f]+:\s+v[a-z0-9]+ ' || true; }
    for f in /usr/bin/attentionlab /usr/bin/attentionlab-cli "$base_lib"; do
        n="$(vex_count "$f")"
        [ "$n" -eq 0 ] || die "$f holds $n AVX instructions: it would die on a CPU without AVX"
    done
    n="$(vex_count "$v3_lib")"
    [ "$n" -gt 1000 ] || die "$v3_lib holds only $n AVX instructions: it is not the x86-64-v3 build"
    ok "no AVX in the programs and $(basename "$base_lib"); $n AVX instructions in the x86-64-v3 copy"

    # On this machine the loader picks the copy this CPU can run.
    if /lib64/ld-linux-x86-64.so.2 --help 2>/dev/null | grep -q 'x86-64-v3 (supported'; then
        want=glibc-hwcaps/x86-64-v3
    else
        want="$libdir/libattnmodel"
    fi
    out="$(/usr/bin/attentionlab-cli --version 2>&1)" || die "attentionlab-cli --version: $out"
    grep -q "engine: .*$want" <<<"$out" || die "attentionlab-cli does not run the engine in $want: $out"
    ok "this CPU runs $(sed -n 's/^engine: //p' <<<"$out")"

    # A CPU without AVX (Intel Nehalem, 2008), emulated.
    old_cpu=(qemu-x86_64 -cpu Nehalem)
    work="$(mktemp -d)"
    qlog="$dir/qemu-nehalem.log"
    : >"$qlog"
    qrun() { "${old_cpu[@]}" "$@" 2> >(grep -v '^qemu-x86_64: warning' >>"$qlog"); }
    out="$(qrun /usr/bin/attentionlab-cli info)" || die "attentionlab-cli info under ${old_cpu[*]}: $out $(cat "$qlog")"
    grep -q "SSE2" <<<"$out" && grep -q "engine: $libdir/libattnmodel" <<<"$out" ||
        die "under ${old_cpu[*]} the CLI does not run the baseline engine: $out"
    ok "${old_cpu[*]}: attentionlab-cli info names $(sed -n 's/^Eigen [^,]*, //p' <<<"$out")"
    qrun /usr/bin/attentionlab-cli train --task reverse --steps 30 --threads 2 \
        --out "$work/reverse.safetensors" >"$work/train.log" ||
        die "attentionlab-cli train under ${old_cpu[*]} failed: $(tail -n 5 "$work/train.log") $(cat "$qlog")"
    qrun /usr/bin/attentionlab-cli trace --model "$work/reverse.safetensors" --text abc \
        --out "$work/trace.safetensors" >"$work/trace.log" ||
        die "attentionlab-cli trace under ${old_cpu[*]} failed: $(cat "$work/trace.log" "$qlog")"
    [ -s "$work/trace.safetensors" ] || die "attentionlab-cli trace under ${old_cpu[*]} wrote no trace"
    qrun /usr/bin/attentionlab-cli bench --config tiny --steps 3 --threads 1 >"$work/bench.log" ||
        die "attentionlab-cli bench under ${old_cpu[*]} failed: $(cat "$work/bench.log" "$qlog")"
    ok "${old_cpu[*]}: the installed CLI trains 30 steps, traces and benchmarks"
    # The window too: it opens the demo (the engine builds and traces it) and keeps running.
    rc=0
    env -i PATH=/usr/bin:/bin HOME="$work" QT_QPA_PLATFORM=offscreen \
        timeout 20 "${old_cpu[@]}" /usr/bin/attentionlab >"$work/gui.log" 2>&1 || rc=$?
    [ "$rc" -eq 124 ] || die "/usr/bin/attentionlab under ${old_cpu[*]} exited with $rc: $(grep -v '^qemu-x86_64: warning' "$work/gui.log")"
    ok "${old_cpu[*]}: /usr/bin/attentionlab runs (offscreen, stopped after 20 s)"
    # The same with only the x86-64-v3 copy offered must die of an illegal instruction (so
    # the check above could fail).
    rc=0
    (   # a subshell, so that the shell's own "Illegal instruction" report stays quiet
        "${old_cpu[@]}" -E LD_LIBRARY_PATH="$libdir/glibc-hwcaps/x86-64-v3" \
            /usr/bin/attentionlab-cli bench --config tiny --steps 3 --threads 1 >/dev/null 2>&1
    ) 2>/dev/null || rc=$?
    [ "$rc" -eq 132 ] ||
        die "with only the x86-64-v3 engine, ${old_cpu[*]} should die of SIGILL (132), not exit $rc"
    ok "${old_cpu[*]} with only the x86-64-v3 engine: SIGILL, as expected"
    rm -rf "$work"
fi

# --- metadata validators on the installed files ---------------------------------------
log "Validating the installed desktop file and AppStream metainfo"
out="$(desktop-file-validate "/usr/share/applications/$app_id.desktop" 2>&1)" ||
    die "desktop-file-validate: $out"
grep -Eq 'error|warning' <<<"$out" && die "desktop-file-validate: $out"
ok "desktop-file-validate /usr/share/applications/$app_id.desktop"
out="$(appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml" 2>&1)" ||
    die "appstreamcli validate: $out"
ok "appstreamcli validate --no-net: $(tail -n 1 <<<"$out")"
stage="$dir/package-tree"
rm -rf "$stage" && mkdir -p "$stage" && dpkg-deb -x "$deb" "$stage"
out="$(appstreamcli validate-tree --no-net "$stage" 2>&1)" ||
    die "appstreamcli validate-tree (metainfo with its desktop file and icons): $out"
rm -rf "$stage"
ok "appstreamcli validate-tree --no-net on the unpacked .deb"
if [ -f /usr/share/mime/globs2 ]; then
    grep -q 'application/x-attentionlab-model:\*\.safetensors' /usr/share/mime/globs2 ||
        die "the MIME database does not know *.safetensors after installing (update-mime-database trigger)"
    ok "MIME database: *.safetensors -> application/x-attentionlab-model"
fi
if [ -f /usr/share/applications/mimeinfo.cache ]; then
    grep -q "^application/x-attentionlab-model=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache ||
        die "the desktop database does not offer $app_id.desktop for application/x-attentionlab-model"
    ok "desktop database: application/x-attentionlab-model -> $app_id.desktop"
fi

size="$(du -h "$deb" | cut -f1)"
log "Packages OK: $deb ($size), $tgz ($(du -h "$tgz" | cut -f1))"
