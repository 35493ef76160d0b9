"""What every section composer gets: the figures, the edition's words and styles, the text width."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alliance_app.models.enums import Labelled
from alliance_app.reports.figures import AllianceFigures
from alliance_app.reports.layout import heading, side_by_side, table
from alliance_app.reports.narrative import Narratives
from alliance_app.reports.numbers import integer, money, percent
from alliance_app.reports.styles import Styles
from alliance_app.reports.text import Words

IN_YI = frozenset({"ai_core_revenue"})  # figures stored in 亿元; every other sum of money is in 万元
LONG_TABLE_ROOM = 150  # points: a long table's heading needs this much room below it, or it starts a new page


@dataclass
class ReportContext:
    """What every section composer of one edition gets: the figures, the edition's words and styles, the width."""

    figures: AllianceFigures
    words: Words
    styles: Styles
    width: float
    missing: tuple[str, ...]
    sub_keys: int = 0
    narratives: Narratives = field(default_factory=lambda: Narratives(0))  # the secretariat's written sections

    @property
    def lang(self) -> str:
        return self.words.lang

    @property
    def as_of(self) -> str:
        return self.words.as_of(self.figures.as_of, self.figures.provisional)

    @staticmethod
    def wan(value: float | None, name: str | None) -> float | None:
        """A sum of money in 万元, whatever unit the figure is stored in."""
        if value is None:
            return None
        return value * 10_000 if name in IN_YI else value

    def shown(
        self,
        value: float | None,
        is_money: bool,
        exists: bool = True,
        *,
        reported: bool = True,
        name: str | None = None,
    ) -> str:
        """A figure's cell: "—" for a year without the alliance, 未填报 for one nobody reported, never a false 0."""
        if not exists:
            return "—"
        if value is None or not reported:
            return self.words("not_reported")
        return money(self.wan(value, name), self.lang) if is_money else integer(value)

    def city(self, name: str) -> str:
        """A city as the edition writes it: Chinese as entered; in English its pinyin (武汉 → Wuhan)."""
        if self.lang == "zh":
            return name
        from alliance_app.reports.places import city_in_english

        return city_in_english(name)

    def place(self, name: str | None) -> str:
        return self.city(name) if name else "—"

    def label(self, vocabulary: type[Labelled], code: str) -> str:
        return vocabulary(code).label(self.lang)

    def sub(self, key: str) -> Any:
        """A level-2 heading (contents line and bookmark)."""
        self.sub_keys += 1
        return heading(self.words(key), self.styles["h2"], 1, f"sub{self.sub_keys}")

    def long_table_heading(self, key: str) -> list[Any]:
        """A level-2 heading before a table that may run over pages: it starts a new page only when little room
        is left, and the table then splits across pages (its head repeated) instead of moving whole."""
        from reportlab.platypus import CondPageBreak

        self.sub_keys += 1
        flowing = heading(self.words(key), self.styles["h2_flow"], 1, f"sub{self.sub_keys}")
        return [CondPageBreak(LONG_TABLE_ROOM), flowing]

    def block(self, key: str, *flowables: Any) -> list[Any]:
        """A level-2 heading and what it introduces, moved together to the next page when they do not fit."""
        from reportlab.platypus import KeepTogether

        return [KeepTogether([self.sub(key), *flowables])]

    def name(self, zh: str | None, en: str | None) -> tuple[str, str | None]:
        """(main, other) names for this edition: the English edition leads with the English name."""
        zh = zh or ""
        if self.lang == "en" and en:
            return en, zh
        return zh, en

    def original(self, other: str | None) -> str | None:
        """The other-language name shown under a title: only in the English edition, where the Chinese original
        identifies the record (a Chinese reader does not need the translation under every lab and project)."""
        return other if self.lang == "en" else None

    def widths(self, *shares: float) -> list[float]:
        return [self.width * s for s in shares]

    def fit(self, widths: list[float], columns: dict[int, list[str]], give: int = 0) -> list[float]:
        """Widths sized from content: each column of `columns` widened to hold its longest text on one line (a
        date, a city, a count), the room taken from column `give` (the names, which wrap between words)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        from alliance_app.reports.layout import CELL_FONT_SIZE, CELL_PADDING

        fitted = list(widths)
        for column, texts in columns.items():
            need = max((stringWidth(t, self.styles.bold, CELL_FONT_SIZE) for t in texts), default=0)
            need += 2 * CELL_PADDING + 1
            if need > fitted[column]:
                fitted[give] -= need - fitted[column]
                fitted[column] = need
        return fitted

    def halves(self, left: Any, right: Any) -> Any:
        """Two tables (or charts) side by side with a gutter."""
        half = self.width / 2 - 6
        return side_by_side([left, "", right], [half, 12, half], self.styles)

    def chart_beside(self, drawing: Any, flowables: list[Any]) -> Any:
        return side_by_side([drawing, flowables], self.widths(0.5, 0.5), self.styles)

    def share_table(self, head: str, vocabulary: type[Labelled], counts: dict[str, int], width: float) -> list[Any]:
        """Counts per code with their shares and a total row."""
        w = self.words
        total = sum(counts.values())
        rows = [
            [self.label(vocabulary, code), integer(n), percent(n / total if total else None)]
            for code, n in counts.items()
        ]
        rows.append([w("t_total"), integer(total), percent(1.0 if total else None)])
        widths = [width * 0.5, width * 0.25, width * 0.25]
        return table([head, w("t_count"), w("t_share")], rows, widths, self.styles, numeric=(1, 2), total_row=True)

    def pairs_table(self, head: str, rows: list[list[Any]], width: float, total: bool = False) -> list[Any]:
        """A two-column table of item and value."""
        heads = [head, self.words("t_count") if head != self.words("t_item") else self.words("t_value")]
        # The value column holds "RMB 2.53 million" or "32.42 亿元" on one line.
        return table(heads, rows, [width * 0.62, width * 0.38], self.styles, numeric=(1,), total_row=total)
