"""Fields as a person names them on the command line: by field name, by the label the window and `show` print
(项目名称, Title), or by any header the import recognises (单位名称, 所属市州); and the `fields` command listing them.

One rule with the import: a name is matched by the import's own header matcher (services/transfer/headers.py), so
`add project 项目名称=…` means what a 项目名称 column of a spreadsheet means."""

from __future__ import annotations

import argparse
import difflib
from typing import Any

from alliance_app.cli.output import UserError, display
from alliance_app.models import RECORDS_BY_KIND, FieldSpec, field_specs, kind_label, specs_by_name


def kind_argument(text: str) -> str:
    """A kind typed by its code (project) or its name (项目, Project, Projects): argparse's `type` for KIND."""
    if text in RECORDS_BY_KIND:
        return text
    from alliance_app.services.transfer.headers import normalise  # not for --help: the transfer package is large

    wanted = normalise(text)
    for kind, cls in RECORDS_BY_KIND.items():
        names = (cls.kind_name.zh, cls.kind_name.en, cls.kind_name.en_plural)
        if wanted in {normalise(n) for n in names}:
            return kind
    return text  # argparse's choices then refuses it, listing the kinds


# What every record has besides its fields, named only by these names (a list sorts or filters by them).
RECORD_COLUMNS = ("id", "owner_member_id", "updated_at", "rev")


def field_name(kind: str, typed: str, *, also: tuple[str, ...] = ()) -> str:
    """The field a typed name means, or a UserError naming the closest fields and how to list them all."""
    specs = specs_by_name(kind)
    if typed in specs or typed in also:
        return typed
    from alliance_app.services.transfer.headers import column_for  # the import's matcher: one rule for both

    name = column_for(kind, typed)
    if name in specs:
        return name
    zh_kind, en_kind = kind_label(kind, "zh"), kind_label(kind, "en")
    if name is not None:  # a spreadsheet's column that is not one field (合作单位, 起止时间, 编号)
        raise UserError(
            f"“{typed}”是导入表格的列，不是{zh_kind}的字段；列出字段：alliance-app fields {kind}",
            f"“{typed}” is a column of an imported sheet, not a field of a {en_kind.lower()}; "
            f"to list the fields: alliance-app fields {kind}",
        )
    close = _close_fields(kind, typed)
    hint_zh = f"，是否指 {'、'.join(close)}？" if close else "；"
    hint_en = f"; did you mean {', '.join(close)}?" if close else "."
    raise UserError(
        f"{zh_kind}没有字段“{typed}”{hint_zh}列出全部字段：alliance-app fields {kind}",
        f"A {en_kind.lower()} has no field “{typed}”{hint_en} To list them all: alliance-app fields {kind}",
    )


def _close_fields(kind: str, typed: str) -> list[str]:
    """Up to three fields whose name or label looks like what was typed, each as `name（标签）`."""
    from alliance_app.services.transfer.headers import normalise

    by_text: dict[str, FieldSpec] = {}
    for spec in field_specs(kind):
        if not spec.derived:
            for text in (spec.name, spec.zh, spec.en):
                by_text.setdefault(normalise(text), spec)
    found = difflib.get_close_matches(normalise(typed), list(by_text), n=6, cutoff=0.5)
    specs = list(dict.fromkeys(by_text[text] for text in found))[:3]
    return [f"{s.name}（{s.zh}）" for s in specs]


def field_values(kind: str, values: dict[str, str], *, also: tuple[str, ...] = ()) -> dict[str, str]:
    """FIELD=VALUE pairs with each FIELD as the field it names; naming one field twice is a mistake, not a choice."""
    named: dict[str, str] = {}
    typed_as: dict[str, str] = {}
    for typed, value in values.items():
        name = field_name(kind, typed, also=also)
        if name in named:
            raise UserError(
                f"“{typed_as[name]}”和“{typed}”是同一个字段（{name}），只能填写一次",
                f"“{typed_as[name]}” and “{typed}” are the same field ({name}); give it once",
            )
        named[name], typed_as[name] = value, typed
    return named


def shown_value(
    spec: FieldSpec,
    value: Any,
    lang: str,
    member_names: dict[str, tuple[str, str | None, str | None]],
    *,
    ids: bool = True,
) -> str:
    """A stored value as `show` prints it: choices and domains by their names, a member by its name (and id)."""
    if spec.type == "domains" and spec.enum is not None and isinstance(value, list):
        labels = [spec.enum(code).label(lang) if code in spec.enum._value2member_map_ else code for code in value]
        return "、".join(labels) if lang == "zh" else ", ".join(labels)
    if spec.ref == "member" and isinstance(value, str) and value in member_names:
        zh, en, _short = member_names[value]
        name = zh if lang == "zh" else en or zh
        if not ids:
            return name
        return f"{name}（{value}）" if lang == "zh" else f"{name} ({value})"
    return display(value, lang)


def cmd_fields(_desk: Any, args: argparse.Namespace) -> int:
    """Every field of a kind: the name a command takes, its labels, whether it is required, what it takes."""
    zh = args.lang == "zh"
    print(f"{kind_label(args.kind, 'zh')}（{args.kind}）的字段：" if zh else f"Fields of {args.kind}:")
    for spec in field_specs(args.kind):
        if spec.derived:
            continue
        required = ("必填" if zh else "required") if spec.required else ""
        print(f"  {spec.name:<22}{spec.zh} / {spec.en}  {required}".rstrip())
        takes = _takes(spec, zh)
        if takes:
            print(f"      {takes}")
    print(
        "字段可写字段名、中文或英文标签，或导入表格的列名，例如 项目名称=…"
        if zh
        else "A field may be named by its name, its Chinese or English label, or a spreadsheet's header, e.g. Title=…"
    )
    return 0


def _takes(spec: FieldSpec, zh: bool) -> str:
    if spec.enum is not None:
        names = [m.zh if zh else m.en for m in spec.enum]
        lead = (
            ("可填多项，以、分隔：" if zh else "one or more of, separated by commas: ")
            if spec.type == "domains"
            else ""
        )
        return lead + ("、".join(names) if zh else ", ".join(names))
    if spec.ref is not None:
        kind = kind_label(spec.ref, "zh" if zh else "en")
        if spec.ref == "member":
            return (
                "成员单位：全称、简称、英文名称或统一社会信用代码"
                if zh
                else "a member: full, short or English name, or credit code"
            )
        article = "an" if kind[:1].lower() in "aeiou" else "a"
        return f"{kind}的编号（id）" if zh else f"the id of {article} {kind.lower()}"
    if spec.type == "date":
        return (
            "日期，如 2025-03-15（2025.3 记为当月 1 日并提示）"
            if zh
            else "a date, e.g. 2025-03-15 (2025.3 is stored as the 1st, with a note)"
        )
    if spec.unit:
        return (
            f"单位：{spec.unit}（亿、万、千元、元会换算并提示）"
            if zh
            else f"in {spec.unit} (亿, 万, 千元, 元 are converted, with a note)"
        )
    if spec.type == "bool":
        return "是 / 否" if zh else "yes / no"
    return ""
