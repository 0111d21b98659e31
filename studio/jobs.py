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

from studio import fingerprints
from studio.categories import LabelSource
from studio.errors import UsageError
from studio.fingerprints import FileFingerprint
from studio.i18n import translate
from studio.images import IMAGE_SUFFIXES, output_suffix, walk_images

OUTPUT_FORMATS = ("keep", "png", "jpg", "webp")
#: keep: style the product, keep the original background (needs a mask; else falls back to
#: style); style: style the whole frame; transparent: write the mask as alpha (PNG/WebP).
BACKGROUND_MODES = ("keep", "style", "transparent")
_ALPHA_SUFFIXES = (".png", ".webp")

PENDING, DONE, FAILED, SKIPPED = "pending", "done", "failed", "skipped"
#: Job states: new (recorded, not queued yet), queued (waiting its turn), running, paused,
#: interrupted (the app closed or died mid-job: waits, like paused, until the user answers
#: whether to resume), cancelled, done, failed (some items).
QUEUED, RUNNING, PAUSED, CANCELLED, INTERRUPTED = "queued", "running", "paused", "cancelled", "interrupted"


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
    #: Outputs per input: N > 1 writes NAME-v1 ... NAME-vN, each from its own seed (models with noise).
    variations: int = 1
    #: Category labels (category models only): a manifest file, one label for all, and what
    #: to do with an unknown label: "fail", "skip" or a fallback label.
    categories_file: str = ""
    category: str = ""
    unknown_category: str = "fail"
    #: Seconds one image may take in the model (0: no limit); over it the item fails.
    item_timeout: float = 0.0
    #: People in the photo: "keep" leaves skin (faces, hands, arms) unstyled; "style" paints it too.
    people: str = "keep"
    #: Keep the product's own colours (chroma and broad lightness); the style adds texture.
    preserve_colors: bool = False

    def key(self) -> str:
        """Hash of the fields that change outputs (the device does not). Fields added after
        the first release count only away from their default, so an upgrade does not turn a
        user's jobs into other jobs (and their folders into someone else's)."""
        identity = asdict(self)
        identity.pop("device")
        identity.pop("item_timeout")
        for name, default in _LATER_FIELDS.items():
            if identity[name] == default:
                identity.pop(name)
        identity["style_images"] = [_file_fingerprint(p) for p in self.style_images]
        if self.categories_file:
            identity["categories_file"] = _file_fingerprint(self.categories_file)
        blob = json.dumps(identity, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:32]

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> JobSpec:
        data = json.loads(text)
        known = set(cls.__dataclass_fields__)
        data = {k: v for k, v in data.items() if k in known}
        data["inputs"] = tuple(data["inputs"])
        data["style_images"] = tuple(data["style_images"])
        return cls(**data)


#: Fields added to JobSpec after the first release, with their defaults (see JobSpec.key).
_LATER_FIELDS = {"people": "keep", "preserve_colors": False}
PEOPLE_MODES = ("keep", "style")


def _file_fingerprint(path: str) -> str:
    try:
        st = os.stat(path)
        return f"{path}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        return path


def variant_seed(seed: int, variant: int) -> int:
    """The seed of variation ``variant`` (0 = the job's own seed, the only one without
    ``--variations``), so each variant is reproducible on its own."""
    return seed if variant == 0 else seed + 1_000_003 * variant


def variant_output(target: Path, variant: int, variations: int) -> Path:
    """``a.jpg`` → ``a-v1.jpg`` ... when a job writes several variations per input."""
    return target if variations <= 1 else target.with_name(f"{target.stem}-v{variant + 1}{target.suffix}")


@dataclass(frozen=True)
class PlannedItem:
    input: Path
    output: Path
    variant: int = 0
    #: The category label found for the image (None: none found, or not a category job) and
    #: where it came from (``manifest``, ``folder``, ``--category``, ``none``).
    category: str | None = None
    category_source: str = ""


@dataclass(frozen=True)
class Plan:
    items: list[PlannedItem]
    #: Inputs refused before running, as (input, reason).
    rejected: list[tuple[Path, str]]


def safe_resolve(path: Path) -> Path:
    """``path`` with symlinks resolved; a symlink loop or unreadable link stays as written
    (reading it later fails with a per-item reason instead of stopping the planning)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def plan_items(
    inputs: Sequence[str | os.PathLike], output: str | os.PathLike, fmt: str = "keep", background: str = "keep",
    variations: int = 1, labels: LabelSource | None = None,
) -> Plan:
    """Map inputs (files and folders, recursive) to output paths under ``output``.

    One folder input keeps its relative layout under ``output``; with several inputs each
    lands in a sub-folder named after it. An output folder inside an input folder is never
    ingested, and an output that would land on an input or on another item's output is
    refused for that item. ``background="transparent"`` needs an alpha-capable format, so
    other suffixes become ``.png``. ``variations`` > 1 plans that many items per input;
    ``labels`` (category jobs) gives each item its category.
    """
    out_root = Path(output).expanduser().resolve()
    roots = [Path(p).expanduser().resolve() for p in inputs]
    for root in roots:
        if not root.exists():
            raise UsageError(translate("jobs", "input not found: {path}").format(path=root))
        if root.is_dir() and root == out_root:
            raise UsageError(translate("jobs", "the output folder is the input folder ({path}); choose another output "
                                               "folder").format(path=root))
    several = len(roots) > 1
    items: list[PlannedItem] = []
    rejected: list[tuple[Path, str]] = []
    claimed: dict[Path, Path] = {}
    input_files: set[Path] = set()
    pairs: list[tuple[Path, Path, Path]] = []  # input, output-relative path, path relative to its root
    for root in roots:
        if root.is_dir():
            for path in walk_images(root, skip_dir=lambda d: safe_resolve(d) == out_root):
                rel = path.relative_to(root)
                pairs.append((path, Path(root.name) / rel if several else rel, rel))
        elif root.suffix.lower() in IMAGE_SUFFIXES:
            pairs.append((root, Path(root.name), Path(root.name)))
        else:
            reason = translate("jobs", "not a supported image type ({suffixes})")
            rejected.append((root, reason.format(suffixes=", ".join(sorted(IMAGE_SUFFIXES)))))
    input_files.update(safe_resolve(p) for p, _, _ in pairs)
    for path, rel, own_rel in pairs:
        suffix = output_suffix(path, fmt)
        if background == "transparent" and suffix not in _ALPHA_SUFFIXES:
            suffix = ".png"
        category, source = labels.label(own_rel, rel) if labels is not None else (None, "")
        targets = [variant_output((out_root / rel).with_suffix(suffix), v, variations) for v in range(variations)]
        clash = next((t for t in targets if safe_resolve(t) in input_files), None)
        taken = next((t for t in targets if t in claimed), None)
        if clash is not None:
            reason = translate("jobs", "output {output} would overwrite an input file")
            rejected.append((path, reason.format(output=clash)))
        elif taken is not None:
            reason = translate("jobs", "output {output} is already the output of {input}")
            rejected.append((path, reason.format(output=taken, input=claimed[taken])))
        else:
            for variant, target in enumerate(targets):
                claimed[target] = path
                items.append(PlannedItem(path, target, variant, category, source))
    return Plan(items, rejected)


def _process_alive(pid: int | None) -> bool:
    if not pid or pid == os.getpid():
        return False  # no owner recorded, or a dead process's pid given to this one
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


_KEEP, _REDO = "keep", "redo"
#: The note on a done item whose output was changed by someone after the job wrote it.
OUTPUT_CHANGED_NOTE = "the output was changed after this job wrote it; kept as is (--force redoes it)"
INPUT_CHANGED_NOTE = "the input changed since it was styled; styled again"


def _verify_done(input: str, output: str, info: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """Whether a done item still is: its output exists and its input holds the content it was
    styled from. Returns the verdict and the item's info when it needs updating (a touched
    file's new mtime, a note), else None. An output edited since it was written is kept (never
    silently redone over someone's retouching) and noted; items recorded before fingerprints
    existed are trusted by name, as they were."""
    if not Path(output).is_file():
        return _REDO, info
    changed: dict[str, Any] = {}
    recorded_in = FileFingerprint.from_json(info.get("input_file"))
    if recorded_in is not None:
        now_in = fingerprints.current(input, recorded_in)
        if now_in is None:
            return _REDO, {**info, "note": INPUT_CHANGED_NOTE}
        if now_in != recorded_in:
            changed["input_file"] = now_in.to_json()
    recorded_out = FileFingerprint.from_json(info.get("output_file"))
    if recorded_out is not None:
        now_out = fingerprints.current(output, recorded_out)
        if now_out is None and info.get("note") != OUTPUT_CHANGED_NOTE:
            changed["note"] = OUTPUT_CHANGED_NOTE
        elif now_out is not None and now_out != recorded_out:
            changed["output_file"] = now_out.to_json()
    return _KEEP, ({**info, **changed} if changed else None)


@dataclass(frozen=True)
class ItemRecord:
    id: int
    input: str
    output: str
    status: str
    reason: str | None
    info: dict[str, Any]
    variant: int = 0
    category: str | None = None


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
"""
_ITEMS_TABLE = """
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    input TEXT NOT NULL,
    output TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    info TEXT NOT NULL DEFAULT '{}',
    updated REAL NOT NULL,
    variant INTEGER NOT NULL DEFAULT 0,
    category TEXT,
    UNIQUE(job_id, input, variant)
)
"""
#: PRAGMA user_version of the schema; older databases are migrated on open (2: variant and
#: category per item; 3: jobs.position, the queue order; 4: jobs.owner_pid).
SCHEMA_VERSION = 4



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
            self._migrate()
            self._db.executescript(_SCHEMA)
            self._db.execute(_ITEMS_TABLE)
            job_columns = {r["name"] for r in self._db.execute("PRAGMA table_info(jobs)")}
            if "position" not in job_columns:
                self._db.execute("ALTER TABLE jobs ADD COLUMN position REAL")  # the queue order (schema 3)
            if "owner_pid" not in job_columns:  # the process running the job (schema 4)
                self._db.execute("ALTER TABLE jobs ADD COLUMN owner_pid INTEGER")
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _migrate(self) -> None:
        """Version 1 keyed items by (job, input) and had no variant or category: copy its
        rows into the new table in one transaction, so a crash leaves one or the other."""
        columns = {r["name"] for r in self._db.execute("PRAGMA table_info(items)")}
        if not columns or "variant" in columns:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("ALTER TABLE items RENAME TO items_v1")
            self._db.execute(_ITEMS_TABLE)
            self._db.execute("INSERT INTO items(id, job_id, input, output, status, reason, info, updated) "
                             "SELECT id, job_id, input, output, status, reason, info, updated FROM items_v1")
            self._db.execute("DROP TABLE items_v1")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

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
            cur = db.execute(  # not queued until someone queues it (put_in_queue)
                "INSERT INTO jobs(key, spec, status, created, updated) VALUES (?,?,?,?,?)",
                (key, spec.to_json(), "new", now, now),
            )
            return int(cur.lastrowid), True

    def spec(self, job_id: int) -> JobSpec:
        row = self._db.execute("SELECT spec FROM jobs WHERE id=?", (job_id,)).fetchone()
        if row is None:
            raise UsageError(translate("jobs", "no job with id {job_id}").format(job_id=job_id))
        return JobSpec.from_json(row["spec"])

    def set_job_status(self, job_id: int, status: str) -> None:
        """Set a job's state; ``running`` records this process as the one running it."""
        owner = os.getpid() if status == RUNNING else None
        with self._transaction() as db:
            db.execute("UPDATE jobs SET status=?, owner_pid=?, updated=? WHERE id=?",
                       (status, owner, time.time(), job_id))

    def job_status(self, job_id: int) -> str:
        row = self._db.execute("SELECT status FROM jobs WHERE id=?", (job_id,)).fetchone()
        return row["status"] if row else "missing"

    def jobs(self) -> list[dict[str, Any]]:
        """Every job in queue order (``position``, then id)."""
        rows = self._db.execute("SELECT id, key, status, created, updated, position FROM jobs "
                                "ORDER BY position IS NULL, position, id").fetchall()
        return [dict(r) for r in rows]

    # the queue (the desktop app; the CLI runs its one job directly) -------------------------
    def enqueue(self, spec: JobSpec, plan: Plan, force: bool = False) -> int:
        """Add a job at the end of the queue (or re-queue the same job) with its items."""
        job_id, _ = self.find_or_create(spec)
        self.sync_items(job_id, plan, force)
        self.put_in_queue(job_id)
        return job_id

    def put_in_queue(self, job_id: int) -> None:
        """Queue a recorded job at the end of the queue."""
        with self._transaction() as db:
            last = db.execute("SELECT MAX(position) AS p FROM jobs").fetchone()["p"]
            db.execute("UPDATE jobs SET status=?, position=?, updated=? WHERE id=?",
                       (QUEUED, (last or 0) + 1, time.time(), job_id))

    def next_queued(self) -> int | None:
        row = self._db.execute("SELECT id FROM jobs WHERE status=? ORDER BY position IS NULL, position, id LIMIT 1",
                               (QUEUED,)).fetchone()
        return None if row is None else int(row["id"])

    def move(self, job_id: int, offset: int) -> None:
        """Move a job ``offset`` places in the queue order (negative: earlier)."""
        with self._transaction() as db:
            order = [int(r["id"]) for r in db.execute("SELECT id FROM jobs ORDER BY position IS NULL, position, id")]
            if job_id not in order:
                return
            index = order.index(job_id)
            order.insert(max(0, min(len(order) - 1, index + offset)), order.pop(index))
            for position, jid in enumerate(order, start=1):
                db.execute("UPDATE jobs SET position=? WHERE id=?", (position, jid))

    def remove(self, job_id: int) -> None:
        """Forget a job and its items (its output files stay)."""
        with self._transaction() as db:
            db.execute("DELETE FROM items WHERE job_id=?", (job_id,))
            db.execute("DELETE FROM jobs WHERE id=?", (job_id,))

    def recover_interrupted(self) -> list[int]:
        """Jobs left ``running`` by a process that is gone (killed, crashed) become
        ``interrupted``: nothing runs them until someone says so. A job another live process
        runs (a studio-batch beside the app) is left alone. Call it before this process runs
        any job (a recorded pid equal to ours is a dead process's, reused)."""
        rows = self._db.execute("SELECT id, owner_pid FROM jobs WHERE status=?", (RUNNING,)).fetchall()
        gone = [int(r["id"]) for r in rows if not _process_alive(r["owner_pid"])]
        for job_id in gone:
            self.set_job_status(job_id, INTERRUPTED)
        return gone

    def interrupted_jobs(self) -> list[int]:
        """Jobs stopped by a quit or a crash mid-run, waiting for the user's word to resume."""
        rows = self._db.execute("SELECT id FROM jobs WHERE status=? ORDER BY id", (INTERRUPTED,)).fetchall()
        return [int(r["id"]) for r in rows]

    # items ----------------------------------------------------------------------------
    def sync_items(self, job_id: int, plan: Plan, force: bool = False) -> None:
        """Record the planned items. Existing items keep their state unless ``force``;
        done items whose output has vanished or whose input changed are redone; failures are
        retried."""
        now = time.time()
        # Done items are checked against their files first, outside the transaction: hashing
        # a copied folder's photos takes seconds, and the write lock would block every other
        # writer (the app's worker recording outcomes) meanwhile.
        checked: dict[int, tuple[str, str, dict[str, Any] | None]] = {}
        if not force:
            for row in self._db.execute("SELECT id, input, output, info FROM items WHERE job_id=? AND status=?",
                                        (job_id, DONE)).fetchall():
                checked[int(row["id"])] = (row["info"], *_verify_done(row["input"], row["output"],
                                                                      json.loads(row["info"])))
        with self._transaction() as db:
            for item in plan.items:
                db.execute(
                    "INSERT INTO items(job_id, input, variant, output, category, status, updated) "
                    "VALUES (?,?,?,?,?,?,?) ON CONFLICT(job_id, input, variant) DO UPDATE SET "
                    "output=excluded.output, category=excluded.category",
                    (job_id, str(item.input), item.variant, str(item.output), item.category, PENDING, now),
                )
            for path, reason in plan.rejected:
                db.execute(
                    "INSERT INTO items(job_id, input, output, status, reason, updated) VALUES (?,?,?,?,?,?) "
                    "ON CONFLICT(job_id, input, variant) DO UPDATE SET status=excluded.status, reason=excluded.reason",
                    (job_id, str(path), "", FAILED, reason, now),
                )
            rejected = {str(p) for p, _ in plan.rejected}
            planned = {(str(i.input), i.variant) for i in plan.items} | {(p, 0) for p in rejected}
            rows = db.execute("SELECT id, input, variant FROM items WHERE job_id=? AND status!=?", (job_id, DONE))
            for row in rows.fetchall():
                if (row["input"], row["variant"]) not in planned:  # the file left the input folder since
                    db.execute("DELETE FROM items WHERE id=?", (row["id"],))
            rows = db.execute("SELECT id, input, output, status, info FROM items WHERE job_id=?",
                              (job_id,)).fetchall()
            for row in rows:
                if row["input"] in rejected:
                    continue
                if force or row["status"] in (FAILED, SKIPPED):
                    db.execute("UPDATE items SET status=?, reason=NULL, updated=? WHERE id=?", (PENDING, now, row["id"]))
                elif row["status"] == DONE and row["id"] in checked:
                    recorded, verdict, info = checked[row["id"]]
                    if recorded != row["info"]:
                        continue  # re-recorded since it was checked: the newer record stands
                    if verdict == _REDO:
                        db.execute("UPDATE items SET status=?, reason=NULL, info=?, updated=? WHERE id=?",
                                   (PENDING, json.dumps(info), now, row["id"]))
                    elif info is not None:
                        db.execute("UPDATE items SET info=?, updated=? WHERE id=?", (json.dumps(info), now, row["id"]))

    def jobs_writing_to(self, output: str) -> list[tuple[int, JobSpec]]:
        """Every job in the store whose output folder is ``output``."""
        rows = self._db.execute("SELECT id, spec FROM jobs ORDER BY id").fetchall()
        specs = [(int(r["id"]), JobSpec.from_json(r["spec"])) for r in rows]
        return [(job_id, spec) for job_id, spec in specs if spec.output == output]

    def items(self, job_id: int, status: str | None = None) -> list[ItemRecord]:
        query = "SELECT id, input, output, status, reason, info, variant, category FROM items WHERE job_id=?"
        args: tuple[Any, ...] = (job_id,)
        if status:
            query += " AND status=?"
            args += (status,)
        rows = self._db.execute(query + " ORDER BY id", args).fetchall()
        return [ItemRecord(r["id"], r["input"], r["output"], r["status"], r["reason"], json.loads(r["info"]),
                           r["variant"], r["category"]) for r in rows]

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
