"""Product-safe styling, measured on real white-background catalog photos.

    python -m benchmarks.product_safe [--images 8] [--size 384] [--styles gatys]

For each built-in style at its defaults (``--background keep``), over the photos in
``../shared/data/products`` whose background is detected as plain (generated photos when that
folder is absent), reports:

- background kept: share of background pixels whose colour moved by at most 3/255;
- silhouette IoU: product mask detected on the output vs on the input;
- style distance inside the product: VGG Gram distance to the style image, input vs output
  (lower after = the style reached the product).

Writes ``results.json``/``results.md`` under ``--out`` and a contact sheet ``sheet.png``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import torch
import torch.nn.functional as F
from PIL import Image

from benchmarks.common import SHARED
from studio.bundled import DEFAULT_STYLE_IMAGE, style_images
from studio.images import read_image, resize_long_edge
from studio.masks import DETECTED, find_product_mask
from studio.vgg import load_vgg19

LAYERS = ("relu1_1", "relu2_1", "relu3_1", "relu4_1")
KEPT = 3.0 / 255.0


def plain_background_photos(limit: int, work: Path) -> list[Path]:
    photos = sorted(p for p in (SHARED / "products").glob("*/*") if p.suffix.lower() in (".jpg", ".png"))
    chosen = []
    for path in photos:
        loaded = read_image(path)
        if loaded.alpha is None and find_product_mask(resize_long_edge(loaded.rgb, 256)).source == DETECTED:
            chosen.append(path)
    if not chosen:  # no ../shared: generated catalog photos
        from studio.testing import PRODUCT_KINDS, make_product_image

        work.mkdir(parents=True, exist_ok=True)
        for i, kind in enumerate(PRODUCT_KINDS):
            path = work / f"{kind}.png"
            make_product_image(kind, size=(512, 400), seed=i).save(path)
            chosen.append(path)
    step = max(1, len(chosen) // limit)
    return chosen[::step][:limit]


def masked_grams(rgb: torch.Tensor, mask: torch.Tensor) -> list[torch.Tensor]:
    vgg = load_vgg19()
    feats = vgg(rgb[None], LAYERS)
    grams = []
    for layer in LAYERS:
        f = feats[layer][0]
        m = F.interpolate(mask[None, None], size=f.shape[-2:], mode="bilinear")[0]
        weighted = (f * m).flatten(1)
        grams.append(weighted @ f.flatten(1).T / m.sum().clamp(min=1) / f.shape[0])
    return grams


@torch.no_grad()
def measure(inp: Path, out: Path, style: Path, size: int) -> dict[str, float]:
    a = resize_long_edge(read_image(inp).rgb, size)
    b = F.interpolate(read_image(out).rgb[None], size=a.shape[-2:], mode="bilinear", antialias=True)[0]
    mask_in = find_product_mask(a).mask
    mask_out = find_product_mask(b).mask
    background = mask_in < 0.05
    moved = (a - b).abs().amax(0)
    kept = float((moved[background] <= KEPT).float().mean())
    if mask_out is None:
        iou = 0.0
    else:
        p, q = mask_in > 0.5, mask_out > 0.5
        iou = float((p & q).sum() / (p | q).sum())
    s = resize_long_edge(read_image(style).rgb, size)
    style_grams = masked_grams(s, torch.ones(s.shape[-2:]))
    dist = lambda x: sum(F.mse_loss(g, t).item() for g, t in zip(masked_grams(x, mask_in), style_grams))
    return {"background_kept": kept, "silhouette_iou": iou, "style_before": dist(a), "style_after": dist(b)}


def exemplar_of(style: str, gatys_style_image: Path) -> Path:
    """The image a style imitates: gatys's style image, or the exemplar a trained model's
    card names (when that file is here), so style distances mean the same for both."""
    if style == "gatys":
        return gatys_style_image
    from studio.model_files import find_model_files

    cards = {m.name: m.card for m in find_model_files("gan")[0]}
    named = cards.get(style, {}).get("training", {}).get("exemplar")
    path = Path(__file__).resolve().parents[1] / named if named else None
    return path if path and path.is_file() else gatys_style_image


def contact_sheet(pairs: list[tuple[Path, Path]], path: Path, tile: int = 256) -> None:
    sheet = Image.new("RGB", (tile * 2 * min(4, len(pairs)), tile * ((len(pairs) + 3) // 4)), "grey")
    for i, (a, b) in enumerate(pairs):
        for j, p in enumerate((a, b)):
            im = Image.open(p).convert("RGB")
            im.thumbnail((tile, tile))
            sheet.paste(im, ((i % 4) * 2 * tile + j * tile, (i // 4) * tile))
    sheet.save(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", type=int, default=8)
    ap.add_argument("--size", type=int, default=384)
    ap.add_argument("--styles", nargs="+", default=["gatys", "wave", "starry", "mosaic"])
    ap.add_argument("--style-image", type=Path, default=style_images().get(DEFAULT_STYLE_IMAGE))
    ap.add_argument("--out", type=Path, default=Path("bench-out/product-safe"))
    args = ap.parse_args()
    photos = plain_background_photos(args.images, args.out / "generated")
    results: dict[str, dict] = {}
    for style in args.styles:
        with tempfile.TemporaryDirectory() as tmp:
            inputs = Path(tmp) / "in"
            inputs.mkdir()
            for p in photos:
                (inputs / p.name).symlink_to(p.resolve())
            out = args.out / style
            exemplar = exemplar_of(style, args.style_image)
            cmd = [sys.executable, "-m", "studio.cli.batch", str(inputs), "-o", str(out), "--style", style,
                   "--size", str(args.size), "--format", "png", "--json", "--quiet", "--force"]
            if style == "gatys":
                cmd += ["--style-image", str(args.style_image)]
            proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "STUDIO_HOME": tmp})
            summary = json.loads(proc.stdout)
        rows = [measure(p, out / (p.stem + ".png"), exemplar, args.size) for p in photos]
        results[style] = {
            "images": len(rows),
            "failed": summary["failed"],
            **{k: statistics.median(r[k] for r in rows) for k in rows[0]},
            "per_image": {p.name: r for p, r in zip(photos, rows)},
        }
        contact_sheet([(p, out / (p.stem + ".png")) for p in photos], args.out / f"sheet-{style}.png")
    lines = [f"Product-safe styling at defaults, {len(photos)} plain-background photos, {args.size} px "
             f"(medians; style distance to gatys's {args.style_image.name}, or to the house style's exemplar)", "",
             "| style | background kept | silhouette IoU | product style distance before → after |",
             "|---|---|---|---|"]
    for style, r in results.items():
        lines.append(f"| {style} | {r['background_kept']:.1%} | {r['silhouette_iou']:.3f} | "
                     f"{r['style_before']:.4g} → {r['style_after']:.4g} |")
    table = "\n".join(lines)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    (args.out / "results.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
