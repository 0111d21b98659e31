"""Products on busy backgrounds: how well the styled region matches the product.

    python -m benchmarks.busy_backgrounds [--size 320]

Held-out cut-outs of ``../shared/data/cutouts`` (the half the segmentation never trained on)
composited on the real photos of ``../shared/data/content`` (never seen either), each through
``studio.masks.find_product_mask`` exactly as a job calls it. Reports the IoU of the region a
job would style against the true cut-out: the segmented mask when the model is sure enough,
else the whole frame (what happened before: the fallback), and the same for the whole-frame
fallback alone. Also lists what the model decides on the real busy product photos.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import torch

from benchmarks.common import SHARED
from studio.images import read_image, resize_long_edge
from studio.masks import SEGMENTED, find_product_mask
from studio_resources.train_saliency import composite, iou, load_backgrounds, load_objects


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=320)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, default=Path("bench-out") / "busy_backgrounds")
    args = p.parse_args(argv)
    _, objects, names = load_objects(SHARED)
    _, scenes = load_backgrounds(SHARED, 0)
    g = torch.Generator().manual_seed(args.seed)
    rows = []
    for name, obj in zip(names, objects):
        for index, scene in enumerate(scenes):
            image, target = composite(obj, scene, args.size, g)
            found = find_product_mask(image)
            truth = target[0] > 0.5
            whole = float(truth.float().mean())  # IoU of the whole frame against the product
            styled = iou(found.mask, truth.float()) if found.source == SEGMENTED else whole
            rows.append({"object": name, "scene": index, "source": found.source, "iou_styled": round(styled, 3),
                         "iou_whole_frame": round(whole, 3), "reason": found.reason})
    segmented = [r["iou_styled"] for r in rows if r["source"] == SEGMENTED]
    summary = {
        "composites": len(rows), "segmented": len(segmented),
        "mean_iou_when_segmented": round(statistics.mean(segmented), 3) if segmented else None,
        "median_iou_when_segmented": round(statistics.median(segmented), 3) if segmented else None,
        "mean_iou_styled_region": round(statistics.mean(r["iou_styled"] for r in rows), 3),
        "mean_iou_whole_frame_fallback": round(statistics.mean(r["iou_whole_frame"] for r in rows), 3),
    }
    real = []
    for photo in sorted((SHARED / "products").rglob("*")):
        if photo.suffix.lower() not in (".jpg", ".png"):
            continue
        rgb = resize_long_edge(read_image(photo).rgb, 512)
        if find_product_mask(rgb, segment=False).source == "none":
            found = find_product_mask(rgb)
            share = None if found.mask is None else round(float((found.mask > 0.5).float().mean()), 3)
            real.append({"photo": f"{photo.parent.name}/{photo.name}", "source": found.source, "share": share,
                         "reason": found.reason})
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps({"summary": summary, "composites": rows, "real": real},
                                                      indent=2))
    print(json.dumps(summary, indent=2))
    for r in real:
        print(f"{r['photo']:44s} {r['source']:9s} {r['share'] if r['share'] is not None else ''} {r['reason'] or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
