#!/usr/bin/env bash
# Build the Style Studio desktop bundle for Linux: one command, from a checkout.
#
#   packaging/bundle/build-linux.sh [--no-tar] [--no-strip]
#
# Makes (or reuses) a build venv with a CPU-only torch, builds Style Studio's wheel from the
# working tree, installs it non-editable with PyInstaller, runs style-studio.spec and writes
#
#   dist/style-studio/                               the onedir bundle (run it in place)
#   dist/style-studio-VERSION-linux-ARCH.tar.gz      the same folder, to hand out
#
# Settings (environment):
#   PYTHON             interpreter for the build venv (default: python3; needs a shared libpython)
#   BUNDLE_BUILD_DIR   venv + PyInstaller work folder (default: build/bundle, git-ignored)
#   BUNDLE_DIST_DIR    output folder (default: dist, git-ignored)
#   TORCH_CPU_INDEX    CPU wheel index (default: https://download.pytorch.org/whl/cpu)
#   TORCH_CPU_SPEC     what to install from it (default: torch==2.14.1+cpu)
#   TORCH_CPU_FALLBACK used when that index cannot be reached: a +cpu torch that pip finds in its
#                      configured sources (default: torch==2.13.0+cpu, the CPU build this project's
#                      machines keep on disk)
# The "+cpu" local version pins the CPU build: pip can never swap in a CUDA torch for it.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

MAKE_TAR=1
STRIP=1
for arg in "$@"; do
    case "$arg" in
        --no-tar) MAKE_TAR=0 ;;
        --no-strip) STRIP=0 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "build-linux.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

PYTHON="${PYTHON:-python3}"
BUILD="${BUNDLE_BUILD_DIR:-$ROOT/build/bundle}"
DIST="${BUNDLE_DIST_DIR:-$ROOT/dist}"
TORCH_CPU_INDEX="${TORCH_CPU_INDEX:-https://download.pytorch.org/whl/cpu}"
TORCH_CPU_SPEC="${TORCH_CPU_SPEC:-torch==2.14.1+cpu}"
TORCH_CPU_FALLBACK="${TORCH_CPU_FALLBACK:-torch==2.13.0+cpu}"
PYINSTALLER_SPEC="pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.9"
VENV="$BUILD/venv"
PY="$VENV/bin/python"
START=$(date +%s)

say() { printf '\n== %s\n' "$*"; }

# --- 1. the build venv, with a CPU-only torch ------------------------------------------------
if [[ ! -x "$PY" ]]; then
    say "creating build venv $VENV"
    "$PYTHON" -c 'import sysconfig, sys; sys.exit(0 if sysconfig.get_config_var("Py_ENABLE_SHARED") else "PyInstaller needs a Python built with --enable-shared")'
    mkdir -p "$BUILD"
    "$PYTHON" -m venv "$VENV"
    "$PY" -m pip install --quiet --upgrade pip
fi
if ! "$PY" -c 'import sys, torch; sys.exit(0 if torch.version.cuda is None and torch.version.hip is None else 1)' 2>/dev/null; then
    say "installing CPU-only torch ($TORCH_CPU_SPEC from $TORCH_CPU_INDEX)"
    "$PY" -m pip uninstall --quiet --yes torch torchvision >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    if ! "$PY" -m pip install --retries 1 --timeout 30 --extra-index-url "$TORCH_CPU_INDEX" $TORCH_CPU_SPEC; then
        say "the CPU wheel index gave no $TORCH_CPU_SPEC; falling back to $TORCH_CPU_FALLBACK"
        # shellcheck disable=SC2086
        "$PY" -m pip install $TORCH_CPU_FALLBACK
    fi
fi
TORCH_VERSION=$("$PY" -c 'import torch; print(torch.__version__)')
"$PY" -c 'import sys, torch; sys.exit(0 if torch.version.cuda is None else "the build venv has a CUDA torch: " + torch.__version__)'

# --- 2. Style Studio from this working tree, non-editable ----------------------------------
say "building the style-studio wheel from the working tree"
SRC="$BUILD/src"
WHEELS="$BUILD/wheel"
rm -rf "$SRC" "$WHEELS"
mkdir -p "$SRC" "$WHEELS"
# Tracked and untracked-but-not-ignored files only: no venvs, caches or old build/ leftovers.
# (--ignore-failed-read: a tracked file deleted in the working tree is simply left out.)
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$SRC"
"$PY" -m pip wheel --quiet --no-deps "$SRC" -w "$WHEELS" > "$BUILD/wheel.log" 2>&1 \
    || { cat "$BUILD/wheel.log" >&2; exit 1; }
WHEEL=$(ls "$WHEELS"/style_studio-*.whl)
echo "$WHEEL"

say "installing the wheel and PyInstaller (torch pinned to $TORCH_VERSION)"
echo "torch==$TORCH_VERSION" > "$BUILD/torch-pin.txt"
# shellcheck disable=SC2086
"$PY" -m pip install --quiet -c "$BUILD/torch-pin.txt" "$WHEEL" $PYINSTALLER_SPEC
"$PY" -m pip install --quiet --no-deps --force-reinstall "$WHEEL"  # same version number, new code
if "$PY" -m pip list --format=freeze 2>/dev/null | grep -iE '^(nvidia-|triton|cuda-)'; then
    echo "build-linux.sh: CUDA packages in the build venv (listed above); remove $VENV and rerun" >&2
    exit 1
fi
VERSION=$("$PY" -c 'import studio; print(studio.__version__)')

# --- 3. PyInstaller ------------------------------------------------------------------------
say "pyinstaller style-studio.spec"
mkdir -p "$DIST"
OUTDIR="$DIST/style-studio"
rm -rf "$OUTDIR"
# Run from outside the source tree so that nothing is imported from the checkout by accident.
(cd "$BUILD" && "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/pyinstaller" "$HERE/style-studio.spec")

# --- 4. lean: one executable, torch without its static symbol table --------------------------
# The three executables are byte-identical (one script, launcher.py, dispatches on the name it
# was started by): keep style-studio, make the others relative symbolic links to it (-92 MB).
for p in studio-batch studio-train; do
    if cmp -s "$OUTDIR/style-studio" "$OUTDIR/$p"; then
        ln -sfn style-studio "$OUTDIR/$p"
    fi
done
# libtorch_cpu.so ships unstripped: its .symtab is ~90 MB that nothing loads (the dynamic
# linker and torch's own backtraces use .dynsym, which strip keeps).
if (( STRIP )) && command -v strip >/dev/null; then
    find "$OUTDIR/_internal/torch" -name '*.so*' -type f -print0 | xargs -0 -r strip --strip-unneeded
fi

# --- 5. desktop integration files ----------------------------------------------------------
cp "$HERE/style-studio.desktop" "$HERE/style-studio.png" "$HERE/install.sh" "$OUTDIR/"
chmod +x "$OUTDIR/install.sh"
sed "s/@VERSION@/$VERSION/g; s/@TORCH@/$TORCH_VERSION/g" "$HERE/README-bundle.txt" > "$OUTDIR/README.txt"
ln -sfn _internal/studio_resources/samples "$OUTDIR/samples"

# --- 6. no CUDA inside ---------------------------------------------------------------------
CUDA_FILES=$(find "$OUTDIR" -regextype posix-extended \( -path '*/nvidia/*' -o -path '*/torchvision/*' -o -iregex \
    '.*/lib(cuda|cudart|cublas|cublaslt|cufft|cufftw|curand|cusolver|cusolvermg|cusparse|cusparselt|cupti|cufile|cudnn|nvrtc|nvjitlink|nvshmem|nvtoolsext|nvtx|nccl|torch_cuda|c10_cuda|caffe2_nvrtc)[a-z0-9_.-]*\.(so|dll|dylib).*' \
    \) -print | head -20)
if [[ -n "$CUDA_FILES" ]]; then
    echo "build-linux.sh: CUDA (or torchvision) files in the bundle:" >&2
    echo "$CUDA_FILES" >&2
    exit 1
fi

# --- 7. the archive ------------------------------------------------------------------------
if (( MAKE_TAR )); then
    TARBALL="$DIST/style-studio-$VERSION-linux-$(uname -m).tar.gz"
    say "archiving $TARBALL"
    tar -C "$DIST" -czf "$TARBALL.tmp" style-studio
    mv "$TARBALL.tmp" "$TARBALL"
fi

say "done in $(( $(date +%s) - START )) s"
echo "bundle:  $OUTDIR ($(du -sh "$OUTDIR" | cut -f1), torch $TORCH_VERSION)"
if (( MAKE_TAR )); then echo "archive: $TARBALL ($(du -sh "$TARBALL" | cut -f1))"; fi
echo "check:   packaging/bundle/check.sh --bundle $OUTDIR"
