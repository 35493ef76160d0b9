"""The annual report's written parts: one record per year and section, kept and synced like every record.

The secretariat writes them (models/permissions.py refuses everyone else on every path); every account may read
them. The text is plain paragraphs separated by a blank line, and lists of lines starting with "- " (the report's
typesetting reads them in reports/narrative.py). The English text is optional: the English edition marks a
section without it as untranslated rather than leaving it out or showing the Chinese silently.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import CheckConstraint, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from alliance_app.models.base import Base, KindName, SyncedRecord
from alliance_app.models.columns import NARRATIVE_TEXT, enum_type, label, live_unique
from alliance_app.models.enums import NarrativeSection


class Narrative(SyncedRecord, Base):
    __tablename__ = "narratives"
    kind: ClassVar[str] = "narrative"
    kind_name: ClassVar[KindName] = KindName("年度报告叙述", "Report section", "Report sections")
    owner_column: ClassVar[str | None] = None  # the alliance's own words: no member owns them
    search_columns = ("text_zh", "text_en")
    title_column: ClassVar[str] = "section"
    default_sort: ClassVar[str] = "year"
    # One record per year and section: two desktops writing the same section offline make the same record.
    link_columns: ClassVar[tuple[str, ...]] = ("year", "section")
    __table_args__ = (
        live_unique("uq_narratives_live", "year", "section"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
    )

    year: Mapped[int] = mapped_column(Integer, nullable=False, index=True, info=label("年度", "Year"))
    section: Mapped[NarrativeSection] = mapped_column(
        enum_type(NarrativeSection), nullable=False, info=label("章节", "Section")
    )
    text_zh: Mapped[str] = mapped_column(
        Text, nullable=False, info=label("中文内容", "Chinese text", max_length=NARRATIVE_TEXT)
    )
    text_en: Mapped[str | None] = mapped_column(Text, info=label("英文内容", "English text", max_length=NARRATIVE_TEXT))
