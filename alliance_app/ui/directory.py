"""Member names for table cells and pickers, read once and refreshed when a member record changes."""

from __future__ import annotations

from alliance_app.models import Problem
from alliance_app.services import Desk


class MemberNames:
    """Every member's display name in the window's language, tombstones included (old records still name them).
    Finding a member by a typed name is services.member_names.MemberDirectory's job alone (one matching rule):
    `resolve` asks it, so a form reads 小米（武汉） or a credit code as the import does, in the same words."""

    def __init__(self, desk: Desk, lang: str):
        self.desk, self.lang = desk, lang
        self._names: dict[str, tuple[str, str | None, str | None]] = {}
        self.reload()

    def reload(self) -> None:
        self._names = self.desk.member_names()
        self._directory = self.desk.member_directory()

    def resolve(self, text: str) -> tuple[str | None, Problem | None]:
        """The live member a typed name means, or why it means none (no such member, with close names; several)."""
        return self._directory.resolve("", text)

    def name(self, member_id: str | None) -> str:
        if not member_id:
            return ""
        zh, en, _short = self._names.get(member_id, (member_id, None, None))
        return (en or zh) if self.lang == "en" else zh

    def known(self, member_id: str | None) -> bool:
        return member_id in self._names

    def choices(self, live_ids: set[str] | None = None) -> list[tuple[str, str]]:
        """(id, name) pairs sorted by name, for pickers; only `live_ids` when given."""
        pairs = [(i, self.name(i)) for i in self._names if live_ids is None or i in live_ids]
        if self.lang == "en":
            return sorted(pairs, key=lambda pair: pair[1].casefold())
        return pairs  # the desk gives them in pinyin order (东风, 华中, 武汉), as WPS and Excel sort

    def picker_choices(self, live_ids: set[str] | None = None) -> list[tuple[str, str, tuple[str | None, ...]]]:
        """(id, name, every name) for the member picker: a member is found by its Chinese, English or short name."""
        return [(i, name, self._names.get(i, ())) for i, name in self.choices(live_ids)]
