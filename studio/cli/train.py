"""``studio-train``: train a feed-forward style generator with GAN Algorithm 1, then export it
as a style model that ``studio-batch --list-styles`` shows.

Exit codes as ``studio-batch``: 0 done, 2 usage/configuration error, 130 cancelled (the run
folder holds a checkpoint; add ``--resume`` to continue).
"""

from __future__ import annotations

import argparse
import json
from functools import partial
import shlex
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

from studio.cli.parser import Parser, choose_language, error_line
from studio.errors import StudioError
from studio.i18n import translate

EXIT_OK, EXIT_USAGE, EXIT_CANCELLED = 0, 2, 130


def build_parser() -> argparse.ArgumentParser:
    from studio.devices import DEVICE_CHOICES
    from studio.training.losses import LOSSES

    p = Parser(prog="studio-train",
               description=translate("cli.train", "Train a fast style from product photos and style exemplars."))
    p.add_argument("--kind", choices=("gan", "adain"), default="gan",
                   help=translate("cli.train", "gan: a fast style of one look (default); adain: the decoder of the "
                                  "adain style, which then takes any style image"))
    p.add_argument("--content", required=True, metavar="DIR", action="append",
                   help=translate("cli.train", "folder of product photos (--kind adain: repeatable)"))
    p.add_argument("--style", required=True, metavar="DIR", action="append",
                   help=translate("cli.train", "folder of exemplars of the target look (--kind adain: style images "
                                  "of many looks; repeatable)"))
    p.add_argument("--name", required=True,
                   help=translate("cli.train", "model name (lowercase letters, digits, - and _)"))
    p.add_argument("--title", help=translate("cli.train", "human title shown in the gallery (default: the name)"))
    p.add_argument("--description", default="", help=translate("cli.train", "one line for the gallery"))
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--k", type=int, default=1,
                   help=translate("cli.train", "discriminator steps per generator step (Algorithm 1)"))
    p.add_argument("--loss", choices=LOSSES, default="nonsaturating",
                   help=translate("cli.train", "objective: the logistic game with the non-saturating (default) or "
                                  "minimax generator loss, or kl, the KL form "
                                  "L = E[D(X, G(η, X))] − E[exp(D(X, Y))]"))
    p.add_argument("--categories", action="store_true",
                   help=translate("cli.train", "train a category model: --style holds one sub-folder of exemplars per "
                                  "category (STYLE/<category>/*.jpg); --content may be organised the same way"))
    p.add_argument("--mix-content", action="store_true",
                   help=translate("cli.train", "with --categories: draw product photos from the whole --content "
                                  "folder for every category, even when it has per-category sub-folders"))
    # --lr and --style-weight default by kind (None: not given; see _or).
    p.add_argument("--lr", type=float, help=translate("cli.train", "learning rate (--kind adain: "
                                                                         "1e-4 unless given)"))
    p.add_argument("--identity-weight", type=float, default=0.0, metavar="W",
                   help=translate("cli.train", "--kind adain: weight of the photo-reconstruction term that keeps "
                                  "edges and print crisp (0 = the paper's loss)"))
    p.add_argument("--width", type=int, default=256,
                   help=translate("cli.train", "--kind adain: channels of the decoder's first stage"))
    p.add_argument("--size", type=int, default=128, help=translate("cli.train", "training crop size (px)"))
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--content-weight", type=float, default=1.0)
    p.add_argument("--style-weight", type=float,
                   help=translate("cli.train", "VGG Gram style term (0 = adversarial only; --kind adain: the "
                                  "mean/std term, 10 unless given)"))
    p.add_argument("--adversarial-weight", type=float, default=0.1)
    p.add_argument("--noise", type=int, default=0, metavar="C",
                   help=translate("cli.train", "noise channels for variations (0 = none)"))
    p.add_argument("--diversity-weight", type=float, default=None, metavar="W",
                   help=translate("cli.train", "mode-seeking term that makes the noise matter (default: 0.02 with "
                                  "--noise, else 0)"))
    p.add_argument("--device", choices=DEVICE_CHOICES, default="auto")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", metavar="DIR", help=translate("cli.train", "run folder (default: <data dir>/runs/NAME)"))
    p.add_argument("--export-dir", metavar="DIR",
                   help=translate("cli.train", "where the finished model goes (default: user models folder)"))
    p.add_argument("--resume", action="store_true",
                   help=translate("cli.train", "continue from the run folder's checkpoint"))
    p.add_argument("--time-limit", type=float, metavar="SECONDS",
                   help=translate("cli.train", "stop after this long as if finished (checkpoint and export what was "
                                  "reached)"))
    p.add_argument("--checkpoint-every", type=int, default=200)
    p.add_argument("--log-every", type=int, default=50,
                   help=translate("cli.train", "metrics line (and metrics.jsonl) every N steps"))
    p.add_argument("--sample-every", type=int, default=200,
                   help=translate("cli.train", "sample grid in RUN_DIR/samples every N steps"))
    p.add_argument("--json", action="store_true", help=translate("cli.train", "print a JSON summary at the end"))
    p.add_argument("--quiet", action="store_true")
    p.add_language_option()
    return p


def run(args: argparse.Namespace, argv: Sequence[str]) -> int:
    from pathlib import Path

    from studio.errors import UsageError

    if args.kind == "adain":
        return run_adain(args, argv)
    if len(args.content) > 1 or len(args.style) > 1:
        raise UsageError(translate("cli.train", "--content and --style take one folder each (several only with "
                                   "--kind adain)"))
    args.content, args.style = args.content[0], args.style[0]

    from studio import paths
    from studio.devices import resolve_device
    from studio.training.export import export_generator
    from studio.training.loop import Trainer, TrainConfig
    from studio.training.models import GeneratorConfig

    device = resolve_device(args.device)
    out = Path(args.out) if args.out else paths.data_dir() / "runs" / args.name
    config = TrainConfig(
        content_dir=args.content, style_dir=args.style, name=args.name, out=str(out), steps=args.steps, k=args.k,
        loss=args.loss, lr=_or(args.lr, 2e-4), size=args.size, batch=args.batch, seed=args.seed,
        content_weight=args.content_weight, style_weight=_or(args.style_weight, 1.0),
        adversarial_weight=args.adversarial_weight, checkpoint_every=args.checkpoint_every,
        log_every=args.log_every, sample_every=args.sample_every,
        generator=GeneratorConfig(noise_channels=args.noise), categories=args.categories,
        mix_content=args.mix_content,
        diversity_weight=(0.02 if args.noise else 0.0) if args.diversity_weight is None else args.diversity_weight,
    )
    trainer = Trainer(config, device)

    def report(r) -> None:
        if not args.quiet and (r.step % args.log_every == 0 or r.step == config.steps):
            m = r.metrics
            divergence = f"jsd {m['jsd']:.3f}" if "jsd" in m else f"kl {m['kl']:.3f}"
            print(translate("cli.train", "step {step}/{steps} loss_D {loss_d:.3f} loss_G {loss_g:.3f} content "
                            "{content:.3f} D(x) {d_real:.3f} D(G(z)) {d_fake:.3f} V {value:.3f} {divergence}").format(
                      step=r.step, steps=config.steps, loss_d=r.loss_d, loss_g=r.loss_g, content=r.content,
                      d_real=m["d_real"], d_fake=m["d_fake"], value=m["value"], divergence=divergence),
                  file=sys.stderr, flush=True)
        if r.mode_collapse and not args.quiet:
            print(translate("cli.train", "warning: step {step}: outputs are near-identical for different inputs "
                            "(diversity {diversity:.2f}): mode collapse; try a lower --lr, a higher --content-weight "
                            "or --k 2").format(step=r.step, diversity=r.diversity),
                  file=sys.stderr, flush=True)

    return _train_and_export(trainer, args, argv, out, report, partial(export_generator, trainer))


def run_adain(args: argparse.Namespace, argv: Sequence[str]) -> int:
    """Train the AdaIN decoder (``studio.training.adain``) and export it as a model file of
    kind ``adain``; the ``adain`` style lists every such model as a decoder it can use."""
    from pathlib import Path

    from studio import paths
    from studio.devices import resolve_device
    from studio.training.adain import AdaINTrainConfig, AdaINTrainer, DecoderConfig

    device = resolve_device(args.device)
    out = Path(args.out) if args.out else paths.data_dir() / "runs" / args.name
    config = AdaINTrainConfig(content_dirs=list(args.content), style_dirs=list(args.style), name=args.name,
                              out=str(out), steps=args.steps, size=args.size, batch=args.batch,
                              lr=_or(args.lr, 1e-4), seed=args.seed, style_weight=_or(args.style_weight, 10.0),
                              identity_weight=args.identity_weight,
                              checkpoint_every=args.checkpoint_every, decoder=DecoderConfig(args.width))
    trainer = AdaINTrainer(config, device)

    def report(r) -> None:
        if not args.quiet and (r.step % args.log_every == 0 or r.step == config.steps):
            print(translate("cli.train", "step {step}/{steps} loss {loss:.1f} content {content:.4g} style "
                            "{style:.4g} identity {identity:.4g} ({seconds:.2f} s/step)").format(
                      step=r.step, steps=config.steps, loss=r.loss, content=r.content, style=r.style,
                      identity=r.identity, seconds=r.seconds), file=sys.stderr, flush=True)

    return _train_and_export(trainer, args, argv, out, report, trainer.export)


def _or(given: float | None, default: float) -> float:
    """An option the two kinds default differently: the value given, else this kind's default."""
    return default if given is None else given


def _train_and_export(trainer: Any, args: argparse.Namespace, argv: Sequence[str], out: Any,
                      report: Callable[[Any], None], export: Callable[..., Any]) -> int:
    """Both kinds alike: resume when asked, train on a worker thread (Ctrl-C checkpoints and
    exits 130), export with the exact command in the card, say where it went."""
    from pathlib import Path

    from studio import paths
    from studio.cli.interrupt import ctrl_c_cancels
    from studio.runner import start_worker

    if args.resume and not trainer.resume():
        print(translate("cli.train", "studio-train: no checkpoint in {folder}; starting from step 0").format(
            folder=out), file=sys.stderr)
    cancel = threading.Event()
    with ctrl_c_cancels(cancel):
        start_worker(lambda: trainer.run(on_step=report, cancel=cancel, time_limit=args.time_limit),
                     "studio-train").wait()
    command = "studio-train " + " ".join(shlex.quote(a) for a in argv)
    folder = Path(args.export_dir) if args.export_dir else paths.models_dir()
    model = export(folder, args.title or args.name, args.description, command)
    if args.json:
        print(json.dumps({"name": model.name, "weights": str(model.weights), "steps": trainer.step,
                          "run": str(out)}, indent=2))
    elif not args.quiet:
        print(translate("cli.train", "exported {name} to {weights}").format(name=model.name, weights=model.weights),
              file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    from studio.errors import Cancelled

    argv = list(sys.argv[1:] if argv is None else argv)
    # Help texts are translated as the parser is built: the language comes first.
    if not choose_language("studio-train", argv):
        return EXIT_USAGE
    try:
        args = build_parser().parse_args(argv)  # imports torch: seconds, and Ctrl-C may come
    except KeyboardInterrupt:
        return EXIT_CANCELLED
    try:
        return run(args, argv)
    except Cancelled:
        print(translate("cli.train", "studio-train: cancelled; checkpoint saved, add --resume to continue"),
              file=sys.stderr)
        return EXIT_CANCELLED
    except StudioError as exc:
        print(error_line("studio-train", exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_CANCELLED


if __name__ == "__main__":
    sys.exit(main())
