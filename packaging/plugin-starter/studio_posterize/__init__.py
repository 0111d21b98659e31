"""Posterize: flat poster colours with optional ink outlines.

A complete Style Studio plugin. It imports only ``studio.api``, the public and versioned plugin
API; everything else in ``studio`` may change between releases.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch
import torch.nn.functional as F

from studio.api import Capabilities, Param, StyleContext, hookimpl

#: The plugin API this plugin was written for; Style Studio refuses (and lists as broken) a
#: plugin whose version it does not provide.
STUDIO_API_VERSION = 1

_SOBEL = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


class Posterize:
    """One style model. Everything the CLI and the app show comes from these attributes."""

    name = "posterize"  # what --style takes: unique, lowercase
    title = "Posterize"  # shown in the gallery
    description = "Flat poster colours in a few levels per channel, with optional ink outlines."
    params = (
        Param("levels", "int", 4, "Colour levels per channel (fewer: flatter)", min=2, max=16),
        Param("outline", "float", 0.5, "Strength of the ink outlines, 0 = none", min=0.0, max=1.0),
    )
    capabilities = Capabilities(batched=True)
    default_size = 768  # the working size (long edge) when the job sets none

    def stylize(self, images: torch.Tensor, params: Mapping[str, Any], ctx: StyleContext) -> torch.Tensor:
        """``images``: (B, 3, H, W) in [0, 1] on ``ctx.device``; return the same shape in [0, 1]."""
        levels = params["levels"] - 1
        flat = (images * levels).round() / levels
        ctx.report_progress(0.5)
        ctx.check_cancelled()  # long loops should call this often; here once is plenty
        if params["outline"] > 0:
            gray = images.mean(dim=1, keepdim=True)
            kx = _SOBEL.to(images.device, images.dtype)[None, None]
            edges = F.conv2d(gray, kx, padding=1).abs() + F.conv2d(gray, kx.transpose(-1, -2), padding=1).abs()
            ink = (edges * 2.0).clamp(0, 1) * params["outline"]
            flat = flat * (1 - ink)
        ctx.report_progress(1.0)
        return flat.clamp(0, 1)


@hookimpl
def studio_style_models() -> list[Any]:
    """Called once when Style Studio loads plugins: construct models here, load weights in prepare()."""
    return [Posterize()]
