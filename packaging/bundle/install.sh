#!/usr/bin/env bash
# Put Style Studio in the desktop menu and on PATH, for this user only (no root needed).
#
#   ./install.sh              links ~/.local/bin/style-studio and ~/.local/bin/studio-batch
#                             (and studio-train) to this folder, installs the icon and the
#                             menu entry under ~/.local/share
#   ./install.sh --uninstall  removes them again (this folder itself is left alone)
#
# The bundle runs from wherever this folder is: move the folder, then run ./install.sh again.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
ICON_DIR="$DATA/icons/hicolor/256x256/apps"
APPS="$DATA/applications"
PROGRAMS=(style-studio studio-batch studio-train)

if [[ "${1:-}" == "--uninstall" ]]; then
    for p in "${PROGRAMS[@]}"; do
        [[ -L "$BIN/$p" ]] && rm -f "$BIN/$p"
    done
    rm -f "$APPS/style-studio.desktop" "$ICON_DIR/style-studio.png"
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$APPS" || true
    echo "Style Studio removed from the menu and from $BIN."
    exit 0
fi

mkdir -p "$BIN" "$ICON_DIR" "$APPS"
for p in "${PROGRAMS[@]}"; do
    ln -sfn "$HERE/$p" "$BIN/$p"
done
install -m 644 "$HERE/style-studio.png" "$ICON_DIR/style-studio.png"
# The menu entry runs the program by its full path: ~/.local/bin is not on every desktop's PATH.
sed -e "s|^Exec=style-studio|Exec=\"$HERE/style-studio\"|" -e "s|^TryExec=style-studio|TryExec=$HERE/style-studio|" \
    "$HERE/style-studio.desktop" > "$APPS/style-studio.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$APPS" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
echo "Style Studio is in the applications menu; style-studio, studio-batch and studio-train are in $BIN."
case ":$PATH:" in *":$BIN:"*) ;; *) echo "(add $BIN to PATH to run them by name from a terminal)";; esac
