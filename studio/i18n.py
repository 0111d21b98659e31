"""The interface language: which one, and the core's translations of its messages.

One catalog per language serves the whole program: ``resources/i18n/studio_<lang>.ts`` (Qt
Linguist's XML, kept current by ``pyside6-lupdate``; ``resources/i18n/update.py``). The desktop
app loads its compiled ``.qm`` into a ``QTranslator`` and translates with Qt's ``tr()``; the
core and the CLIs, which never import Qt, read the same ``.ts`` here. Messages are marked with
``translate("Context", "English text {name}")`` and formatted after translation, so a
translation may move a placeholder (``.format(name=...)``) but never the code's wording.

The language is, first to last: ``--lang``, ``STUDIO_LANG``, the app's Settings choice, the
system locale (a Chinese locale gives Simplified Chinese), English. English is the source
text, so a message with no translation is shown in English, never blank.
"""

from __future__ import annotations

import locale
import os
import xml.etree.ElementTree as ElementTree
from functools import lru_cache
from pathlib import Path

#: Languages the interface speaks, by code, each named in its own language.
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"
#: The Settings value meaning "follow the system locale".
SYSTEM = "system"

_current = DEFAULT_LANGUAGE


class UnknownLanguage(ValueError):
    """A language code this program has no catalog for (``--lang fr``)."""


def normalize(code: str) -> str:
    """``zh``, ``zh-CN``, ``zh_CN.UTF-8``, ``zh_Hans_CN`` → ``zh_CN``; ``en_US`` → ``en``.

    Raises ``UnknownLanguage`` for a language without a catalog. Traditional Chinese
    (``zh_TW``, ``zh_HK``, ``zh_Hant``) is not Simplified Chinese: it is refused here and
    falls back to English when it comes from the system locale."""
    raw = code.strip()
    base = raw.split(".")[0].split("@")[0].replace("-", "_")
    parts = [p for p in base.split("_") if p]
    if not parts:
        raise UnknownLanguage(raw)
    lang = parts[0].lower()
    rest = {p.upper() for p in parts[1:]}
    if lang == "en" or base.upper() in {"C", "POSIX"}:
        return "en"
    if lang == "zh" and not rest & {"TW", "HK", "MO", "HANT"}:
        return "zh_CN"
    raise UnknownLanguage(raw)


def system_language() -> str:
    """The language the system locale asks for, when this program speaks it; else English."""
    candidates = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            # LANGUAGE may list several (zh_CN:en); the others hold one.
            candidates.extend(value.split(":") if var == "LANGUAGE" else [value])
            if var != "LANGUAGE":
                break
    if not candidates:
        try:
            found = locale.getlocale()[0]
        except ValueError:
            found = None
        candidates = [found] if found else []
    for candidate in candidates:
        try:
            return normalize(candidate)
        except UnknownLanguage:
            continue
    return DEFAULT_LANGUAGE


def resolve_language(explicit: str | None = None, setting: str = SYSTEM) -> str:
    """The language to use: ``explicit`` (``--lang``), ``STUDIO_LANG``, ``setting`` (the app's
    Settings; ``"system"`` defers to the locale), the system locale, English.

    A bad ``explicit`` or ``STUDIO_LANG`` raises ``UnknownLanguage`` (a script asked for it);
    a bad saved setting is ignored."""
    for value in (explicit, os.environ.get("STUDIO_LANG")):
        if value and value != SYSTEM:
            return normalize(value)
    if setting and setting != SYSTEM:
        try:
            return normalize(setting)
        except UnknownLanguage:
            pass
    return system_language()


def set_language(code: str) -> str:
    """Make ``code`` the language of every later ``translate``; returns the normalized code."""
    global _current
    _current = normalize(code)
    return _current


def current_language() -> str:
    return _current


def translate(context: str, text: str) -> str:
    """``text`` in the current language (``text`` itself in English or without a translation).

    ``context`` groups messages as Qt Linguist shows them; both arguments must be string
    literals where a message is marked, so ``pyside6-lupdate`` finds them."""
    if _current == DEFAULT_LANGUAGE:
        return text
    return _catalog(_current).get((context, text)) or text


def catalog_dir() -> Path:
    from studio.bundled import resource_dir  # bundled's errors import this module

    return resource_dir("i18n")


def catalog_path(code: str) -> Path:
    """The Linguist source catalog (``.ts``) of a language."""
    return catalog_dir() / f"studio_{code}.ts"


def compiled_catalog_path(code: str) -> Path:
    """The compiled catalog (``.qm``) the desktop app loads into a ``QTranslator``."""
    return catalog_dir() / f"studio_{code}.qm"


@lru_cache(maxsize=None)
def _catalog(code: str) -> dict[tuple[str, str], str]:
    """Finished translations of a ``.ts``, by (context, source); unfinished ones are left out,
    as ``lrelease`` leaves them out of the ``.qm``."""
    return read_catalog(catalog_path(code))


def read_catalog(path: Path) -> dict[tuple[str, str], str]:
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        return {}
    found: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None or translation.get("type"):
                continue  # unfinished, vanished or obsolete
            if translation.text:
                found[(name, source)] = translation.text
    return found
