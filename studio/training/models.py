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

    def to_json(self) -> dict:
        return asdict(self)


def _conv(cin: int, cout: int, kernel: int, stride: int = 1) -> list[nn.Module]:
    return [nn.ReflectionPad2d(kernel // 2), nn.Conv2d(cin, cout, kernel, stride),
            nn.InstanceNorm2d(cout, affine=True), nn.ReLU(inplace=True)]


class _Residual(nn.Module):
    def __init__(self, channels: int) -> None:
        super().__init__()
        self.body = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), nn.InstanceNorm2d(channels, affine=True),
            nn.ReLU(inplace=True), nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3),
            nn.InstanceNorm2d(channels, affine=True),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


class Generator(nn.Module):
    """RGB ``(B, 3, H, W)`` in [0, 1] → styled RGB in [0, 1] (H, W multiples of 4)."""

    def __init__(self, config: GeneratorConfig = GeneratorConfig()) -> None:
        super().__init__()
        self.config = config
        w = config.width
        self.encoder = nn.Sequential(*_conv(3, w, 7), *_conv(w, 2 * w, 3, 2), *_conv(2 * w, 4 * w, 3, 2))
        self.merge = nn.Conv2d(4 * w + config.noise_channels, 4 * w, 1) if config.noise_channels else nn.Identity()
        self.residual = nn.Sequential(*[_Residual(4 * w) for _ in range(config.residual_blocks)])
        self.decoder = nn.Sequential(
            nn.Upsample(scale_factor=2, mode="nearest"), *_conv(4 * w, 2 * w, 3),
            nn.Upsample(scale_factor=2, mode="nearest"), *_conv(2 * w, w, 3),
            nn.ReflectionPad2d(3), nn.Conv2d(w, 3, 7),
        )

    def forward(self, x: torch.Tensor, noise: torch.Tensor | None = None) -> torch.Tensor:
        h = self.encoder(x * 2.0 - 1.0)
        if self.config.noise_channels:
            if noise is None:
                noise = torch.zeros(h.shape[0], self.config.noise_channels, *h.shape[-2:], device=h.device,
                                    dtype=h.dtype)
            h = self.merge(torch.cat([h, noise], dim=1))
        return torch.sigmoid(self.decoder(self.residual(h)))


class PatchDiscriminator(nn.Module):
    """RGB in [0, 1] → a map of logits, one per receptive-field patch (~46 px here)."""

    def __init__(self, width: int = 32, layers: int = 3) -> None:
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

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x * 2.0 - 1.0)
