"""Training batches: random crops of content photos and style exemplars, seeded.

Images stream from disk: decoded when first drawn, kept in a cache of bounded size.
Augmentation: random scale jitter (0.8–1.25 of the crop size's share of the short side),
random crop, horizontal flip. Every draw comes from one ``torch.Generator``, so a run is
reproducible from its seed, and its state is checkpointed for exact resume.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

import torch
import torch.nn.functional as F

from studio.errors import BadImage, UsageError
from studio.i18n import translate
from studio.images import read_image, walk_images

# Decoded images are kept at most this long on their long edge: crops are small.
_MAX_EDGE = 768
#: Bytes of decoded images a sampler keeps (uint8, least recently used go first): a folder of
#: 10,000 photos trains in the same memory as a folder of 20; each image is decoded when first
#: drawn, not all of them before the first step.
CACHE_BYTES = 256 * 1024 * 1024
#: Images counted for a folder summary before saying "N+".
COUNT_LIMIT = 10_000


def check_folder(folder: str | os.PathLike, what: str) -> Path:
    """``folder`` as a path, refusing an empty field or a missing folder with a clear message."""
    text = str(folder).strip()
    if not text:  # Path("") is the working folder: never train on whatever happens to be there
        raise UsageError(translate("training", "choose a folder of {what}").format(what=what))
    root = Path(text).expanduser()
    if not root.is_dir():
        raise UsageError(translate("training", "{what}: folder not found: {folder}").format(what=what, folder=root))
    return root


def _named(what: str | None) -> str:
    """How messages name the images of a folder: the caller's noun, else "training images"."""
    return what or translate("training", "training images")


def training_images(folder: str | os.PathLike, what: str | None = None) -> list[Path]:
    """The image files under ``folder``, or a :class:`UsageError` saying why there are none
    (``what`` names them in messages: "training images" by default)."""
    what = _named(what)
    root = check_folder(folder, what)
    files = list(walk_images(root))
    if not files:
        raise UsageError(translate("training", "{what}: no images in {folder}").format(what=what, folder=root))
    return files


def count_images(folder: str | os.PathLike, what: str | None = None) -> tuple[int, bool]:
    """How many images ``folder`` holds, up to :data:`COUNT_LIMIT` (and whether it stopped
    there), for a form to show before Start; raises :class:`UsageError` like
    :func:`training_images`."""
    what = _named(what)
    root = check_folder(folder, what)
    count = 0
    for count, _ in enumerate(walk_images(root), start=1):
        if count >= COUNT_LIMIT:
            return count, True
    if not count:
        raise UsageError(translate("training", "{what}: no images in {folder}").format(what=what, folder=root))
    return count, False


class CropSampler:
    """Draws batches of ``(B, 3, size, size)`` crops in [0, 1] from the images of a folder.

    Images are decoded when first drawn and kept in a bounded cache; an unreadable one is
    listed in ``skipped`` and another is drawn. Every random draw comes from ``generator``, so
    the crops depend only on the folder and the generator's state, not on what is cached."""

    def __init__(self, folder: str | os.PathLike, size: int, generator: torch.Generator,
                 cache_bytes: int = CACHE_BYTES, what: str | None = None) -> None:
        what = _named(what)
        self.size = size
        self.generator = generator
        self.files = training_images(folder, what)
        self.cache_bytes = cache_bytes
        self._cache: OrderedDict[int, torch.Tensor] = OrderedDict()
        self._bad: dict[int, str] = {}
        if not any(self._image(i) is not None for i in range(len(self.files))):  # stops at the first good one
            raise UsageError(translate("training", "{what}: no readable images in {folder}").format(
                what=what, folder=folder))

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """Unreadable files found so far, with the reason."""
        return [(str(self.files[i]), reason) for i, reason in sorted(self._bad.items())]

    @property
    def usable(self) -> int:
        """Image files not found unreadable so far (files are read as they are drawn)."""
        return len(self.files) - len(self._bad)

    @property
    def cached_bytes(self) -> int:
        return sum(t.numel() for t in self._cache.values())

    def _image(self, index: int) -> torch.Tensor | None:
        """The decoded image (uint8, 3 x H x W), or None if it cannot be read."""
        if index in self._cache:
            self._cache.move_to_end(index)
            return self._cache[index]
        if index in self._bad:
            return None
        try:
            image = self._prepare(read_image(self.files[index]))
        except BadImage as exc:
            self._bad[index] = str(exc)
            return None
        self._cache[index] = image
        while len(self._cache) > 1 and self.cached_bytes > self.cache_bytes:
            self._cache.popitem(last=False)
        return image

    def _prepare(self, loaded) -> torch.Tensor:
        rgb = loaded.rgb if loaded.alpha is None else loaded.rgb * loaded.alpha + (1 - loaded.alpha)
        h, w = rgb.shape[-2:]
        scale = min(1.0, _MAX_EDGE / max(h, w))
        if scale < 1.0:
            rgb = F.interpolate(rgb[None], scale_factor=scale, mode="area")[0]
        return (rgb.clamp(0, 1) * 255).round().to(torch.uint8)  # a quarter of float32's memory

    def _uniform(self, low: float, high: float) -> float:
        return low + (high - low) * torch.rand((), generator=self.generator).item()

    def crop(self) -> torch.Tensor:
        image = None
        while image is None:  # the constructor found a readable image, so this ends
            index = int(torch.randint(len(self.files), (), generator=self.generator))
            image = self._image(index)
        h, w = image.shape[-2:]
        side = min(h, w) * self._uniform(0.5, 1.0)  # scale jitter: crops of 50-100% of the short side
        side = max(8, int(side))
        top = int(torch.randint(h - side + 1, (), generator=self.generator))
        left = int(torch.randint(w - side + 1, (), generator=self.generator))
        patch = image[:, top : top + side, left : left + side].float() / 255.0
        patch = F.interpolate(patch[None], size=(self.size, self.size), mode="bilinear", antialias=True,
                              align_corners=False)[0]
        if torch.rand((), generator=self.generator).item() < 0.5:
            patch = patch.flip(-1)
        return patch.clamp(0, 1)

    def batch(self, count: int) -> torch.Tensor:
        return torch.stack([self.crop() for _ in range(count)])
