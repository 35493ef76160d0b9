"""Build the CJK fonts bundled with Alliance Desk (resources/fonts/AllianceSansCJKsc-*.ttf).

Why this script exists
----------------------
The annual report is written as PDF by reportlab, and reportlab's ``TTFont`` only embeds
TrueType outlines (a ``glyf`` table); it refuses the CFF-flavoured OpenType that every
freely licensed Simplified Chinese font ships as (Noto Sans CJK / Source Han Sans). The
desktop UI (Qt, ``QFontDatabase.addApplicationFont``) must not depend on whatever CJK font
the user's machine happens to have either. So we ship our own pair of TrueType fonts:

1. open the Simplified Chinese ("SC") face of Debian's ``NotoSansCJK-{Regular,Bold}.ttc``;
2. subset it to ASCII, Latin-1, General Punctuation, CJK Symbols and Punctuation, the
   full-width forms (U+FF00-FFEF), the GB 2312 symbol rows (①, ℃, №, Ⅱ, ■, →, pinyin tone
   letters ...), and the whole CJK Unified Ideographs block U+4E00-9FFF, so rare characters
   in people's and companies' names are covered. If a weight comes out larger than
   ``--max-mb`` the script falls back to the GB 2312 + GBK repertoire;
3. convert the cubic CFF outlines to quadratic ``glyf`` outlines (cu2qu), rebuilding
   glyf/loca/maxp/post/hmtx/vmtx/head the way a TrueType font needs them;
4. rename the family to "Alliance Sans CJK SC": the fonts are under the SIL Open Font
   License 1.1, whose Reserved Font Name "Source" (and Google's "Noto" trademark) must not be
   the primary name of a modified version. The copyright and licence name records are kept.

Regenerate from the repository root with::

    python installer/build_fonts.py [--source-dir /usr/share/fonts/opentype/noto] [--out resources/fonts]

The output is deterministic for a given fontTools version and source font (no timestamps).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
DEFAULT_OUT = REPO_ROOT / "resources" / "fonts"

FAMILY = "Alliance Sans CJK SC"
PS_FAMILY = "AllianceSansCJKsc"
WEIGHTS: tuple[str, ...] = ("Regular", "Bold")

# Maximum tolerated distance (font units, UPM 1000) between the cubic and the quadratic curve.
MAX_ERR = 1.0
# Layout features kept for Qt's shaper. 'locl' is dropped on purpose: in the SC face it maps
# ideographs to their Japanese/Korean/Traditional forms and would pull thousands of glyphs in.
DROPPED_FEATURES = frozenset({"locl"})

BASE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)
URO_RANGE = (0x4E00, 0x9FFF)  # CJK Unified Ideographs, the whole block


@dataclass(frozen=True)
class BuildResult:
    path: Path
    coverage: str
    size_bytes: int
    glyph_count: int
    mapped_codepoints: int
    seconds: float


def _decode_double_byte(codec: str, lead: range, trail: range) -> set[int]:
    """Every character a double-byte codec decodes from the given lead/trail byte ranges."""
    found: set[int] = set()
    for hi in lead:
        for lo in trail:
            try:
                text = bytes((hi, lo)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                found.add(ord(text))
    return found


def gb2312_symbols() -> set[int]:
    """GB 2312 rows 1-9: punctuation, ①, Ⅱ, Greek, Cyrillic, pinyin, kana, box drawing."""
    return _decode_double_byte("gb2312", range(0xA1, 0xAA), range(0xA1, 0xFF))


def gb2312_hanzi() -> set[int]:
    """GB 2312 rows 16-87: the 6,763 hanzi."""
    return _decode_double_byte("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF))


def gbk_repertoire() -> set[int]:
    """Every character Python's 'gbk' codec decodes (GB 2312 plus the GBK extensions)."""
    return _decode_double_byte("gbk", range(0x81, 0xFF), range(0x40, 0xFF))


def wanted_codepoints(coverage: str) -> set[int]:
    """The code points to keep for a coverage choice: 'uro' (preferred) or 'gbk' (fallback)."""
    points: set[int] = set()
    for first, last in BASE_RANGES:
        points.update(range(first, last + 1))
    points |= gb2312_symbols()
    if coverage == "uro":
        points.update(range(URO_RANGE[0], URO_RANGE[1] + 1))
    elif coverage == "gbk":
        points |= gb2312_hanzi() | gbk_repertoire()
    else:
        raise ValueError(f"unknown coverage {coverage!r}")
    return points


def open_sc_face(ttc_path: Path) -> TTFont:
    """The Simplified Chinese proportional face of a Noto CJK collection.

    Both "Noto Sans CJK SC" and "Noto Sans Mono CJK SC" contain "SC", so Mono faces are skipped.
    """
    collection = TTCollection(str(ttc_path), recalcTimestamp=False)
    for face in collection.fonts:
        family = face["name"].getDebugName(1) or ""
        if "SC" in family.split() and "Mono" not in family:
            return face
    raise SystemExit(f"no Simplified Chinese (SC) face found in {ttc_path}")


def subset_font(font: TTFont, codepoints: Iterable[int]) -> None:
    """Subset ``font`` in place to ``codepoints``, keeping every name record (licence included)."""
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True  # missing characters show a box, not blank space
    options.layout_features = [f for f in options.layout_features if f not in DROPPED_FEATURES]
    options.hinting = False  # CFF hints are meaningless once the outlines are quadratic
    options.desubroutinize = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF outlines of ``font`` by quadratic TrueType outlines, in place."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()

    vorg = font.get("VORG")
    vert_origin: dict[str, int] = {}
    if vorg is not None:
        vert_origin = {name: vorg.VOriginRecords.get(name, vorg.defaultVertOriginY) for name in glyph_order}

    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if vorg is not None:
        del font["VORG"]

    # Side bearings must match the new outline bounds.
    hmtx = font["hmtx"]
    vmtx = font.get("vmtx")
    for name in glyph_order:
        glyph = glyf.glyphs[name]
        glyph.recalcBounds(glyf)
        has_outline = glyph.numberOfContours != 0
        advance, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (advance, glyph.xMin if has_outline else 0)
        if vmtx is not None and has_outline and name in vert_origin:
            v_advance, _ = vmtx.metrics[name]
            # Without VORG a TrueType vertical origin is yMax + top side bearing.
            vmtx.metrics[name] = (v_advance, vert_origin[name] - glyph.yMax)

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(glyph_order)
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0
    maxp.maxPoints = maxp.maxContours = 0
    maxp.maxCompositePoints = maxp.maxCompositeContours = 0
    font["maxp"] = maxp
    maxp.recalc(font)  # maxPoints / maxContours from the glyf table

    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order

    head = font["head"]
    head.glyphDataFormat = 0
    # Short offsets (format 0) address at most 0x1FFFE bytes of glyf data; a CJK font is larger.
    glyf_bytes = glyf.compile(font)
    head.indexToLocFormat = 0 if len(glyf_bytes) <= 0x1FFFE else 1

    # An unhinted TrueType font should ask for smoothing at every size (Windows GDI honours this).
    gasp = newTable("gasp")
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: 0x000F}
    font["gasp"] = gasp

    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, style: str) -> None:
    """Give the font the Alliance family name, keeping copyright/licence records intact."""
    name = font["name"]
    version = font["head"].fontRevision
    ps_name = f"{PS_FAMILY}-{style}"
    records = {
        1: FAMILY,
        2: style,
        3: f"{version:.3f};ALLIANCE;{ps_name}",
        4: f"{FAMILY} {style}",
        5: f"Version {version:.3f}; Alliance Desk subset, TrueType outlines",
        6: ps_name,
        16: FAMILY,
        17: style,
    }
    # Drops every language's record of these IDs (the source also has zh-CN "Noto Sans CJK SC").
    name.names = [record for record in name.names if record.nameID not in records]
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)  # Windows, Unicode BMP, English (US)
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))


def build_weight(source_dir: Path, out_dir: Path, style: str, coverage: str) -> BuildResult:
    started = time.perf_counter()
    font = open_sc_face(source_dir / f"NotoSansCJK-{style}.ttc")
    subset_font(font, wanted_codepoints(coverage))
    cff_to_glyf(font)
    rename(font, style)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{PS_FAMILY}-{style}.ttf"
    font.save(str(path))
    glyph_count = len(font.getGlyphOrder())
    mapped = len(font.getBestCmap())
    font.close()
    return BuildResult(
        path=path,
        coverage=coverage,
        size_bytes=path.stat().st_size,
        glyph_count=glyph_count,
        mapped_codepoints=mapped,
        seconds=time.perf_counter() - started,
    )


def build_all(source_dir: Path, out_dir: Path, coverage: str, max_mb: float) -> list[BuildResult]:
    """Build every weight; with coverage 'auto', fall back to GBK if any weight exceeds ``max_mb``."""
    first = "uro" if coverage == "auto" else coverage
    results = [build_weight(source_dir, out_dir, style, first) for style in WEIGHTS]
    too_big = [r for r in results if r.size_bytes > max_mb * 1024 * 1024]
    if coverage == "auto" and too_big:
        print(f"{', '.join(r.path.name for r in too_big)} over {max_mb} MB; falling back to GB 2312 + GBK")
        results = [build_weight(source_dir, out_dir, style, "gbk") for style in WEIGHTS]
    return results


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source-dir",
        type=Path,
        default=DEFAULT_SOURCE_DIR,
        help="folder holding NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="output folder (default: resources/fonts in the repository)",
    )
    parser.add_argument(
        "--coverage",
        choices=("auto", "uro", "gbk"),
        default="auto",
        help="'uro': whole U+4E00-9FFF block; 'gbk': GB 2312 + GBK; 'auto': uro unless too big",
    )
    parser.add_argument("--max-mb", type=float, default=12.0, help="size limit per weight for 'auto'")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    for result in build_all(args.source_dir, args.out, args.coverage, args.max_mb):
        print(
            f"{result.path.name}: {result.size_bytes / 1024 / 1024:.2f} MB, {result.glyph_count} glyphs, "
            f"{result.mapped_codepoints} code points ({result.coverage}), {result.seconds:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
