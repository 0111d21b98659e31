"""Product-category labels for category models (the conditional GAN and any plugin that
declares ``categories``).

Each image's label comes from, in this order: a manifest (``--categories FILE``: CSV or JSON,
relative path → category), the image's first sub-folder under its input folder
(``in/shoes/a.jpg`` → ``shoes``), or one label for every image (``--category NAME``). What
happens to an image whose label the model does not know is the job's policy: ``fail`` the
item (default), ``skip`` it, or use a named fallback label. Never a silent guess.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from studio.errors import UsageError
from studio.i18n import translate

UNKNOWN_POLICIES = ("fail", "skip")  # or any label the model knows, as the fallback
#: CSV header cells recognised (and skipped) in a manifest's first row.
_PATH_HEADERS = {"path", "file", "filename", "image", "input"}


def _normal(path: str) -> str:
    """Manifest keys and image paths compared as POSIX relative paths (``./a`` is ``a``)."""
    return PurePosixPath(path.replace("\\", "/")).as_posix()


def read_manifest(path: str | os.PathLike) -> dict[str, str]:
    """``relative path → category`` from a CSV (two columns, optional header) or JSON file
    (an object ``{path: category}`` or a list of ``{"path": ..., "category": ...}``).
    Raises :class:`UsageError` naming the line or entry at fault."""
    file = Path(path).expanduser()
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(translate("categories", "cannot read the categories manifest {file}: {error}").format(
            file=file, error=exc)) from None
    if file.suffix.lower() == ".json":
        return _json_manifest(file, text)
    return _csv_manifest(file, text)


def _json_manifest(file: Path, text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UsageError(translate("categories", "categories manifest {file} is not valid JSON: {error}").format(
            file=file, error=exc)) from None
    pairs: list[tuple[object, object]]
    if isinstance(data, dict):
        pairs = list(data.items())
    elif isinstance(data, list):
        pairs = []
        for index, entry in enumerate(data):
            if not isinstance(entry, dict) or "path" not in entry or "category" not in entry:
                message = translate("categories", "categories manifest {file}: entry {index} must be an object with "
                                                  "'path' and 'category'")
                raise UsageError(message.format(file=file, index=index))
            pairs.append((entry["path"], entry["category"]))
    else:
        message = translate("categories", "categories manifest {file} must be a JSON object {{path: category}} or a "
                                          "list of {{path, category}} objects")
        raise UsageError(message.format(file=file))
    manifest: dict[str, str] = {}
    for key, label in pairs:
        if not isinstance(key, str) or not isinstance(label, str) or not key.strip() or not label.strip():
            message = translate("categories", "categories manifest {file}: {path} → {category}: path and category "
                                              "must be non-empty strings")
            raise UsageError(message.format(file=file, path=repr(key), category=repr(label)))
        manifest[_normal(key.strip())] = label.strip()
    return manifest


def _csv_manifest(file: Path, text: str) -> dict[str, str]:
    manifest: dict[str, str] = {}
    rows = list(csv.reader(text.splitlines()))
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and cells[0].lower() in _PATH_HEADERS:
            continue
        if len(cells) != 2 or not cells[0] or not cells[1]:
            message = translate("categories", "categories manifest {file}, line {line}: expected two columns "
                                              "'path,category', got {row}")
            raise UsageError(message.format(file=file, line=number, row=repr(row)))
        manifest[_normal(cells[0])] = cells[1]
    if not manifest:
        raise UsageError(translate("categories", "categories manifest {file} lists no images").format(file=file))
    return manifest


@dataclass(frozen=True)
class LabelSource:
    """Where a job's category labels come from (see the module docstring)."""

    manifest: Mapping[str, str] = field(default_factory=dict)
    one: str | None = None

    def label(self, relative: str | os.PathLike, also: str | os.PathLike | None = None) -> tuple[str | None, str]:
        """The label for an image at ``relative`` (to its input folder; ``also`` is another
        spelling a manifest may use, e.g. with the input folder's name in front) and where it
        came from (``manifest``, ``folder``, ``--category`` or ``none``)."""
        rel = _normal(Path(relative).as_posix())
        for key in (rel, None if also is None else _normal(Path(also).as_posix())):
            if key is not None and key in self.manifest:
                return self.manifest[key], "manifest"
        parts = PurePosixPath(rel).parts
        if len(parts) > 1:
            return parts[0], "folder"
        if self.one:
            return self.one, "--category"
        return None, "none"


def resolve_label(label: str | None, known: Sequence[str], policy: str) -> tuple[str | None, str | None]:
    """Apply the unknown-category policy: ``(label to use, note)``; the label is None when
    the item must not be styled, and the note then says why (and whether to skip or fail)."""
    if label is not None and label in known:
        return label, None
    if label is not None:
        what = translate("categories", "category {label} is not one this model knows ({known})").format(
            label=repr(label), known=", ".join(known))
    else:
        what = translate("categories", "no category for this image (not in the --categories manifest, not in a "
                                       "sub-folder, no --category given)")
    if policy in UNKNOWN_POLICIES:
        return None, what
    note = translate("categories", "{reason}; used the fallback {fallback} (--unknown-category)")
    return policy, note.format(reason=what, fallback=repr(policy))
