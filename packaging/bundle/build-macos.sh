#!/usr/bin/env bash
# Build the Style Studio desktop bundle for macOS (Apple silicon): one command, from a checkout.
#
#   packaging/bundle/build-macos.sh
#
# UNTESTED: written beside build-linux.sh (which is the one that was built and checked) and
# using the same style-studio.spec, but no Mac was available to run it. Expect to fix details.
#
# Writes dist/Style Studio.app (the app; studio-batch and studio-train are inside it, in
# "Style Studio.app/Contents/MacOS/") and dist/style-studio-VERSION-macos-ARCH.zip.
# PyPI's torch for macOS is already CPU/MPS-only (no CUDA), so it comes from PyPI.
# Not signed or notarized: set CODESIGN_IDENTITY to sign with your Developer ID; without it
# Gatekeeper asks the user to allow the app (right-click → Open) on first start.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
BUILD="${BUNDLE_BUILD_DIR:-$ROOT/build/bundle}"
DIST="${BUNDLE_DIST_DIR:-$ROOT/dist}"
TORCH_SPEC="${TORCH_SPEC:-torch==2.14.1}"
VENV="$BUILD/venv"
PY="$VENV/bin/python"

if [[ ! -x "$PY" ]]; then
    mkdir -p "$BUILD"
    "$PYTHON" -m venv "$VENV"
    "$PY" -m pip install --quiet --upgrade pip
fi
# shellcheck disable=SC2086
"$PY" -m pip install --quiet $TORCH_SPEC
TORCH_VERSION=$("$PY" -c 'import torch; print(torch.__version__)')

SRC="$BUILD/src"
WHEELS="$BUILD/wheel"
rm -rf "$SRC" "$WHEELS"
mkdir -p "$SRC" "$WHEELS"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - 2>/dev/null | tar -xf - -C "$SRC"
"$PY" -m pip wheel --quiet --no-deps "$SRC" -w "$WHEELS" > "$BUILD/wheel.log" 2>&1 \
    || { cat "$BUILD/wheel.log" >&2; exit 1; }
WHEEL=$(ls "$WHEELS"/style_studio-*.whl)
echo "torch==$TORCH_VERSION" > "$BUILD/torch-pin.txt"
"$PY" -m pip install --quiet -c "$BUILD/torch-pin.txt" "$WHEEL" pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.9
"$PY" -m pip install --quiet --no-deps --force-reinstall "$WHEEL"
VERSION=$("$PY" -c 'import studio; print(studio.__version__)')

rm -rf "$DIST/style-studio" "$DIST/Style Studio.app"
(cd "$BUILD" && "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/pyinstaller" "$HERE/style-studio.spec")

ZIP="$DIST/style-studio-$VERSION-macos-$(uname -m).zip"
ditto -c -k --keepParent "$DIST/Style Studio.app" "$ZIP"
echo "app:     $DIST/Style Studio.app ($(du -sh "$DIST/Style Studio.app" | cut -f1), torch $TORCH_VERSION)"
echo "archive: $ZIP"
echo "CLI:     \"$DIST/Style Studio.app/Contents/MacOS/studio-batch\" --list-styles"
