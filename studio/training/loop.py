"""Algorithm 1 of Goodfellow et al. (2014), for image-to-image style generators.

Each training iteration: (1) k discriminator steps on real = crops of the style exemplars and
fake = G(crops of product photos), detached; (2) one generator step on the adversarial loss
(non-saturating by default) plus a VGG content term that keeps the product recognisable and an
optional Gram style term. Minibatch Adam throughout.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from studio.api import gram_matrix, load_vgg19
from studio.errors import Cancelled, UsageError
from studio.training.checkpoints import META, load_checkpoint, save_checkpoint
from studio.training.data import CropSampler
from studio.training.losses import GENERATOR_LOSSES, discriminator_loss, generator_loss
from studio.training.metrics import adversarial_metrics
from studio.training.models import Generator, GeneratorConfig, PatchDiscriminator

CONTENT_LAYER = "relu3_1"  # shallower than Gatys' relu4_2: keeps edges and print crisper
STYLE_LAYERS = ("relu1_1", "relu2_1", "relu3_1", "relu4_1")


@dataclass(frozen=True)
class TrainConfig:
    content_dir: str
    style_dir: str
    name: str
    out: str
    steps: int = 2000
    k: int = 1
    loss: str = "nonsaturating"
    lr: float = 2e-4
    size: int = 128
    batch: int = 4
    seed: int = 0
    content_weight: float = 1.0
    style_weight: float = 0.0
    adversarial_weight: float = 1.0
    checkpoint_every: int = 100
    log_every: int = 10
    sample_every: int = 200
    generator: GeneratorConfig = field(default_factory=GeneratorConfig)

    def __post_init__(self) -> None:
        if self.loss not in GENERATOR_LOSSES:
            raise UsageError(f"--loss must be one of {', '.join(GENERATOR_LOSSES)}")
        if self.k < 1 or self.steps < 1 or self.batch < 1 or self.size < 16:
            raise UsageError("--k, --steps and --batch must be at least 1 and --size at least 16")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


#: Generated images this much less diverse than their inputs (mean pairwise distance ratio)
#: count as collapsed: G is painting the same picture whatever it is given.
COLLAPSE_RATIO = 0.15


@dataclass
class StepReport:
    step: int
    loss_d: float
    loss_g: float
    content: float
    metrics: dict[str, float]
    #: Mean pairwise distance of G's outputs over that of their inputs, for this minibatch.
    diversity: float = 1.0

    @property
    def mode_collapse(self) -> bool:
        return self.diversity < COLLAPSE_RATIO

    def to_json(self) -> dict[str, Any]:
        return {"step": self.step, "loss_d": self.loss_d, "loss_g": self.loss_g, "content": self.content,
                **self.metrics, "diversity": self.diversity, "mode_collapse": self.mode_collapse}


def before_after_grid(inputs: torch.Tensor, outputs: torch.Tensor) -> Any:
    """A PIL image: a row of ``inputs`` (B, 3, H, W) above the row of ``outputs``."""
    from PIL import Image

    grid = torch.cat([torch.cat(list(inputs), dim=2), torch.cat(list(outputs), dim=2)], dim=1)
    pixels = (grid.detach().clamp(0, 1).permute(1, 2, 0).cpu().numpy() * 255).round().astype("uint8")
    return Image.fromarray(pixels)


def _pairwise_spread(images: torch.Tensor) -> float:
    flat = images.detach().flatten(1)
    return torch.cdist(flat, flat).sum().item() / max(1, flat.shape[0] * (flat.shape[0] - 1))


class Trainer:
    """One training run, resumable from its run folder (``config.out``)."""

    def __init__(self, config: TrainConfig, device: torch.device) -> None:
        self.config = config
        self.device = device
        self.run_dir = Path(config.out)
        torch.manual_seed(config.seed)
        self.rng = torch.Generator().manual_seed(config.seed)
        self.content = CropSampler(config.content_dir, config.size, self.rng)
        self.style = CropSampler(config.style_dir, config.size, self.rng)
        self.G = Generator(config.generator).to(device)
        self.D = PatchDiscriminator().to(device)
        self.opt_g = torch.optim.Adam(self.G.parameters(), lr=config.lr, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.D.parameters(), lr=config.lr, betas=(0.5, 0.999))
        self.vgg = load_vgg19(device)
        self.step = 0
        self.style_grams = self._style_grams() if config.style_weight else None

    def _style_grams(self) -> dict[str, torch.Tensor]:
        with torch.no_grad():
            feats = self.vgg(self.style.batch(8).to(self.device), STYLE_LAYERS)
        return {layer: gram_matrix(feats[layer]).mean(0) for layer in STYLE_LAYERS}

    def resume(self) -> bool:
        """Continue from the run folder's checkpoint, if there is one."""
        if not (self.run_dir / META).is_file():
            return False
        meta = load_checkpoint(self.run_dir, {"G": self.G, "D": self.D}, {"G": self.opt_g, "D": self.opt_d}, self.rng)
        self.step = int(meta["step"])
        return True

    def checkpoint(self) -> None:
        save_checkpoint(self.run_dir, {"G": self.G, "D": self.D}, {"G": self.opt_g, "D": self.opt_d}, self.rng,
                        {"step": self.step, "config": self.config.to_json()})

    def _noise(self, images: torch.Tensor) -> torch.Tensor | None:
        channels = self.config.generator.noise_channels
        if not channels:
            return None
        h, w = images.shape[-2] // 4, images.shape[-1] // 4
        return torch.randn(images.shape[0], channels, h, w, generator=self.rng).to(self.device)

    def train_step(self) -> StepReport:
        cfg, dev = self.config, self.device
        # (1) k discriminator steps: ascend log D(x) + log(1 - D(G(z))).
        for _ in range(cfg.k):
            real = self.style.batch(cfg.batch).to(dev)
            content = self.content.batch(cfg.batch).to(dev)
            with torch.no_grad():
                fake = self.G(content, self._noise(content))
            real_logits, fake_logits = self.D(real), self.D(fake.detach())
            loss_d = discriminator_loss(real_logits, fake_logits)
            self.opt_d.zero_grad(set_to_none=True)
            loss_d.backward()
            self.opt_d.step()
        # (2) one generator step.
        content = self.content.batch(cfg.batch).to(dev)
        fake = self.G(content, self._noise(content))
        fake_logits = self.D(fake)
        adversarial = generator_loss(fake_logits, cfg.loss)
        layers = (CONTENT_LAYER,) + (STYLE_LAYERS if self.style_grams else ())
        fake_feats = self.vgg(fake, layers)
        with torch.no_grad():
            content_feats = self.vgg(content, [CONTENT_LAYER])[CONTENT_LAYER]
        # Both perceptual terms are relative errors (divided by the target's mean square), so
        # they are O(1) like the adversarial term and the weights read as plain ratios; raw
        # VGG magnitudes differ by 1e8 between layers.
        content_loss = F.mse_loss(fake_feats[CONTENT_LAYER], content_feats) / content_feats.pow(2).mean().clamp(min=1e-8)
        loss_g = cfg.adversarial_weight * adversarial + cfg.content_weight * content_loss
        if self.style_grams:
            style = sum(
                F.mse_loss(gram_matrix(fake_feats[l]), target.expand(cfg.batch, -1, -1)) / target.pow(2).mean()
                for l, target in self.style_grams.items()
            ) / len(STYLE_LAYERS)
            loss_g = loss_g + cfg.style_weight * style
        self.opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        self.opt_g.step()
        self.step += 1
        self._last = (content.detach(), fake.detach())
        diversity = _pairwise_spread(fake) / max(_pairwise_spread(content), 1e-8) if cfg.batch > 1 else 1.0
        return StepReport(self.step, loss_d.item(), loss_g.item(), content_loss.item(),
                           adversarial_metrics(real_logits.detach(), fake_logits.detach()), diversity)

    def save_samples(self) -> Path:
        """A grid of the last generator minibatch: inputs on top, outputs below."""
        path = self.run_dir / "samples" / f"step_{self.step:06d}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        before_after_grid(*self._last).save(path)
        return path

    def run(self, on_step: Callable[[StepReport], None] | None = None,
            cancel: threading.Event | None = None, time_limit: float | None = None) -> None:
        """Train until ``config.steps`` (or ``time_limit`` seconds, then stop early as if
        done), checkpointing every ``checkpoint_every`` steps and on cancel; ``Cancelled`` is
        raised after the checkpoint so the run can be resumed."""
        log = self.run_dir / "metrics.jsonl"
        self.run_dir.mkdir(parents=True, exist_ok=True)
        deadline = None if time_limit is None else time.monotonic() + time_limit
        while self.step < self.config.steps:
            if deadline is not None and time.monotonic() > deadline:
                self.checkpoint()
                return
            if cancel is not None and cancel.is_set():
                self.checkpoint()
                raise Cancelled()
            report = self.train_step()
            if self.step % self.config.log_every == 0 or self.step == self.config.steps:
                with log.open("a") as f:
                    f.write(json.dumps({"time": time.time(), **report.to_json()}) + "\n")
            if self.step % self.config.sample_every == 0 or self.step == self.config.steps:
                self.save_samples()
            if on_step:
                on_step(report)
            if self.step % self.config.checkpoint_every == 0 or self.step == self.config.steps:
                self.checkpoint()
