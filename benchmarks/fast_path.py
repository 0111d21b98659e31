"""Fast path: ``studio-batch`` with a house style vs a serial decode → TransformerNet → encode loop.

    python -m benchmarks.fast_path [--images 24] [--size 512] [--style wave]

The reference is the fast-neural-style TransformerNet (Johnson et al. 2016: 32-64-128 channels,
5 residual blocks, upsample-convolutions, instance norm), randomly initialised (throughput does
not depend on the weights), run one image at a time: PIL decode, resize to the long edge, one
forward pass, JPEG encode at that size. ``studio-batch`` runs as a user would (a fresh process,
start-up included) and does more per image: product mask, full-size composite with detail
restoration, atomic JPEG write at the original size. Prints images/s and peak RSS for both.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch import nn

from benchmarks.common import generated_photos, product_photos


class _ConvLayer(nn.Sequential):
    def __init__(self, cin: int, cout: int, kernel: int, stride: int = 1) -> None:
        super().__init__(nn.ReflectionPad2d(kernel // 2), nn.Conv2d(cin, cout, kernel, stride))


class _Residual(nn.Module):
    def __init__(self, c: int) -> None:
        super().__init__()
        self.body = nn.Sequential(_ConvLayer(c, c, 3), nn.InstanceNorm2d(c, affine=True), nn.ReLU(),
                                  _ConvLayer(c, c, 3), nn.InstanceNorm2d(c, affine=True))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


class TransformerNet(nn.Module):
    """The reference architecture of pytorch/examples' fast_neural_style (re-typed, not copied)."""

    def __init__(self) -> None:
        super().__init__()
        def block(cin, cout, k, s):
            return [_ConvLayer(cin, cout, k, s), nn.InstanceNorm2d(cout, affine=True), nn.ReLU()]
        self.net = nn.Sequential(
            *block(3, 32, 9, 1), *block(32, 64, 3, 2), *block(64, 128, 3, 2), *[_Residual(128) for _ in range(5)],
            nn.Upsample(scale_factor=2), *block(128, 64, 3, 1), nn.Upsample(scale_factor=2), *block(64, 32, 3, 1),
            _ConvLayer(32, 3, 9, 1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def reference_loop(inputs: list[Path], out: Path, size: int) -> float:
    torch.manual_seed(0)
    model = TransformerNet().eval()
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with torch.inference_mode():
        for path in inputs:
            img = Image.open(path).convert("RGB")
            img.thumbnail((size, size), Image.BICUBIC)
            x = torch.from_numpy(np.array(img)).permute(2, 0, 1)[None].float()
            h, w = x.shape[-2:]
            x = nn.functional.pad(x, (0, (-w) % 4, 0, (-h) % 4), mode="reflect")
            y = model(x)[..., :h, :w].clamp(0, 255)[0].permute(1, 2, 0).byte().numpy()
            Image.fromarray(y).save(out / (path.stem + ".jpg"), quality=92)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", type=int, default=24)
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--style", default="wave")
    ap.add_argument("--out", type=Path, default=Path("bench-out/fast-path"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        photos = product_photos(args.images)
        if not photos:
            generated_photos(folder, args.images, (1024, 800), ".jpg")
        for i, p in enumerate(photos):
            (folder / f"{i:03d}_{p.name}").symlink_to(p)
        inputs = sorted(folder.iterdir())
        ref_seconds = reference_loop(inputs, args.out / "reference", args.size)
        ref_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        cmd = [sys.executable, "-m", "studio.cli.batch", str(folder), "-o", str(args.out / "studio"), "--style",
               args.style, "--size", str(args.size), "--format", "jpg", "--force", "--quiet"]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, env={**os.environ, "STUDIO_HOME": tmp})
        ours = time.perf_counter() - start
        ours_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    results = {"images": len(inputs), "size": args.size,
               "reference": {"images_per_s": len(inputs) / ref_seconds, "peak_rss_mb": ref_rss},
               "studio": {"images_per_s": len(inputs) / ours, "peak_rss_mb": ours_rss, "style": args.style}}
    table = (f"Fast path, {len(inputs)} images, {args.size} px long edge, end to end\n\n"
             "| pipeline | images/s | peak RSS MB |\n|---|---|---|\n"
             f"| serial decode → TransformerNet → encode | {results['reference']['images_per_s']:.2f} | {ref_rss:.0f} |\n"
             f"| studio-batch --style {args.style} (start-up included) | {results['studio']['images_per_s']:.2f} | "
             f"{ours_rss:.0f} |\n")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    (args.out / "results.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
