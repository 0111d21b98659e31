"""Built-in style plugin: any style image in one pass (AdaIN, Huang & Belongie, ICCV 2017).

The photo's VGG-19 features take the style image's per-channel statistics and a decoder
trained by this project (``studio-train --kind adain``, a model file of kind ``adain``) paints
them; no training per look. Declarations only: the model code loads when a job needs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio.api import Capabilities, Param, StyleContext, find_model_files, hookimpl

STUDIO_API_VERSION = 1
#: The shipped decoder (resources/models/adain.*).
DEFAULT_DECODER = "adain"


class AdaINStyle:
    name = "adain"
    title = "Any style (AdaIN)"
    description = ("Paints each photo in the look of any style image in one pass: the photo's VGG-19 features "
                   "take on the style image's statistics (Huang & Belongie 2017) and a decoder trained by this "
                   "project paints them. Several style images blend.")
    # One encoder and one decoder pass: cheap enough for the house styles' detail restoration to do the rest.
    default_size = 512
    capabilities = Capabilities(needs_style_images=True, batched=True)

    def __init__(self, decoders: list[Any]) -> None:
        self.decoders = {d.name: d for d in decoders}
        names = tuple(self.decoders)
        default = DEFAULT_DECODER if DEFAULT_DECODER in names else names[0]
        self.params = (
            Param("strength", "float", 1.0, "Blend of the style's statistics into the photo's features: 0 keeps "
                  "the photo, 1 takes the style image's fully.", 0.0, 1.0),
            # The app passes one style image; blends are for studio-batch's repeated --style-image.
            Param("blend", "str", "", "With several style images: their weights, comma-separated (e.g. 3,1); "
                  "empty blends them equally.", advanced=True),
            Param("match_colours", "bool", True, "Give the result the style image's colours (mean and spread "
                  "of each channel, over the product): the palette is the style's, the texture the decoder's."),
            Param("decoder", "choice", default, "Which trained AdaIN decoder paints the result.", choices=names,
                  advanced=True),
        )

    def validate(self, params: Mapping[str, Any]) -> None:
        from studio_adain.apply import parse_blend

        parse_blend(params.get("blend", ""))

    def fingerprint(self, params: Mapping[str, Any]) -> str:
        stat = self.decoders[params["decoder"]].weights.stat()
        return f"{params['decoder']}:{stat.st_size}:{stat.st_mtime_ns}"

    def prepare(self, params: Mapping[str, Any], ctx: StyleContext) -> Any:
        from studio_adain.apply import prepare_adain

        return prepare_adain(self.decoders[params["decoder"]], params, ctx)

    def stylize(self, images: Any, params: Mapping[str, Any], ctx: StyleContext) -> Any:
        from studio_adain.apply import apply_adain

        return apply_adain(images, params, ctx)


@hookimpl
def studio_style_models() -> list[Any]:
    decoders, _refused = find_model_files("adain")  # refused cards are listed by --list-styles
    return [AdaINStyle(decoders)] if decoders else []
