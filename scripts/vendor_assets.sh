#!/usr/bin/env bash
# Re-create the vendored front-end assets under digiorg/static/ from the npm
# registry. Nothing is built with Node at runtime: the files are committed.
#
#   bash scripts/vendor_assets.sh
#
# Needs: npm, python3 (with the venv module), openssl, tar. It is not run in CI.
# All work happens in a scratch dir under /tmp; only these paths are written:
#   digiorg/static/vendor/{bootstrap,htmx,echarts}/
#   digiorg/static/fonts/
#
# What it does (and what was done to produce the committed files):
#  1. `npm pack` each package at a pinned version and check its sha512
#     integrity against the value pinned below (= `npm view PKG@VER dist.integrity`).
#  2. Copy the minified dist files + licence files. The trailing
#     `sourceMappingURL` comment is removed because the .map files are not
#     shipped and whitenoise's manifest storage fails on missing maps.
#  3. Sarabun: the full (non-subset) Google Fonts TTFs are taken from
#     @expo-google-fonts/sarabun (they carry complete GSUB/GPOS/GDEF, incl.
#     mark/mkmk positioning for Thai tone marks), so no subset merge is needed.
#     The same TTFs serve the browser and PDFs. The TTFs are checked with fontTools (installed into
#     a throwaway venv in the scratch dir).
set -euo pipefail

# ---- pinned versions -------------------------------------------------------
BOOTSTRAP_VER=5.3.9
HTMX_VER=2.0.11
ECHARTS_VER=5.6.0
EXPO_SARABUN_VER=0.4.1
FONTTOOLS_VER=4.68.0
BROTLI_VER=1.2.1

declare -A INTEGRITY=(
  ["bootstrap@${BOOTSTRAP_VER}"]="sha512-20cU0rcfw8WdxtVbmfU+xT2EjvVTw9Ror/h1Qvd7DXCujRg8OO9mdBCsmTHdJFf3BuadmBNJtgIuUXsBqSkk/w=="
  ["htmx.org@${HTMX_VER}"]="sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="
  ["echarts@${ECHARTS_VER}"]="sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA=="
  ["@expo-google-fonts/sarabun@${EXPO_SARABUN_VER}"]="sha512-Q/mWAjNyaFT4ym8hZOdQJvTtSC56uxipJ1qzdpwW6znDCCLMas4zSnfflmnVNXPfoRVJoQCrxtTEg5yJ6BEw7w=="
)

# ---- paths -----------------------------------------------------------------
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATIC="$REPO_ROOT/digiorg/static"
VENDOR="$STATIC/vendor"
FONTS="$STATIC/fonts"

SCRATCH="$(mktemp -d /tmp/vendor_assets.XXXXXX)"
trap 'rm -rf "$SCRATCH"' EXIT
echo "scratch dir: $SCRATCH"

# ---- helpers ---------------------------------------------------------------
# fetch SPEC -> prints the directory the package was unpacked into
fetch() {
  local spec="$1" tgz dir got
  tgz="$(cd "$SCRATCH" && npm pack --silent "$spec" | tail -n 1)"
  got="sha512-$(openssl dgst -sha512 -binary "$SCRATCH/$tgz" | base64 | tr -d '\n')"
  if [[ "$got" != "${INTEGRITY[$spec]}" ]]; then
    echo "integrity mismatch for $spec: got $got" >&2
    exit 1
  fi
  dir="$SCRATCH/unpacked/${tgz%.tgz}"
  mkdir -p "$dir"
  tar xzf "$SCRATCH/$tgz" -C "$dir"
  echo "$dir/package"
}

# copy a minified file and drop its trailing sourceMappingURL comment line
copy_min() {
  local src="$1" dst="$2"
  sed -E '/^[[:space:]]*\/[*\/][#@] sourceMappingURL=[^[:space:]]*([[:space:]]*\*\/)?[[:space:]]*$/d' "$src" > "$dst"
  if grep -q 'sourceMappingURL' "$dst"; then
    echo "sourceMappingURL still present in $dst" >&2
    exit 1
  fi
}

# ---- 1. JS / CSS -----------------------------------------------------------
echo "== bootstrap $BOOTSTRAP_VER"
P="$(fetch "bootstrap@${BOOTSTRAP_VER}")"
rm -rf "$VENDOR/bootstrap" && mkdir -p "$VENDOR/bootstrap"
copy_min "$P/dist/css/bootstrap.min.css"      "$VENDOR/bootstrap/bootstrap.min.css"
copy_min "$P/dist/js/bootstrap.bundle.min.js" "$VENDOR/bootstrap/bootstrap.bundle.min.js"
cp "$P/LICENSE" "$VENDOR/bootstrap/LICENSE"

echo "== htmx.org $HTMX_VER"
P="$(fetch "htmx.org@${HTMX_VER}")"
rm -rf "$VENDOR/htmx" && mkdir -p "$VENDOR/htmx"
copy_min "$P/dist/htmx.min.js" "$VENDOR/htmx/htmx.min.js"
cp "$P/LICENSE" "$VENDOR/htmx/LICENSE"

echo "== echarts $ECHARTS_VER"
P="$(fetch "echarts@${ECHARTS_VER}")"
rm -rf "$VENDOR/echarts" && mkdir -p "$VENDOR/echarts"
copy_min "$P/dist/echarts.min.js" "$VENDOR/echarts/echarts.min.js"
cp "$P/LICENSE" "$VENDOR/echarts/LICENSE"
cp "$P/NOTICE"  "$VENDOR/echarts/NOTICE"
# echarts' LICENSE points to licenses/LICENSE-d3 for the d3-derived code in the bundle
cp "$P/licenses/LICENSE-d3" "$VENDOR/echarts/LICENSE-d3"

# ---- 2. Sarabun font -------------------------------------------------------
echo "== @expo-google-fonts/sarabun $EXPO_SARABUN_VER (full TTFs)"
EXPO="$(fetch "@expo-google-fonts/sarabun@${EXPO_SARABUN_VER}")"

cp "$EXPO/400Regular/Sarabun_400Regular.ttf" "$FONTS/Sarabun-Regular.ttf"
cp "$EXPO/700Bold/Sarabun_700Bold.ttf"       "$FONTS/Sarabun-Bold.ttf"
# OFL text: the clean copy shipped with the TTFs (@fontsource's LICENSE has the
# same OFL-1.1 text but a run-together copyright line).
cp "$EXPO/LICENSE_FONT" "$FONTS/OFL.txt"

echo "== verifying TTFs with fontTools"
python3 -m venv "$SCRATCH/venv"
"$SCRATCH/venv/bin/pip" install --quiet "fonttools==${FONTTOOLS_VER}" "brotli==${BROTLI_VER}"
"$SCRATCH/venv/bin/python" - "$FONTS/Sarabun-Regular.ttf" "$FONTS/Sarabun-Bold.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont

ok = True
for path in sys.argv[1:]:
    font = TTFont(path)
    cmap = font.getBestCmap()
    # U+0E01..U+0E5B minus the unassigned U+0E3B..U+0E3E
    thai = [c for c in range(0x0E01, 0x0E5C) if not 0x0E3B <= c <= 0x0E3E]
    latin = [ord(c) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"]
    thai_digits = list(range(0x0E50, 0x0E5A))
    missing = [hex(c) for c in thai + latin + thai_digits if c not in cmap]
    tables = {t: t in font for t in ("GSUB", "GPOS", "GDEF")}
    gpos_feats = set()
    if "GPOS" in font:
        gpos_feats = {r.FeatureTag for r in font["GPOS"].table.FeatureList.FeatureRecord}
    has_mark = {"mark", "mkmk"} <= gpos_feats
    print(f"{path}: glyphs={len(font.getGlyphOrder())} missing={missing} "
          f"tables={tables} GPOS features={sorted(gpos_feats)}")
    if missing or not all(tables.values()) or not has_mark:
        ok = False
sys.exit(0 if ok else 1)
PY

echo "done."
ls -l "$VENDOR"/*/ "$FONTS"
