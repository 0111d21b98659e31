"""Training batches: random crops of content photos and style exemplars, seeded.

Augmentation: random scale jitter (0.8–1.25 of the crop size's share of the short side),
random crop, horizontal flip. Every draw comes from one ``torch.Generator``, so a run is
reproducible from its seed, and its state is checkpointed for exact resume.
"""

from __future__ import annotations

import os
from pathlib import Path

import torch
import torch.nn.functional as F

from studio.errors import BadImage, UsageError
from studio.images import IMAGE_SUFFIXES, read_image

# Decoded images are kept at most this long on their long edge: crops are small.
_MAX_EDGE = 768


def _image_files(folder: str | os.PathLike) -> list[Path]:
    root = Path(folder)
    if not root.is_dir():
        raise UsageError(f"training folder not found: {root}")
    files = sorted(p for p in root.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith("."))
    if not files:
        raise UsageError(f"no images in {root}")
    return files


class CropSampler:
    """Draws batches of ``(B, 3, size, size)`` crops in [0, 1] from the images of a folder."""

    def __init__(self, folder: str | os.PathLike, size: int, generator: torch.Generator) -> None:
        self.size = size
        self.generator = generator
        self.images: list[torch.Tensor] = []
        self.skipped: list[tuple[str, str]] = []
        for path in _image_files(folder):
            try:
                self.images.append(self._prepare(read_image(path)))
            except BadImage as exc:
                self.skipped.append((str(path), str(exc)))
        if not self.images:
            raise UsageError(f"no readable images in {folder}")

    def _prepare(self, loaded) -> torch.Tensor:
        rgb = loaded.rgb if loaded.alpha is None else loaded.rgb * loaded.alpha + (1 - loaded.alpha)
        h, w = rgb.shape[-2:]
        scale = min(1.0, _MAX_EDGE / max(h, w))
        if scale < 1.0:
            rgb = F.interpolate(rgb[None], scale_factor=scale, mode="area")[0]
        return rgb

    def _uniform(self, low: float, high: float) -> float:
        return low + (high - low) * torch.rand((), generator=self.generator).item()

    def crop(self) -> torch.Tensor:
        index = int(torch.randint(len(self.images), (), generator=self.generator))
        image = self.images[index]
        h, w = image.shape[-2:]
        side = min(h, w) * self._uniform(0.5, 1.0)  # scale jitter: crops of 50-100% of the short side
        side = max(8, int(side))
        top = int(torch.randint(h - side + 1, (), generator=self.generator))
        left = int(torch.randint(w - side + 1, (), generator=self.generator))
        patch = image[:, top : top + side, left : left + side]
        patch = F.interpolate(patch[None], size=(self.size, self.size), mode="bilinear", antialias=True,
                              align_corners=False)[0]
        if torch.rand((), generator=self.generator).item() < 0.5:
            patch = patch.flip(-1)
        return patch.clamp(0, 1)

    def batch(self, count: int) -> torch.Tensor:
        return torch.stack([self.crop() for _ in range(count)])
