"""Simplified Chinese: the catalog is complete and current, the app renders it with no missing
glyphs, Qt's own dialogs and the CLIs speak it, and the language is chosen as documented."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from studio import i18n

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "resources" / "i18n" / "studio_zh_CN.ts"
COMPILED = CATALOG.with_suffix(".qm")
FONT = ROOT / "resources" / "fonts" / "StyleStudioCJK-Regular.otf"
CJK = re.compile(r"[\u4e00-\u9fff]")


def messages(path: Path) -> list[tuple[str, str, ElementTree.Element]]:
    root = ElementTree.parse(path).getroot()
    return [(ctx.findtext("name") or "", msg.findtext("source") or "", msg.find("translation"))
            for ctx in root.iter("context") for msg in ctx.iter("message")]


def placeholders(text: str) -> list[str]:
    """Named format fields, %-style fields and Qt's %n / %1: a translation must keep them all."""
    return sorted(re.findall(r"\{[A-Za-z_]\w*(?::[^{}]*)?\}|%\([a-z_]+\)[sdfr]|%[sdn1-9]", text))


def load_update_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("i18n_update", ROOT / "resources" / "i18n" / "update.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the language choice -------------------------------------------------------------------

@pytest.mark.parametrize("code, expected", [
    ("zh_CN", "zh_CN"), ("zh-CN", "zh_CN"), ("zh_CN.UTF-8", "zh_CN"), ("zh", "zh_CN"), ("zh_Hans_CN", "zh_CN"),
    ("en", "en"), ("en_US.UTF-8", "en"), ("C", "en"), ("C.UTF-8", "en"), ("POSIX", "en"),
])
def test_language_codes_are_understood(code: str, expected: str) -> None:
    assert i18n.normalize(code) == expected


@pytest.mark.parametrize("code", ["fr", "zh_TW", "zh_Hant", "", "klingon"])
def test_languages_without_a_catalog_are_refused(code: str) -> None:
    with pytest.raises(i18n.UnknownLanguage):
        i18n.normalize(code)


def test_the_language_is_lang_then_studio_lang_then_settings_then_the_system(monkeypatch) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("STUDIO_LANG", raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.resolve_language() == "en"  # English is the default, also for other locales
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.resolve_language() == "zh_CN"  # "system default" follows a Chinese system
    assert i18n.resolve_language(setting="en") == "en"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert i18n.resolve_language(setting="zh_CN") == "zh_CN"
    monkeypatch.setenv("STUDIO_LANG", "en")
    assert i18n.resolve_language(setting="zh_CN") == "en"
    assert i18n.resolve_language("zh_CN", setting="en") == "zh_CN"
    monkeypatch.setenv("STUDIO_LANG", "fr")
    with pytest.raises(i18n.UnknownLanguage):
        i18n.resolve_language()


# --- the catalog -----------------------------------------------------------------------------

def test_every_message_is_translated_and_keeps_its_placeholders() -> None:
    found = messages(CATALOG)
    assert len(found) > 300
    problems = []
    for context, source, translation in found:
        text = translation.text or ""
        if translation.get("type") or not text.strip():
            problems.append(f"unfinished: [{context}] {source!r}")
        elif placeholders(source) != placeholders(text):
            problems.append(f"placeholders differ: [{context}] {source!r} -> {text!r}")
        elif re.search(r"&[A-Za-z]", source) and not re.search(r"&[A-Za-z]", text):
            problems.append(f"keyboard accelerator lost: [{context}] {source!r} -> {text!r}")
    assert not problems, "\n".join(problems[:40])
    # Translated, not copied: nearly every message has Chinese in it.
    chinese = sum(bool(CJK.search(t.text or "")) for _, _, t in found)
    assert chinese / len(found) > 0.95


def test_the_catalog_holds_every_marked_message_and_nothing_else(tmp_path) -> None:
    """lupdate over the sources finds exactly the catalog's messages: a new or changed message
    left out of the catalog (shown in English to Chinese users) fails here."""
    update = load_update_script()
    assert (ROOT / "resources" / "i18n" / "style_texts.py").read_text(encoding="utf-8") == \
        update.style_texts_content(), "style_texts.py is stale: run resources/i18n/update.py"
    fresh = tmp_path / "fresh.ts"
    update.extract(fresh)
    extracted = {(c, s) for c, s, _ in messages(fresh)}
    catalog = {(c, s) for c, s, _ in messages(CATALOG)}
    assert extracted - catalog == set(), "not in the catalog: run resources/i18n/update.py"
    assert catalog - extracted == set(), "no longer in the code: run resources/i18n/update.py"


def test_the_compiled_catalog_is_built_from_the_current_one(tmp_path) -> None:
    update = load_update_script()
    rebuilt = tmp_path / "rebuilt.qm"
    update.compile_catalog(CATALOG, rebuilt)
    assert rebuilt.read_bytes() == COMPILED.read_bytes(), "stale .qm: run resources/i18n/update.py"


def _marked_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
            yield node, node.args[1]
        elif name == "tr" and node.args:
            yield node, node.args[0]


def test_messages_are_marked_as_literals_with_named_placeholders() -> None:
    """lupdate reads only literals: an f-string or a '+' inside tr() is extracted wrongly or not
    at all; positional {} fields cannot be reordered by a translation."""
    problems = []
    for path in sorted((ROOT / "studio").rglob("*.py")) + sorted((ROOT / "plugins").rglob("*.py")):
        for call, text in _marked_calls(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            if isinstance(text, ast.JoinedStr | ast.BinOp):
                problems.append(f"{where}: the message is built in code, not a literal")
            elif isinstance(text, ast.Constant) and re.search(r"\{\}|\{\d", str(text.value)):
                problems.append(f"{where}: positional placeholder in {text.value!r}")
    assert not problems, "\n".join(problems)


def test_the_core_translates_from_the_same_catalog_the_app_loads() -> None:
    catalog = i18n.read_catalog(CATALOG)
    (context, source), expected = next(iter(catalog.items()))
    i18n.set_language("zh_CN")
    try:
        assert i18n.translate(context, source) == expected
        assert i18n.translate(context, "a message nobody marked") == "a message nobody marked"
    finally:
        i18n.set_language("en")
    assert i18n.translate(context, source) == source


def test_the_bundled_font_draws_every_translated_character(qapp) -> None:
    from PySide6.QtGui import QRawFont

    font = QRawFont(str(FONT), 12)
    assert font.isValid() and font.familyName() == "Style Studio CJK"
    used = {c for text in i18n.read_catalog(CATALOG).values() for c in text if c.isprintable() and c != " "}
    missing = sorted(c for c in used if not font.supportsCharacter(ord(c)))
    assert not missing, f"run resources/fonts/make_cjk_font.py; missing: {''.join(missing)}"


# --- the desktop app in Chinese ----------------------------------------------------------------

@pytest.fixture
def chinese_app(qapp):
    from PySide6.QtCore import QLocale

    from studio.gui.language import install_language

    translators = install_language(qapp, "zh_CN")
    yield qapp
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    i18n.set_language("en")


def visible_texts(window) -> list[tuple[str, object]]:
    """Every text a user can see on the window's current screens, with the font it is drawn in."""
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import (
        QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget, QTableWidget, QTabWidget,
    )

    texts: list[tuple[str, object]] = [(window.windowTitle(), window.font())]
    for widget in window.findChildren(object):
        if not hasattr(widget, "isVisibleTo") or not widget.isVisibleTo(window):
            continue
        found: list[str] = []
        if isinstance(widget, QLabel):
            doc = QTextDocument()
            doc.setHtml(widget.text())
            found.append(doc.toPlainText() if _is_rich(widget.text()) else widget.text())
        elif isinstance(widget, QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            found += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QTabWidget):
            found += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            found += [widget.horizontalHeaderItem(i).text() for i in range(widget.columnCount())
                      if widget.horizontalHeaderItem(i)]
        elif isinstance(widget, QListWidget):
            found += [widget.item(i).text() for i in range(min(widget.count(), 50))]
        if hasattr(widget, "toolTip"):
            found.append(widget.toolTip())
        texts += [(t, widget.font()) for t in found if t and t.strip()]
    for action in window.menuBar().actions():
        texts.append((action.text(), window.menuBar().font()))
        for sub in action.menu().actions() if action.menu() else []:
            texts.append((sub.text(), window.menuBar().font()))
    return texts


def _is_rich(text: str) -> bool:
    return "<" in text and ">" in text


def missing_glyphs(text: str, font) -> str:
    """The characters of ``text`` that no font Qt would use can draw (they show as boxes)."""
    from PySide6.QtGui import QTextLayout

    clean = text.replace("&&", "&").replace("&", "").replace("\n", " ").replace("\t", " ")
    layout = QTextLayout(clean, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    bad = []
    for run in layout.glyphRuns():
        indexes = list(run.glyphIndexes())
        if 0 in indexes:
            raw = run.rawFont()
            bad += [c for c in clean if not raw.supportsCharacter(ord(c)) and c.strip()]
    return "".join(sorted(set(bad)))


def test_the_window_renders_in_chinese_with_no_missing_glyphs(chinese_app, qtbot, tmp_path) -> None:
    from studio.gui.main_window import MainWindow
    from studio.testing import make_product_image

    photos = tmp_path / "photos"
    photos.mkdir()
    make_product_image("mug", size=(96, 80)).save(photos / "mug.png")
    window = MainWindow(start_worker=False, remember_geometry=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.add_inputs([str(photos)])
    problems, chinese, seen = [], 0, 0
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        shot = tmp_path / f"window-zh_CN-{index}.png"
        assert window.grab().save(str(shot))
        for text, font in visible_texts(window):
            seen += 1
            chinese += bool(CJK.search(text))
            missing = missing_glyphs(text, font)
            if missing:
                problems.append(f"{text!r}: no glyph for {missing!r}")
    assert not problems, "\n".join(problems[:20])
    assert chinese / seen > 0.6, f"only {chinese} of {seen} visible texts are Chinese"
    assert CJK.search(window.tabs.tabText(0)) and CJK.search(window.windowTitle() + window.menuBar().actions()[0].text())


def test_chinese_is_drawn_with_the_bundled_font_not_a_system_fallback(chinese_app) -> None:
    """On a machine with no CJK font the bundled subset is what draws Chinese; where a system
    CJK font exists, the subset (Simplified Chinese shapes) still comes first."""
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout("商品图 风格 预览", chinese_app.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    families = {run.rawFont().familyName() for run in layout.glyphRuns()}
    assert families == {"Style Studio CJK"}


def test_qt_standard_buttons_speak_chinese(chinese_app) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert "取消" in cancel


def test_the_language_chosen_in_settings_applies_at_the_next_start(qtbot, monkeypatch) -> None:
    from studio.gui.app import choose_language
    from studio.gui.main_window import SettingsDialog
    from studio.gui.settings import Settings

    monkeypatch.delenv("STUDIO_LANG")
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert choose_language(None) == "en"
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    labels = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert "简体中文" in labels and "English" in labels and len(labels) == 3
    dialog.language.setCurrentIndex(labels.index("简体中文"))
    dialog.accept()
    assert Settings.load().language == "zh_CN"
    assert choose_language(None) == "zh_CN"
    assert choose_language("en") == "en"  # --lang still wins


def test_the_screenshot_launcher_renders_chinese(tmp_path) -> None:
    shot = tmp_path / "zh.png"
    result = subprocess.run([sys.executable, "-m", "studio.gui.app", "--lang", "zh_CN", "--screenshot", str(shot)],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    from PIL import Image

    assert Image.open(shot).size[0] > 600


# --- the CLIs in Chinese -----------------------------------------------------------------------

def run_cli(*args: str, env_lang: str | None = None, tool: str = "studio-batch") -> subprocess.CompletedProcess:
    import os

    env = {**os.environ}
    env.pop("STUDIO_LANG", None)
    if env_lang:
        env["STUDIO_LANG"] = env_lang
    module = {"studio-batch": "studio.cli.batch", "studio-train": "studio.cli.train"}[tool]
    return subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_studio_batch_errors_in_chinese(tmp_path) -> None:
    missing = tmp_path / "no-such-folder"
    english = run_cli(str(missing), "-o", str(tmp_path / "out"), "--lang", "en")
    chinese = run_cli(str(missing), "-o", str(tmp_path / "out"), "--lang", "zh_CN")
    assert english.returncode == chinese.returncode == 2
    assert not CJK.search(english.stderr)
    assert CJK.search(chinese.stderr), chinese.stderr
    assert str(missing) in chinese.stderr  # the path the user typed is still named
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    by_env = run_cli(str(missing), "-o", str(tmp_path / "out"), env_lang="zh_CN")
    assert by_env.returncode == 2 and by_env.stderr == chinese.stderr


def test_argparse_errors_and_help_in_chinese() -> None:
    bad_choice = run_cli("--lang", "zh_CN", "--format", "gif", "x")
    assert bad_choice.returncode == 2 and CJK.search(bad_choice.stderr.splitlines()[-1]), bad_choice.stderr
    assert "gif" in bad_choice.stderr
    helped = run_cli("--lang", "zh_CN", "--help")
    assert helped.returncode == 0 and CJK.search(helped.stdout)
    assert "--preserve-colors" in helped.stdout and "%(default)s" not in helped.stdout
    trained = run_cli("--lang", "zh_CN", "--help", tool="studio-train")
    assert trained.returncode == 0 and CJK.search(trained.stdout)


def test_an_unknown_language_is_a_usage_error_naming_the_choices() -> None:
    for result in (run_cli("--lang", "fr", "x"), run_cli("x", env_lang="fr"),
                   run_cli("--lang", "fr", tool="studio-train")):
        assert result.returncode == 2
        assert "zh_CN" in result.stderr and "en" in result.stderr


def test_list_styles_describes_the_shipped_styles_in_chinese() -> None:
    result = run_cli("--lang", "zh_CN", "--list-styles")
    assert result.returncode == 0, result.stderr
    catalog = i18n.read_catalog(CATALOG)
    assert catalog[("styles", "Great Wave")] in result.stdout
    as_json = json.loads(run_cli("--lang", "zh_CN", "--list-styles", "--json").stdout)
    assert {s["name"] for s in as_json["styles"]} >= {"wave", "gatys"}  # names stay what scripts type

