"""What an import plan will do, as sentences in Chinese or English: field by field changes and erasures of the rows
it updates, and the defaults new records take. The CLI prints them; the wizard shows the same lines."""

from __future__ import annotations

from datetime import date
from typing import Any

from alliance_app.models import Domain, Labelled, specs_by_name
from alliance_app.services.transfer.plan import UPDATE, ImportPlan

_EMPTY = {"zh": "（空）", "en": "(empty)"}


def shown(plan: ImportPlan, name: str, value: Any, lang: str) -> str:
    """A field value as the user reads it: labels not codes, member names not ids, 是/否."""
    spec = specs_by_name(plan.kind).get(name)
    if value in (None, "", []):
        return _EMPTY[lang]
    if spec is not None and spec.ref == "member":
        zh, en = plan.member_names.get(value, (value, None))
        return zh if lang == "zh" or not en else en
    if isinstance(value, Labelled):
        return value.label(lang)
    if spec is not None and spec.type == "domains":
        return ("、" if lang == "zh" else ", ").join(Domain(v).label(lang) for v in value)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def change_lines(plan: ImportPlan, lang: str = "zh") -> list[str]:
    """One line per field an update changes: `行 5 · 城市：武汉市 → 宜昌市`, erasures marked `（将清空）`."""
    specs = specs_by_name(plan.kind)
    lines = []
    for row in plan.rows:
        if row.action != UPDATE:
            continue
        erased = set(row.erased)
        for name, value in row.values.items():
            label = specs[name].label(lang) if name in specs else name
            old, new = shown(plan, name, row.before.get(name), lang), shown(plan, name, value, lang)
            if lang == "zh":
                mark = "（将清空）" if name in erased else ""
                lines.append(f"行 {row.number} · {label}：{old} → {new}{mark}")
            else:
                mark = " (erased)" if name in erased else ""
                lines.append(f"row {row.number} · {label}: {old} → {new}{mark}")
    return lines


def erasures(plan: ImportPlan) -> int:
    return sum(len(r.erased) for r in plan.rows if r.action == UPDATE)


def defaults_line(plan: ImportPlan, lang: str = "zh") -> str:
    """Which fields new records take which default for, because no column fills them."""
    specs = specs_by_name(plan.kind)
    parts = [
        f"{specs[n].label(lang)}{'＝' if lang == 'zh' else ' = '}{shown(plan, n, v, lang)}" for n, v in plan.defaults
    ]
    if lang == "zh":
        return "文件中没有这些字段的列，新记录将取默认值：" + "、".join(parts)
    return "The file has no column for these fields; new records take the defaults: " + "; ".join(parts)
