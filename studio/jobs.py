"""Jobs: what to style, with which model and settings, and where the results go.

A job's identity is a hash of everything that changes its outputs, so running the same
command again finds the same job and resumes it (done items are skipped) unless ``force``.
Jobs and per-item states live in SQLite (WAL journal, one transaction per state change) in the
user data dir, or under ``STUDIO_HOME``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from studio.errors import UsageError
from studio.images import IMAGE_SUFFIXES, output_suffix

OUTPUT_FORMATS = ("keep", "png", "jpg", "webp")
#: keep: style the product, keep the original background (needs a mask; else falls back to
#: style); style: style the whole frame; transparent: write the mask as alpha (PNG/WebP).
BACKGROUND_MODES = ("keep", "style", "transparent")
_ALPHA_SUFFIXES = (".png", ".webp")

PENDING, DONE, FAILED, SKIPPED = "pending", "done", "failed", "skipped"


@dataclass(frozen=True)
class JobSpec:
    """Everything that defines a job. Paths are absolute."""

    inputs: tuple[str, ...]
    output: str
    style: str
    params: dict[str, Any] = field(default_factory=dict)
    style_images: tuple[str, ...] = ()
    format: str = "keep"
    quality: int = 92
    size: int = 512
    seed: int = 0
    device: str = "auto"
    background: str = "keep"
    detail: float = 1.0
    #: The model's own fingerprint (its weights' identity), when it declares one.
    model_fingerprint: str = ""

    def key(self) -> str:
        """Hash of the fields that change outputs (the device does not)."""
        identity = asdict(self)
        identity.pop("device")
        identity["style_images"] = [_file_fingerprint(p) for p in self.style_images]
        blob = json.dumps(identity, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:32]

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> JobSpec:
        data = json.loads(text)
        data["inputs"] = tuple(data["inputs"])
        data["style_images"] = tuple(data["style_images"])
        return cls(**data)


def _file_fingerprint(path: str) -> str:
    try:
        st = os.stat(path)
        return f"{path}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        return path


@dataclass(frozen=True)
class PlannedItem:
    input: Path
    output: Path


@dataclass(frozen=True)
class Plan:
    items: list[PlannedItem]
    #: Inputs refused before running, as (input, reason).
    rejected: list[tuple[Path, str]]


def _walk_images(root: Path, exclude: Path) -> Iterator[Path]:
    """Image files under ``root`` in a stable order, skipping hidden entries and ``exclude``.

    Directory symlinks are not followed, so symlink loops cannot trap the walk.
    """
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() != exclude)
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in IMAGE_SUFFIXES:
                yield here / name


def plan_items(
    inputs: Sequence[str | os.PathLike], output: str | os.PathLike, fmt: str = "keep", background: str = "keep"
) -> Plan:
    """Map inputs (files and folders, recursive) to output paths under ``output``.

    One folder input keeps its relative layout under ``output``; with several inputs each
    lands in a sub-folder named after it. An output folder inside an input folder is never
    ingested, and an output that would land on an input or on another item's output is
    refused for that item. ``background="transparent"`` needs an alpha-capable format, so
    other suffixes become ``.png``.
    """
    out_root = Path(output).expanduser().resolve()
    roots = [Path(p).expanduser().resolve() for p in inputs]
    for root in roots:
        if not root.exists():
            raise UsageError(f"input not found: {root}")
        if root.is_dir() and root == out_root:
            raise UsageError(f"the output folder is the input folder ({root}); choose another output folder")
    several = len(roots) > 1
    items: list[PlannedItem] = []
    rejected: list[tuple[Path, str]] = []
    claimed: dict[Path, Path] = {}
    input_files: set[Path] = set()
    pairs: list[tuple[Path, Path]] = []
    for root in roots:
        if root.is_dir():
            for path in _walk_images(root, out_root):
                rel = path.relative_to(root)
                pairs.append((path, Path(root.name) / rel if several else rel))
        elif root.suffix.lower() in IMAGE_SUFFIXES:
            pairs.append((root, Path(root.name)))
        else:
            rejected.append((root, f"not a supported image type ({', '.join(sorted(IMAGE_SUFFIXES))})"))
    input_files.update(p.resolve() for p, _ in pairs)
    for path, rel in pairs:
        suffix = output_suffix(path, fmt)
        if background == "transparent" and suffix not in _ALPHA_SUFFIXES:
            suffix = ".png"
        target = (out_root / rel).with_suffix(suffix)
        if target.resolve() in input_files:
            rejected.append((path, f"output {target} would overwrite an input file"))
        elif target in claimed:
            rejected.append((path, f"output {target} is already the output of {claimed[target]}"))
        else:
            claimed[target] = path
            items.append(PlannedItem(path, target))
    return Plan(items, rejected)


@dataclass(frozen=True)
class ItemRecord:
    id: int
    input: str
    output: str
    status: str
    reason: str | None
    info: dict[str, Any]


_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    spec TEXT NOT NULL,
    status TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_key ON jobs(key);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    input TEXT NOT NULL,
    output TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    info TEXT NOT NULL DEFAULT '{}',
    updated REAL NOT NULL,
    UNIQUE(job_id, input)
);
"""


class JobStore:
    """The SQLite job queue shared by the CLI and the GUI.

    Each method is one transaction, so a crash leaves every item either in its old state or
    its new one. Safe to share between threads (one connection, serialised by a lock).
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        with self._lock:
            self._db.executescript(_SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # jobs -----------------------------------------------------------------------------
    def find_or_create(self, spec: JobSpec) -> tuple[int, bool]:
        """The id of the newest job with the same identity, or a new job; and whether it is new."""
        key, now = spec.key(), time.time()
        with self._transaction() as db:
            row = db.execute("SELECT id FROM jobs WHERE key=? ORDER BY id DESC LIMIT 1", (key,)).fetchone()
            if row:
                db.execute("UPDATE jobs SET spec=?, updated=? WHERE id=?", (spec.to_json(), now, row["id"]))
                return int(row["id"]), False
            cur = db.execute(
                "INSERT INTO jobs(key, spec, status, created, updated) VALUES (?,?,?,?,?)",
                (key, spec.to_json(), "queued", now, now),
            )
            return int(cur.lastrowid), True

    def spec(self, job_id: int) -> JobSpec:
        row = self._db.execute("SELECT spec FROM jobs WHERE id=?", (job_id,)).fetchone()
        if row is None:
            raise UsageError(f"no job with id {job_id}")
        return JobSpec.from_json(row["spec"])

    def set_job_status(self, job_id: int, status: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE jobs SET status=?, updated=? WHERE id=?", (status, time.time(), job_id))

    def job_status(self, job_id: int) -> str:
        row = self._db.execute("SELECT status FROM jobs WHERE id=?", (job_id,)).fetchone()
        return row["status"] if row else "missing"

    def jobs(self) -> list[dict[str, Any]]:
        rows = self._db.execute("SELECT id, key, status, created, updated FROM jobs ORDER BY id").fetchall()
        return [dict(r) for r in rows]

    # items ----------------------------------------------------------------------------
    def sync_items(self, job_id: int, plan: Plan, force: bool = False) -> None:
        """Record the planned items. Existing items keep their state unless ``force``;
        done items whose output has vanished are redone; failures are retried."""
        now = time.time()
        with self._transaction() as db:
            for item in plan.items:
                db.execute(
                    "INSERT INTO items(job_id, input, output, status, updated) VALUES (?,?,?,?,?) "
                    "ON CONFLICT(job_id, input) DO UPDATE SET output=excluded.output",
                    (job_id, str(item.input), str(item.output), PENDING, now),
                )
            for path, reason in plan.rejected:
                db.execute(
                    "INSERT INTO items(job_id, input, output, status, reason, updated) VALUES (?,?,?,?,?,?) "
                    "ON CONFLICT(job_id, input) DO UPDATE SET status=excluded.status, reason=excluded.reason",
                    (job_id, str(path), "", FAILED, reason, now),
                )
            rejected = {str(p) for p, _ in plan.rejected}
            planned = {str(i.input) for i in plan.items} | rejected
            for row in db.execute("SELECT id, input FROM items WHERE job_id=? AND status!=?", (job_id, DONE)).fetchall():
                if row["input"] not in planned:  # the file left the input folder since the last run
                    db.execute("DELETE FROM items WHERE id=?", (row["id"],))
            rows = db.execute("SELECT id, input, output, status FROM items WHERE job_id=?", (job_id,)).fetchall()
            for row in rows:
                if row["input"] in rejected:
                    continue
                redo = force or row["status"] in (FAILED, SKIPPED) or (
                    row["status"] == DONE and not Path(row["output"]).is_file()
                )
                if redo:
                    db.execute("UPDATE items SET status=?, reason=NULL, updated=? WHERE id=?", (PENDING, now, row["id"]))

    def items(self, job_id: int, status: str | None = None) -> list[ItemRecord]:
        query = "SELECT id, input, output, status, reason, info FROM items WHERE job_id=?"
        args: tuple[Any, ...] = (job_id,)
        if status:
            query += " AND status=?"
            args += (status,)
        rows = self._db.execute(query + " ORDER BY id", args).fetchall()
        return [ItemRecord(r["id"], r["input"], r["output"], r["status"], r["reason"], json.loads(r["info"]))
                for r in rows]

    def mark(self, item_id: int, status: str, reason: str | None = None, info: dict[str, Any] | None = None) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE items SET status=?, reason=?, info=?, updated=? WHERE id=?",
                (status, reason, json.dumps(info or {}), time.time(), item_id),
            )

    def counts(self, job_id: int) -> dict[str, int]:
        rows = self._db.execute("SELECT status, COUNT(*) AS n FROM items WHERE job_id=? GROUP BY status", (job_id,))
        counts = {PENDING: 0, DONE: 0, FAILED: 0, SKIPPED: 0}
        counts.update({r["status"]: r["n"] for r in rows})
        return counts
