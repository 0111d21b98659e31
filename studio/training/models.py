"""The feed-forward generator and the PatchGAN discriminator.

Generator: encoder (7x7 conv, two stride-2 convs) → residual blocks → decoder (nearest
upsample + conv, which avoids the checkerboard of transposed convs) with instance norm and
reflection padding, as in Johnson et al.'s fast style transfer but narrower (16-32-64
channels instead of 32-64-128): about 4x fewer multiply-adds, so one pass over a 1024 px
photo stays well under a second on a laptop CPU. An optional noise map joins at the
bottleneck so different seeds give variations. Fully convolutional: any input size whose
sides are multiples of 4 (the plugin pads).

Discriminator: PatchGAN (Isola et al. 2017): a few strided convs ending in a map of logits,
each judging one patch, so it judges texture and brush marks rather than whole layouts.

Category models (the conditional GAN of Mirza & Osindero 2014) feed the product-category label
y to both networks. G: conditional instance norm (Dumoulin et al. 2017, "a learned
representation for artistic style"): every norm layer has one scale and shift per label, so
one small network holds a look per category at almost no extra cost (2 x channels numbers per
label and layer). D: a projection discriminator (Miyato & Koyama 2018): each patch's logit
gains the inner product of a label embedding with the patch's features, which conditions D
more stably than concatenating the label to its input.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn


@dataclass(frozen=True)
class GeneratorConfig:
    width: int = 16
    residual_blocks: int = 5
    noise_channels: int = 0
    #: Number of category labels (0: an unconditional generator).
    categories: int = 0

    def to_json(self) -> dict:
        return asdict(self)


class _Labels:
    """The current batch's labels, shared by a generator's conditional norm layers (so the
    layers can stay in plain ``nn.Sequential`` blocks)."""

    value: torch.Tensor | None = None


class ConditionalInstanceNorm(nn.Module):
    """Instance norm whose scale and shift are looked up by the image's label."""

    def __init__(self, channels: int, categories: int, labels: _Labels) -> None:
        super().__init__()
        self.norm = nn.InstanceNorm2d(channels, affine=False)
        self.scale = nn.Embedding(categories, channels)
        self.shift = nn.Embedding(categories, channels)
        nn.init.ones_(self.scale.weight)
        nn.init.zeros_(self.shift.weight)
        self._labels = labels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        labels = self._labels.value
        if labels is None:
            raise ValueError("this generator is a category model: pass labels")
        return self.norm(x) * self.scale(labels)[..., None, None] + self.shift(labels)[..., None, None]


def _norm(channels: int, categories: int, labels: _Labels) -> nn.Module:
    if categories:
        return ConditionalInstanceNorm(channels, categories, labels)
    return nn.InstanceNorm2d(channels, affine=True)


class Generator(nn.Module):
    """RGB ``(B, 3, H, W)`` in [0, 1] → styled RGB in [0, 1] (H, W multiples of 4)."""

    def __init__(self, config: GeneratorConfig = GeneratorConfig()) -> None:
        super().__init__()
        self.config = config
        w, k = config.width, config.categories
        labels = self._labels = _Labels()

        def conv(cin: int, cout: int, kernel: int, stride: int = 1) -> list[nn.Module]:
            return [nn.ReflectionPad2d(kernel // 2), nn.Conv2d(cin, cout, kernel, stride), _norm(cout, k, labels),
                    nn.ReLU(inplace=True)]

        self.encoder = nn.Sequential(*conv(3, w, 7), *conv(w, 2 * w, 3, 2), *conv(2 * w, 4 * w, 3, 2))
        self.merge = nn.Conv2d(4 * w + config.noise_channels, 4 * w, 1) if config.noise_channels else nn.Identity()
        self.residual = nn.Sequential(*[_Residual(4 * w, k, labels) for _ in range(config.residual_blocks)])
        self.decoder = nn.Sequential(
            nn.Upsample(scale_factor=2, mode="nearest"), *conv(4 * w, 2 * w, 3),
            nn.Upsample(scale_factor=2, mode="nearest"), *conv(2 * w, w, 3),
            nn.ReflectionPad2d(3), nn.Conv2d(w, 3, 7),
        )

    def forward(self, x: torch.Tensor, noise: torch.Tensor | None = None,
                labels: torch.Tensor | None = None) -> torch.Tensor:
        """``labels``: ``(B,)`` category indices, required by a category model."""
        self._labels.value = labels
        try:
            h = self.encoder(x * 2.0 - 1.0)
            if self.config.noise_channels:
                if noise is None:
                    noise = torch.zeros(h.shape[0], self.config.noise_channels, *h.shape[-2:], device=h.device,
                                        dtype=h.dtype)
                h = self.merge(torch.cat([h, noise.to(h.dtype)], dim=1))
            return torch.sigmoid(self.decoder(self.residual(h)))
        finally:
            self._labels.value = None


class _Residual(nn.Module):
    def __init__(self, channels: int, categories: int = 0, labels: _Labels | None = None) -> None:
        super().__init__()
        labels = labels or _Labels()
        self.body = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), _norm(channels, categories, labels),
            nn.ReLU(inplace=True), nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3),
            _norm(channels, categories, labels),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


class PatchDiscriminator(nn.Module):
    """RGB in [0, 1] → a map of logits, one per receptive-field patch (~46 px here);
    with ``categories`` a projection discriminator D(x|y) that takes labels."""

    def __init__(self, width: int = 32, layers: int = 3, categories: int = 0) -> None:
        super().__init__()
        blocks: list[nn.Module] = [nn.Conv2d(3, width, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True)]
        channels = width
        for i in range(1, layers):
            out = width * 2 ** i
            blocks += [nn.Conv2d(channels, out, 4, 2 if i < layers - 1 else 1, 1),
                       nn.InstanceNorm2d(out, affine=True), nn.LeakyReLU(0.2, inplace=True)]
            channels = out
        blocks.append(nn.Conv2d(channels, 1, 4, 1, 1))
        self.net = nn.Sequential(*blocks)
        self.categories = categories
        if categories:
            self.project = nn.Conv2d(channels, channels, 4, 1, 1)  # phi(x), at the logits' positions
            self.embed = nn.Embedding(categories, channels)
            nn.init.normal_(self.embed.weight, std=0.02)

    def forward(self, x: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        if not self.categories:
            return self.net(x * 2.0 - 1.0)
        if labels is None:
            raise ValueError("this discriminator is conditional: pass labels")
        h = self.net[:-1](x * 2.0 - 1.0)
        projection = (self.project(h) * self.embed(labels)[..., None, None]).sum(1, keepdim=True)
        return self.net[-1](h) + projection
