"""Category models (the conditional GAN): labels from manifests, sub-folders and --category,
the unknown-label policy, variations, and training one with studio-train --categories."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from studio.cli.batch import main as batch
from studio.cli.train import main as train
from studio.model_files import write_model
from studio.testing import make_product_image, make_style_image
from studio.training.models import Generator, GeneratorConfig

LABELS = ["bags", "shoes"]


def rgb(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float64) / 255


@pytest.fixture
def category_model(studio_home: Path) -> str:
    """A category model with noise whose per-label norm parameters differ, as training makes
    them (a trained one is too slow to make here)."""
    torch.manual_seed(0)
    generator = Generator(GeneratorConfig(noise_channels=2, categories=len(LABELS)))
    with torch.no_grad():
        for name, param in generator.named_parameters():
            if name.endswith("scale.weight"):
                param.uniform_(0.5, 1.5)
            elif name.endswith("shift.weight"):
                param.uniform_(-0.6, 0.6)
            elif "merge" in name and name.endswith("weight"):
                param.mul_(4)  # let the noise matter
    card = {"kind": "cgan", "title": "Test categories", "description": "two looks",
            "architecture": {"class": "Generator", "config": generator.config.to_json()}, "categories": LABELS}
    write_model(studio_home / "models", "testcat", {k: v for k, v in generator.state_dict().items()}, card)
    return "testcat"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """shoes/a.png and bags/a.png hold the same photo; toys/ is a category the model lacks;
    top.png sits in no sub-folder."""
    root = tmp_path / "in"
    for folder in ("shoes", "bags", "toys"):
        (root / folder).mkdir(parents=True)
        make_product_image("sneaker", size=(96, 72), seed=1).save(root / folder / "a.png")
    make_product_image("bag", size=(80, 80), seed=2).save(root / "top.png")
    return root


def run(args: list[str], capsys) -> tuple[int, dict]:
    code = batch([*args, "--json", "--quiet"])
    out = capsys.readouterr().out
    return code, (json.loads(out) if out.strip() else {})


def by_input(summary: dict, root: Path) -> dict[str, dict]:
    return {str(Path(o["input"]).relative_to(root)): o for o in summary["outputs"]}


def test_the_label_changes_the_look_and_the_same_label_and_seed_repeat_exactly(
        category_model, catalog, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    code, summary = run([str(catalog), "-o", str(out), "--style", category_model, "--background", "style",
                         "--category", "bags"], capsys)
    assert code == 1  # toys/a.png: unknown category, reported
    outputs = by_input(summary, catalog)
    assert outputs["shoes/a.png"]["category"] == "shoes" and outputs["bags/a.png"]["category"] == "bags"
    assert outputs["top.png"]["category"] == "bags"  # --category labels what nothing else does
    # Same photo, two labels: clearly different pictures.
    assert np.abs(rgb(out / "shoes/a.png") - rgb(out / "bags/a.png")).mean() > 0.05
    # Same label and seed: byte-identical on a rerun.
    first = (out / "shoes/a.png").read_bytes()
    assert run([str(catalog), "-o", str(out), "--style", category_model, "--background", "style", "--category",
                "bags", "--force"], capsys)[0] == 1
    assert (out / "shoes/a.png").read_bytes() == first


@pytest.mark.parametrize("manifest_name, text", [
    ("labels.csv", "path,category\nshoes/a.png,bags\ntop.png,shoes\n"),
    ("labels.json", json.dumps({"shoes/a.png": "bags", "./top.png": "shoes"})),
    ("list.json", json.dumps([{"path": "shoes/a.png", "category": "bags"}, {"path": "top.png", "category": "shoes"}])),
])
def test_manifest_labels_come_before_folder_names(category_model, catalog, tmp_path, capsys, manifest_name,
                                                   text) -> None:
    manifest = tmp_path / manifest_name
    manifest.write_text(text)
    out = tmp_path / "out"
    _, summary = run([str(catalog), "-o", str(out), "--style", category_model, "--background", "style",
                      "--categories", str(manifest)], capsys)
    outputs = by_input(summary, catalog)
    assert outputs["shoes/a.png"]["category"] == "bags"  # the manifest wins over the folder name
    assert outputs["bags/a.png"]["category"] == "bags"  # not listed: its folder name
    assert outputs["top.png"]["category"] == "shoes"
    # The manifest's label really drove the model: identical to the photo styled as bags.
    assert np.array_equal(rgb(out / "shoes/a.png"), rgb(out / "bags/a.png"))


def test_unknown_categories_fail_skip_or_fall_back_as_asked(category_model, catalog, tmp_path, capsys) -> None:
    args = [str(catalog), "--style", category_model]
    code, summary = run([*args, "-o", str(tmp_path / "fail")], capsys)
    reasons = {Path(f["input"]).relative_to(catalog).as_posix(): f["reason"] for f in summary["failed"]}
    assert code == 1 and summary["done"] == 2
    assert "category 'toys' is not one this model knows (bags, shoes)" in reasons["toys/a.png"]
    assert "no category for this image" in reasons["top.png"]
    assert not (tmp_path / "fail" / "toys" / "a.png").exists()

    code, summary = run([*args, "-o", str(tmp_path / "skip"), "--unknown-category", "skip"], capsys)
    assert code == 0 and summary["done"] == 2 and summary["failed"] == []
    assert sorted(Path(s["input"]).name for s in summary["skipped_items"]) == ["a.png", "top.png"]
    assert not (tmp_path / "skip" / "toys" / "a.png").exists()

    code, summary = run([*args, "-o", str(tmp_path / "fallback"), "--unknown-category", "shoes"], capsys)
    outputs = by_input(summary, catalog)
    assert code == 0 and outputs["toys/a.png"]["category"] == "shoes"
    assert "fallback 'shoes'" in outputs["toys/a.png"]["category_note"]
    assert np.array_equal(rgb(tmp_path / "fallback/toys/a.png"), rgb(tmp_path / "fallback/shoes/a.png"))


@pytest.mark.parametrize("name, text, message", [
    ("bad.csv", "shoes/a.png,bags,extra\n", "line 1: expected two columns"),
    ("bad.json", "{not json", "is not valid JSON"),
    ("bad-entry.json", json.dumps([{"path": "a.png"}]), "entry 0 must be an object with 'path' and 'category'"),
    ("empty.csv", "path,category\n", "lists no images"),
])
def test_malformed_manifests_are_usage_errors(category_model, catalog, tmp_path, capsys, name, text,
                                              message) -> None:
    manifest = tmp_path / name
    manifest.write_text(text)
    code = batch([str(catalog), "-o", str(tmp_path / "out"), "--style", category_model, "--categories",
                  str(manifest), "--quiet"])
    assert code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "out" / "shoes").exists()


def test_category_options_are_checked_against_the_model(category_model, catalog, tmp_path, capsys) -> None:
    out = str(tmp_path / "out")
    assert batch([str(catalog), "-o", out, "--style", category_model, "--category", "toys"]) == 2
    assert "not one of the categories of 'testcat': bags, shoes" in capsys.readouterr().err
    assert batch([str(catalog), "-o", out, "--style", category_model, "--unknown-category", "toys"]) == 2
    assert "--unknown-category must be skip, fail or one of the categories" in capsys.readouterr().err
    assert batch([str(catalog), "-o", out, "--style", "wave", "--category", "shoes"]) == 2
    assert "not a category model" in capsys.readouterr().err
    assert batch(["--list-styles", "--json"]) == 0
    styles = {s["name"]: s for s in json.loads(capsys.readouterr().out)["styles"]}
    assert styles[category_model]["categories"] == LABELS
    assert styles[category_model]["capabilities"]["uses_categories"] is True
    assert styles["wave"]["categories"] is None


def test_variations_are_distinct_and_reproducible(category_model, tmp_path, capsys) -> None:
    make_product_image("sneaker", size=(96, 72), seed=1).save(tmp_path / "shoe.png")
    out = tmp_path / "out"
    args = [str(tmp_path / "shoe.png"), "-o", str(out), "--style", category_model, "--category", "shoes",
            "--background", "style", "--variations", "3"]
    code, summary = run(args, capsys)
    assert code == 0 and [o["variant"] for o in summary["outputs"]] == [1, 2, 3]
    files = [out / f"shoe-v{i}.png" for i in (1, 2, 3)]
    pixels = [rgb(f) for f in files]
    for i in range(3):
        for j in range(i + 1, 3):
            assert np.abs(pixels[i] - pixels[j]).mean() > 0.005, (i, j)
    before = [f.read_bytes() for f in files]
    assert run([*args, "--force"], capsys)[0] == 0
    assert [f.read_bytes() for f in files] == before  # each variant has its own fixed seed
    # A style without noise would write three identical copies: refused.
    assert batch([str(tmp_path / "shoe.png"), "-o", str(tmp_path / "w"), "--style", "wave", "--variations", "2"]) == 2
    assert "takes no noise" in capsys.readouterr().err


def _category_training_data(tmp_path: Path) -> tuple[Path, Path]:
    content, style = tmp_path / "content", tmp_path / "style"
    for label, kind, look in (("bags", "bag", "mosaic"), ("shoes", "sneaker", "waves")):
        (content / label).mkdir(parents=True)
        (style / label).mkdir(parents=True)
        make_product_image(kind, size=(64, 56), seed=1).save(content / label / "p.png")
        make_style_image(look, size=(64, 64)).save(style / label / "s.png")
    return content, style


@pytest.mark.parametrize("loss", ["nonsaturating", "kl"])
def test_studio_train_categories_exports_a_labelled_model(tmp_path, studio_home, capsys, loss) -> None:
    content, style = _category_training_data(tmp_path)
    code = train(["--content", str(content), "--style", str(style), "--categories", "--name", "cats", "--steps", "2",
                  "--size", "32", "--batch", "2", "--noise", "2", "--loss", loss, "--log-every", "1", "--quiet"])
    assert code == 0
    card = json.loads((studio_home / "models" / "cats.json").read_text())
    assert card["kind"] == "cgan" and card["categories"] == ["bags", "shoes"]
    assert card["architecture"]["config"]["categories"] == 2
    assert card["training"]["data"]["style_images_per_category"] == {"bags": 1, "shoes": 1}
    lines = [json.loads(line) for line in (studio_home / "data/runs/cats/metrics.jsonl").read_text().splitlines()]
    expected = {"kl", "value", "d_real", "d_fake"} if loss == "kl" else {"jsd", "value", "d_real", "d_fake"}
    assert expected <= set(lines[-1]) and "variation" in lines[-1]
    if loss == "kl":
        assert lines[-1]["kl"] == pytest.approx(lines[-1]["value"] + 1)
    # The exported model styles a labelled folder.
    assert batch([str(content), "-o", str(tmp_path / "out"), "--style", "cats", "--quiet"]) == 0
    assert (tmp_path / "out" / "shoes" / "p.png").is_file()


def test_a_style_folder_without_category_subfolders_is_refused(tmp_path, capsys) -> None:
    content, style = _category_training_data(tmp_path)
    code = train(["--content", str(content), "--style", str(style / "bags"), "--categories", "--name", "x",
                  "--steps", "1", "--size", "32", "--quiet"])
    assert code == 2 and "one sub-folder of exemplars per category" in capsys.readouterr().err


def test_the_shipped_category_model_gives_each_category_its_own_look(tmp_path, capsys) -> None:
    assert batch(["--list-styles", "--json"]) == 0
    styles = {s["name"]: s for s in json.loads(capsys.readouterr().out)["styles"]}
    assert styles["cgan"]["categories"] == ["bags", "clothing", "shoes", "watches"]
    assert styles["cgan"]["capabilities"]["variations"] is True
    make_product_image("sneaker", size=(240, 180), seed=5).save(tmp_path / "shoe.png")
    looks = {}
    for label in ("shoes", "watches"):
        out = tmp_path / label
        assert batch([str(tmp_path / "shoe.png"), "-o", str(out), "--style", "cgan", "--category", label,
                      "--quiet"]) == 0
        looks[label] = rgb(out / "shoe.png")
    product = np.abs(looks["shoes"] - rgb(tmp_path / "shoe.png")).max(axis=2) > 0.02
    assert np.abs(looks["shoes"] - looks["watches"])[product].mean() > 0.08  # clearly different looks
    again = tmp_path / "again"
    assert batch([str(tmp_path / "shoe.png"), "-o", str(again), "--style", "cgan", "--category", "shoes",
                  "--quiet"]) == 0
    assert (again / "shoe.png").read_bytes() == (tmp_path / "shoes" / "shoe.png").read_bytes()
