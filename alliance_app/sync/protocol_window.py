"""The compatibility window: which desktops a server serves, and what an older one can know.

A server serves desktops of its own protocol and schema version and of the one before (`OLDEST_PROTOCOL`,
`OLDEST_SCHEMA`); it tells an older one, on every answer, that an update exists (`UPDATE_HEADER`, the download
address the administrator configured) without refusing it, and refuses (426) only below the window or a desktop
newer than itself. What an older schema cannot know is left out of what it is sent: record kinds and fields it
does not have (`KNOWN`, frozen here for every version a server still serves). So a schema change never stops the
desktops of the release before it.

Bumping SCHEMA_VERSION: freeze the new field lists under the new number (tests/server/test_protocol.py says so),
keep the previous entry, and give every new field a default or let it be empty: an older desktop cannot send it.
"""

from __future__ import annotations

from typing import Any

from alliance_app.sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION

OLDEST_PROTOCOL = max(1, PROTOCOL_VERSION - 1)
OLDEST_SCHEMA = max(1, SCHEMA_VERSION - 1)
UPDATE_HEADER = "X-Alliance-Update"  # on answers to an older desktop: the download address (may be empty)
DESKTOP_HEADER = "X-Alliance-Desktop"  # the desktop's release, for the administrator's account list

# Per schema version, the record kinds and fields its desktops know.
_SCHEMA_1: dict[str, frozenset[str]] = {
    "member": frozenset(
        [
            "name_zh",
            "name_en",
            "short_name",
            "member_kind",
            "alliance_role",
            "credit_code",
            "city",
            "district",
            "joined_on",
            "status",
            "status_changed_on",
            "status_reason",
            "domains",
            "ai_high_tech",
            "website",
            "description",
        ]
    ),
    "contact": frozenset(["member_id", "name", "title", "phone", "email", "is_primary"]),
    "project": frozenset(
        [
            "lead_member_id",
            "title",
            "title_en",
            "domain",
            "project_kind",
            "status",
            "start_date",
            "end_date",
            "investment",
            "funding_source",
            "description",
        ]
    ),
    "project_partner": frozenset(["project_id", "member_id", "role"]),
    "resource_offer": frozenset(
        [
            "member_id",
            "resource_kind",
            "title",
            "title_en",
            "capacity",
            "capacity_unit",
            "terms",
            "available_from",
            "available_until",
            "status",
            "description",
        ]
    ),
    "resource_request": frozenset(
        ["offer_id", "member_id", "quantity", "purpose", "status", "requested_on", "decided_on", "offer_member_id"]
    ),
    "lab_partnership": frozenset(
        [
            "lead_member_id",
            "name",
            "name_en",
            "lab_kind",
            "established_on",
            "domains",
            "status",
            "patents",
            "papers",
            "standards",
            "description",
        ]
    ),
    "lab_partner": frozenset(["lab_id", "member_id"]),
    "event": frozenset(
        [
            "organiser_member_id",
            "title",
            "title_en",
            "event_kind",
            "starts_on",
            "ends_on",
            "city",
            "venue",
            "description",
            "notes",
        ]
    ),
    "attendance": frozenset(["event_id", "member_id", "contact_id", "attendee_name", "checked_in_at", "note"]),
    "annual_figures": frozenset(
        ["member_id", "year", "ai_core_revenue", "rd_spend", "patents", "employees", "dues", "dues_paid"]
    ),
}
KNOWN: dict[int, dict[str, frozenset[str]]] = {
    1: _SCHEMA_1,
    2: {**_SCHEMA_1, "narrative": frozenset(["year", "section", "text_zh", "text_en"])},
}


def served(protocol: int | None, schema: int | None) -> bool:
    return OLDEST_PROTOCOL <= (protocol or 0) <= PROTOCOL_VERSION and OLDEST_SCHEMA <= (schema or 0) <= SCHEMA_VERSION


def outdated(protocol: int | None, schema: int | None) -> bool:
    """Served, but older than this server: answered, with the update notice."""
    return served(protocol, schema) and ((protocol or 0) < PROTOCOL_VERSION or (schema or 0) < SCHEMA_VERSION)


def _state(state: dict[str, Any], known: dict[str, frozenset[str]]) -> dict[str, Any] | None:
    fields = known.get(state.get("kind", ""))
    if fields is None:
        return None
    values = {k: v for k, v in state.get("values", {}).items() if k in fields}
    return {**state, "values": values, "hidden": [h for h in state.get("hidden", []) if h in fields]}


def _conflict_known(conflict: dict[str, Any], known: dict[str, frozenset[str]]) -> bool:
    fields = known.get(conflict.get("kind", ""))
    return fields is not None and (conflict.get("field") in fields or conflict.get("field") == "deleted")


def for_schema(
    path: str, body: Any, schema: int, *, current: int = SCHEMA_VERSION, known_by: dict | None = None
) -> Any:
    """An answer of this server as a desktop of `schema` can read it: kinds and fields it lacks left out."""
    known = (KNOWN if known_by is None else known_by).get(schema)
    if schema >= current or known is None or not isinstance(body, dict | list):
        return body
    if path.endswith("/sync/pull") and isinstance(body, dict):
        for part in ("changes", "prerequisites"):
            body[part] = [s for s in (_state(s, known) for s in body.get(part, [])) if s is not None]
    elif path.endswith("/sync/checksums") and isinstance(body, dict):
        body["kinds"] = {k: v for k, v in body.get("kinds", {}).items() if k in known}
    elif path.endswith("/sync/push") and isinstance(body, dict):
        for outcome in body.get("outcomes", []):
            if outcome.get("record"):
                outcome["record"] = _state(outcome["record"], known)
            outcome["conflicts"] = [c for c in outcome.get("conflicts", []) if _conflict_known(c, known)]
    elif path.endswith("/conflicts") and isinstance(body, list):
        body = [c for c in body if _conflict_known(c, known)]
    elif "/records/" in path and isinstance(body, dict) and "values" in body:
        body = _state(body, known) or body
    return body
