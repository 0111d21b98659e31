"""Image I/O for the core: safe decoding to sRGB tensors, atomic writing, resizing.

Everything that touches image files goes through here so that the rest of the core can rely on
one tensor convention: ``float32`` in ``[0, 1]``, sRGB, ``(3, H, W)`` colour plus an optional
``(H, W)`` alpha. Failures surface as :class:`BadImage` / :class:`OutputError` with a one-line
message that names the file, because a batch reports them per item to a person.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageOps, UnidentifiedImageError, features

try:  # Pillow can be built without LittleCMS; colour management is then skipped.
    from PIL import ImageCms
except ImportError:  # pragma: no cover - depends on the Pillow build
    ImageCms = None  # type: ignore[assignment]

from studio.errors import BadImage, OutputError, UsageError
from studio.i18n import translate

IMAGE_SUFFIXES: frozenset[str] = frozenset(
    {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".bmp", ".gif"}
)  # animated GIF/WebP and multi-page TIFF: the first frame is styled (a catalog photo is one frame)
DEFAULT_MAX_PIXELS = 100_000_000  # decompression-bomb limit

_SAVE_FORMATS = {
    ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP",
    ".tif": "TIFF", ".tiff": "TIFF", ".bmp": "BMP",
}
_ALPHA_FORMATS = frozenset({"PNG", "WEBP", "TIFF"})
_SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"subsampling": "4:2:0"}, "WEBP": {}, "PNG": {"compress_level": 6}, "BMP": {},
    "TIFF": {"compression": "tiff_deflate"} if features.check_codec("libtiff") else {},
}
_OUTPUT_CHOICES = {"png": ".png", "jpg": ".jpg", "webp": ".webp"}
_ALPHA_MODES = {"RGBA": "RGBA", "LA": "LA", "PA": "RGBA", "RGBa": "RGBA", "La": "LA"}
_HIGH_DEPTH_MODES = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N", "F"})


def _os_reasons() -> dict[int, str]:
    """Short human reasons for the common OS errors, in the interface language."""
    return {
        errno.ENOSPC: translate("images", "no space left on device"),
        errno.EACCES: translate("images", "permission denied"),
        errno.EPERM: translate("images", "permission denied"),
        errno.EROFS: translate("images", "read-only file system"),
        errno.ENOENT: translate("images", "file not found"),
        errno.EISDIR: translate("images", "is a directory"),
        errno.ENAMETOOLONG: translate("images", "file name too long"),
        getattr(errno, "EDQUOT", -1): translate("images", "disk quota exceeded"),
    }


@dataclass
class LoadedImage:
    """A decoded image in the core's tensor convention."""

    rgb: torch.Tensor  # float32 (3, H, W) in [0, 1], sRGB, EXIF orientation applied
    alpha: torch.Tensor | None  # float32 (H, W) in [0, 1], or None without transparency
    format: str  # Pillow format name of the source ("JPEG", "PNG", ...)

    @property
    def size(self) -> tuple[int, int]:
        """(width, height), the order Pillow and users speak in."""
        return int(self.rgb.shape[2]), int(self.rgb.shape[1])


def walk_images(root: str | os.PathLike, skip_dir: Callable[[Path], bool] | None = None) -> Iterator[Path]:
    """Image files under ``root`` (by suffix) in a stable order, hidden files and folders left
    out, and folders for which ``skip_dir`` is true. Directory symlinks are not followed, so
    symlink loops cannot trap the walk."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (skip_dir and skip_dir(here / d)))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in IMAGE_SUFFIXES:
                yield here / name


# --------------------------------------------------------------------------- reading


def read_image(path: str | os.PathLike, max_pixels: int = DEFAULT_MAX_PIXELS) -> LoadedImage:
    """Decode ``path`` to sRGB tensors, refusing anything unsafe or broken with :class:`BadImage`.

    The pixel count is checked from the header before any pixel data is decoded, so a
    decompression bomb costs nothing. Multi-frame files (animated GIF/WebP, multipage TIFF)
    yield their first frame only. EXIF orientation is applied and an embedded ICC profile is
    converted to sRGB; if colour management fails the plain conversion is used instead,
    because slightly-off colours are better than a failed batch item.
    """
    path = Path(path)
    name = path.name or str(path)
    _check_regular_nonempty(path, name)
    try:
        # Our own size check is the authority; Pillow's warning threshold (~89 MP) is below our
        # default, so its warning is silenced. Should this filter leak through a thread race it
        # stays harmless, unlike a leaked "error" filter. Its hard error remains a backstop.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                _check_pixels(img.size, name, max_pixels)
                fmt = img.format or "unknown"
                img.load()  # first frame; raises on truncated data (LOAD_TRUNCATED_IMAGES off)
                rgb, alpha = _decode(img, name)
    except BadImage:
        raise
    except Image.DecompressionBombError as exc:
        raise BadImage(_bomb_message(name, str(exc), max_pixels)) from exc
    except UnidentifiedImageError as exc:
        raise BadImage(translate("images", "{name}: not an image file (or an unsupported format)").format(
            name=name)) from exc
    except OSError as exc:
        reasons = _os_reasons()
        if exc.errno in reasons:
            message = translate("images", "{name}: {reason}").format(name=name, reason=reasons[exc.errno])
            raise BadImage(message) from exc
        # Pillow: "image file is truncated (N bytes not processed)" or "Truncated File Read";
        # its byte count is what was left over, not what is missing, so it is not repeated.
        if "truncated" in str(exc).lower():
            message = translate("images", "{name}: truncated file: the image data ends before the picture is "
                                          "complete (an interrupted copy or download?)")
            raise BadImage(message.format(name=name)) from exc
        raise BadImage(_corrupt_message(name, exc)) from exc
    except (SyntaxError, EOFError, ValueError, IndexError, TypeError) as exc:
        raise BadImage(_corrupt_message(name, exc)) from exc
    return LoadedImage(rgb=rgb, alpha=alpha, format=fmt)


def _check_regular_nonempty(path: Path, name: str) -> None:
    """Give the common filesystem problems a clearer message than Pillow would."""
    try:
        st = path.stat()
    except OSError as exc:
        raise BadImage(translate("images", "{name}: {reason}").format(name=name, reason=_os_reason(exc))) from exc
    if stat.S_ISDIR(st.st_mode):
        raise BadImage(translate("images", "{name}: is a directory, not an image file").format(name=name))
    if not stat.S_ISREG(st.st_mode):  # a pipe or device: reading it could block forever
        raise BadImage(translate("images", "{name}: not a regular file (a pipe or device)").format(name=name))
    if st.st_size == 0:
        raise BadImage(translate("images", "{name}: file is empty").format(name=name))


def _corrupt_message(name: str, exc: BaseException) -> str:
    return translate("images", "{name}: truncated or corrupt image data: {error}").format(name=name, error=_short(exc))


def _check_pixels(size: tuple[int, int], name: str, max_pixels: int) -> None:
    width, height = size
    if width * height > max_pixels:
        message = translate("images", "{name}: image is {width}×{height} px, over the {limit}-pixel safety limit")
        raise BadImage(message.format(name=name, width=width, height=height, limit=f"{max_pixels:,}"))


def _bomb_message(name: str, pillow_message: str, max_pixels: int) -> str:
    """Pillow's backstop fired before we saw the size; recover what we can from its message."""
    pillow_limit = 2 * (Image.MAX_IMAGE_PIXELS or 0) or max_pixels
    limit = min(max_pixels, pillow_limit)
    match = re.search(r"\((\d+) pixels\)", pillow_message)
    if match is None:
        return translate("images", "{name}: image is too large, over the {limit}-pixel safety limit").format(
            name=name, limit=f"{limit:,}")
    return translate("images", "{name}: image is {count} px, over the {limit}-pixel safety limit").format(
        name=name, count=f"{int(match.group(1)):,}", limit=f"{limit:,}")


def _decode(img: Image.Image, name: str) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Turn a loaded Pillow frame into (rgb, alpha) tensors in the core's convention."""
    icc = img.info.get("icc_profile")
    img = _exif_transpose(img)
    img, alpha = _split_alpha(img)
    if img.mode in _HIGH_DEPTH_MODES:
        rgb = _high_depth_to_float(img)
    else:
        rgb = np.asarray(_to_srgb(img, icc, name), dtype=np.float32) / 255.0
    rgb_t = torch.from_numpy(np.ascontiguousarray(rgb.transpose(2, 0, 1)))
    alpha_t = None
    if alpha is not None:
        alpha_t = torch.from_numpy(np.asarray(alpha, dtype=np.float32) / 255.0).contiguous()
    return rgb_t, alpha_t


def _exif_transpose(img: Image.Image) -> Image.Image:
    """Apply EXIF orientation; broken EXIF is metadata, not a reason to reject the image."""
    try:
        return ImageOps.exif_transpose(img) or img
    except (OSError, ValueError, TypeError, KeyError, SyntaxError):
        return img


def _split_alpha(img: Image.Image) -> tuple[Image.Image, Image.Image | None]:
    """Separate transparency (alpha band or palette/colour-key tRNS) from the colour data."""
    if img.mode in ("P", "L", "RGB") and "transparency" in img.info:
        img = img.convert("RGBA")
    elif img.mode == "P":
        return img.convert("RGB"), None
    if img.mode not in _ALPHA_MODES:
        return img, None
    if img.mode != _ALPHA_MODES[img.mode]:  # palette or premultiplied: make plain alpha
        img = img.convert(_ALPHA_MODES[img.mode])
    alpha = img.getchannel("A")
    return img.convert("L" if img.mode == "LA" else "RGB"), alpha


def _high_depth_to_float(img: Image.Image) -> np.ndarray:
    """16-bit and 32-bit grey: scale by the real range (65535), not clip at 255."""
    arr = np.asarray(img).astype(np.float32)
    if img.mode == "F":
        peak = float(arr.max()) if arr.size else 0.0
        arr = arr / (1.0 if peak <= 1.0 else 255.0 if peak <= 255.0 else 65535.0)
    else:
        arr = arr / 65535.0
    arr = np.clip(np.nan_to_num(arr), 0.0, 1.0)
    return np.repeat(arr[:, :, None], 3, axis=2)


@lru_cache(maxsize=1)
def _srgb_profile() -> object:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(img: Image.Image, icc: bytes | None, name: str) -> Image.Image:
    """Convert to 8-bit sRGB, honouring an embedded ICC profile when colour management works."""
    if icc and ImageCms is not None and img.mode in ("RGB", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(img, source, _srgb_profile(), outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # fall back to Pillow's plain conversion below
    try:
        return img.convert("RGB")
    except ValueError as exc:
        raise BadImage(translate("images", "{name}: unsupported colour mode {mode}").format(
            name=name, mode=repr(img.mode))) from exc


# --------------------------------------------------------------------------- writing


def write_image_atomic(
    path: str | os.PathLike,
    rgb: torch.Tensor,
    alpha: torch.Tensor | None = None,
    quality: int = 92,
) -> None:
    """Write an image so that ``path`` is either the old file or the complete new one.

    Data goes to a hidden ``.partial`` file in the same directory, is fsynced, then renamed
    over ``path``; a crash or full disk never leaves a half-written output. The format follows
    the suffix; JPEG and BMP cannot store alpha, so such images are composited over white.
    """
    path = Path(path)
    fmt = _SAVE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise OutputError(translate("images", "{path}: unsupported output format {suffix}").format(
            path=path, suffix=repr(path.suffix)))
    if alpha is not None and fmt not in _ALPHA_FORMATS:
        rgb, alpha = _over_white(rgb, alpha), None
    img = _to_pil(rgb, alpha)
    options = dict(_SAVE_OPTIONS[fmt])
    if fmt in ("JPEG", "WEBP"):
        options["quality"] = quality
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_temp(tmp, img, fmt, options)
        os.replace(tmp, path)
    except Exception as exc:
        fatal = isinstance(exc, OSError) and exc.errno in _FATAL_WRITE_ERRORS
        message = translate("images", "{path}: cannot write output: {reason}").format(path=path, reason=_os_reason(exc))
        raise OutputError(message, fatal=fatal) from exc
    finally:
        with contextlib.suppress(OSError):  # no-op after a successful replace
            tmp.unlink(missing_ok=True)


def _write_temp(tmp: Path, img: Image.Image, fmt: str, options: dict[str, object]) -> None:
    """Create ``tmp`` exclusively (0666 minus umask, like any new file), fill and fsync it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(tmp, flags, 0o666), "wb") as fh:
        img.save(fh, format=fmt, **options)
        fh.flush()
        os.fsync(fh.fileno())


def _over_white(rgb: torch.Tensor, alpha: torch.Tensor) -> torch.Tensor:
    a = alpha.detach().to(rgb.device, torch.float32).clamp(0, 1)
    return rgb.detach().float() * a + (1.0 - a)


#: Write failures that every later output would hit too: the job stops instead of failing each.
_FATAL_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def _os_reason(exc: BaseException) -> str:
    """A short human reason for an OS-level failure."""
    reasons = _os_reasons()
    if isinstance(exc, OSError) and exc.errno in reasons:
        return reasons[exc.errno]
    return _short(exc)


def _short(exc: BaseException) -> str:
    """One line of text from an exception, for messages a person reads."""
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    text = text or type(exc).__name__
    return " ".join(text.split())


def _to_uint8(t: torch.Tensor) -> np.ndarray:
    """8-bit pixels, converted in bands of rows so a huge image needs no full-size float copy."""
    t = t.detach().to("cpu")
    out = torch.empty(t.shape, dtype=torch.uint8)
    rows = t.shape[-2]
    band = max(1, 4_000_000 // max(1, t[..., :1, :].numel()))
    for top in range(0, rows, band):
        piece = torch.nan_to_num(t[..., top : top + band, :].to(torch.float32))
        out[..., top : top + band, :] = piece.clamp_(0, 1).mul_(255.0).round_().to(torch.uint8)
    return out.numpy()


def _to_pil(rgb: torch.Tensor, alpha: torch.Tensor | None = None) -> Image.Image:
    """(3, H, W) [+ (H, W)] float tensors -> 8-bit RGB/RGBA Pillow image."""
    if rgb.ndim != 3 or rgb.shape[0] != 3:
        raise ValueError(f"expected rgb of shape (3, H, W), got {tuple(rgb.shape)}")
    arr = _to_uint8(rgb).transpose(1, 2, 0)
    if alpha is None:
        return Image.fromarray(np.ascontiguousarray(arr), "RGB")
    if tuple(alpha.shape) != tuple(rgb.shape[1:]):
        raise ValueError(f"alpha shape {tuple(alpha.shape)} does not match rgb {tuple(rgb.shape)}")
    rgba = np.concatenate([arr, _to_uint8(alpha)[:, :, None]], axis=2)
    return Image.fromarray(np.ascontiguousarray(rgba), "RGBA")


def output_suffix(input_path: str | os.PathLike, fmt: str) -> str:
    """The suffix an output gets: ``keep`` reuses the input's (lowercased), else ``.png`` etc.

    A kept suffix we cannot write (say ``.gif``) becomes ``.png``, which holds anything.
    """
    if fmt == "keep":
        suffix = Path(input_path).suffix.lower()
        return suffix if suffix in _SAVE_FORMATS else ".png"
    if fmt not in _OUTPUT_CHOICES:
        raise UsageError(translate("images", "unknown output format {format} (choose keep, png, jpg or webp)").format(
            format=repr(fmt)))
    return _OUTPUT_CHOICES[fmt]


# --------------------------------------------------------------------------- resizing


def resize_long_edge(image: torch.Tensor, long_edge: int) -> torch.Tensor:
    """Shrink so the longer side is ``long_edge``; smaller images come back unchanged.

    Never upscales: enlarging only costs compute and invents no detail.
    """
    if long_edge < 1:
        raise ValueError(f"long_edge must be positive, got {long_edge}")
    height, width = image.shape[-2:]
    if max(height, width) <= long_edge:
        return image
    scale = long_edge / max(height, width)
    new_w = long_edge if width >= height else max(1, round(width * scale))
    new_h = long_edge if height > width else max(1, round(height * scale))
    return resize_to(image, (new_w, new_h))


def resize_to(image: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    """Resize (H, W), (C, H, W) or (B, C, H, W) to ``size`` = (width, height), antialiased.

    Bicubic can overshoot, so the result is clamped back into [0, 1].
    """
    width, height = size
    if width < 1 or height < 1:
        raise ValueError(f"size must be positive, got {size}")
    if tuple(image.shape[-2:]) == (height, width):
        return image
    if not 2 <= image.ndim <= 4:
        raise ValueError(f"expected a 2-D, 3-D or 4-D tensor, got shape {tuple(image.shape)}")
    x = image if image.is_floating_point() else image.float()
    extra = 4 - image.ndim
    x = x.reshape((1,) * extra + tuple(x.shape))
    out = F.interpolate(x, (height, width), mode="bicubic", antialias=True, align_corners=False)
    return out.reshape(tuple(image.shape[:-2]) + (height, width)).clamp(0.0, 1.0)
