"""Entry script of the PyInstaller bundle: one program, several executables.

The spec analyses this one script (so the bundle has one set of modules and libraries) and
builds one executable per program from it (on Linux the build script then keeps one file and
makes the other two symbolic links to it: they are byte-identical). Each runs the entry point
named by the name it was started by, exactly like the ``[project.scripts]`` /
``[project.gui-scripts]`` launchers pip writes: ``style-studio`` → ``studio.gui.app:main``, ``studio-batch`` → ``studio.cli.batch:main``,
``studio-train`` → ``studio.cli.train:main``.
"""

from __future__ import annotations

import os
import shutil
import sys

PROGRAMS = {
    "style-studio": "studio.gui.app",
    "studio-batch": "studio.cli.batch",
    "studio-train": "studio.cli.train",
}


def _names() -> list[str]:
    """Names this process was started by: argv[0], each link it points through, the executable."""
    names: list[str] = []
    path = sys.argv[0] if sys.argv else ""
    if path and os.sep not in path and not os.path.exists(path):
        path = shutil.which(path) or path  # found on PATH
    for _ in range(16):  # ~/.local/bin/studio-batch -> bundle/studio-batch -> style-studio
        if not path:
            break
        names.append(os.path.basename(path))
        if not os.path.islink(path):
            break
        path = os.path.join(os.path.dirname(path), os.readlink(path))
    names.append(os.path.basename(sys.executable))
    return names


def _program() -> str:
    # On Linux the build keeps one executable and makes the others symbolic links to it (they
    # are byte-identical), so the name the program was started by decides, busybox-style.
    for name in _names():
        stem = name[:-4] if name.lower().endswith(".exe") else name
        for program in PROGRAMS:
            if stem == program:
                return program
    return os.environ.get("STUDIO_BUNDLE_PROGRAM", "")


def main() -> int:
    program = _program()
    if program not in PROGRAMS:
        sys.stderr.write(f"{os.path.basename(sys.argv[0])}: cannot tell which program to run; this bundle "
                         f"provides {', '.join(PROGRAMS)} (start one by its name, or set "
                         f"STUDIO_BUNDLE_PROGRAM)\n")
        return 2
    # Static imports, so PyInstaller's analysis finds all three programs from this one script.
    if program == "style-studio":
        from studio.gui.app import main as entry
    elif program == "studio-batch":
        from studio.cli.batch import main as entry
    else:
        from studio.cli.train import main as entry
    sys.argv[0] = program  # argparse's prog and messages name the program, not the bundle path
    return entry()


if __name__ == "__main__":
    sys.exit(main())
