"""Turning a trained generator into a style model (safetensors + JSON card + preview)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
from studio.model_files import ModelFile, write_model
from studio.training.loop import Trainer, before_after_grid


@torch.no_grad()
def _preview(trainer: Trainer, path: Path) -> None:
    """The generator applied to a few content crops, side by side with them; a category
    model shows one crop per label (up to six)."""
    if trainer.labels:
        labels = torch.arange(min(6, len(trainer.labels)))
        crops = torch.stack([trainer.contents[int(y) % len(trainer.contents)].crop() for y in labels])
        labels = labels.to(trainer.device)
    else:
        labels, crops = None, trainer.content.batch(3)
    crops = crops.to(trainer.device)
    styled = trainer.G.eval()(crops, None, labels)
    trainer.G.train()
    before_after_grid(crops, styled).save(path)


def export_generator(trainer: Trainer, folder: Path, title: str, description: str, command: str,
                     extra: dict[str, Any] | None = None) -> ModelFile:
    cfg = trainer.config
    card = {
        "kind": "cgan" if trainer.labels else "gan",
        "title": title,
        "description": description,
        "architecture": {"class": "Generator", "config": trainer.generator_config.to_json()},
        "training": {
            "command": command,
            "steps": trainer.step,
            "config": {k: v for k, v in cfg.to_json().items() if k != "generator"},
            "data": _data_summary(trainer),
        },
        "categories": list(trainer.labels) or None,
        "preview": f"{cfg.name}.preview.png",
        **(extra or {}),
    }
    folder.mkdir(parents=True, exist_ok=True)
    _preview(trainer, folder / card["preview"])
    state = {k: v.detach().cpu() for k, v in trainer.G.state_dict().items()}
    return write_model(folder, cfg.name, state, card)


def _data_summary(trainer: Trainer) -> dict[str, Any]:
    summary: dict[str, Any] = {"content_images": sum(c.usable for c in trainer.contents),
                               "style_images": sum(s.usable for s in trainer.styles)}
    if trainer.labels:
        summary["style_images_per_category"] = {label: s.usable for label, s in zip(trainer.labels, trainer.styles)}
        if len(trainer.contents) > 1:
            summary["content_images_per_category"] = {label: c.usable
                                                      for label, c in zip(trainer.labels, trainer.contents)}
    return summary
