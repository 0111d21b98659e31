"""What a script can trust ``studio-batch`` with: resume by content, one job per output
folder, a manifest true to the files, summaries that agree, the exit codes the help promises."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.cli.batch import DEFAULT_STYLE, build_parser, main
from studio.output_folder import MANIFEST_NAME
from studio.testing import make_product_image, make_style_image

FAST = ["--size", "64"]


def run(capsys: pytest.CaptureFixture[str], *argv: str, quiet: bool = True) -> tuple[int, dict, str]:
    code = main(list(argv) + ["--json"] + (["--quiet"] if quiet else []))
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else {}, captured.err


def pixels(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float32)


def manifest(out: Path) -> dict:
    return json.loads((out / MANIFEST_NAME).read_text())


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    root = tmp_path / "photos"
    root.mkdir()
    make_product_image("mug", size=(96, 80), seed=1).save(root / "mug.png")
    make_product_image("bag", size=(80, 96), seed=3).save(root / "bag.png")
    return root


def test_a_replaced_photo_with_the_same_name_is_styled_again(photos, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    args = [str(photos), "-o", str(out), "--style", "wave", *FAST]
    assert run(capsys, *args)[0] == 0
    old_bag = (out / "bag.png").read_bytes()
    # Another product under the same name (same size on disk is not needed to catch it).
    make_product_image("sneaker", size=(96, 80), seed=7).save(photos / "mug.png")
    code, summary, _ = run(capsys, *args)
    assert code == 0 and summary["done"] == 1 and summary["already_done"] == 1
    redone = next(o for o in summary["outputs"] if o["status"] == "done")
    assert Path(redone["input"]).name == "mug.png" and "input changed" in redone["note"]
    styled = pixels(out / "mug.png")
    fresh = tmp_path / "fresh"
    assert run(capsys, str(photos / "mug.png"), "-o", str(fresh), "--style", "wave", *FAST)[0] == 0
    assert np.abs(styled - pixels(fresh / "mug.png")).max() <= 1  # the new product's output, not the old one
    assert (out / "bag.png").read_bytes() == old_bag

    # Touched or copied back unchanged: same content, nothing redone.
    os.utime(photos / "bag.png", ns=(1, 1))
    code, summary, _ = run(capsys, *args)
    assert code == 0 and summary["done"] == 0 and summary["already_done"] == 2


def test_a_second_style_is_refused_a_folder_holding_the_first_ones_outputs(photos, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert run(capsys, str(photos), "-o", str(out), "--style", "wave", *FAST)[0] == 0
    wave_files = {p.name: p.read_bytes() for p in out.glob("*.png")}
    wave_manifest = manifest(out)

    code, summary, err = run(capsys, str(photos), "-o", str(out), "--style", "starry", *FAST)
    assert code == 2 and summary == {}
    assert "holds 2 outputs of another job (style 'wave'" in err and "--force" in err
    assert {p.name: p.read_bytes() for p in out.glob("*.png")} == wave_files
    assert manifest(out) == wave_manifest

    # Asked to: the second style takes the folder over, and the manifest says so.
    code, summary, _ = run(capsys, str(photos), "-o", str(out), "--style", "starry", *FAST, "--force")
    assert code == 0 and summary["done"] == 2
    starry_files = {p.name: p.read_bytes() for p in out.glob("*.png")}
    assert all(starry_files[name] != data for name, data in wave_files.items())
    assert manifest(out)["style"] == "starry"

    # The first style again: refused, not "2 skipped" over files that are now starry's.
    code, _, err = run(capsys, str(photos), "-o", str(out), "--style", "wave", *FAST)
    assert code == 2 and "style 'starry'" in err
    assert {p.name: p.read_bytes() for p in out.glob("*.png")} == starry_files
    assert manifest(out)["style"] == "starry"
    # ... and the same settings again are the same job: resumed, nothing redone.
    code, summary, _ = run(capsys, str(photos), "-o", str(out), "--style", "starry", *FAST)
    assert code == 0 and summary["already_done"] == 2


def test_other_settings_of_the_same_style_name_what_changed(photos, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert run(capsys, str(photos), "-o", str(out), "--style", "wave", *FAST)[0] == 0
    code, _, err = run(capsys, str(photos), "-o", str(out), "--style", "wave", "--size", "80")
    assert code == 2 and "style 'wave', other working size" in err


def test_files_the_job_did_not_write_are_not_overwritten(photos, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    Image.new("RGB", (8, 8), "red").save(out / "mug.png")  # someone's own file, same name
    before = (out / "mug.png").read_bytes()
    code, _, err = run(capsys, str(photos), "-o", str(out), "--style", "wave", *FAST)
    assert code == 2 and "already has 1 files this job would write over" in err and "mug.png" in err
    assert (out / "mug.png").read_bytes() == before and not (out / "bag.png").exists()


def test_an_output_edited_after_the_job_is_kept_and_noted(photos, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    args = [str(photos), "-o", str(out), "--style", "wave", *FAST]
    assert run(capsys, *args)[0] == 0
    retouched = pixels(out / "mug.png")
    retouched[:8, :8] = 0
    Image.fromarray(retouched.astype(np.uint8)).save(out / "mug.png")
    edited = (out / "mug.png").read_bytes()
    code, summary, _ = run(capsys, *args)
    assert code == 0 and summary["done"] == 0 and (out / "mug.png").read_bytes() == edited
    entry = next(o for o in summary["outputs"] if o["output"].endswith("mug.png"))
    assert entry["status"] == "skipped" and "changed after this job wrote it" in entry["note"]
    assert any("changed after" in (i.get("note") or "") for i in manifest(out)["items"])
    code, summary, _ = run(capsys, *args, "--force")
    assert code == 0 and summary["done"] == 2 and (out / "mug.png").read_bytes() != edited


def test_a_resumed_run_lists_every_output_and_the_counts_agree(photos, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    args = [str(photos), "-o", str(out), "--style", "wave", *FAST]
    _, first, _ = run(capsys, *args)
    code, summary, err = run(capsys, *args, quiet=False)
    assert code == 0 and summary["done"] == 0 and summary["skipped"] == summary["already_done"] == 2
    assert sorted(o["output"] for o in summary["outputs"]) == sorted(o["output"] for o in first["outputs"])
    assert {o["status"] for o in summary["outputs"]} == {"skipped"}
    assert all(o["reason"] == "already done" and Path(o["output"]).is_file() for o in summary["outputs"])
    assert "finished: 0 done, 2 skipped (2 already done), 0 failed" in err


def test_category_policy_skips_count_the_same_in_console_and_json(tmp_path, capsys) -> None:
    catalog = tmp_path / "catalog"
    for folder, kind in (("shoes", "sneaker"), ("toys", "mug")):
        (catalog / folder).mkdir(parents=True)
        make_product_image(kind, size=(80, 64), seed=2).save(catalog / folder / "a.png")
    code, summary, err = run(capsys, str(catalog), "-o", str(tmp_path / "out"), "--style", "cgan", *FAST,
                             "--unknown-category", "skip", quiet=False)
    assert code == 0 and summary["done"] == 1 and summary["skipped"] == 1 and len(summary["skipped_items"]) == 1
    counts = re.search(r"finished: (\d+) done, (\d+) skipped", err)
    assert counts and (int(counts[1]), int(counts[2])) == (summary["done"], summary["skipped"])


def test_an_output_path_that_is_a_file_stops_at_once_with_exit_2(photos, tmp_path, capsys) -> None:
    target = tmp_path / "report.txt"
    target.write_text("not a folder")
    code, summary, err = run(capsys, str(photos), "-o", str(target), "--style", "wave", *FAST)
    assert code == 2 and summary == {} and "is an existing file" in err
    assert target.read_text() == "not a folder"


@pytest.fixture
def read_only_folder(tmp_path: Path):
    """A read-only file system (permissions alone do not stop root)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True)
    if result.returncode != 0:
        if os.geteuid() == 0:
            pytest.skip(f"cannot mount a read-only file system here: {result.stderr.decode().strip()}")
        folder.chmod(0o555)  # not root: permissions do the job
    yield folder
    if result.returncode == 0:
        subprocess.run(["umount", str(folder)], check=False)
    folder.chmod(0o755)


def test_a_read_only_output_folder_is_a_configuration_error(photos, read_only_folder, capsys) -> None:
    code, summary, err = run(capsys, str(photos), "-o", str(read_only_folder / "out"), "--style", "wave", *FAST)
    assert code == 2 and summary == {} and "cannot write to the output folder" in err


def test_whole_frame_styling_is_counted_and_named(tmp_path, capsys) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    make_product_image("mug", size=(96, 80), seed=1).save(photos / "plain.png")
    make_style_image("waves", size=(240, 200), seed=5).save(photos / "lifestyle.png")  # nothing to cut out
    code, summary, err = run(capsys, str(photos), "-o", str(tmp_path / "out"), "--style", "wave", "--size", "192",
                             quiet=False)
    assert code == 0 and summary["done"] == 2
    assert [Path(w["input"]).name for w in summary["whole_frame"]] == ["lifestyle.png"]
    assert "styled the whole frame" in summary["whole_frame"][0]["reason"]
    assert "1 styled whole-frame: no plain background found (lifestyle.png)" in " ".join(err.split())


def test_help_states_the_real_defaults(capsys) -> None:
    from studio.registry import load_registry

    parser = build_parser()
    text = " ".join(parser.format_help().split())
    registry = load_registry()
    assert f"default: {DEFAULT_STYLE}" in text and parser.get_default("style") == DEFAULT_STYLE
    house = {registry.get(name).describe()["default_size"] for name in ("wave", "starry", "mosaic", "cgan", "gan")}
    gatys = registry.get("gatys").describe()["default_size"]
    assert house == {768} and gatys == 384
    assert f"{house.pop()} for the house styles, {gatys} for gatys" in text
    actions = {a.dest: a for a in parser._actions}
    for dest in ("seed", "device", "size", "style", "force"):
        assert actions[dest].help, dest
    assert f"default: {parser.get_default('seed')})" in text and f"(default: {parser.get_default('device')})" in text
    # gan applies the house default unless told otherwise.
    model = next(p for p in registry.get("gan").describe()["params"] if p["name"] == "model")
    assert model["default"] == DEFAULT_STYLE

    assert main(["--list-styles"]) == 0
    listing = capsys.readouterr().out
    assert f"{DEFAULT_STYLE} (default):" in listing and listing.count("(default)") == 1
    assert main(["--list-styles", "--json"]) == 0
    styles = {s["name"]: s for s in json.loads(capsys.readouterr().out)["styles"]}
    assert styles["catalog"]["description"] != styles["cgan"]["description"]
    assert "same model as 'catalog'" in styles["cgan"]["description"]
    assert [s for s in styles if styles[s]["default"]] == [DEFAULT_STYLE]
