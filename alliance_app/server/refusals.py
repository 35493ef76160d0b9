"""A pushed mutation refused whole, and why, in both languages: what a push answers for it."""

from __future__ import annotations

from typing import Any

from alliance_app.models import SYNC_COLUMNS, AllianceError, Problem, coerce_collecting, specs_by_name, write_plan
from alliance_app.sync.protocol import MutationOutcome, ProblemOut


class Rejected(AllianceError):
    """The mutation is refused as a whole; nothing of it is written."""

    def __init__(self, code: str, zh: str, en: str, problems: list[Problem] | None = None):
        super().__init__(zh, en, code=code)
        self.problems = problems or []

    def outcome(self, mutation_id: str) -> MutationOutcome:
        return MutationOutcome(
            mutation_id=mutation_id,
            status="rejected",
            code=self.code,
            zh=self.zh,
            en=self.en,
            problems=[ProblemOut(field=p.field, code=p.code, zh=p.zh, en=p.en) for p in self.problems],
        )


def invalid(problems: list[Problem]) -> Rejected:
    return Rejected(
        problems[0].code if len(problems) == 1 else "invalid",
        "；".join(p.zh for p in problems),
        "; ".join(p.en for p in problems),
        problems,
    )


def refused(problem: Problem) -> Rejected:
    return Rejected(problem.code, problem.zh, problem.en, [problem])


def refusal(plan: write_plan.WritePlan) -> Rejected:
    """A refused plan as the push's answer: the permission's reason, or every rule the record would break."""
    if plan.permission is not None:
        return refused(plan.permission)
    return invalid(list(plan.problems))


def coerced_changes(kind: str, changes: dict[str, tuple[Any, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The coerced new values and the coerced old values of a mutation; refuses sync columns and unknown fields."""
    forbidden = sorted(set(changes) & set(SYNC_COLUMNS))
    if forbidden:
        raise Rejected(
            "forbidden_field",
            "这些字段由服务器维护，不能修改：" + "、".join(forbidden),
            "These fields are kept by the server and cannot be set: " + ", ".join(forbidden),
        )
    specs = specs_by_name(kind)
    changes = {name: pair for name, pair in changes.items() if not (name in specs and specs[name].derived)}
    new, problems = coerce_collecting(kind, {name: pair[1] for name, pair in changes.items()})
    if problems:
        raise invalid(problems)
    old, _ = coerce_collecting(kind, {name: pair[0] for name, pair in changes.items()})
    return new, old
