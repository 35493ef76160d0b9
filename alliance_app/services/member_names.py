"""Members by name: how people name a member (full name, short or English name, credit code, id) and back.

One resolver for every path where a member is typed: the import's cells, the CLI's `add`/`edit` values
(`lead_member_id=小米(武汉)`) and a form's typed text all go through `MemberDirectory.resolve`, so a name finds the
same member everywhere and an ambiguous one is the same message listing the candidates.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_app.models import Member, Problem, ValidationError, field_specs, is_uuid


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

    def close_ids(self, text: str, most: int = 3) -> set[str]:
        """The members a mistyped name may mean (none when more than `most`): those whose names contain it ("小米" for
        小米科技(武汉)有限公司), else those spelled nearly alike. Only asked when a name finds no member."""
        key = _key(text)
        if not key:
            return set()
        ids = {i for name, found in self._by_key.items() if key in name for i in found}
        if not ids:
            near = difflib.get_close_matches(key, list(self._by_key), n=most, cutoff=0.75)
            ids = {i for name in near for i in self._by_key[name]}
        return ids if len(ids) <= most else set()

    def resolve(self, field: str, text: str) -> tuple[str | None, Problem | None]:
        """The one member `text` names, or the problem: no such member, or several (listed) it could mean."""
        found = self.find(text)
        if len(found) == 1:
            return next(iter(found)), None
        if not found:
            close = self.close_ids(text)
            zh, en = sorted(self.name(i) for i in close), sorted(self.name(i, "en") for i in close)
            return None, Problem(
                field,
                "unknown_member",
                f"找不到成员单位“{text}”（可填写全称、简称、英文名称或统一社会信用代码）"
                + (f"；是否指 {'、'.join(zh)}？" if zh else ""),
                f"No member named “{text}” (use its full, short or English name, or its credit code)"
                + (f"; did you mean {'; '.join(en)}?" if en else ""),
            )
        names = sorted(self.name(i) for i in found)
        return None, Problem(
            field,
            "ambiguous_member",
            f"“{text}”可指多家成员单位（{'、'.join(names)}），请填写全称",
            f"“{text}” could mean several members ({', '.join(names)}); use the full name",
        )


def resolve_member_names(session: Session, kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """`raw` with every member field typed as a name (not an id) replaced by that member's id; raises
    ValidationError naming each name that finds no member or several."""
    typed = {
        spec.name: raw[spec.name].strip()
        for spec in field_specs(kind)
        if spec.ref == "member" and isinstance(raw.get(spec.name), str) and raw[spec.name].strip()
        and not is_uuid(raw[spec.name].strip())
    }  # fmt: skip
    if not typed:
        return raw
    directory = MemberDirectory.load(session)
    resolved, problems = dict(raw), []
    labels = {spec.name: (spec.zh, spec.en) for spec in field_specs(kind)}
    for name, text in typed.items():
        member_id, problem = directory.resolve(name, text)
        if problem is not None:  # said with the field's label: a form or a command has no column to point at
            zh, en = labels[name]
            problems.append(Problem(name, problem.code, f"{zh}：{problem.zh}", f"{en}: {problem.en}"))
        resolved[name] = member_id
    if problems:
        raise ValidationError(problems)
    return resolved
