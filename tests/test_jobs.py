"""Planning inputs to outputs, and the SQLite job store."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.errors import UsageError
from studio.jobs import DONE, FAILED, JobSpec, JobStore, plan_items


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def test_plan_keeps_layout_skips_hidden_and_non_images(tmp_path: Path) -> None:
    src = tmp_path / "in"
    touch(src / "a.jpg"), touch(src / "sub" / "b.PNG"), touch(src / ".hidden.jpg"), touch(src / "notes.txt")
    touch(src / ".cache" / "c.jpg")
    plan = plan_items([src], tmp_path / "out", "webp")
    assert [(i.input.name, i.output.relative_to(tmp_path / "out").as_posix()) for i in plan.items] == [
        ("a.jpg", "a.webp"), ("b.PNG", "sub/b.webp")]


def test_several_inputs_get_their_own_subfolders(tmp_path: Path) -> None:
    touch(tmp_path / "shoes" / "a.jpg"), touch(tmp_path / "bags" / "a.jpg"), touch(tmp_path / "single.png")
    plan = plan_items([tmp_path / "shoes", tmp_path / "bags", tmp_path / "single.png"], tmp_path / "out")
    rels = sorted(i.output.relative_to(tmp_path / "out").as_posix() for i in plan.items)
    assert rels == ["bags/a.jpg", "shoes/a.jpg", "single.png"]


def test_collisions_and_overwrites_are_refused_per_item(tmp_path: Path) -> None:
    src = tmp_path / "in"
    touch(src / "a.jpg"), touch(src / "a.png")
    plan = plan_items([src], tmp_path / "out", "png")
    assert len(plan.items) == 1 and "already the output of" in plan.rejected[0][1]
    # Output folder = a parent of inputs, format keep: outputs would land on the inputs.
    touch(tmp_path / "flat" / "x" / "p.jpg")
    plan = plan_items([tmp_path / "flat" / "x" / "p.jpg"], tmp_path / "flat" / "x")
    assert not plan.items and "would overwrite an input" in plan.rejected[0][1]
    with pytest.raises(UsageError, match="is the input folder"):
        plan_items([src], src)
    with pytest.raises(UsageError, match="input not found"):
        plan_items([tmp_path / "nope"], tmp_path / "out")


def test_symlink_loops_do_not_trap_the_walk(tmp_path: Path) -> None:
    src = tmp_path / "in"
    touch(src / "a.jpg")
    (src / "loop").symlink_to(src, target_is_directory=True)
    assert [i.input.name for i in plan_items([src], tmp_path / "out").items] == ["a.jpg"]


def test_store_resumes_same_job_and_retries_failures(tmp_path: Path) -> None:
    src = tmp_path / "in"
    touch(src / "a.jpg"), touch(src / "b.jpg")
    spec = JobSpec(inputs=(str(src),), output=str(tmp_path / "out"), style="gatys")
    store = JobStore(tmp_path / "db.sqlite3")
    job, new = store.find_or_create(spec)
    assert new
    plan = plan_items(spec.inputs, spec.output)
    store.sync_items(job, plan)
    a, b = store.items(job)
    touch(Path(a.output))
    store.mark(a.id, DONE)
    store.mark(b.id, FAILED, "boom")
    again, new = store.find_or_create(spec)
    assert again == job and not new
    store.sync_items(job, plan)
    assert store.counts(job) == {"pending": 1, "done": 1, "failed": 0, "skipped": 0}
    store.sync_items(job, plan, force=True)
    assert store.counts(job)["pending"] == 2
    # A different parameter is a different job.
    other, new = store.find_or_create(JobSpec(**{**spec.__dict__, "params": {"strength": 0.9}}))
    assert new and other != job
    store.close()
    assert JobStore(tmp_path / "db.sqlite3").counts(job)["pending"] == 2  # survives reopening


def test_a_version_1_database_is_migrated_without_losing_items(tmp_path) -> None:
    """Databases from before variants and categories keep every job and item state."""
    import sqlite3

    from studio.jobs import SCHEMA_VERSION, JobStore

    path = tmp_path / "jobs.sqlite3"
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE jobs (id INTEGER PRIMARY KEY, key TEXT NOT NULL, spec TEXT NOT NULL, status TEXT NOT NULL,
                           created REAL NOT NULL, updated REAL NOT NULL);
        CREATE TABLE items (id INTEGER PRIMARY KEY, job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                            input TEXT NOT NULL, output TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
                            info TEXT NOT NULL DEFAULT '{}', updated REAL NOT NULL, UNIQUE(job_id, input));
        INSERT INTO jobs VALUES (1, 'k', '{"inputs": ["/in"], "output": "/out", "style": "wave", "params": {},
                                 "style_images": []}', 'done', 0, 0);
        INSERT INTO items VALUES (7, 1, '/in/a.jpg', '/out/a.jpg', 'done', NULL, '{"mask": "alpha"}', 0);
        INSERT INTO items VALUES (8, 1, '/in/b.jpg', '/out/b.jpg', 'failed', 'truncated', '{}', 0);
    """)
    db.commit()
    db.close()
    store = JobStore(path)
    items = store.items(1)
    assert [(i.id, i.status, i.reason, i.variant, i.category) for i in items] == [
        (7, "done", None, 0, None), (8, "failed", "truncated", 0, None)]
    assert items[0].info == {"mask": "alpha"}
    assert store.spec(1).variations == 1  # older specs read with today's defaults
    assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    store.close()
    JobStore(path).close()  # opening again is a no-op
