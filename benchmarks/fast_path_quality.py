"""Does the house styles' narrow generator cost style quality? Same recipe, two widths.

    python -m benchmarks.fast_path_quality [--steps 400] [--size 128] [--batch 4]
        [--variants 16:3 32:3 ...]     # WIDTH:STYLE_WEIGHT[:SEED] per model

The fast path's speed over the serial TransformerNet loop (``benchmarks.fast_path``) comes
partly from the network: the house styles use ``Generator(width=16)``, TransformerNet has
widths 32-64-128. This trains ``Generator`` at both widths (16: ours; 32: TransformerNet's
widths, same layer pattern: stem, two stride-2 convs, five residual blocks, two upsample-convs)
with the house-style recipe of ``resources/models/wave.json`` (Algorithm 1, k=1,
non-saturating, content + Gram style + 0.1 adversarial), the same photos, painting, seed and
step count (``--variants`` adds other style weights and seeds: quality is a trade-off between
the two distances, and one run's seed noise is worth knowing), then measures each on the
bundled samples with the shared VGG-19 metric of :mod:`benchmarks.common` (style: Gram distance to the painting; content: relu4_2 distance to
the photo; lower is better) and times one 512 px forward pass of each.

The shipped styles were trained on a GPU (1,411 steps, 256 px crops, batch 8: about 9 s a step
on this project's 2-core CPU), so the CPU default is a short run at 128 px; pass the shipped
recipe's figures on a GPU. Writes ``results.json`` and ``results.md`` under ``--out``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import torch
from PIL import Image

from benchmarks.common import SHARED, GatysMetric, default_style_image, generated_photos
from benchmarks.house_style_cards import flat_samples
from studio.images import read_image
from studio.training.loop import TrainConfig, Trainer
from studio.training.models import Generator, GeneratorConfig


def _parse_variant(text: str) -> tuple[int, float, int]:
    """``WIDTH:STYLE_WEIGHT[:SEED]`` → (width, style weight, seed)."""
    parts = text.split(":")
    if len(parts) not in (2, 3):
        raise SystemExit(f"--variants: expected WIDTH:STYLE_WEIGHT[:SEED], got {text!r}")
    return int(parts[0]), float(parts[1]), int(parts[2]) if len(parts) == 3 else 0


def _stylize(model: Generator, path: Path) -> Image.Image:
    x = read_image(path).rgb.unsqueeze(0)
    h, w = x.shape[-2:]
    padded = torch.nn.functional.pad(x, (0, (-w) % 4, 0, (-h) % 4), mode="reflect")
    with torch.inference_mode():
        y = model(padded)[..., :h, :w].clamp(0, 1)[0]
    return Image.fromarray((y.permute(1, 2, 0) * 255).round().byte().numpy())


def _forward_ms(model: Generator, size: int, repeats: int = 7) -> float:
    x = torch.rand(1, 3, size, size * 3 // 4)
    times = []
    with torch.inference_mode():
        model(x)
        for _ in range(repeats):
            start = time.perf_counter()
            model(x)
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--size", type=int, default=128, help="training crop size")
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--variants", nargs="+", default=["16:3", "32:3"],
                    help="WIDTH:STYLE_WEIGHT[:SEED] per model (the house recipe's style weight is 3)")
    ap.add_argument("--content", type=Path, default=None, help="training photos (default ../shared/data/products)")
    ap.add_argument("--painting", type=Path, default=None, help="style image (default: The Great Wave)")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--out", type=Path, default=Path("bench-out/fast-path-quality"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    painting = args.painting or default_style_image("the_great_wave_off_kanagawa.jpg")
    metric = GatysMetric(painting)
    results: dict = {"config": {"steps": args.steps, "size": args.size, "batch": args.batch,
                                "painting": painting.name, "device": args.device}, "variants": {}}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.content:
            content = args.content
        elif (SHARED / "products").is_dir():
            content = SHARED / "products"
        else:
            content = generated_photos(work / "content", 24, (512, 512))
        style_dir = work / "style"
        style_dir.mkdir()
        Image.open(painting).convert("RGB").save(style_dir / "painting.png")
        samples = flat_samples(work / "samples")
        for variant in args.variants:
            width, style_weight, seed = _parse_variant(variant)
            config = TrainConfig(content_dir=str(content), style_dir=str(style_dir), name=f"w{width}",
                                 out=str(work / f"run-{variant}"), steps=args.steps, size=args.size,
                                 batch=args.batch, style_weight=style_weight, adversarial_weight=0.1, seed=seed,
                                 checkpoint_every=10**9, sample_every=10**9, log_every=10**9,
                                 generator=GeneratorConfig(width=width))
            trainer = Trainer(config, torch.device(args.device))
            start = time.perf_counter()
            trainer.run()
            train_s = time.perf_counter() - start
            model = trainer.G.eval().cpu()
            shown = []
            for sample in sorted(samples.iterdir()):
                styled = _stylize(model, sample)
                target = args.out / f"{variant.replace(':', '_')}-{sample.name}"
                styled.save(target)
                shown.append(metric(target, sample))
            results["variants"][variant] = {
                "width": width, "style_weight": style_weight, "seed": seed,
                "parameters": sum(p.numel() for p in model.parameters()),
                "train_seconds": round(train_s, 1),
                "style_distance": statistics.mean(v["style"] for v in shown),
                "content_distance": statistics.mean(v["content"] for v in shown),
                "forward_ms_512px_cpu": round(_forward_ms(model, 512), 1),
            }
            print(variant, json.dumps(results["variants"][variant]), flush=True)
    lines = [f"Same recipe, {args.steps} steps at {args.size} px, batch {args.batch}, {painting.name}; "
             "4 bundled samples at 384 px (lower is better)", "",
             "| generator | style weight | seed | parameters | style distance | content distance | "
             "512 px forward (CPU) |", "|---|---|---|---|---|---|---|"]
    for r in results["variants"].values():
        lines.append(f"| width {r['width']} | {r['style_weight']:g} | {r['seed']} | {r['parameters']:,} | "
                     f"{r['style_distance']:.4g} | "
                     f"{r['content_distance']:.4g} | {r['forward_ms_512px_cpu']:.0f} ms |")
    table = "\n".join(lines) + "\n"
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    (args.out / "results.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
