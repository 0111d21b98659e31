"""An output folder belongs to the job that writes it.

Its ``studio-manifest.json`` names the job (the hash of its spec) and lists every item. A
job with another spec is refused a folder that holds another job's outputs, or files it did
not write itself, unless the user says to write over them (``--force``, or the app's
"overwrite"): finished work is never replaced silently. The folder is claimed (manifest
written) when a job starts, so a job that was interrupted still owns its folder.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from studio import fingerprints
from studio.atomic import write_atomically
from studio.errors import UsageError
from studio.fingerprints import FileFingerprint
from studio.i18n import translate
from studio.jobs import DONE, INTERRUPTED, PAUSED, PENDING, QUEUED, RUNNING, ItemRecord, JobSpec, JobStore

MANIFEST_NAME = "studio-manifest.json"
#: Per-item facts the manifest and the ``--json`` summary report.
PUBLIC_INFO = ("mask", "background", "background_note", "people", "category", "category_note", "variant",
               "device_note", "note", "colour_delta_e", "texture_change", "colours")
#: How many file names a refusal lists before "and N more".
_NAMES_SHOWN = 3


class OutputFolderTaken(UsageError):
    """The output folder holds another job's outputs (or files this job did not write).

    ``files`` are the existing files at stake; ``other_style`` names the other job's style
    when one is known. The desktop app offers overwrite / skip / another folder from these."""

    def __init__(self, message: str, folder: str, files: list[str], other_style: str | None = None) -> None:
        super().__init__(message)
        self.folder, self.files, self.other_style = folder, files, other_style


def public_info(info: Mapping[str, Any]) -> dict[str, Any]:
    return {k: info[k] for k in PUBLIC_INFO if k in info}


def prepare_output_folder(folder: str | os.PathLike) -> None:
    """Create ``folder`` and prove it takes files, before any work: a file path, a read-only
    place or a missing permission is a configuration error (exit 2), not N failed items."""
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise UsageError(translate("output_folder", "the output folder {folder} is an existing file; choose a folder "
                                   "(-o)").format(folder=path))
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".studio-write-test-", delete=True):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(translate("output_folder", "cannot write to the output folder {folder}: {reason}").format(
            folder=path, reason=reason)) from exc


def read_manifest(folder: str | os.PathLike) -> dict[str, Any] | None:
    """The folder's manifest, or None when it has none (or an unreadable one)."""
    try:
        data = json.loads((Path(folder) / MANIFEST_NAME).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _names(files: list[str], folder: Path) -> str:
    shown = []
    for f in files[:_NAMES_SHOWN]:
        try:
            shown.append(str(Path(f).relative_to(folder)))
        except ValueError:
            shown.append(f)
    if len(files) > _NAMES_SHOWN:
        return translate("output_folder", "{names} and {count} more").format(
            names=", ".join(shown), count=len(files) - _NAMES_SHOWN)
    return ", ".join(shown)


def _field_words() -> dict[str, str]:
    """What a person calls each field of a spec that changes the outputs."""
    return {
        "style": translate("output_folder", "style"), "params": translate("output_folder", "style settings"),
        "style_images": translate("output_folder", "style images"),
        "format": translate("output_folder", "output format"), "quality": translate("output_folder", "quality"),
        "size": translate("output_folder", "working size"), "seed": translate("output_folder", "seed"),
        "background": translate("output_folder", "background mode"), "detail": translate("output_folder", "detail"),
        "model_fingerprint": translate("output_folder", "the model's weights (retrained?)"),
        "variations": translate("output_folder", "variations"),
        "categories_file": translate("output_folder", "categories"),
        "category": translate("output_folder", "category"),
        "unknown_category": translate("output_folder", "unknown-category policy"),
        "inputs": translate("output_folder", "inputs"), "people": translate("output_folder", "people mode"),
    }


def _difference(spec: JobSpec, manifest: Mapping[str, Any]) -> str:
    """How the other job differs, in words: ``style 'starry'``, or for the same style what
    changed (``style 'wave', other quality, seed``)."""
    other = manifest.get("spec") if isinstance(manifest.get("spec"), dict) else None
    style = (other or {}).get("style") or manifest.get("style") or "?"
    if style != spec.style or other is None:
        return translate("output_folder", "style {style}").format(style=repr(style))
    mine = asdict(spec)
    def same(name: str) -> bool:
        return json.dumps(other[name], sort_keys=True, default=str) == json.dumps(mine[name], sort_keys=True, default=str)

    words = _field_words()
    changed = [words[k] for k in words if k != "style" and k in other and not same(k)]
    if not changed:
        return translate("output_folder", "style {style}, other settings").format(style=repr(style))
    return translate("output_folder", "style {style}, other {fields}").format(style=repr(style),
                                                                              fields=", ".join(changed))


def _existing(paths: Iterable[str]) -> list[str]:
    return [p for p in paths if p and Path(p).is_file()]


def _still_written(item: ItemRecord) -> bool:
    """The item's output exists and holds what its job wrote (by name alone for records
    written before fingerprints existed)."""
    recorded = FileFingerprint.from_json(item.info.get("output_file"))
    if recorded is None:
        return bool(item.output) and Path(item.output).is_file()
    return fingerprints.current(item.output, recorded) is not None


def check_output_folder(spec: JobSpec, job_id: int, store: JobStore) -> None:
    """Refuse (:class:`OutputFolderTaken`) a folder that another job writes to or holds the
    outputs of, or where this job's pending items would write over files it did not write.
    Call it after :meth:`JobStore.sync_items` and skip it when the user chose to overwrite."""
    folder = Path(spec.output)
    key = spec.key()
    manifest = read_manifest(folder)
    if manifest and manifest.get("job_key") not in (None, key):
        theirs = _existing(str(i.get("output") or "") for i in manifest.get("items", [])
                           if i.get("status") == DONE)
        if theirs:
            style = str(manifest.get("style") or "?")
            raise OutputFolderTaken(
                translate("output_folder", "{folder} holds {count} outputs of another job ({difference}: {names}); "
                          "choose another output folder, or --force to write over them").format(
                              folder=folder, count=len(theirs), difference=_difference(spec, manifest),
                              names=_names(theirs, folder)), str(folder), theirs, style)
    ours = bool(manifest) and manifest.get("job_key") == key
    for other_id, other in store.jobs_writing_to(spec.output):
        if other_id == job_id or other.key() == key:
            continue
        waiting = (store.job_status(other_id) in (QUEUED, RUNNING, PAUSED, INTERRUPTED)
                   and store.items(other_id, PENDING))
        # Once this job owns the manifest, the other job's finished files are behind it (it
        # took the folder over with --force); before, any of them still as written counts.
        theirs = [] if ours else [i.output for i in store.items(other_id, DONE) if _still_written(i)]
        if waiting or theirs:
            difference = _difference(spec, {"spec": asdict(other)})
            if theirs:
                message = translate("output_folder", "{folder} holds {count} outputs of job {job} ({difference}: "
                                    "{names}); choose another output folder, or --force to write over them").format(
                                        folder=folder, count=len(theirs), job=other_id, difference=difference,
                                        names=_names(theirs, folder))
            else:
                message = translate("output_folder", "{folder} is the output folder of job {job} ({difference}, not "
                                    "finished); choose another output folder, or --force to write over them").format(
                                        folder=folder, job=other_id, difference=difference)
            raise OutputFolderTaken(message, str(folder), theirs, other.style)
    if not ours:
        foreign = _existing(i.output for i in store.items(job_id, PENDING))
        if foreign:
            raise OutputFolderTaken(
                translate("output_folder", "{folder} already has {count} files this job would write over and did not "
                          "write ({names}); choose another output folder, or --force to write over them").format(
                              folder=folder, count=len(foreign), names=_names(foreign, folder)),
                str(folder), foreign)


def suggest_output_folder(base: str | os.PathLike, stem: str, style: str, store: JobStore | None) -> Path:
    """A folder of its own for a new job: ``BASE/STEM-STYLE``, then ``-2``, ``-3``... past any
    that already hold files or belong to a job in the store, so queuing another style (or the
    same one again) never lands in a finished job's folder."""
    root = Path(base) / f"{stem}-{style}"
    for n in range(1, 10_000):
        candidate = root if n == 1 else root.with_name(f"{root.name}-{n}")
        taken = candidate.exists() and (not candidate.is_dir() or any(candidate.iterdir()))
        if not taken and (store is None or not store.jobs_writing_to(str(candidate.resolve()))):
            return candidate
    raise UsageError(translate("output_folder", "no free output folder name next to {folder}").format(folder=root))


def write_manifest(store: JobStore, job_id: int, spec: JobSpec) -> None:
    """``studio-manifest.json``: the job that owns the folder and every item's state, mask
    source and background mode, for scripts and for people checking a delivery. Best effort:
    a manifest that cannot be written does not fail the job."""
    items = [_manifest_item(i) for i in store.items(job_id)]
    manifest = {"job_id": job_id, "job_key": spec.key(), "style": spec.style, "params": spec.params,
                "style_images": list(spec.style_images), "background": spec.background,
                "updated": round(time.time(), 3), "spec": asdict(spec), "items": items}
    path = Path(spec.output) / MANIFEST_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, lambda tmp: tmp.write_text(json.dumps(manifest, indent=2)))
    except OSError:
        pass


def _manifest_item(item: ItemRecord) -> dict[str, Any]:
    return {"input": item.input, "output": item.output or None, "status": item.status, "reason": item.reason,
            **public_info(item.info)}
