"""The Gatys optimiser: content at relu4_2, style as Gram matrices at relu1_1..relu5_1.

The objective is the one of Gatys et al. (2016) with the layer weighting the ``pastiche``
package uses, so our losses and pastiche's are directly comparable:

    L = 0.01 * mse(F4_2(x), F4_2(c)) + w_s * sum_l (10 / C_l^2) * mse(G_l(x), G_l(s)) + w_tv * TV(x)

with pixels in 0–255 units and Grams divided by H*W. ``strength`` maps to ``w_s``
logarithmically; ``strength = 1`` is w_s = 1, the classic balance pastiche uses by default.

Speed, without changing the objective: style Grams are computed once per job (in ``prepare``),
the VGG is built once per process, only layers up to relu5_1 run, activations are channels-last,
the convolutions run in bfloat16 where the hardware does that natively (losses stay float32),
and the Gram products read the channels-last activations in place (see
:func:`studio.vgg.gram_matrix`). Measured on 256 px photos, 100 L-BFGS steps: bf16 convolutions
took 0.31 s per step against 0.59 s in float32, with an equal or lower final loss; the in-place
Gram then took a step from 367 to 228 ms (bf16) and 608 to 517 ms (float32), interleaved runs.
Coarse-to-fine (half the steps at half size, Gatys et al. 2017) is about 2x faster again but
ended 6-26% higher in loss on the same photos, so it is an option, off by default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import torch
import torch.nn.functional as F

from studio.api import StyleContext, fast_conv_dtype, gram_matrix, load_vgg19

CONTENT_LAYER = "relu4_2"
STYLE_LAYERS = ("relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1")
ALL_LAYERS = STYLE_LAYERS + (CONTENT_LAYER,)
COARSE_SCALE = 0.5
#: Share of the steps spent at COARSE_SCALE when coarse_to_fine is on.
COARSE_FRACTION = 0.5
MIN_COARSE_EDGE = 96  # below this a half-size pass sees too little of the image to help


def style_weight(strength: float) -> float:
    """0 → 2.5e-6 (the photo), 0.5 → 1.6e-3 (product-safe default), 1 → 1 (paper balance).

    The default was tuned by eye on real catalog photos (../shared/data) at 80–150 steps: at
    0.5 silhouettes, stripes, straps and laces survive while the texture is clearly the style's.
    """
    return 10.0 ** (5.6 * (strength - 1.0))


def _resize(image: torch.Tensor, height: int, width: int) -> torch.Tensor:
    if image.shape[-2:] == (height, width):
        return image
    return F.interpolate(image, size=(height, width), mode="bilinear", align_corners=False, antialias=True)


def _luminance(rgb: torch.Tensor) -> torch.Tensor:
    weights = torch.tensor([0.299, 0.587, 0.114], device=rgb.device).view(1, 3, 1, 1)
    return (rgb * weights).sum(1, keepdim=True)


def _gray3(rgb: torch.Tensor) -> torch.Tensor:
    return _luminance(rgb).expand(-1, 3, -1, -1).contiguous()


def _keep_chroma(result: torch.Tensor, content: torch.Tensor) -> torch.Tensor:
    """Luminance of ``result`` with the colour (chroma) of ``content`` (YCbCr swap)."""
    # Adding a grey offset to all three channels changes Y and leaves Cb/Cr as they are.
    return (content - _luminance(content) + _luminance(result)).clamp(0, 1)


def _style_layer_weight(grams: torch.Tensor) -> float:
    return 10.0 / grams.shape[-1] ** 2


def prepare_targets(params: Mapping[str, Any], ctx: StyleContext) -> dict[str, Any]:
    """Per-job state: the style images, ready for VGG, and a cache of their Gram targets.

    A style image is scaled so its area is the content's area times ``style_scale**2`` (the
    convention of Gatys et al. and pastiche: brush marks keep their size relative to the
    image whatever the aspect ratios). Targets therefore depend on the content's pixel count;
    they are computed the first time a size is seen and reused for every later image of that
    size, so a catalog at one working size computes them once.
    """
    if not ctx.style_images:
        raise ValueError("the gatys style needs at least one style image")
    styles = []
    for style in ctx.style_images:
        style = style.to(torch.float32).unsqueeze(0)
        styles.append(_gray3(style) if params["preserve_colors"] else style)
    return {"styles": styles, "grams": {}}


def style_targets(prepared: dict[str, Any], pixels: int, style_scale: float, device: torch.device) -> dict[str, torch.Tensor]:
    """Gram targets (averaged over the style images) for a content of ``pixels`` pixels."""
    key = (pixels, style_scale)
    cached = prepared["grams"].get(key)
    if cached is not None:
        return cached
    vgg = load_vgg19(device)
    sums: dict[str, torch.Tensor] = {}
    for style in prepared["styles"]:
        h, w = style.shape[-2:]
        ratio = (pixels * style_scale**2 / (h * w)) ** 0.5
        resized = _resize(style.to(device), max(16, round(h * ratio)), max(16, round(w * ratio)))
        with torch.no_grad():
            feats = vgg(resized, STYLE_LAYERS)
        for layer in STYLE_LAYERS:
            g = gram_matrix(feats[layer].float())[0]
            sums[layer] = sums[layer] + g if layer in sums else g
    targets = {layer: g / len(prepared["styles"]) for layer, g in sums.items()}
    prepared["grams"][key] = targets
    return targets


def gatys_loss(
    vgg: torch.nn.Module,
    pixels255: torch.Tensor,
    content_features: torch.Tensor,
    grams: Mapping[str, torch.Tensor],
    w_style: float,
    tv_weight: float,
    conv_dtype: torch.dtype | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(total, content, style) losses of an image in 0–255 units (see module docstring).

    With ``conv_dtype`` the VGG convolutions and Gram products run in that reduced precision
    (autocast; the kernels accumulate in float32); the losses are float32. ``checkpoint`` is
    called after the forward pass and at each style layer of the backward pass (it may raise
    to stop): one step of a large image takes seconds on a CPU, too long to wait for a cancel.
    """
    with torch.autocast(pixels255.device.type, dtype=conv_dtype or torch.float32, enabled=conv_dtype is not None):
        feats = vgg(pixels255 / 255.0, ALL_LAYERS)
        if checkpoint is not None:
            checkpoint()
            for layer in ALL_LAYERS:
                if feats[layer].requires_grad:
                    feats[layer].register_hook(lambda grad: checkpoint())
        # Gram products in the reduced precision too (float32 accumulation inside the kernel).
        gram_values = {layer: gram_matrix(feats[layer]) for layer in STYLE_LAYERS}
    content = 0.01 * F.mse_loss(feats[CONTENT_LAYER].float(), content_features)
    style = pixels255.new_zeros(())
    for layer in STYLE_LAYERS:
        target = grams[layer]
        g = gram_values[layer].float()
        style = style + _style_layer_weight(target) * F.mse_loss(g, target.expand_as(g))
    total = content + w_style * style
    if tv_weight:
        tv = (pixels255[..., :, 1:] - pixels255[..., :, :-1]).abs().mean()
        tv = tv + (pixels255[..., 1:, :] - pixels255[..., :-1, :]).abs().mean()
        total = total + 0.5 * tv_weight * tv
    return total, content.detach(), style.detach()


def _stages(height: int, width: int, iterations: int, coarse_to_fine: bool) -> list[tuple[float, int]]:
    if coarse_to_fine and min(height, width) * COARSE_SCALE >= MIN_COARSE_EDGE // 2 and iterations >= 4:
        coarse = int(iterations * COARSE_FRACTION)
        return [(COARSE_SCALE, coarse), (1.0, iterations - coarse)]
    return [(1.0, iterations)]


def optimize_image(content: torch.Tensor, params: Mapping[str, Any], ctx: StyleContext, progress) -> torch.Tensor:
    """Optimise one image ``(1, 3, H, W)`` in [0, 1]; returns the result in [0, 1]."""
    vgg = load_vgg19(ctx.device)
    source = _gray3(content) if params["preserve_colors"] else content
    height, width = content.shape[-2:]
    stages = _stages(height, width, params["iterations"], params["coarse_to_fine"])
    total_steps, done = sum(n for _, n in stages), 0
    w_style = style_weight(params["strength"])
    conv_dtype = fast_conv_dtype(ctx.device) if params["precision"] == "auto" else (
        torch.bfloat16 if params["precision"] == "bf16" else None)
    generator = torch.Generator(device="cpu").manual_seed(ctx.seed)
    pixels: torch.Tensor | None = None
    for scale, steps in stages:
        h, w = max(1, round(height * scale)), max(1, round(width * scale))
        target = _resize(source, h, w) * 255.0
        if pixels is None:
            if params["init"] == "noise":
                noise = torch.randn(target.shape, generator=generator) * 40.0 + 127.5
                pixels = noise.to(ctx.device)
            else:
                pixels = target.clone()
        else:
            pixels = _resize(pixels.detach(), h, w)
        pixels = pixels.contiguous().requires_grad_(True)
        with torch.no_grad():
            content_features = vgg(target / 255.0, [CONTENT_LAYER])[CONTENT_LAYER]
        grams = style_targets(ctx.prepared, h * w, params["style_scale"], ctx.device)
        if params["optimizer"] == "lbfgs":
            optimizer = torch.optim.LBFGS([pixels], lr=1.0, max_iter=1, history_size=100)
        else:
            optimizer = torch.optim.Adam([pixels], lr=2.0)

        def closure() -> torch.Tensor:
            optimizer.zero_grad(set_to_none=True)
            loss, _, _ = gatys_loss(vgg, pixels, content_features, grams, w_style, params["tv_weight"], conv_dtype,
                                    checkpoint=ctx.check_cancelled)
            loss.backward()
            return loss

        for _ in range(steps):
            ctx.check_cancelled()
            optimizer.step(closure)
            done += 1
            progress(done / total_steps)
    assert pixels is not None
    result = (pixels.detach() / 255.0).clamp(0.0, 1.0)
    if params["preserve_colors"]:
        result = _keep_chroma(result, content)
    return result


def stylize_batch(images: torch.Tensor, params: Mapping[str, Any], ctx: StyleContext) -> torch.Tensor:
    """Each image is optimised on its own: L-BFGS's curvature history must not mix images."""
    results = []
    count = images.shape[0]
    for index in range(count):
        def progress(fraction: float, index: int = index) -> None:
            ctx.report_progress((index + fraction) / count)

        results.append(optimize_image(images[index : index + 1], params, ctx, progress))
    return torch.cat(results)
