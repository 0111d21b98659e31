"""The app's interface language: Qt's translators and a font that can draw it.

Called once at start, before any window exists (Qt widgets read their texts when built, so a
new language applies on the next start). The language comes from ``--lang``,
``STUDIO_LANG``, the Settings choice or the system locale (``studio.i18n.resolve_language``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase, QGuiApplication

from studio import i18n

def cjk_font_path() -> Path:
    """The bundled CJK subset (``resources/fonts/make_cjk_font.py``)."""
    from studio.bundled import resource_dir

    return resource_dir("fonts") / "StyleStudioCJK-Regular.otf"


def install_language(app: QGuiApplication, code: str) -> list[QTranslator]:
    """Make ``code`` the language of the app's own texts (our ``.qm``), of Qt's standard
    dialogs and buttons (Qt's ``qtbase_<lang>.qm``) and of the core's messages.

    Returns the installed translators: the caller keeps them alive (Qt does not own them)."""
    code = i18n.set_language(code)
    add_cjk_font(app)
    if code == i18n.DEFAULT_LANGUAGE:
        return []
    QLocale.setDefault(QLocale(code))
    translators = []
    for name, folders in ((f"qtbase_{code}", qt_translation_folders()), (f"studio_{code}", [i18n.catalog_dir()])):
        translator = QTranslator(app)
        if any(translator.load(name, str(folder)) for folder in folders):
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def qt_translation_folders() -> list[Path]:
    """Where Qt's own ``.qm`` files are: Qt's configured path, else beside the PySide6 package
    (a frozen bundle keeps them there while Qt's configured prefix may point elsewhere)."""
    import PySide6

    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            Path(PySide6.__file__).parent / "Qt" / "translations"]


def add_cjk_font(app: QGuiApplication) -> str | None:
    """Register the bundled CJK font as the fallback after the system's UI font, so Chinese
    renders on machines without a CJK font (Latin text keeps the system font). Returns the
    family, or None when the font file is missing (a system CJK font may still serve)."""
    path = cjk_font_path()
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = app.font()
    current = font.families() or [font.family()]
    if families[0] not in current:
        font.setFamilies([*current, families[0]])
        app.setFont(font)
    return families[0]
