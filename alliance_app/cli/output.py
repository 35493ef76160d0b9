"""How the commands speak: one-line refusals, JSON and values as text, the language of messages."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from alliance_app.models import Labelled
from alliance_app.models.errors import AllianceError


class UserError(AllianceError):
    """A mistake in the command line the user can fix: printed as one line, exit code 1."""


def json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Labelled):
        return value.value
    raise TypeError(type(value))


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=json_default))


def assignments(pairs: Sequence[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(f"参数应写成 字段=值：{pair}", f"Expected FIELD=VALUE, got: {pair}")
        if name.strip() in values:  # the last one winning would drop what was typed first, unsaid
            raise UserError(f"字段 {name.strip()} 填写了两次", f"The field {name.strip()} is given twice")
        values[name.strip()] = value
    return values


def display(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Labelled):
        return value.label(lang)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    return str(value)


def record_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"条数应为 0 或正整数 / must be a whole number of 0 or more: {text}")
    return value
