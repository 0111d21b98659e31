"""The review report: OUT/report.html rendered in a real headless Chromium, its figures and
flags, and rejected images styled again with --redo-from."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.cli.batch import main
from studio.testing import make_product_image, make_style_image

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (Debian package chromium)")


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    """Headless Chromium as the machine allows it: no sandbox (root), no network chatter."""
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def reviewed_job(tmp_path, capsys) -> tuple[Path, dict]:
    """A job with a plain product, a busy photo styled whole-frame and a broken file."""
    photos = tmp_path / "photos"
    photos.mkdir()
    make_product_image("mug", size=(240, 200), seed=1).save(photos / "mug.png")
    make_product_image("sneaker", size=(240, 200), seed=2).save(photos / "sneaker.png")
    make_style_image("waves", size=(240, 200), seed=5).save(photos / "lifestyle.png")
    (photos / "broken.jpg").write_bytes(b"not a picture")
    out = tmp_path / "out"
    code = main([str(photos), "-o", str(out), "--style", "wave", "--report", "--json", "--quiet"])
    assert code == 1  # one image failed
    return out, json.loads(capsys.readouterr().out)


def test_the_report_lists_every_item_with_figures_flags_and_failures(reviewed_job, tmp_path) -> None:
    out, summary = reviewed_job
    page = (out / "report.html").read_text()
    assert summary["report"] == str(out / "report.html")
    assert "http://" not in page and "https://" not in page  # self-contained: nothing to fetch
    assert re.search(r'id="count-done" data-count="3"', page) and re.search(r'id="count-failed" data-count="1"', page)
    rows = re.findall(r'<tr class="item( flagged)?" data-index="\d+" data-status="(\w+)"\s+data-input="([^"]+)"', page)
    by_name = {Path(name).name: (bool(flag), status) for flag, status, name in rows}
    assert by_name == {"broken.jpg": (True, "failed"), "lifestyle.png": (True, "done"),
                       "mug.png": (False, "done"), "sneaker.png": (False, "done")}
    assert "whole frame styled" in page and "not an image file" in page
    assert page.count('src="data:image/') == 3 * 2 + 0  # before and after of the 3 styled; none for broken
    assert sorted(p.name for p in out.iterdir()) == ["lifestyle.png", "mug.png", "report.html", "sneaker.png",
                                                     "studio-manifest.json"]  # nothing else, nowhere else


@needs_chromium
def test_the_report_renders_in_chromium_with_the_jobs_counts(reviewed_job, tmp_path) -> None:
    out, summary = reviewed_job
    url = (out / "report.html").as_uri()
    shot = tmp_path / "report.png"
    done = _chromium("--window-size=1300,1400", f"--screenshot={shot}", url, profile=tmp_path / "profile")
    assert shot.is_file(), done.stderr[-2000:]
    pixels = np.asarray(Image.open(shot).convert("RGB"), dtype=np.float32)
    assert pixels.std() > 20  # a page with pictures, not a blank or error page
    # The thumbnails are drawn: a band of the page where the images are holds the products' colours.
    saturation = pixels.max(axis=2) - pixels.min(axis=2)
    assert (saturation > 80).mean() > 0.003  # measured: 0.8 % with the three thumbnails drawn
    dom = _chromium("--virtual-time-budget=2000", "--dump-dom", url, profile=tmp_path / "profile2").stdout
    def count(name: str) -> int:
        return int(re.search(rf'id="count-{name}"[^>]*data-count="(\d+)"', dom).group(1))

    assert (count("total"), count("done"), count("failed")) == (4, 3, 1)
    assert len(summary["outputs"]) == count("done") and len(summary["failed"]) == count("failed")
    assert len(re.findall(r'<tr class="item', dom)) == 4
    assert count("flagged") == 2  # to review: the whole-frame one and the failed one
    assert "Show only the images to review" in dom  # the filter, live in the page


def test_rejected_images_are_styled_again_with_other_settings(reviewed_job, tmp_path, capsys) -> None:
    out, _ = reviewed_job
    page = (out / "report.html").read_text()
    mug = re.search(r'data-input="([^"]+mug\.png)"', page).group(1)
    # What the page's "Save rejections" writes (its script builds exactly this shape).
    meta = json.loads(re.search(r'data-meta="([^"]+)"', page).group(1).replace("&quot;", '"'))
    rejections = {"report_version": 1, "job_key": meta["job_key"], "style": meta["style"], "output": meta["output"],
                  "params": meta["params"], "rejected": [{"input": mug, "output": str(out / "mug.png"), "flags": ""}]}
    (tmp_path / "report-rejections.json").write_text(json.dumps(rejections))
    before = (out / "mug.png").read_bytes()
    assert main(["--redo-from", str(tmp_path / "report-rejections.json"), "--style", "starry", "--json",
                 "--quiet"]) == 0
    redo = json.loads(capsys.readouterr().out)
    assert [Path(o["input"]).name for o in redo["outputs"]] == ["mug.png"]
    written = Path(redo["outputs"][0]["output"])
    assert written.parent != out and written.is_file()  # a new folder beside the reviewed one
    assert (out / "mug.png").read_bytes() == before  # the reviewed delivery is untouched


def test_a_rejections_file_that_is_not_one_is_a_usage_error(tmp_path, capsys) -> None:
    (tmp_path / "x.json").write_text('{"hello": 1}')
    assert main(["--redo-from", str(tmp_path / "x.json"), "--quiet"]) == 2
    assert "not a review report's rejections file" in capsys.readouterr().err


def test_the_report_speaks_the_interface_language(reviewed_job) -> None:
    """In Chinese the page says lang="zh-CN" and shows the catalog's headings and buttons; what
    scripts and tests read (counts, statuses, the rejections file's name) stays as it was."""
    from studio import i18n, paths
    from studio.jobs import JobStore
    from studio.report import write_report

    out, summary = reviewed_job
    catalog = i18n.read_catalog(i18n.catalog_path("zh_CN"))
    store = JobStore(paths.job_db_path())
    i18n.set_language("zh_CN")
    try:
        page = write_report(store, summary["job_id"], measure=False).read_text(encoding="utf-8")
    finally:
        i18n.set_language("en")
        store.close()
    assert '<html lang="zh-CN">' in page
    for english in ("Show only the images to review", "Image", "Before", "decision"):
        assert f"<th>{catalog[('report', english)]}</th>" in page or \
            f"> {catalog[('report', english)]}</label>" in page, english
    save = catalog[("report", "Save rejections ({file})")].format(file="report-rejections.json")
    assert f'<button id="save-rejections">{save}</button>' in page
    assert "Show only the images to review" not in page and "<th>Before</th>" not in page
    assert 'id="count-failed" data-count="1"' in page and 'data-status="failed"' in page
    assert 'link.download = "report-rejections.json"' in page
