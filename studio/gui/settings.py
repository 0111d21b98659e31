"""The app's settings, persisted as JSON in the user config folder (platformdirs, or under
``STUDIO_HOME``): default output folder, device, working size, output format and quality, and
the window geometry, the interface language. Presets (named sets of style settings) are JSON files beside it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from studio import paths
from studio.atomic import write_atomically
from studio.i18n import translate


@dataclass
class Settings:
    output_folder: str = ""  # where job folders go; empty: next to the first input
    device: str = "auto"
    working_size: int = 0  # 0: the style's own
    output_format: str = "keep"
    quality: int = 92  # JPEG/WebP quality of outputs
    debug: bool = False  # record plugin tracebacks in failed items (for plugin authors)
    language: str = "system"  # "system", "en" or "zh_CN"; read at start (studio.gui.app.choose_language)
    window_geometry: str = ""  # Qt's saveGeometry(), base64

    @staticmethod
    def path() -> Path:
        return paths.config_dir() / "gui-settings.json"

    @classmethod
    def load(cls) -> Settings:
        try:
            data = json.loads(cls.path().read_text())
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        try:
            return cls(**{k: v for k, v in data.items() if k in known})
        except TypeError:
            return cls()

    def save(self) -> None:
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, lambda tmp: tmp.write_text(json.dumps(asdict(self), indent=2)))


def presets_dir() -> Path:
    return paths.config_dir() / "presets"


def preset_names() -> list[str]:
    folder = presets_dir()
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def save_preset(name: str, values: dict) -> Path:
    """Write a preset; ``name`` becomes its file name, so path separators are refused."""
    clean = name.strip()
    if not clean or any(c in clean for c in '/\\:*?"<>|') or clean.startswith("."):
        raise ValueError(translate("gui.settings", "a preset name cannot be empty or hold / \\ : * ? \" < > |: {name}")
                         .format(name=repr(name)))
    folder = presets_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{clean}.json"
    write_atomically(path, lambda tmp: tmp.write_text(json.dumps(values, indent=2)))
    return path


def load_preset(name: str) -> dict:
    """A saved preset; ``ValueError`` when it is missing or not a preset file."""
    path = presets_dir() / f"{name}.json"
    try:
        data = json.loads(path.read_text())
    except OSError as exc:
        raise ValueError(translate("gui.settings", "preset {name} cannot be read: {error}").format(
            name=repr(name), error=exc.strerror)) from None
    except ValueError:
        raise ValueError(translate("gui.settings", "preset {name} is not a valid preset file ({path})").format(
            name=repr(name), path=path)) from None
    if not isinstance(data, dict) or "style" not in data:
        raise ValueError(translate("gui.settings", "preset {name} is not a valid preset file ({path})").format(
            name=repr(name), path=path))
    return data
