"""Quality numbers for a category model's card: the bundled samples styled once per label
(``--category``, whole frame). For each label: the VGG Gram style distance of its outputs to
its own exemplar, the same exemplar's mean distance to the outputs of the *other* labels (lower
for its own shows the label steers the look; compared per exemplar because exemplars' Gram
scales differ by an order of magnitude), and the content distance to the photos.

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
    # distance[output label][exemplar label] = mean style distance over the samples
    distance: dict[str, dict[str, float]] = {}
    content: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        small = flat_samples(work / "samples")
        for label in card["categories"]:
            out = work / label
            run(args.model, out, tmp, "--size", str(SIZE), "--category", label)
            rows = [{e: metrics[e](out / photo.name, photo) for e in metrics} for photo in sorted(small.iterdir())]
            distance[label] = {e: sum(r[e]["style"] for r in rows) / len(rows) for e in metrics}
            content[label] = sum(r[label]["content"] for r in rows) / len(rows)
    for label in card["categories"]:
        others = [distance[o][label] for o in card["categories"] if o != label]
        per_category[label] = {"style_distance": distance[label][label],
                               "same_exemplar_other_labels": sum(others) / len(others),
                               "content_distance": content[label]}
        print(label, json.dumps(per_category[label]))
    quality = {
        "measured_on": f"the 4 bundled samples at {SIZE} px, whole frame, each styled once per label; VGG-19 "
                       "metric of benchmarks/common.py (style_distance: Gram distance of the label's outputs to the "
                       "label's exemplar; same_exemplar_other_labels: that exemplar's mean distance to the other "
                       "labels' outputs; content_distance: relu4_2 distance to the photo)",
        "per_category": per_category,
        "command": f"python -m benchmarks.category_card --model {args.model} --write",
    }
    if args.write:
        card["quality"] = quality
        card_path.write_text(json.dumps(card, indent=2) + "\n")


if __name__ == "__main__":
    main()
