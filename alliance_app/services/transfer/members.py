"""Members by name: how a spreadsheet names a member (full name, short or English name, credit code, id) and back."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_app.models import Member


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


@dataclass
class MemberDirectory:
    """Every live member, found by any of its names; tombstoned members are named but not found."""

    names: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # id → (Chinese, English name)
    _by_key: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> MemberDirectory:
        directory = cls()
        rows = session.execute(
            select(Member.id, Member.name_zh, Member.name_en, Member.short_name, Member.credit_code, Member.deleted)
        )
        for member_id, name_zh, name_en, short_name, credit_code, deleted in rows:
            directory.names[member_id] = (name_zh, name_en)
            if deleted:
                continue
            for text in (member_id, name_zh, name_en, short_name, credit_code):
                if text:
                    directory._by_key.setdefault(_key(text), set()).add(member_id)
        return directory

    def find(self, text: str) -> set[str]:
        """The ids of the live members this text names: none, one, or several (an ambiguous short name)."""
        return self._by_key.get(_key(text), set())

    def name(self, member_id: str | None, lang: str = "zh") -> str:
        """The name a file shows for a member: its Chinese name, or in English its English name when that
        names it alone (so the file can be read back)."""
        if not member_id:
            return ""
        zh, en = self.names.get(member_id, (member_id, None))
        if lang != "zh" and en and self.find(en) == {member_id}:
            return en
        return zh
