"""`studio-batch --engine ray --ray-address` against a cluster started as a user would
(`ray start --head`, its own processes), and against an address where nothing listens.
A module of its own: it must not share a machine-wide Ray with test_engines' local one."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studio.testing import make_product_image


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def test_ray_address_of_a_running_cluster_and_of_nothing(tmp_path) -> None:
    pytest.importorskip("ray.data", reason="Ray is an optional extra: pip install -e '.[ray]'")
    ray_cli = Path(sys.executable).parent / "ray"
    (tmp_path / "in").mkdir()
    for i in range(2):
        make_product_image("mug", size=(96, 72), seed=i).save(tmp_path / "in" / f"p{i:02d}.png")
    import secrets

    # Newer Ray clusters require a token (RAY_AUTH_TOKEN, or ~/.ray/auth_token) from clients.
    env = {**os.environ, "STUDIO_HOME": str(tmp_path / "home"), "RAY_USAGE_STATS_ENABLED": "0",
           "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}
    env.pop("RAY_ADDRESS", None)
    cli = [sys.executable, "-m", "studio.cli.batch", str(tmp_path / "in"), "--style", "wave", "--size", "64",
           "--engine", "ray", "--json", "--quiet"]
    port = _free_port()

    started = time.monotonic()
    nothing = subprocess.run([*cli, "-o", str(tmp_path / "none"), "--ray-address", f"127.0.0.1:{port}"],
                             env=env, capture_output=True, text=True, timeout=120)
    assert nothing.returncode == 2, nothing.stderr[-2000:]
    assert f"no Ray cluster answers at 127.0.0.1:{port}" in nothing.stderr
    assert time.monotonic() - started < 30  # Ray alone would retry for minutes
    assert not (tmp_path / "none").exists() or not list((tmp_path / "none").glob("*.png"))

    # --block keeps the head in the foreground; stopping it stops the cluster it started
    # (and only that one, unlike `ray stop`).
    head = subprocess.Popen([str(ray_cli), "start", "--head", "--block", f"--port={port}", "--num-cpus=2",
                             "--include-dashboard=false", "--disable-usage-stats"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not _listening(port):
            assert head.poll() is None, "ray start --head exited"
            assert time.monotonic() < deadline, "the Ray head did not start"
            time.sleep(0.5)
        joined = subprocess.run([*cli, "-o", str(tmp_path / "out"), "--ray-address", f"127.0.0.1:{port}"],
                                env=env, capture_output=True, text=True, timeout=300)
        assert joined.returncode == 0, joined.stderr[-2000:]
        summary = json.loads(joined.stdout)
        assert summary["done"] == 2 and not summary["failed"]
        assert sorted(p.name for p in (tmp_path / "out").glob("*.png")) == ["p00.png", "p01.png"]
    finally:
        os.killpg(head.pid, signal.SIGINT)
        try:
            head.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(head.pid, signal.SIGKILL)
