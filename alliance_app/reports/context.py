"""What every section composer gets: the figures, the edition's words and styles, the text width."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alliance_app.models.enums import Labelled
from alliance_app.reports.figures import AllianceFigures
from alliance_app.reports.layout import heading, side_by_side, table
from alliance_app.reports.styles import Styles
from alliance_app.reports.text import Words, integer, percent

LONG_TABLE_ROOM = 150  # points: a long table's heading needs this much room below it, or it starts a new page


@dataclass
class Context:
    figures: AllianceFigures
    words: Words
    styles: Styles
    width: float
    missing: tuple[str, ...]
    sub_keys: int = 0

    @property
    def lang(self) -> str:
        return self.words.lang

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
        return table(heads, rows, [width * 0.7, width * 0.3], self.styles, numeric=(1,), total_row=total)
