"""Where Style Studio keeps its files.

platformdirs gives the per-user locations; the environment variable ``STUDIO_HOME`` replaces
all of them with sub-folders of one directory so tests and scripts can isolate themselves.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "style-studio"


def _home_override() -> Path | None:
    home = os.environ.get("STUDIO_HOME")
    return Path(home).expanduser() if home else None


def _location(kind: str) -> Path:
    home = _home_override()
    if home is not None:
        path = home / kind
    else:
        getter = {
            "config": platformdirs.user_config_path,
            "data": platformdirs.user_data_path,
            "cache": platformdirs.user_cache_path,
        }[kind if kind != "models" else "data"]
        path = getter(APP_NAME, appauthor=False)
        if kind == "models":
            path = path / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    return _location("config")


def data_dir() -> Path:
    """Holds the job database (``jobs.sqlite3``)."""
    return _location("data")


def cache_dir() -> Path:
    return _location("cache")


def models_dir() -> Path:
    """User-trained style models (safetensors + JSON card)."""
    return _location("models")


def job_db_path() -> Path:
    return data_dir() / "jobs.sqlite3"
