#!/usr/bin/env bash
# Regenerates the committed icon renders from resources/icons/attentionlab.svg:
#   hicolor/<N>x<N>/apps/org.attentionlab.AttentionLab.png   (Linux icon theme)
#   attentionlab.ico   (Windows: PNG-compressed entries, 16..256 px)
#   attentionlab.icns  (macOS: PNG entries, 16..1024 px)
# Needs rsvg-convert (Debian: librsvg2-bin) and python3. Run it after editing the SVG
# and commit the results; the build itself never renders icons.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
svg="$here/../../resources/icons/attentionlab.svg"
id=org.attentionlab.AttentionLab
command -v rsvg-convert >/dev/null || { echo "error: rsvg-convert not found (apt-get install librsvg2-bin)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for n in 16 22 24 32 48 64 128 256 512 1024; do
    rsvg-convert -w "$n" -h "$n" -o "$tmp/$n.png" "$svg"
done
for n in 16 22 24 32 48 64 128 256 512; do
    mkdir -p "$here/hicolor/${n}x${n}/apps"
    cp "$tmp/$n.png" "$here/hicolor/${n}x${n}/apps/$id.png"
done

python3 - "$tmp" "$here" <<'PY'
import struct, sys, pathlib
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
png = lambda n: (src / f"{n}.png").read_bytes()

# ICO: ICONDIR, then one ICONDIRENTRY per image, then the PNG streams.
sizes = [16, 24, 32, 48, 64, 128, 256]
blobs = [png(n) for n in sizes]
ico = struct.pack("<HHH", 0, 1, len(sizes))
offset = 6 + 16 * len(sizes)
for n, b in zip(sizes, blobs):
    ico += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(b), offset)
    offset += len(b)
(out / "attentionlab.ico").write_bytes(ico + b"".join(blobs))

# ICNS: big-endian 'icns' + total length, then (type, length incl. header, data) chunks.
types = [(b"icp4", 16), (b"ic11", 32), (b"icp5", 32), (b"ic12", 64), (b"ic07", 128),
         (b"ic13", 256), (b"ic08", 256), (b"ic14", 512), (b"ic09", 512), (b"ic10", 1024)]
body = b"".join(t + struct.pack(">I", 8 + len(png(n))) + png(n) for t, n in types)
(out / "attentionlab.icns").write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
echo "icons written under $here"
