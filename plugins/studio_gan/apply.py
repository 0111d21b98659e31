"""Running a trained generator: pad to a multiple of 4, one pass (or overlapping tiles for
very large inputs), crop, blend with the photo by ``strength``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch
import torch.nn.functional as F

from studio.api import Generator, GeneratorConfig, ModelFileError, StyleContext, load_model_weights

#: Inputs with a longer side than this run in overlapping tiles to bound memory.
TILE = 1024
OVERLAP = 128


def prepare_generator(model: Any) -> dict[str, Any]:
    arch = model.card.get("architecture", {})
    if arch.get("class") != "Generator":
        raise ModelFileError(f"{model.name}: unknown architecture {arch.get('class')!r}")
    return {"state": load_model_weights(model), "config": dict(arch.get("config", {})), "module": None}


def _module(prepared: dict[str, Any], device: torch.device) -> Generator:
    if prepared["module"] is None:
        generator = Generator(GeneratorConfig(**prepared["config"]))
        try:
            generator.load_state_dict(prepared["state"])
        except RuntimeError as exc:
            raise ModelFileError(f"weights do not fit the card's architecture: {exc}") from None
        prepared["module"] = generator.to(device).eval()
    return prepared["module"]


def _run_padded(generator: Generator, x: torch.Tensor, noise_seed: int) -> torch.Tensor:
    h, w = x.shape[-2:]
    ph, pw = (-h) % 4, (-w) % 4
    padded = F.pad(x, (0, pw, 0, ph), mode="reflect") if (ph or pw) else x
    noise = None
    channels = generator.config.noise_channels
    if channels:
        g = torch.Generator().manual_seed(noise_seed)
        noise = torch.randn(x.shape[0], channels, padded.shape[-2] // 4, padded.shape[-1] // 4, generator=g)
        noise = noise.to(x.device)
    return generator(padded, noise)[..., :h, :w]


def _ramp(length: int, overlap: int, start: bool, end: bool, device: torch.device) -> torch.Tensor:
    weights = torch.ones(length, device=device)
    edge = torch.linspace(0, 1, overlap + 2, device=device)[1:-1]
    if start:
        weights[:overlap] = edge
    if end:
        weights[-overlap:] = edge.flip(0)
    return weights


def _run_tiled(generator: Generator, x: torch.Tensor, seed: int) -> torch.Tensor:
    """Overlapping tiles, cross-faded linearly in the overlaps so no seam shows."""
    _, _, h, w = x.shape
    out = torch.zeros_like(x)
    total = torch.zeros(1, 1, h, w, device=x.device)
    step = TILE - OVERLAP
    tops = list(range(0, max(1, h - OVERLAP), step))
    lefts = list(range(0, max(1, w - OVERLAP), step))
    for top in tops:
        for left in lefts:
            bottom, right = min(h, top + TILE), min(w, left + TILE)
            tile = _run_padded(generator, x[..., top:bottom, left:right], seed)
            wy = _ramp(bottom - top, OVERLAP, top > 0, bottom < h, x.device)
            wx = _ramp(right - left, OVERLAP, left > 0, right < w, x.device)
            weight = (wy[:, None] * wx[None, :])[None, None]
            out[..., top:bottom, left:right] += tile * weight
            total[..., top:bottom, left:right] += weight
    return out / total.clamp(min=1e-6)


def apply_generator(images: torch.Tensor, params: Mapping[str, Any], ctx: StyleContext) -> torch.Tensor:
    generator = _module(ctx.prepared, ctx.device)
    with torch.inference_mode():
        if max(images.shape[-2:]) > TILE:
            styled = _run_tiled(generator, images, ctx.seed)
        else:
            styled = _run_padded(generator, images, ctx.seed)
    ctx.report_progress(1.0)
    strength = params["strength"]
    return (strength * styled + (1.0 - strength) * images).clamp(0.0, 1.0)
