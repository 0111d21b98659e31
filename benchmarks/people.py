"""People kept safe: skin left as photographed on on-model shots, measured on real photos.

    python -m benchmarks.people [--style wave] [--folder ../shared/data/products/clothing]

Styles every photo of the folder twice through ``studio-batch`` (``--people keep``, the
default, and ``--people style``) and reports, per photo and as medians, the share of skin
pixels whose colour moved by at most 3/255. There are no hand-drawn skin labels here: the
reference skin is the raw colour classifier of :mod:`studio.people` (every skin-coloured
pixel, before its texture and size tests), so the figure says how much of what looks like skin
the protection covers, not how well the classifier finds skin. Faces are measured apart: for
each photo, the faces OpenCV's cascades find, and the share of pixels inside the face boxes
left unchanged. Also reports the share of the frame protected on the other product photos (no
people): skin-coloured products taken for skin, and faces wrongly found there.
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

import numpy as np
import torch

from benchmarks.common import SHARED
from studio.images import read_image, resize_long_edge
from studio.people import ANALYSIS_EDGE, find_faces, find_skin, skin_colour

KEPT = 3.0 / 255.0


def _style(folder: Path, out: Path, style: str, people: str, home: Path) -> None:
    env = {**os.environ, "STUDIO_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "studio.cli.batch", str(folder), "-o", str(out), "--style", style,
                    "--people", people, "--format", "png", "--quiet"], check=True, env=env)


def _pixels(path: Path) -> np.ndarray:
    return read_image(path).rgb.permute(1, 2, 0).numpy()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--style", default="wave")
    p.add_argument("--folder", type=Path, default=SHARED / "products" / "clothing")
    p.add_argument("--others", type=Path, default=SHARED / "products")
    p.add_argument("--out", type=Path, default=Path("bench-out") / "people")
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as home:
        for people in ("keep", "style"):
            _style(args.folder, args.out / people, args.style, people, Path(home))
    for photo in sorted(args.folder.glob("*.jpg")):
        before = _pixels(photo)
        skin = skin_colour(before)
        row = {"photo": photo.name, "skin_share": round(float(skin.mean()), 4)}
        # Face boxes found at the analysis size, scaled to the photo's.
        scale = max(before.shape[:2]) / ANALYSIS_EDGE
        small = resize_long_edge(torch.from_numpy(before).permute(2, 0, 1), ANALYSIS_EDGE)
        face = np.zeros(before.shape[:2], dtype=bool)
        faces = find_faces(small.permute(1, 2, 0).numpy())
        for f in faces:
            face[round(f.y * scale):round((f.y + f.height) * scale), round(f.x * scale):round((f.x + f.width) * scale)] = True
        row["faces"] = len(faces)
        for people in ("keep", "style"):
            after = _pixels((args.out / people / photo.name).with_suffix(".png"))  # PNG: no JPEG noise
            moved = np.abs(after - before).max(axis=2)
            row[f"skin_kept_{people}"] = round(float((moved[skin] <= KEPT).mean()), 3) if skin.any() else None
            row[f"face_kept_{people}"] = round(float((moved[face] <= KEPT).mean()), 3) if faces else None
        rows.append(row)
    others = []
    for photo in sorted(args.others.rglob("*")):
        if photo.suffix.lower() in (".jpg", ".png") and photo.parent.name != args.folder.name:
            rgb = resize_long_edge(read_image(photo).rgb, 384)
            skin = find_skin(rgb)
            others.append({"photo": f"{photo.parent.name}/{photo.name}", "protected": round(skin.share, 4),
                           "faces": skin.faces})
    keep = [r["skin_kept_keep"] for r in rows if r["skin_kept_keep"] is not None]
    style = [r["skin_kept_style"] for r in rows if r["skin_kept_style"] is not None]
    summary = {"style": args.style, "photos": len(rows), "median_skin_kept_keep": statistics.median(keep),
               "median_skin_kept_style": statistics.median(style), "min_skin_kept_keep": min(keep),
               "photos_with_a_face": sum(1 for r in rows if r["faces"]),
               "median_face_kept_keep": statistics.median(r["face_kept_keep"] for r in rows if r["faces"]),
               "median_face_kept_style": statistics.median(r["face_kept_style"] for r in rows if r["faces"]),
               "faces_found_without_people": sum(o["faces"] for o in others),
               "products_without_people": len(others),
               "products_with_any_protection": sum(1 for o in others if o["protected"] > 0),
               "max_protected_share": max(o["protected"] for o in others)}
    result = {"summary": summary, "photos": rows, "other_products": others}
    (args.out / "results.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(summary, indent=2))
    for r in rows:
        print(f"{r['photo']:34s} skin {r['skin_share']:.3f}  kept: keep {r['skin_kept_keep']}  "
              f"style {r['skin_kept_style']}  faces {r['faces']} kept {r['face_kept_keep']}")
    for o in others:
        if o["protected"]:
            print(f"protected on a product without people: {o['photo']} {o['protected']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
