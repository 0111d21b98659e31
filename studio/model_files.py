"""Style model files: ``NAME.safetensors`` weights beside a ``NAME.json`` card.

Looked up in the shipped models (``resources/models``, package ``studio_resources``) and the
user models folder (under ``STUDIO_HOME`` when set); a user model with a shipped model's name
shadows it. Only safetensors are ever loaded: a file that would need unpickling is refused.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from studio import paths
from studio.atomic import write_atomically
from studio.errors import ModelFileError
from studio.i18n import translate

CARD_FORMAT = "studio-style-model"
CARD_VERSION = 1
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class ModelFile:
    name: str
    weights: Path
    card: dict[str, Any]
    source: str  # "shipped" or "user"

    @property
    def kind(self) -> str:
        return str(self.card.get("kind", ""))


def _shipped_dir() -> Path:
    return Path(str(resources.files("studio_resources"))) / "models"


def read_card(card_path: Path, source: str) -> ModelFile:
    """The model described by a card; :class:`ModelFileError` if card or weights are unusable."""
    try:
        card = json.loads(card_path.read_text())
    except (OSError, ValueError) as exc:
        raise ModelFileError(translate("model_files", "{file}: unreadable model card: {error}").format(
            file=card_path.name, error=exc)) from None
    if not isinstance(card, dict) or card.get("format") != CARD_FORMAT:
        raise ModelFileError(translate("model_files", "{file}: not a Style Studio model card").format(
            file=card_path.name))
    if card.get("version") != CARD_VERSION:
        raise ModelFileError(translate("model_files", "{file}: card version {version} is not supported").format(
            file=card_path.name, version=repr(card.get("version"))))
    name = card.get("name", "")
    if not isinstance(name, str) or not _NAME.match(name) or name != card_path.stem:
        raise ModelFileError(translate("model_files", "{file}: the card's name must match its file name").format(
            file=card_path.name))
    problem = _card_problem(card)
    if problem:
        raise ModelFileError(translate("model_files", "{file}: invalid model card: {problem}").format(
            file=card_path.name, problem=problem))
    weights = card_path.with_suffix(".safetensors")
    if not weights.is_file():
        message = translate("model_files", "{file}: weights {weights} not found (only safetensors are loaded)")
        raise ModelFileError(message.format(file=card_path.name, weights=weights.name))
    return ModelFile(name, weights, card, source)


def _card_problem(card: dict[str, Any]) -> str | None:
    """What is wrong with a card's fields, or None. Checked before any weights are touched."""
    for key in ("kind", "title"):
        if not isinstance(card.get(key), str) or not card[key].strip():
            return translate("model_files", "'{key}' must be a non-empty string").format(key=key)
    if not isinstance(card.get("description", ""), str):
        return translate("model_files", "'description' must be a string")
    arch = card.get("architecture")
    if card["kind"] in ("gan", "cgan"):
        if not isinstance(arch, dict) or not isinstance(arch.get("class"), str):
            return translate("model_files", "'architecture' must be an object with a 'class' name")
        config = arch.get("config", {})
        if not isinstance(config, dict) or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0
                                                   for v in config.values()):
            return translate("model_files", "'architecture.config' must map names to non-negative integers")
    categories = card.get("categories")
    if categories is not None and (not isinstance(categories, list) or not categories
                                   or not all(isinstance(c, str) and c.strip() for c in categories)
                                   or len(set(categories)) != len(categories)):
        return translate("model_files", "'categories' must be null or a list of distinct non-empty strings")
    if card["kind"] == "cgan" and not categories:
        return translate("model_files", "a category model ('kind': 'cgan') must list its 'categories'")
    return None


def find_model_files(kind: str | None = None) -> tuple[list[ModelFile], list[tuple[str, str]]]:
    """Usable models (optionally of one ``kind``) and the cards refused, as (file, reason)."""
    found: dict[str, ModelFile] = {}
    refused: list[tuple[str, str]] = []
    for source, folder in (("shipped", _shipped_dir()), ("user", paths.models_dir())):
        for card_path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                model = read_card(card_path, source)
            except ModelFileError as exc:
                refused.append((str(card_path), str(exc)))
                continue
            if kind is None or model.kind == kind:
                found[model.name] = model
    return list(found.values()), refused


def load_model_weights(model: ModelFile) -> dict[str, Any]:
    """The weights as tensors (safetensors: parsing cannot run code)."""
    from safetensors.torch import load_file

    try:
        return load_file(str(model.weights))
    except Exception as exc:  # noqa: BLE001 - any parse failure is a bad file
        raise ModelFileError(translate("model_files", "{file}: not a valid safetensors file ({error})").format(
            file=model.weights.name, error=exc)) from None


def write_model(folder: Path, name: str, state: dict[str, Any], card: dict[str, Any]) -> ModelFile:
    """Write weights then card, each atomically; the card appears last, so a half-written
    model is never listed."""
    from safetensors.torch import save_file

    if not _NAME.match(name):
        raise ModelFileError(translate("model_files", "model name {name} must be lowercase letters, digits, '-' or "
                                                      "'_'").format(name=repr(name)))
    folder.mkdir(parents=True, exist_ok=True)
    card = {"format": CARD_FORMAT, "version": CARD_VERSION, **card, "name": name}
    weights, card_path = folder / f"{name}.safetensors", folder / f"{name}.json"
    write_atomically(weights, lambda p: save_file({k: v.contiguous() for k, v in state.items()}, str(p)))
    write_atomically(card_path, lambda p: p.write_text(json.dumps(card, indent=2)))
    return ModelFile(name, weights, card, "user")
