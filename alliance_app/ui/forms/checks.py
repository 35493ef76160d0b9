"""The checks a form runs as the user types: the services' own coercion and rules, so the messages are theirs."""

from __future__ import annotations

from typing import Any

from alliance_app.models import Conversion, MemberStatus, Problem, check_record, coerce_noting


def form_check(
    kind: str, raw: dict[str, Any], old: dict[str, Any] | None = None
) -> tuple[list[Problem], list[Conversion]]:
    """Every problem with the typed values, one per mistake (a value that does not read as its type is not also
    reported by the rules that need it), and every conversion the reading rules make, by the rules every other
    path uses (models/readings.py through fields.coerce_noting)."""
    values, problems, conversions = coerce_noting(kind, raw)
    failed = {p.field for p in problems}
    old_status = MemberStatus(old["status"]) if kind == "member" and old and old.get("status") else None
    full = {**(old or {}), **values}
    problems += [p for p in check_record(kind, full, old_status=old_status) if p.field not in failed]
    return problems, conversions
