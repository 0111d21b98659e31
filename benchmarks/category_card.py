"""Quality numbers for a category model's card: for each label, the bundled samples styled
with that label (``--category``, whole frame), their VGG Gram style distance to that label's
exemplar and to the other labels' exemplars (lower to its own shows the label steers the look),
and the content distance to the photo.

    python -m benchmarks.category_card [--model catalog] [--write]   # needs ../shared/data

With ``--write`` the numbers go into ``resources/models/MODEL.json`` under ``quality``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from benchmarks.common import GatysMetric
from benchmarks.house_style_cards import ROOT, SIZE, flat_samples, run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="catalog")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    card_path = ROOT / "resources" / "models" / f"{args.model}.json"
    card = json.loads(card_path.read_text())
    exemplars = {label: ROOT / path for label, path in card["training"]["exemplars"].items()}
    metrics = {label: GatysMetric(path) for label, path in exemplars.items()}
    per_category = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        small = flat_samples(work / "samples")
        for label in card["categories"]:
            out = work / label
            run(args.model, out, tmp, "--size", str(SIZE), "--category", label)
            own, others, content = [], [], []
            for photo in sorted(small.iterdir()):
                styled = out / photo.name
                values = {other: metrics[other](styled, photo) for other in metrics}
                own.append(values[label]["style"])
                content.append(values[label]["content"])
                others.extend(v["style"] for other, v in values.items() if other != label)
            per_category[label] = {"style_distance": sum(own) / len(own),
                                   "style_distance_to_other_exemplars": sum(others) / len(others),
                                   "content_distance": sum(content) / len(content)}
            print(label, json.dumps(per_category[label]))
    quality = {
        "measured_on": f"the 4 bundled samples at {SIZE} px, whole frame, each styled once per label; VGG-19 "
                       "metric of benchmarks/common.py (style: Gram distance to the label's exemplar, and the mean "
                       "to the other labels' exemplars; content: relu4_2 distance to the photo)",
        "per_category": per_category,
        "command": f"python -m benchmarks.category_card --model {args.model} --write",
    }
    if args.write:
        card["quality"] = quality
        card_path.write_text(json.dumps(card, indent=2) + "\n")


if __name__ == "__main__":
    main()
