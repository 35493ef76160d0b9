"""The secretariat's written sections of a report year, read from the store, and their plain-text format.

The format is what a secretariat types without training: paragraphs separated by a blank line, and lists whose
lines start with "- " (or "•", "·", "・"). A chronicle line may start with a date ("2026-03-15", "2026.3.15",
"2026年3月15日"), which places it among the year's events. Nothing else is markup: a "*" or "#" is printed as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from alliance_app.models.enums import NarrativeSection

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from alliance_app.store.engine import Store

BULLETS = ("- ", "• ", "· ", "・", "•", "·")
_DATED = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*[：:，,]?\s*(.*)$", re.S)


@dataclass(frozen=True)
class Items:
    """A list: one string per item, as typed after its bullet."""

    items: tuple[str, ...]


Block = str | Items  # a paragraph, or a list


@dataclass(frozen=True)
class SectionText:
    section: str  # a NarrativeSection code
    text_zh: str
    text_en: str | None

    def text(self, lang: str) -> str | None:
        """The section in the edition's language; None when the English text is missing (untranslated)."""
        if lang == "zh":
            return self.text_zh
        return self.text_en if self.text_en and self.text_en.strip() else None


@dataclass(frozen=True)
class Narratives:
    """The written sections of one year, by section code; a section nobody wrote is absent."""

    year: int
    sections: dict[str, SectionText] = field(default_factory=dict)

    def get(self, section: NarrativeSection) -> SectionText | None:
        return self.sections.get(str(section))

    def unwritten(self) -> list[NarrativeSection]:
        return [s for s in NarrativeSection if str(s) not in self.sections]

    def untranslated(self) -> list[NarrativeSection]:
        return [s for s in NarrativeSection if str(s) in self.sections and self.sections[str(s)].text("en") is None]

    def texts(self) -> list[str]:
        """Every written text, both languages (what the font must hold)."""
        return [t for s in self.sections.values() for t in (s.text_zh, s.text_en or "")]


def load_narratives(store_or_session: Store | Session, year: int) -> Narratives:
    """The live narratives of `year` (a query built from the mapped class, like every read of the store)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from alliance_app.models import Narrative

    query = select(Narrative).where(Narrative.year == year, Narrative.deleted.is_(False))

    def read(session: Session) -> Narratives:
        found = {
            str(NarrativeSection(n.section)): SectionText(str(NarrativeSection(n.section)), n.text_zh, n.text_en)
            for n in session.scalars(query)
        }
        return Narratives(year, found)

    if isinstance(store_or_session, Session):
        return read(store_or_session)
    with store_or_session.read() as session:
        return read(session)


def _bullet(line: str) -> str | None:
    stripped = line.strip()
    for bullet in BULLETS:
        if stripped.startswith(bullet):
            return stripped[len(bullet) :].strip()
    return None


def _joined(lines: list[str]) -> str:
    """Lines of one paragraph as one: Chinese lines meet without a space, other lines with one."""
    text = ""
    for line in (ln.strip() for ln in lines):
        if text and not (_wide(text[-1]) and _wide(line[:1])):
            text += " "
        text += line
    return text


def _wide(ch: str) -> bool:
    return bool(ch) and ord(ch) >= 0x2E80


def blocks(text: str) -> list[Block]:
    """The paragraphs and lists of a section's text, in order. A list item goes on over lines that are not a new
    item (a wrapped line); a blank line ends a paragraph or a list."""
    found: list[Block] = []
    paragraph: list[str] = []
    items: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            found.append(_joined(paragraph))
            paragraph.clear()
        if items:
            found.append(Items(tuple(_joined(item) for item in items)))
            items.clear()

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            flush()
            continue
        item = _bullet(line)
        if item is not None:
            if paragraph:
                flush()
            items.append([item] if item else [])
        elif items:
            items[-1].append(line)
        else:
            paragraph.append(line)
    flush()
    return [b for b in found if b != "" and b != Items(())]


@dataclass(frozen=True)
class Entry:
    """One line of the chronicle: a day (None: undated, printed after the dated ones) and what happened."""

    day: date | None
    text: str
    is_event: bool = False  # from the year's event records, not typed by the secretariat


def dated(item: str, year: int) -> Entry:
    """A chronicle item with its leading date read, if it has one in `year`; otherwise undated, as typed."""
    match = _DATED.match(item.strip())
    if match:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return Entry(None, item)
        if day.year == year and match[4].strip():
            return Entry(day, match[4].strip())
    return Entry(None, item)


def chronicle(events: list[Entry], written: list[Block], year: int) -> tuple[list[str], list[Entry]]:
    """(paragraphs, entries): the secretariat's paragraphs as written, and its list items merged with the year's
    events by day (same day: events first, then the secretariat's lines in their order); undated lines last."""
    paragraphs = [b for b in written if isinstance(b, str)]
    typed = [dated(item, year) for b in written if isinstance(b, Items) for item in b.items]
    by_day = sorted([*events, *(e for e in typed if e.day is not None)], key=lambda e: (e.day, not e.is_event))
    return paragraphs, [*by_day, *(e for e in typed if e.day is None)]
