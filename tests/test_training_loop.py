"""A few steps of Algorithm 1 on tiny generated data; exact resume from a checkpoint."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import pytest
import torch

from studio.testing import make_product_image, make_style_image
from studio.training.loop import Trainer, TrainConfig


@pytest.fixture
def tiny_data(tmp_path: Path) -> tuple[Path, Path]:
    content, style = tmp_path / "content", tmp_path / "style"
    content.mkdir(), style.mkdir()
    for i, kind in enumerate(["mug", "bottle", "bag"]):
        make_product_image(kind, size=(64, 56), seed=i).save(content / f"{kind}.png")
    for kind in ["waves", "mosaic"]:
        make_style_image(kind, size=(64, 64)).save(style / f"{kind}.png")
    return content, style


def config(tiny_data, out: Path, **overrides) -> TrainConfig:
    content, style = tiny_data
    base = TrainConfig(content_dir=str(content), style_dir=str(style), name="tiny", out=str(out), steps=4, k=2,
                       size=32, batch=2, seed=3, checkpoint_every=2, log_every=2, sample_every=5, style_weight=1.0)
    return dataclasses.replace(base, **overrides)


def test_a_few_steps_give_finite_losses_and_metrics(tiny_data, tmp_path) -> None:
    trainer = Trainer(config(tiny_data, tmp_path / "run"), torch.device("cpu"))
    reports = []
    trainer.run(on_step=reports.append)
    assert [r.step for r in reports] == [1, 2, 3, 4]
    for r in reports:
        assert math.isfinite(r.loss_d) and math.isfinite(r.loss_g) and math.isfinite(r.content)
        assert set(r.metrics) == {"d_real", "d_fake", "value", "jsd"}
        assert 0 < r.metrics["d_real"] < 1 and 0 < r.metrics["d_fake"] < 1
        assert r.metrics["jsd"] == pytest.approx(max(0.0, (r.metrics["value"] + math.log(4)) / 2))
    assert (tmp_path / "run" / "checkpoint.safetensors").is_file()
    lines = [json.loads(line) for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()]
    assert [line["step"] for line in lines] == [2, 4]  # every log_every steps
    assert {"step", "loss_d", "loss_g", "d_real", "d_fake", "value", "jsd", "mode_collapse"} <= set(lines[0])
    assert sorted(p.name for p in (tmp_path / "run" / "samples").iterdir()) == ["step_000004.png"]


def test_mode_collapse_is_flagged_when_outputs_stop_depending_on_inputs(tiny_data, tmp_path) -> None:
    trainer = Trainer(config(tiny_data, tmp_path / "run"), torch.device("cpu"))
    assert not trainer.train_step().mode_collapse
    with torch.no_grad():  # a generator that ignores its input: the last layer's bias alone
        last = trainer.G.decoder[-1]
        last.weight.zero_()
    assert trainer.train_step().mode_collapse


def test_resume_reproduces_the_uninterrupted_run(tiny_data, tmp_path) -> None:
    straight = Trainer(config(tiny_data, tmp_path / "a"), torch.device("cpu"))
    straight.run()
    first = Trainer(config(tiny_data, tmp_path / "b", steps=2), torch.device("cpu"))
    first.run()
    resumed = Trainer(config(tiny_data, tmp_path / "b"), torch.device("cpu"))
    assert resumed.resume() and resumed.step == 2
    resumed.run()
    for (name, a), (_, b) in zip(straight.G.state_dict().items(), resumed.G.state_dict().items()):
        assert torch.allclose(a, b, atol=1e-5), name
