"""Tests for studio.images: decoding edge cases, atomic writes, resizing.

All inputs are generated in ``tmp_path``; images are tiny so the suite stays fast.
"""

from __future__ import annotations

import errno
import os
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image, ImageCms, ImageFile

from studio import images
from studio.errors import BadImage, OutputError, UsageError
from studio.images import (
    DEFAULT_MAX_PIXELS,
    IMAGE_SUFFIXES,
    LoadedImage,
    output_suffix,
    read_image,
    resize_long_edge,
    resize_to,
    write_image_atomic,
)


def _gradient(w: int = 24, h: int = 16) -> torch.Tensor:
    """A smooth (3, H, W) image: lossy codecs reproduce it closely."""
    ys = torch.linspace(0, 1, h).view(h, 1).expand(h, w)
    xs = torch.linspace(0, 1, w).view(1, w).expand(h, w)
    return torch.stack([xs, ys, (xs + ys) / 2]).contiguous()


def _noise_image(path: Path, fmt: str, size: int = 64) -> bytes:
    rng = np.random.default_rng(0)
    Image.fromarray(rng.integers(0, 256, (size, size, 3), dtype=np.uint8)).save(path, fmt)
    return path.read_bytes()


def _png_with_header(width: int, height: int) -> bytes:
    """A tiny PNG whose IHDR claims ``width`` x ``height`` (a decompression-bomb stand-in)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _leftovers(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".partial")]


# --------------------------------------------------------------------------- constants


def test_constants() -> None:
    assert IMAGE_SUFFIXES == {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".bmp", ".gif"}
    assert DEFAULT_MAX_PIXELS == 100_000_000
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize(
    ("suffix", "fmt", "tol"),
    [
        (".png", "PNG", 0.5 / 255 + 1e-6),
        (".tif", "TIFF", 0.5 / 255 + 1e-6),
        (".bmp", "BMP", 0.5 / 255 + 1e-6),
        (".jpg", "JPEG", 0.06),
        (".webp", "WEBP", 0.08),
    ],
)
def test_roundtrip_rgb(tmp_path: Path, suffix: str, fmt: str, tol: float) -> None:
    rgb = _gradient()
    path = tmp_path / f"out{suffix}"
    write_image_atomic(path, rgb)
    loaded = read_image(path)
    assert isinstance(loaded, LoadedImage)
    assert loaded.format == fmt
    assert loaded.size == (24, 16)
    assert loaded.rgb.dtype == torch.float32 and loaded.rgb.shape == (3, 16, 24)
    assert loaded.rgb.is_contiguous()
    assert loaded.alpha is None
    assert (loaded.rgb - rgb).abs().max() <= tol if fmt in ("PNG", "TIFF", "BMP") else True
    assert (loaded.rgb - rgb).abs().mean() <= tol
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", [".png", ".webp", ".tif"])
def test_roundtrip_rgba_keeps_alpha(tmp_path: Path, suffix: str) -> None:
    rgb = _gradient(8, 8)
    alpha = torch.zeros(8, 8)
    alpha[:, 4:] = 1.0
    alpha[0, 0] = 0.5
    path = tmp_path / f"a{suffix}"
    write_image_atomic(path, rgb, alpha)
    loaded = read_image(path)
    assert loaded.alpha is not None
    assert loaded.alpha.dtype == torch.float32 and loaded.alpha.shape == (8, 8)
    assert torch.allclose(loaded.alpha, alpha, atol=1 / 255 + 1e-6)


@pytest.mark.parametrize("suffix", [".jpg", ".bmp"])
def test_alpha_composited_over_white_without_alpha_support(tmp_path: Path, suffix: str) -> None:
    rgb = torch.zeros(3, 8, 8)
    alpha = torch.zeros(8, 8)
    alpha[:, 4:] = 1.0
    path = tmp_path / f"flat{suffix}"
    write_image_atomic(path, rgb, alpha)
    loaded = read_image(path)
    assert loaded.alpha is None
    assert loaded.rgb[:, :, :2].mean() > 0.95  # transparent black -> white
    assert loaded.rgb[:, :, 6:].mean() < 0.05  # opaque black stays black


# --------------------------------------------------------------------------- modes


def test_palette_with_transparency_gives_alpha(tmp_path: Path) -> None:
    img = Image.new("P", (4, 4), 1)
    img.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    img.putpixel((0, 0), 0)
    path = tmp_path / "pal.png"
    img.save(path, transparency=0)
    loaded = read_image(path)
    assert loaded.alpha is not None
    assert loaded.alpha[0, 0] == 0.0 and loaded.alpha[1, 1] == 1.0
    assert loaded.rgb[0, 1, 1] == 1.0 and loaded.rgb[1, 1, 1] == 0.0


def test_palette_without_transparency_has_no_alpha(tmp_path: Path) -> None:
    path = tmp_path / "pal.png"
    Image.new("RGB", (4, 4), (10, 200, 30)).convert("P").save(path)
    loaded = read_image(path)
    assert loaded.alpha is None
    assert loaded.rgb[1, 0, 0] > 0.7


def test_16bit_png_uses_full_range(tmp_path: Path) -> None:
    values = np.linspace(0, 65535, 256).round().astype(np.uint16)
    path = tmp_path / "deep.png"
    Image.fromarray(np.tile(values, (4, 1))).save(path)
    loaded = read_image(path)
    row = loaded.rgb[0, 0]
    assert row[0] == pytest.approx(0.0, abs=1e-6)
    assert row[-1] == pytest.approx(1.0, abs=1e-6)
    assert row[128] == pytest.approx(128 / 255, abs=1e-3)
    assert (row >= 0.999).sum() == 1  # not saturated at 255/65535
    assert torch.all(row[1:] >= row[:-1])
    assert torch.equal(loaded.rgb[0], loaded.rgb[1]) and torch.equal(loaded.rgb[1], loaded.rgb[2])


def test_cmyk_jpeg_reads_as_rgb(tmp_path: Path) -> None:
    path = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (8, 8), (0, 255, 255, 0)).save(path, quality=95)  # pure red ink
    loaded = read_image(path)
    r, g, b = loaded.rgb.mean(dim=(1, 2)).tolist()
    assert r > 0.8 and g < 0.2 and b < 0.2


def test_srgb_icc_profile_is_honoured(tmp_path: Path) -> None:
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path = tmp_path / "icc.png"
    Image.new("RGB", (4, 4), (200, 100, 50)).save(path, icc_profile=icc)
    loaded = read_image(path)
    expected = [200 / 255, 100 / 255, 50 / 255]
    assert loaded.rgb[:, 0, 0].tolist() == pytest.approx(expected, abs=2 / 255)


def test_broken_icc_profile_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "badicc.png"
    Image.new("RGB", (4, 4), (200, 100, 50)).save(path, icc_profile=b"not a profile at all")
    loaded = read_image(path)
    assert loaded.rgb[:, 0, 0].tolist() == pytest.approx([200 / 255, 100 / 255, 50 / 255], abs=1e-6)


def test_grayscale_gives_three_equal_channels(tmp_path: Path) -> None:
    path = tmp_path / "gray.png"
    Image.new("L", (5, 3), 128).save(path)
    loaded = read_image(path)
    assert loaded.rgb.shape == (3, 3, 5) and loaded.alpha is None
    assert torch.allclose(loaded.rgb, torch.full((3, 3, 5), 128 / 255))


def test_gray_with_alpha(tmp_path: Path) -> None:
    img = Image.new("LA", (4, 4), (64, 255))
    img.putpixel((0, 0), (64, 0))
    path = tmp_path / "la.png"
    img.save(path)
    loaded = read_image(path)
    assert torch.allclose(loaded.rgb, torch.full((3, 4, 4), 64 / 255))
    assert loaded.alpha is not None
    assert loaded.alpha[0, 0] == 0.0 and loaded.alpha[1, 1] == 1.0


def test_corrupt_exif_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "badexif.jpg"
    Image.new("RGB", (6, 4), (0, 255, 0)).save(path, exif=b"Exif\x00\x00garbage-not-tiff")
    assert read_image(path).size == (6, 4)


def test_16bit_with_exif_orientation(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "deep.png"
    Image.fromarray(np.full((2, 5), 65535, dtype=np.uint16)).save(path, exif=exif)
    loaded = read_image(path)
    assert loaded.size == (2, 5) and loaded.rgb.min() == 1.0


@pytest.mark.parametrize("mode", ["1", "I", "F", "YCbCr", "LAB", "CMYK"])
def test_other_modes_decode(tmp_path: Path, mode: str) -> None:
    path = tmp_path / f"m{mode}.tif"
    # Even sides: libtiff subsamples YCbCr 2x2, and some versions misread odd-sized files.
    Image.new(mode, (4, 2)).save(path)
    loaded = read_image(path)
    assert loaded.rgb.shape == (3, 2, 4)
    assert float(loaded.rgb.min()) >= 0.0 and float(loaded.rgb.max()) <= 1.0


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    img = Image.new("RGB", (16, 8), (0, 0, 255))
    img.paste((255, 0, 0), (0, 0, 8, 8))  # left half red
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise for display
    path = tmp_path / "rot.jpg"
    img.save(path, exif=exif, quality=95)
    loaded = read_image(path)
    assert loaded.size == (8, 16)
    assert loaded.rgb[0, :6].mean() > 0.8  # the red left half is now on top
    assert loaded.rgb[2, 10:].mean() > 0.8


def test_animated_gif_uses_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (4, 4), c) for c in [(255, 0, 0), (0, 0, 255)]]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=50, loop=0)
    loaded = read_image(path)
    assert loaded.format == "GIF"
    assert loaded.rgb[0].mean() > 0.9 and loaded.rgb[2].mean() < 0.1


def test_multipage_tiff_uses_first_page(tmp_path: Path) -> None:
    pages = [Image.new("RGB", (4, 4), c) for c in [(0, 255, 0), (255, 0, 0)]]
    path = tmp_path / "pages.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:])
    assert read_image(path).rgb[1].mean() == 1.0


# --------------------------------------------------------------------------- bad inputs


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadImage, match=r"nope\.png: file not found"):
        read_image(tmp_path / "nope.png")


def test_directory_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "d.png").mkdir()
    with pytest.raises(BadImage, match="directory"):
        read_image(tmp_path / "d.png")


def test_zero_byte_file(tmp_path: Path) -> None:
    (tmp_path / "empty.jpg").write_bytes(b"")
    with pytest.raises(BadImage, match=r"empty\.jpg: file is empty"):
        read_image(tmp_path / "empty.jpg")


def test_text_file_named_jpg(tmp_path: Path) -> None:
    (tmp_path / "notes.jpg").write_text("shopping list: eggs, milk\n")
    with pytest.raises(BadImage, match=r"notes\.jpg: not an image file"):
        read_image(tmp_path / "notes.jpg")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
@pytest.mark.parametrize("kept", [0.11, 0.5, 0.98])
def test_truncated_image(tmp_path: Path, fmt: str, kept: float) -> None:
    path = tmp_path / f"cut.{fmt.lower()}"
    data = _noise_image(path, fmt)
    path.write_bytes(data[: int(len(data) * kept)])
    with pytest.raises(BadImage, match="truncated file") as info:
        read_image(path)
    message = str(info.value)
    # Pillow counts the bytes it had left over ("2 bytes not processed"), not what is missing.
    assert path.name in message and "\n" not in message and "not processed" not in message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.png"
    Image.new("RGB", (2, 2)).save(path)
    path.chmod(0)
    try:
        with pytest.raises(BadImage, match="permission denied"):
            read_image(path)
    finally:
        path.chmod(0o644)


def test_bomb_header_rejected_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_with_header(12000, 9000))  # 108 MP: our limit, below Pillow's error
    with pytest.raises(BadImage) as info:
        read_image(path)
    assert str(info.value) == (
        "bomb.png: image is 12000×9000 px, over the 100,000,000-pixel safety limit"
    )


def test_huge_bomb_hits_pillow_backstop(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_with_header(60000, 60000))
    with pytest.raises(BadImage, match=r"bomb\.png: .*pixel safety limit"):
        read_image(path)
    with pytest.raises(BadImage, match="safety limit"):
        read_image(path, max_pixels=10**12)


def test_small_max_pixels(tmp_path: Path) -> None:
    path = tmp_path / "n.png"
    Image.new("RGB", (16, 16)).save(path)
    with pytest.raises(BadImage, match=r"n\.png: image is 16×16 px, over the 100-pixel"):
        read_image(path, max_pixels=100)
    assert read_image(path, max_pixels=256).size == (16, 16)


# --------------------------------------------------------------------------- writing


def test_write_creates_parents_and_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "out.png"
    write_image_atomic(path, torch.zeros(3, 4, 4))
    write_image_atomic(path, torch.ones(3, 4, 4))
    assert read_image(path).rgb.min() == 1.0
    assert _leftovers(path.parent) == []
    assert sorted(p.name for p in path.parent.iterdir()) == ["out.png"]


def test_write_rounds_values(tmp_path: Path) -> None:
    rgb = torch.full((3, 2, 2), 100.4 / 255)
    rgb[0] = 100.6 / 255
    path = tmp_path / "r.png"
    write_image_atomic(path, rgb)
    assert np.asarray(Image.open(path))[0, 0].tolist() == [101, 100, 100]


def test_failed_replace_removes_temp_and_keeps_old(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "out.png"
    write_image_atomic(path, torch.zeros(3, 4, 4))
    before = path.read_bytes()

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(images.os, "replace", no_space)
    with pytest.raises(OutputError, match="no space left on device"):
        write_image_atomic(path, torch.ones(3, 4, 4))
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_failed_save_removes_temp(tmp_path: Path, monkeypatch) -> None:
    def no_space(self, fp, *args, **kwargs):
        fp.write(b"partial data")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", no_space)
    with pytest.raises(OutputError, match=r"out\.jpg.*no space left on device"):
        write_image_atomic(tmp_path / "out.jpg", torch.zeros(3, 4, 4))
    assert list(tmp_path.iterdir()) == []


def test_permission_denied_simulated(tmp_path: Path, monkeypatch) -> None:
    """Runs even as root (which ignores permission bits): the OS call itself refuses."""
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".partial"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(images.os, "open", refuse)
    with pytest.raises(OutputError, match=r"out\.png: cannot write output: permission denied"):
        write_image_atomic(tmp_path / "out.png", torch.zeros(3, 4, 4))
    assert list(tmp_path.iterdir()) == []


def test_read_permission_denied_simulated(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "secret.png"
    Image.new("RGB", (2, 2)).save(path)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(images.Image, "open", refuse)
    with pytest.raises(BadImage, match=r"secret\.png: permission denied"):
        read_image(path)


def test_keyboard_interrupt_still_cleans_up(tmp_path: Path, monkeypatch) -> None:
    def interrupted(self, fp, *args, **kwargs):
        fp.write(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(Image.Image, "save", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_image_atomic(tmp_path / "out.png", torch.zeros(3, 4, 4))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_directory(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            write_image_atomic(folder / "out.png", torch.zeros(3, 4, 4))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_unsupported_output_suffix(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="unsupported output format"):
        write_image_atomic(tmp_path / "out.gif", torch.zeros(3, 4, 4))


def test_output_file_permissions_follow_umask(tmp_path: Path) -> None:
    path = tmp_path / "perm.png"
    write_image_atomic(path, torch.zeros(3, 2, 2))
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_output_suffix() -> None:
    assert output_suffix("a/b/Photo.JPEG", "keep") == ".jpeg"
    assert output_suffix("x.TIF", "keep") == ".tif"
    assert output_suffix("x.gif", "keep") == ".png"
    assert output_suffix("x.jpg", "png") == ".png"
    assert output_suffix("x.png", "jpg") == ".jpg"
    assert output_suffix("x.png", "webp") == ".webp"
    with pytest.raises(UsageError):
        output_suffix("x.png", "gif")


# --------------------------------------------------------------------------- resizing


def test_resize_long_edge_never_upscales() -> None:
    image = _gradient(24, 16)
    assert resize_long_edge(image, 24) is image
    assert resize_long_edge(image, 1000) is image


def test_resize_long_edge_keeps_aspect() -> None:
    out = resize_long_edge(_gradient(200, 100), 50)
    assert out.shape == (3, 25, 50)
    tall = resize_long_edge(torch.rand(2, 3, 90, 30), 45)
    assert tall.shape == (2, 3, 45, 15)
    assert float(tall.min()) >= 0.0 and float(tall.max()) <= 1.0


def test_resize_to_exact_size() -> None:
    checker = (torch.arange(64).view(8, 8) % 2).float().expand(3, 8, 8)
    out = resize_to(checker, (5, 3))
    assert out.shape == (3, 3, 5)
    assert float(out.min()) >= 0.0 and float(out.max()) <= 1.0
    assert resize_to(torch.rand(8, 6), (3, 4)).shape == (4, 3)  # 2-D alpha
    assert resize_to(torch.rand(2, 3, 8, 6), (12, 16)).shape == (2, 3, 16, 12)
    with pytest.raises(ValueError):
        resize_to(checker, (0, 3))
