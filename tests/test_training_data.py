"""Training data streams from disk: bounded memory whatever the folder, bad files skipped,
the same crops from the same seed, and a clear refusal of an empty or imageless folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

import studio.training.data as data
from studio.errors import UsageError
from studio.testing import make_product_image


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "photos"
    (root / "sub").mkdir(parents=True)
    for i in range(12):
        make_product_image(["mug", "bag", "sneaker"][i % 3], size=(160, 128), seed=i).save(root / f"{i:02d}.png")
    (root / "sub" / "broken.jpg").write_bytes(b"not an image")
    (root / ".hidden.png").write_bytes(b"ignored")
    return root


def test_images_are_decoded_when_drawn_and_memory_stays_bounded(folder, monkeypatch) -> None:
    decoded: list[str] = []
    real = data.read_image
    monkeypatch.setattr(data, "read_image", lambda path: decoded.append(Path(path).name) or real(path))
    one_image = 3 * 128 * 160  # uint8 bytes of one decoded photo
    sampler = data.CropSampler(folder, 32, torch.Generator().manual_seed(0), cache_bytes=3 * one_image)
    assert decoded == ["00.png"]  # only enough to know the folder holds a readable image
    assert len(sampler.files) == 13  # hidden files are not training data
    for _ in range(60):
        crop = sampler.crop()
        assert crop.shape == (3, 32, 32) and 0 <= float(crop.min()) and float(crop.max()) <= 1
        assert sampler.cached_bytes <= 3 * one_image
    assert len(set(decoded)) > 3  # more images were drawn than fit in the cache
    assert [Path(p).name for p, _ in sampler.skipped] == ["broken.jpg"]


def test_the_same_seed_draws_the_same_crops_whatever_the_cache(folder) -> None:
    big = data.CropSampler(folder, 24, torch.Generator().manual_seed(5))
    small = data.CropSampler(folder, 24, torch.Generator().manual_seed(5), cache_bytes=1)
    assert torch.equal(big.batch(16), small.batch(16))


def test_empty_missing_and_imageless_folders_are_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_product_image("mug", size=(64, 56)).save(tmp_path / "stray.png")
    with pytest.raises(UsageError, match="choose a folder of product photos"):
        data.CropSampler("", 32, torch.Generator(), what="product photos")
    with pytest.raises(UsageError, match="folder not found"):
        data.count_images(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no images in"):
        data.training_images(tmp_path / "empty")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "a.png").write_bytes(b"x")
    with pytest.raises(UsageError, match="no readable images"):
        data.CropSampler(tmp_path / "bad", 32, torch.Generator())
    assert data.count_images(tmp_path) == (2, False)  # stray.png and bad/a.png
