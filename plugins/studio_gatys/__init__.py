"""Built-in style plugin: Gatys, Ecker & Bethge (CVPR 2016) optimisation-based style transfer.

Only declarations live here; the optimiser in :mod:`studio_gatys.optimize` (torch, VGG) is
imported when a job first needs it, so listing styles stays fast.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio.api import Capabilities, Param, StyleContext, hookimpl

STUDIO_API_VERSION = 1


class GatysStyle:
    name = "gatys"
    title = "Painterly (Gatys)"
    description = (
        "Repaints each photo with the textures and colours of the style image(s) by optimising "
        "VGG-19 Gram-matrix statistics (Gatys et al. 2016). Exact but slow: about a minute per "
        "image on a laptop CPU at the default size."
    )
    # Optimisation costs ~(size^2 x iterations); fine detail above this is restored by the core.
    default_size = 384
    params = (
        Param("iterations", "int", 100, "Optimiser steps per image; more is slower and closer to the style.", 1, 5000),
        Param(
            "strength", "float", 0.5,
            "Style vs content: 0 keeps the photo; the default 0.5 keeps the product recognisable; 1 is the "
            "classic balance of Gatys et al. (the whole image repainted).",
            0.0, 1.0,
        ),
        Param("preserve_colors", "bool", False, "Transfer only luminance texture; keep the product's own colours."),
        Param("style_scale", "float", 1.0, "Size of the style's brush marks relative to the image.", 0.25, 4.0,
              log_scale=True),
        Param("tv_weight", "float", 0.0, "Total-variation smoothing of the result (reduces speckle).", 0.0, 100.0,
              advanced=True),
        Param("init", "choice", "content", "Start from the photo or from noise.", choices=("content", "noise"),
              advanced=True),
        Param("optimizer", "choice", "lbfgs", "L-BFGS converges in fewer steps; Adam uses less memory.",
              choices=("lbfgs", "adam"), advanced=True),
        Param("coarse_to_fine", "bool", False,
              "Spend the first half of the steps at half resolution: about 2x faster, slightly higher final loss.",
              advanced=True),
        Param("precision", "choice", "auto",
              "Convolution precision: auto uses bfloat16 where the hardware runs it natively (recent x86 CPUs, "
              "CUDA GPUs), about 1.8x faster; losses stay float32.", choices=("auto", "fp32", "bf16"), advanced=True),
    )
    capabilities = Capabilities(needs_style_images=True, variations=False, iterative=True)

    def prepare(self, params: Mapping[str, Any], ctx: StyleContext) -> Any:
        from studio_gatys.optimize import prepare_targets

        return prepare_targets(params, ctx)

    def stylize(self, images: Any, params: Mapping[str, Any], ctx: StyleContext) -> Any:
        from studio_gatys.optimize import stylize_batch

        return stylize_batch(images, params, ctx)


@hookimpl
def studio_style_models() -> list[GatysStyle]:
    return [GatysStyle()]
