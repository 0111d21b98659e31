"""Where batches run: batching on the local engine, and the Ray engine (Ray Data actors)
giving the same outputs, failures, summary and resume as the local one."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from studio.api import Capabilities
from studio.jobs import JobStore
from studio.runner import Runner, RunOptions
from studio.testing import make_product_image
from tests.test_runner import make_job, registry_with


class BatchedModel:
    """Deterministic and batched: posterises, and records each call's batch size. An image
    with a pure red top-left corner is "poison": the model returns NaN for the whole batch
    it is in (a plugin bug that only that image triggers)."""

    title = "batched test model"
    description = "posterise"
    params = ()
    capabilities = Capabilities(batched=True)

    def __init__(self, name: str = "poster") -> None:
        self.name = name
        self.calls: list[int] = []

    def stylize(self, images, params, ctx):
        self.calls.append(images.shape[0])
        poisoned = (images[:, 0, 0, 0] > 0.99) & (images[:, 1, 0, 0] < 0.01) & (images[:, 2, 0, 0] < 0.01)
        if bool(poisoned.any()):
            return images * float("nan")
        return (images * 3).round() / 3


def _folder(path: Path, count: int, poison: int | None = None, corrupt: bool = False) -> list[Path]:
    path.mkdir(parents=True)
    files = []
    for i in range(count):
        img = make_product_image(["mug", "sneaker", "bag"][i % 3], size=(96, 72), seed=i).convert("RGB")
        if i == poison:
            img.paste((255, 0, 0), (0, 0, 16, 16))  # survives scaling to the working size
        file = path / f"p{i:02d}.png"
        img.save(file)
        files.append(file)
    if corrupt:
        bad = path / "zz-broken.png"
        bad.write_bytes(b"\x89PNG\r\n\x1a\n not really")
        files.append(bad)
    return files


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.png"))}


def test_a_batched_model_gets_batches_and_one_bad_image_fails_only_itself(tmp_path) -> None:
    inputs = _folder(tmp_path / "in", 7, poison=5, corrupt=True)
    store = JobStore(tmp_path / "jobs.sqlite3")

    one_by_one = BatchedModel()
    job = make_job(store, inputs, tmp_path / "single", "poster")
    single = Runner(store, registry_with(one_by_one), options=RunOptions(batch_size=1)).run(job)

    batched_model = BatchedModel()
    job = make_job(store, inputs, tmp_path / "batched", "poster")
    batched = Runner(store, registry_with(batched_model), options=RunOptions(batch_size=4, io_threads=2)).run(job)

    assert set(one_by_one.calls) == {1}
    assert batched_model.calls[0] == 4  # the first batch filled
    assert max(batched_model.calls) > 1
    # The poisoned image spoiled its batch; the batch was retried image by image, so only it
    # and the unreadable file failed, with the same reasons as without batching.
    for summary in (single, batched):
        assert summary.done == 6
        failed = {Path(f["input"]).name: f["reason"] for f in summary.failed}
        assert set(failed) == {"p05.png", "zz-broken.png"}
        assert "NaN" in failed["p05.png"]
    assert _digests(tmp_path / "batched") == _digests(tmp_path / "single")
    assert len(_digests(tmp_path / "single")) == 6


def test_engine_ray_without_ray_says_how_to_install_it(tmp_path, monkeypatch, capsys) -> None:
    from studio.cli.batch import main

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    _folder(tmp_path / "in", 1)
    code = main([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--engine", "ray", "--quiet"])
    assert code == 2
    assert "pip install 'style-studio[ray]'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# Ray ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install -e '.[ray]'")
    pytest.importorskip("ray.data", reason="Ray Data is missing: pip install -e '.[ray]'")
    from studio.engines.ray import _worker_env

    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": _worker_env()})
    yield ray
    ray.shutdown()


def test_ray_engine_matches_the_local_engine_and_resumes(ray_cluster, tmp_path) -> None:
    inputs = _folder(tmp_path / "in", 6, poison=2, corrupt=True)
    store = JobStore(tmp_path / "jobs.sqlite3")

    job = make_job(store, inputs, tmp_path / "local", "poster")
    local = Runner(store, registry_with(BatchedModel())).run(job)

    job = make_job(store, inputs, tmp_path / "ray", "poster")
    runner = Runner(store, registry_with(BatchedModel()), options=RunOptions(engine="ray", workers=2, batch_size=2))
    remote = runner.run(job)

    assert remote.done == local.done == 5
    assert _digests(tmp_path / "ray") == _digests(tmp_path / "local")  # deterministic style: identical files
    reasons = lambda s: {Path(f["input"]).name: f["reason"] for f in s.failed}  # noqa: E731
    assert reasons(remote) == reasons(local)  # the unreadable file and the plugin error, word for word
    assert set(reasons(remote)) == {"p02.png", "zz-broken.png"}
    manifest = json.loads((tmp_path / "ray" / "studio-manifest.json").read_text())
    assert sorted(i["status"] for i in manifest["items"]) == ["done"] * 5 + ["failed"] * 2

    # A second run of the same job skips what the cluster did; the local engine agrees.
    again = Runner(store, registry_with(BatchedModel())).run(job)
    assert again.skipped == 5 and again.done == 0


def test_ray_engine_from_the_cli_with_a_house_style(ray_cluster, tmp_path, capsys) -> None:
    from studio.cli.batch import main

    _folder(tmp_path / "in", 3)
    common = [str(tmp_path / "in"), "--style", "wave", "--size", "64", "--background", "style", "--json", "--quiet"]
    assert main([*common, "-o", str(tmp_path / "local")]) == 0
    capsys.readouterr()
    assert main([*common, "-o", str(tmp_path / "ray"), "--engine", "ray"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["done"] == 3 and not summary["failed"]
    from studio.images import read_image

    for name in ("p00.png", "p01.png", "p02.png"):
        a, b = read_image(tmp_path / "local" / name).rgb, read_image(tmp_path / "ray" / name).rgb
        original = read_image(tmp_path / "in" / name).rgb
        assert a.shape == b.shape == original.shape
        assert float((b - original).abs().mean()) > 10 / 255  # styled
        # Same model and weights; only thread counts differ (float rounding): visually equal.
        assert float((a - b).abs().mean()) < 2 / 255


class SlowModel:
    """Half a second per image, in small steps that honour cancel (as Gatys does)."""

    name = "slow"
    title = "slow test model"
    description = "sleeps"
    params = ()
    capabilities = Capabilities()

    def stylize(self, images, params, ctx):
        import time

        for _ in range(10):
            time.sleep(0.05)
            ctx.check_cancelled()
        return 1 - images


def test_cancel_stops_the_cluster_work_and_the_job_resumes(ray_cluster, tmp_path) -> None:
    import threading
    import time

    from studio.events import ItemDone

    inputs = _folder(tmp_path / "in", 12)
    store = JobStore(tmp_path / "jobs.sqlite3")
    job = make_job(store, inputs, tmp_path / "out", "slow")
    cancel = threading.Event()
    cancelled_at: list[float] = []

    class CancelAfterFirst:
        def on_event(self, event):
            if isinstance(event, ItemDone) and not cancel.is_set():
                cancelled_at.append(time.monotonic())
                cancel.set()

    runner = Runner(store, registry_with(SlowModel()), CancelAfterFirst(),
                    RunOptions(engine="ray", workers=2, batch_size=1))
    summary = runner.run(job, cancel)
    stopped_after = time.monotonic() - cancelled_at[0]
    assert summary.cancelled
    assert 1 <= summary.done < 12
    assert stopped_after < 5, f"took {stopped_after:.1f} s to stop"
    written = {p.name for p in (tmp_path / "out").glob("*.png")}
    time.sleep(1.0)  # nothing is still being written after the job reported it stopped
    assert {p.name for p in (tmp_path / "out").glob("*.png")} == written

    resumed = Runner(store, registry_with(SlowModel())).run(job)
    assert resumed.skipped == summary.done and resumed.done == 12 - summary.done

