"""Files that ship with Style Studio: its own generated sample photos and style images."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from studio.errors import UsageError
from studio.i18n import translate

#: Style image used when a model needs one and the user gave none.
DEFAULT_STYLE_IMAGE = "waves"


def _root() -> Path:
    return Path(str(resources.files("studio_resources")))


def resource_dir(name: str) -> Path:
    """A folder of the shipped resources (``i18n``, ``fonts``...), in a checkout, a wheel or the bundle."""
    return _root() / name


def samples_dir() -> Path:
    """The bundled demo product photos (used by the README's first command)."""
    return _root() / "samples"


def style_images() -> dict[str, Path]:
    """Bundled style images by name (file stem)."""
    folder = _root() / "styles"
    return {p.stem: p for p in sorted(folder.glob("*.png"))} if folder.is_dir() else {}


def gatys_thumbnail() -> Path | None:
    """The gallery thumbnail of the Gatys style (``resources/make_gatys_preview.py``)."""
    path = _root() / "previews" / "gatys.png"
    return path if path.is_file() else None


def resolve_style_image(ref: str) -> Path:
    """A path, or the name of a bundled style image such as ``mosaic``."""
    path = Path(ref).expanduser()
    if path.is_file():
        return path.resolve()
    bundled = style_images()
    if ref in bundled:
        return bundled[ref]
    if not bundled:
        raise UsageError(translate("bundled", "style image not found: {ref} (not a file, nor a bundled style image: "
                                              "none)").format(ref=ref))
    raise UsageError(translate("bundled", "style image not found: {ref} (not a file, nor a bundled style image: "
                                          "{names})").format(ref=ref, names=", ".join(bundled)))
