"""The Gatys optimiser: content at relu4_2, style as Gram matrices at relu1_1..relu5_1.

The objective is the one of Gatys et al. (2016) with the layer weighting the ``pastiche``
package uses, so our losses and pastiche's are directly comparable:

    L = 0.01 * mse(F4_2(x), F4_2(c)) + w_s * sum_l (10 / C_l^2) * mse(G_l(x), G_l(s)) + w_tv * TV(x)

with pixels in 0–255 units and Grams divided by H*W. ``strength`` maps to ``w_s``
logarithmically; ``strength = 2/3`` is w_s = 1, the classic balance.

Speed, without changing the objective: style Grams are computed once per job (in ``prepare``),
the VGG is built once per process, only layers up to relu5_1 run, and by default the first
half of the steps run at half resolution (coarse-to-fine, Gatys et al. 2017 "Controlling
Perceptual Factors"), which costs a quarter per step and lands in a better basin at full size.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch
import torch.nn.functional as F

from studio.api import StyleContext, gram_matrix, load_vgg19

CONTENT_LAYER = "relu4_2"
STYLE_LAYERS = ("relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1")
ALL_LAYERS = STYLE_LAYERS + (CONTENT_LAYER,)
COARSE_SCALE = 0.5
MIN_COARSE_EDGE = 96  # below this a half-size pass sees too little of the image to help


def style_weight(strength: float) -> float:
    """0 → 1e-4 (photo kept), 2/3 → 1 (paper balance), 1 → 100 (all style)."""
    return 10.0 ** (6.0 * strength - 4.0)


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
    """Style Gram targets for every scale a job will use, averaged over the style images."""
    if not ctx.style_images:
        raise ValueError("the gatys style needs at least one style image")
    vgg = load_vgg19(ctx.device)
    scales = (1.0, COARSE_SCALE) if params["coarse_to_fine"] else (1.0,)
    grams: dict[float, dict[str, torch.Tensor]] = {}
    for scale in scales:
        long_edge = max(16, round(ctx.working_size * params["style_scale"] * scale))
        sums: dict[str, torch.Tensor] = {}
        for style in ctx.style_images:
            style = style.to(ctx.device, torch.float32).unsqueeze(0)
            h, w = style.shape[-2:]
            ratio = long_edge / max(h, w)
            style = _resize(style, max(1, round(h * ratio)), max(1, round(w * ratio)))
            if params["preserve_colors"]:
                style = _gray3(style)
            with torch.no_grad():
                feats = vgg(style, STYLE_LAYERS)
            for layer in STYLE_LAYERS:
                g = gram_matrix(feats[layer])[0]
                sums[layer] = sums[layer] + g if layer in sums else g
        grams[scale] = {layer: g / len(ctx.style_images) for layer, g in sums.items()}
    return {"grams": grams}


def gatys_loss(
    vgg: torch.nn.Module,
    pixels255: torch.Tensor,
    content_features: torch.Tensor,
    grams: Mapping[str, torch.Tensor],
    w_style: float,
    tv_weight: float,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(total, content, style) losses of an image in 0–255 units (see module docstring)."""
    feats = vgg(pixels255 / 255.0, ALL_LAYERS)
    content = 0.01 * F.mse_loss(feats[CONTENT_LAYER], content_features)
    style = pixels255.new_zeros(())
    for layer in STYLE_LAYERS:
        target = grams[layer]
        g = gram_matrix(feats[layer])
        style = style + _style_layer_weight(target) * F.mse_loss(g, target.expand_as(g))
    total = content + w_style * style
    if tv_weight:
        tv = (pixels255[..., :, 1:] - pixels255[..., :, :-1]).abs().mean()
        tv = tv + (pixels255[..., 1:, :] - pixels255[..., :-1, :]).abs().mean()
        total = total + 0.5 * tv_weight * tv
    return total, content.detach(), style.detach()


def _stages(height: int, width: int, iterations: int, coarse_to_fine: bool) -> list[tuple[float, int]]:
    if coarse_to_fine and min(height, width) * COARSE_SCALE >= MIN_COARSE_EDGE // 2 and iterations >= 4:
        coarse = iterations // 2
        return [(COARSE_SCALE, coarse), (1.0, iterations - coarse)]
    return [(1.0, iterations)]


def optimize_image(content: torch.Tensor, params: Mapping[str, Any], ctx: StyleContext, progress) -> torch.Tensor:
    """Optimise one image ``(1, 3, H, W)`` in [0, 1]; returns the result in [0, 1]."""
    vgg = load_vgg19(ctx.device)
    grams_by_scale = ctx.prepared["grams"]
    source = _gray3(content) if params["preserve_colors"] else content
    height, width = content.shape[-2:]
    stages = _stages(height, width, params["iterations"], params["coarse_to_fine"])
    total_steps, done = sum(n for _, n in stages), 0
    w_style = style_weight(params["strength"])
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
        grams = grams_by_scale[scale]
        if params["optimizer"] == "lbfgs":
            optimizer = torch.optim.LBFGS([pixels], lr=1.0, max_iter=1, history_size=100)
        else:
            optimizer = torch.optim.Adam([pixels], lr=2.0)

        def closure() -> torch.Tensor:
            optimizer.zero_grad(set_to_none=True)
            loss, _, _ = gatys_loss(vgg, pixels, content_features, grams, w_style, params["tv_weight"])
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
