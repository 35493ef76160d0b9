"""A pulled page's shape checked without building its models: the Python types of a PullResponse's and a
RecordState's members as JSON gives them (tests/security checks that they say what the models in
sync/protocol.py say)."""

from __future__ import annotations

from typing import Any

from alliance_app.sync.protocol import MAX_REV, RECORD_KINDS

# The Python types of a RecordState's and a PullResponse's members as JSON gives them. The desktop checks a
# pulled page against these instead of building 1000 models per page (three times the cost of reading it);
# tests/security checks that they say what the models say.
STATE_SHAPE: dict[str, tuple[type, ...]] = {
    "kind": (str,),
    "id": (str,),
    "rev": (int,),
    "deleted": (bool,),
    "updated_at": (str,),
    "updated_by": (str,),
    "owner_member_id": (str, type(None)),
    "values": (dict,),
    "hidden": (list,),
}
PAGE_SHAPE: dict[str, tuple[type, ...]] = {
    "changes": (list,),
    "prerequisites": (list,),
    "cursor": (int,),
    "has_more": (bool,),
    "server_rev": (int,),
}
# Members a page may carry or leave out (sent only when the desktop asks for them).
PAGE_OPTIONAL: dict[str, tuple[type, ...]] = {"conflicts_digest": (str,), "sums": (dict,)}
_KINDS = frozenset(RECORD_KINDS)


def _shape_problem(
    what: str, value: Any, shape: dict[str, tuple[type, ...]], optional: dict[str, tuple[type, ...]] | None = None
) -> str | None:
    if not isinstance(value, dict):
        return f"{what} is not an object"
    given = value.keys() - optional.keys() if optional else value.keys()  # a record's: as fast as it was
    if given != shape.keys():
        odd = sorted(given ^ shape.keys())[:3]
        return f"{what} has missing or unknown members: {', '.join(odd)}"
    checked = shape if not optional else {**shape, **{n: t for n, t in optional.items() if n in value}}
    for name, types in checked.items():
        member = value[name]
        # bool is an int to Python, but never a rev or a cursor
        if not isinstance(member, types) or (isinstance(member, bool) and bool not in types):
            return f"{what}.{name} has the wrong type"
    return None


def check_page_shape(page: Any) -> str | None:
    """Why a pulled page is not a PullResponse (English, short), or None."""
    problem = _shape_problem("page", page, PAGE_SHAPE, PAGE_OPTIONAL)
    if problem:
        return problem
    for part in ("changes", "prerequisites"):
        for index, state in enumerate(page[part]):
            problem = _shape_problem(f"{part}[{index}]", state, STATE_SHAPE)
            if problem:
                return problem
            if state["kind"] not in _KINDS:
                return f"{part}[{index}].kind is not a record kind"
            if not 0 <= state["rev"] <= MAX_REV:
                return f"{part}[{index}].rev is out of range"
    if not 0 <= page["cursor"] <= MAX_REV or not 0 <= page["server_rev"] <= MAX_REV:
        return "the cursor is out of range"
    return None
