"""The app's settings, persisted as JSON in the user config folder (platformdirs, or under
``STUDIO_HOME``): default output folder, device, working size, output format, and the window
geometry."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from studio import paths
from studio.atomic import write_atomically


@dataclass
class Settings:
    output_folder: str = ""  # where job folders go; empty: next to the first input
    device: str = "auto"
    working_size: int = 0  # 0: the style's own
    output_format: str = "keep"
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
