"""Built-in style plugin: feed-forward generators trained with ``studio-train``.

Every trained model (shipped in ``resources/models`` or the user's own) is listed as its own
style, and ``gan`` applies any of them by its ``model`` parameter. One forward pass per image.
Category models (``studio-train --categories``, the conditional GAN) are listed by their own
names too, with their labels; ``cgan`` is the shipped category model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio.api import Capabilities, Param, StyleContext, find_model_files, hookimpl

STUDIO_API_VERSION = 1

def _weights_fingerprint(model: Any) -> str:
    stat = model.weights.stat()
    return f"{model.name}:{stat.st_size}:{stat.st_mtime_ns}"


_STRENGTH = Param("strength", "float", 1.0, "Blend of the styled result over the photo: 0 = photo, 1 = full style.",
                  0.0, 1.0)
_PRECISION = Param("precision", "choice", "auto",
                   "auto: bfloat16 convolutions where the device runs them natively (about 2x faster on such "
                   "CPUs); float32: full precision everywhere.", choices=("auto", "float32"), advanced=True)


#: The shipped category model that ``--style cgan`` applies.
SHIPPED_CATEGORY_MODEL = "catalog"
#: The house style ``gan`` applies without ``model=``: the one studio-batch uses by default.
DEFAULT_MODEL = "wave"


class GeneratorStyle:
    """One trained generator (plain or category model) as a style."""

    default_size = 768  # one cheap pass; fine detail above this is restored by the core

    def __init__(self, model: Any, name: str | None = None) -> None:
        card = model.card
        self.model_file = model
        self.name = name or model.name
        #: Listed once in the app's gallery: this is a second name for the model's own style.
        self.alias_of = model.name if self.name != model.name else None
        self.title = str(card.get("title") or model.name)
        self.description = str(card.get("description") or "A style trained with studio-train.")
        if self.name != model.name:  # the same weights under a second name: say so
            self.title = f"{self.title} ({self.name})"
            self.description = f"The same model as {model.name!r}, by its generic name. {self.description}"
        noise = int(card.get("architecture", {}).get("config", {}).get("noise_channels", 0))
        self.params = (_STRENGTH, _PRECISION)
        self.categories = tuple(card.get("categories") or ())
        self.capabilities = Capabilities(batched=True, trainable=True, variations=noise > 0,
                                         uses_categories=bool(self.categories))

    def fingerprint(self, params: Mapping[str, Any]) -> str:
        return _weights_fingerprint(self.model_file)

    def prepare(self, params: Mapping[str, Any], ctx: StyleContext) -> Any:
        from studio_gan.apply import prepare_generator

        return prepare_generator(self.model_file)

    def stylize(self, images: Any, params: Mapping[str, Any], ctx: StyleContext) -> Any:
        from studio_gan.apply import apply_generator

        return apply_generator(images, params, ctx)


class AnyGenerator:
    """``gan``: any trained generator, chosen with the ``model`` parameter."""

    name = "gan"
    title = "Fast styles (GAN)"
    description = "Applies a trained feed-forward generator in one pass per image; pick it with model=NAME."
    default_size = 768
    capabilities = Capabilities(batched=True, trainable=True)

    def __init__(self, models: list[Any]) -> None:
        self.models = {m.name: m for m in models}
        names = tuple(self.models)
        default = DEFAULT_MODEL if DEFAULT_MODEL in names else names[0]
        # Every model is a style of its own too: the app's gallery lists those, not this.
        self.alias_of = default
        self.params = (Param("model", "choice", default, "Which trained generator to apply.", choices=names),
                       _STRENGTH, _PRECISION)

    def fingerprint(self, params: Mapping[str, Any]) -> str:
        return _weights_fingerprint(self.models[params["model"]])

    def prepare(self, params: Mapping[str, Any], ctx: StyleContext) -> Any:
        from studio_gan.apply import prepare_generator

        return prepare_generator(self.models[params["model"]])

    def stylize(self, images: Any, params: Mapping[str, Any], ctx: StyleContext) -> Any:
        from studio_gan.apply import apply_generator

        return apply_generator(images, params, ctx)


@hookimpl
def studio_style_models() -> list[Any]:
    models, _refused = find_model_files("gan")  # refused cards are listed by --list-styles
    category_models, _ = find_model_files("cgan")
    styles: list[Any] = [GeneratorStyle(m) for m in models + category_models]
    if models:
        styles.append(AnyGenerator(models))
    shipped = [m for m in category_models if m.name == SHIPPED_CATEGORY_MODEL]
    if shipped:
        styles.append(GeneratorStyle(shipped[0], name="cgan"))
    return styles
