"""Algorithm 1 of Goodfellow et al. (2014), for image-to-image style generators.

Each training iteration: (1) k discriminator steps on real = crops of the style exemplars and
fake = G(crops of product photos), detached; (2) one generator step on the adversarial loss
(non-saturating by default) plus a VGG content term that keeps the product recognisable and an
optional Gram style term. Minibatch Adam throughout.

Category models (``categories=True``, the conditional GAN): the style folder holds one
sub-folder of exemplars per label (``STYLE/<category>/*.jpg``); each minibatch draws labels y,
real crops from those labels' exemplars and product crops (from ``CONTENT/<category>/`` when
the content folder is organised the same way, else from all of it), and both G and D see y.

Noise: a generator with noise channels ignores them unless pushed (pix2pix found the same),
so ``diversity_weight`` adds the mode-seeking term of Mao et al. (2019): G also renders the
batch with a second noise draw and is rewarded for the two outputs differing.
"""

from __future__ import annotations

import dataclasses
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
from studio.i18n import translate
from studio.training.checkpoints import META, load_checkpoint, save_checkpoint
from studio.training.data import CropSampler, check_folder
from studio.training.losses import LOSSES, discriminator_loss, generator_loss
from studio.training.metrics import adversarial_metrics, kl_metrics
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
    #: The style folder holds one sub-folder per category label: train a category model.
    categories: bool = False
    #: Weight of the mode-seeking term (generators with noise channels only).
    diversity_weight: float = 0.0
    #: Category models: draw product crops from the whole content folder for every label, even
    #: when it has per-category sub-folders (more data per look when categories are small).
    mix_content: bool = False

    def __post_init__(self) -> None:
        if self.loss not in LOSSES:
            raise UsageError(translate("training", "--loss must be one of {choices}").format(choices=", ".join(LOSSES)))
        if self.k < 1 or self.steps < 1 or self.batch < 1 or self.size < 16:
            raise UsageError(translate("training", "--k, --steps and --batch must be at least 1 "
                                       "and --size at least 16"))

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

    #: Mean |G(x, η1) - G(x, η2)| of two noise draws (noise models with a diversity term).
    variation: float | None = None

    @property
    def mode_collapse(self) -> bool:
        return self.diversity < COLLAPSE_RATIO

    def to_json(self) -> dict[str, Any]:
        line = {"step": self.step, "loss_d": self.loss_d, "loss_g": self.loss_g, "content": self.content,
                **self.metrics, "diversity": self.diversity, "mode_collapse": self.mode_collapse}
        if self.variation is not None:
            line["variation"] = self.variation
        return line


def before_after_grid(inputs: torch.Tensor, outputs: torch.Tensor) -> Any:
    """A PIL image: a row of ``inputs`` (B, 3, H, W) above the row of ``outputs``."""
    from PIL import Image

    grid = torch.cat([torch.cat(list(inputs), dim=2), torch.cat(list(outputs), dim=2)], dim=1)
    pixels = (grid.detach().clamp(0, 1).permute(1, 2, 0).cpu().numpy() * 255).round().astype("uint8")
    return Image.fromarray(pixels)


def _pairwise_spread(images: torch.Tensor) -> float:
    flat = images.detach().flatten(1)
    return torch.cdist(flat, flat).sum().item() / max(1, flat.shape[0] * (flat.shape[0] - 1))


def category_folders(style_dir: str | Path) -> list[str]:
    """The labels of a category style folder: its sub-folders that hold images, sorted."""
    from studio.images import IMAGE_SUFFIXES

    root = check_folder(style_dir, translate("training", "style examples"))
    labels = sorted(d.name for d in root.iterdir() if d.is_dir() and not d.name.startswith(".") and any(
        f.suffix.lower() in IMAGE_SUFFIXES for f in d.rglob("*")))
    if len(labels) < 2:
        raise UsageError(translate("training", "--categories needs {folder} to hold one sub-folder of exemplars per "
                                   "category (at least two), found {found}").format(
            folder=root, found=labels or translate("training", "none")))
    return labels


class Trainer:
    """One training run, resumable from its run folder (``config.out``)."""

    def __init__(self, config: TrainConfig, device: torch.device) -> None:
        self.config = config
        self.device = device
        self.run_dir = Path(config.out)
        torch.manual_seed(config.seed)
        self.rng = torch.Generator().manual_seed(config.seed)
        content_what, style_what = translate("training", "product photos"), translate("training", "style examples")
        if config.categories:
            self.labels = category_folders(config.style_dir)
            self.styles = [CropSampler(Path(config.style_dir) / label, config.size, self.rng, what=style_what)
                           for label in self.labels]
            content_root = check_folder(config.content_dir, content_what)
            if not config.mix_content and all((content_root / label).is_dir() for label in self.labels):
                self.contents = [CropSampler(content_root / label, config.size, self.rng, what=content_what)
                                 for label in self.labels]
            else:
                self.contents = [CropSampler(content_root, config.size, self.rng, what=content_what)]
        else:
            self.labels = []
            self.styles = [CropSampler(config.style_dir, config.size, self.rng, what=style_what)]
            self.contents = [CropSampler(config.content_dir, config.size, self.rng, what=content_what)]
        self.generator_config = dataclasses.replace(config.generator, categories=len(self.labels))
        self.G = Generator(self.generator_config).to(device)
        self.D = PatchDiscriminator(categories=len(self.labels)).to(device)
        self.opt_g = torch.optim.Adam(self.G.parameters(), lr=config.lr, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.D.parameters(), lr=config.lr, betas=(0.5, 0.999))
        self.vgg = load_vgg19(device)
        self.step = 0
        self.style_grams = self._style_grams() if config.style_weight else None

    @property
    def content(self) -> CropSampler:
        """The (first) content sampler, for previews and data summaries."""
        return self.contents[0]

    @property
    def style(self) -> CropSampler:
        return self.styles[0]

    def _style_grams(self) -> list[dict[str, torch.Tensor]]:
        """Per label (one entry for a plain model): the mean Gram matrix of 8 exemplar crops."""
        grams = []
        with torch.no_grad():
            for sampler in self.styles:
                feats = self.vgg(sampler.batch(8).to(self.device), STYLE_LAYERS)
                grams.append({layer: gram_matrix(feats[layer]).mean(0) for layer in STYLE_LAYERS})
        return grams

    def draw(self, count: int) -> tuple[torch.Tensor | None, torch.Tensor, torch.Tensor]:
        """A minibatch: labels (None for a plain model), real style crops and product crops."""
        if not self.labels:
            return None, self.style.batch(count), self.content.batch(count)
        labels = torch.randint(len(self.labels), (count,), generator=self.rng)
        real = torch.stack([self.styles[int(y)].crop() for y in labels])
        content = torch.stack([self.contents[int(y) % len(self.contents)].crop() for y in labels])
        return labels, real, content

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
        # (1) k discriminator steps: ascend log D(x|y) + log(1 - D(G(z|y)|y)) (or the KL form).
        for _ in range(cfg.k):
            labels, real, content = self.draw(cfg.batch)
            labels = None if labels is None else labels.to(dev)
            real, content = real.to(dev), content.to(dev)
            with torch.no_grad():
                fake = self.G(content, self._noise(content), labels)
            real_logits, fake_logits = self.D(real, labels), self.D(fake.detach(), labels)
            loss_d = discriminator_loss(real_logits, fake_logits, cfg.loss)
            self.opt_d.zero_grad(set_to_none=True)
            loss_d.backward()
            self.opt_d.step()
        # (2) one generator step.
        labels, _, content = self.draw(cfg.batch)
        labels = None if labels is None else labels.to(dev)
        content = content.to(dev)
        noise = self._noise(content)
        fake = self.G(content, noise, labels)
        fake_logits = self.D(fake, labels)
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
            index = [0] * cfg.batch if labels is None else labels.tolist()
            style = 0.0
            for layer in STYLE_LAYERS:
                target = torch.stack([self.style_grams[i][layer] for i in index])
                style = style + F.mse_loss(gram_matrix(fake_feats[layer]), target) / target.pow(2).mean()
            loss_g = loss_g + cfg.style_weight * style / len(STYLE_LAYERS)
        variation = None
        if noise is not None and cfg.diversity_weight:
            # Mode seeking (Mao et al. 2019): minimise 1 / (|G(x,η1) - G(x,η2)| / |η1 - η2|).
            other = self._noise(content)
            second = self.G(content, other, labels)
            spread = (fake - second).abs().mean() / (noise - other).abs().mean()
            loss_g = loss_g + cfg.diversity_weight / (spread + 1e-5)
            variation = (fake - second).abs().mean().item()
        self.opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        self.opt_g.step()
        self.step += 1
        self._last = (content.detach(), fake.detach())
        diversity = _pairwise_spread(fake) / max(_pairwise_spread(content), 1e-8) if cfg.batch > 1 else 1.0
        measure = kl_metrics if cfg.loss == "kl" else adversarial_metrics
        return StepReport(self.step, loss_d.item(), loss_g.item(), content_loss.item(),
                          measure(real_logits.detach(), fake_logits.detach()), diversity, variation)

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
