"""Running AdaIN: encode the style images once per job (their relu4_1 statistics), then per
batch encode, re-normalise, decode.

Style statistics are taken with each style image scaled to the job's working size (long
edge), so a brush mark keeps its size relative to the photo, as in the gatys style.
Convolutions run in bfloat16 where the device runs it natively, as the gan path does.

``match_colours`` (on by default) then gives the result the style images' colour statistics,
per RGB channel, mean and spread (Reinhard et al. 2001), measured over the product where the
core found one: the decoder this project could train on a CPU pulls every palette towards
blue-grey (candy's pinks came out navy), and this puts the style image's own palette back
without touching the texture.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext
from typing import Any

import torch
import torch.nn.functional as F

from studio.api import (
    AdaINDecoder, AdaINDecoderConfig, ModelFileError, StyleContext, adaptive_instance_norm, fast_conv_dtype,
    feature_mean_std, load_model_weights, load_vgg19,
)

ENCODER_LAYER = "relu4_1"
#: The encoder pools three times: sizes are padded to a multiple of this and cropped back.
MULTIPLE = 8


def parse_blend(text: str, count: int | None = None) -> list[float] | None:
    """``"3,1"`` → ``[0.75, 0.25]``; empty → None (equal weights). ``ValueError`` for a user."""
    text = str(text or "").strip()
    if not text:
        return None
    try:
        weights = [float(part) for part in text.split(",")]
    except ValueError:
        raise ValueError(f"blend: expected comma-separated numbers such as 3,1, got {text!r}") from None
    if any(w < 0 for w in weights) or sum(weights) <= 0:
        raise ValueError(f"blend: weights must be zero or more and not all zero, got {text!r}")
    if count is not None and len(weights) != count:
        raise ValueError(f"blend: {len(weights)} weights for {count} style images")
    total = sum(weights)
    return [w / total for w in weights]


def _autocast(device: torch.device):
    dtype = fast_conv_dtype(device)
    return torch.autocast(device.type, dtype=dtype) if dtype is not None else nullcontext()


@torch.no_grad()
def prepare_adain(model: Any, params: Mapping[str, Any], ctx: StyleContext) -> dict[str, Any]:
    arch = model.card.get("architecture", {})
    if arch.get("class") != "AdaINDecoder":
        raise ModelFileError(f"{model.name}: unknown architecture {arch.get('class')!r}")
    images = list(ctx.style_images)
    weights = parse_blend(params.get("blend", ""), len(images)) or [1.0 / len(images)] * len(images)
    device = torch.device(ctx.device)
    vgg = load_vgg19(device, bundled=True)
    means, stds, palettes = [], [], []
    for image in images:
        flat = image.float().flatten(1)
        palettes.append((flat.mean(1), flat.std(1)))
        h, w = image.shape[-2:]
        scale = ctx.working_size / max(h, w)
        size = (max(MULTIPLE, round(h * scale)), max(MULTIPLE, round(w * scale)))
        resized = F.interpolate(image[None].float(), size=size, mode="bilinear", antialias=True, align_corners=False)
        with _autocast(device):
            features = vgg(resized.to(device), (ENCODER_LAYER,))[ENCODER_LAYER]
        mean, std = feature_mean_std(features)
        means.append(mean.cpu())
        stds.append(std.cpu())
    palette = (sum(w * m for w, (m, _) in zip(weights, palettes)), sum(w * s for w, (_, s) in zip(weights, palettes)))
    return {"state": load_model_weights(model), "config": dict(arch.get("config", {})), "weights": weights,
            "means": means, "stds": stds, "palette": palette, "module": None}


def _decoder(prepared: dict[str, Any], device: torch.device) -> AdaINDecoder:
    if prepared["module"] is None:
        decoder = AdaINDecoder(AdaINDecoderConfig(**prepared["config"]))
        try:
            decoder.load_state_dict(prepared["state"])
        except RuntimeError as exc:
            raise ModelFileError(f"weights do not fit the card's architecture: {exc}") from None
        decoder = decoder.to(device).eval()
        if device.type != "mps":
            decoder = decoder.to(memory_format=torch.channels_last)
        prepared["module"] = decoder
    return prepared["module"]


@torch.no_grad()
def apply_adain(images: torch.Tensor, params: Mapping[str, Any], ctx: StyleContext) -> torch.Tensor:
    prepared = ctx.prepared
    device = images.device
    decoder = _decoder(prepared, device)
    vgg = load_vgg19(device, bundled=True)
    h, w = images.shape[-2:]
    ph, pw = (-h) % MULTIPLE, (-w) % MULTIPLE
    padded = F.pad(images, (0, pw, 0, ph), mode="reflect") if (ph or pw) else images
    ctx.check_cancelled()
    with _autocast(device):
        content = vgg(padded, (ENCODER_LAYER,))[ENCODER_LAYER]
    target = torch.zeros(content.shape, dtype=torch.float32, device=device)
    for weight, mean, std in zip(prepared["weights"], prepared["means"], prepared["stds"]):
        target += weight * adaptive_instance_norm(content, mean.to(device), std.to(device))
    strength = float(params.get("strength", 1.0))
    target = strength * target + (1.0 - strength) * content.float()
    ctx.report_progress(0.5)
    ctx.check_cancelled()
    with _autocast(device):
        out = decoder(target.contiguous(memory_format=torch.channels_last))
    out = out.float()[..., :h, :w]
    if params.get("match_colours", True):
        out = out + strength * (match_palette(out, *prepared["palette"], ctx.masks) - out)
    return out.clamp(0, 1).contiguous()


def match_palette(images: torch.Tensor, mean: torch.Tensor, std: torch.Tensor,
                  masks: torch.Tensor | None = None) -> torch.Tensor:
    """``images`` with each RGB channel's mean and spread set to ``mean`` / ``std`` ``(3,)``,
    measured over ``masks`` (``(B, 1, H, W)``, the product) when given."""
    b = images.shape[0]
    if masks is not None and masks.shape[-2:] == images.shape[-2:]:
        weight = masks.to(images.device, images.dtype).expand(b, 1, *images.shape[-2:]).flatten(2)
    else:
        weight = torch.ones(b, 1, images.shape[-2] * images.shape[-1], device=images.device)
    weight = weight / weight.sum(2, keepdim=True).clamp_min(1e-6)
    flat = images.flatten(2)
    own_mean = (flat * weight).sum(2, keepdim=True)
    own_std = (((flat - own_mean) ** 2 * weight).sum(2, keepdim=True)).sqrt().clamp_min(1e-3)
    mean, std = mean.to(images.device).view(1, 3, 1), std.to(images.device).view(1, 3, 1)
    return ((flat - own_mean) / own_std * std + mean).view_as(images)
