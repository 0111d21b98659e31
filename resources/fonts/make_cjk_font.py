"""Build ``StyleStudioCJK-Regular.otf``: Noto Sans CJK SC cut down to the characters of the
interface's translations, so Chinese renders in the app (and the bundle) on machines with no
CJK font, at about a megabyte instead of Noto's 16 MB per weight.

    python resources/fonts/make_cjk_font.py [--source NotoSansCJK-Regular.ttc]

Run it after the translations change (``tests/test_i18n.py`` fails while a translated
character is missing from the font). Needs ``fonttools`` (a build tool, not a dependency) and
Noto Sans CJK (Debian: ``fonts-noto-cjk``). Noto Sans CJK is under the SIL Open Font License
1.1 (``OFL.txt``); this subset is renamed, as the licence asks of modified versions.

Characters outside the subset (a Chinese file name, say) fall back to the system's fonts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "StyleStudioCJK-Regular.otf"
FAMILY = "Style Studio CJK"
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
#: Index of "Noto Sans CJK SC" in Noto's collection (JP, KR, SC, TC, HK order).
SC_INDEX = 2


def wanted_characters() -> set[str]:
    """Every character of every finished translation, plus printable ASCII and the CJK
    punctuation a translator may add later."""
    sys.path.insert(0, str(HERE.parent.parent))
    from studio.i18n import read_catalog

    chars = {chr(c) for c in range(0x20, 0x7F)}
    chars |= set("，。：；！？、（）《》「」『』“”‘’…—·～【】％＋－×÷①②③④⑤")
    for catalog in (HERE.parent / "i18n").glob("studio_*.ts"):
        for text in read_catalog(catalog).values():
            chars |= set(text)
    return {c for c in chars if c.isprintable() or c == " "}


def build(source: Path, output: Path = OUTPUT) -> int:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, fontNumber=SC_INDEX) if source.suffix.lower() == ".ttc" else TTFont(source)
    options = subset.Options()
    options.layout_features = ["*"]  # vertical forms, proportional punctuation
    options.name_IDs = ["*"]
    options.hinting = False  # CFF hints add size; Qt renders these fine unhinted
    subsetter = subset.Subsetter(options)
    chars = wanted_characters()
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    _rename(font)
    font.save(output)
    return len(chars)


def _rename(font) -> None:
    """A modified Noto must not keep Noto's name (OFL); it also keeps the system's full
    Noto Sans CJK, when there is one, from being confused with this subset."""
    names = font["name"]
    for record in names.names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = f"{FAMILY} Regular"
        elif record.nameID == 6:
            record.string = "StyleStudioCJK-Regular"
        elif record.nameID == 3:
            record.string = "StyleStudioCJK-Regular subset of Noto Sans CJK SC"
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = ["StyleStudioCJK-Regular"]
        top = cff.topDictIndex[0]
        top.FamilyName = FAMILY
        top.FullName = f"{FAMILY} Regular"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="Noto Sans CJK (.ttc or SC .otf)")
    args = parser.parse_args()
    count = build(args.source)
    print(f"{OUTPUT.name}: {count} characters, {OUTPUT.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
