"""Turning a trained generator into a style model (safetensors + JSON card + preview)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
from studio.model_files import ModelFile, write_model
from studio.training.loop import Trainer, before_after_grid


@torch.no_grad()
def _preview(trainer: Trainer, path: Path) -> None:
    """The generator applied to a few content crops, side by side with them."""
    crops = trainer.content.batch(3).to(trainer.device)
    styled = trainer.G.eval()(crops)
    trainer.G.train()
    before_after_grid(crops, styled).save(path)


def export_generator(trainer: Trainer, folder: Path, title: str, description: str, command: str,
                     extra: dict[str, Any] | None = None) -> ModelFile:
    cfg = trainer.config
    card = {
        "kind": "gan",
        "title": title,
        "description": description,
        "architecture": {"class": "Generator", "config": cfg.generator.to_json()},
        "training": {
            "command": command,
            "steps": trainer.step,
            "config": {k: v for k, v in cfg.to_json().items() if k != "generator"},
            "data": {"content_images": len(trainer.content.images), "style_images": len(trainer.style.images)},
        },
        "categories": None,
        "preview": f"{cfg.name}.preview.png",
        **(extra or {}),
    }
    folder.mkdir(parents=True, exist_ok=True)
    _preview(trainer, folder / card["preview"])
    state = {k: v.detach().cpu() for k, v in trainer.G.state_dict().items()}
    return write_model(folder, cfg.name, state, card)
