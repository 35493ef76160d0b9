"""Which fields each list shows as columns and offers as filter chips, per record kind."""

from __future__ import annotations

from alliance_app.models import FieldSpec, specs_by_name

COLUMNS: dict[str, tuple[str, ...]] = {
    "member": ("name_zh", "short_name", "member_kind", "alliance_role", "city", "status", "domains", "joined_on"),
    "project": ("title", "lead_member_id", "domain", "project_kind", "status", "start_date", "end_date", "investment"),
    "resource_offer": ("title", "member_id", "resource_kind", "capacity", "capacity_unit", "terms", "status"),
    "resource_request": ("member_id", "quantity", "purpose", "status", "requested_on", "decided_on"),
    "lab_partnership": ("name", "lead_member_id", "lab_kind", "domains", "status", "established_on", "patents"),
    "event": ("title", "event_kind", "starts_on", "city", "venue", "organiser_member_id"),
    "attendance": ("attendee_name", "member_id", "checked_in_at", "note"),
    "contact": ("name", "title", "phone", "email", "is_primary"),
    "annual_figures": ("year", "ai_core_revenue", "rd_spend", "patents", "employees", "dues", "dues_paid"),
    "project_partner": ("member_id", "role"),
    "lab_partner": ("member_id",),
    "narrative": ("year", "section", "text_zh", "text_en"),
}

# Filter chips of the list pages: enum and domain fields; "member" filters by the owning member.
CHIPS: dict[str, tuple[str, ...]] = {
    "member": ("member_kind", "status", "domains", "owner_city"),
    "project": ("domain", "project_kind", "status", "owner_city", "member"),
    "resource_offer": ("resource_kind", "terms", "status", "owner_city", "member"),
    "lab_partnership": ("lab_kind", "status", "domains", "owner_city", "member"),
    "event": ("event_kind", "owner_city", "member"),
}


# In the English window these columns show the record's English name (the Chinese one where it has none).
ENGLISH_NAMES = {"title": "title_en", "name": "name_en", "name_zh": "name_en"}


def english_column(kind: str, name: str) -> str | None:
    english = ENGLISH_NAMES.get(name)
    return english if english and english in specs_by_name(kind) else None


def default_width(spec: FieldSpec, first: bool) -> int:
    """A first width that fits what the column usually holds, so no column is cut or half empty on a new desk."""
    if first:
        return 300
    if spec.ref == "member":
        return 230
    if spec.type == "domains":
        return 200
    if spec.type in ("enum", "bool"):
        return 96
    if spec.type == "date":
        return 100
    if spec.type == "datetime":
        return 140
    if spec.type in ("number", "integer"):
        return 110
    return 130


def column_specs(kind: str) -> list[FieldSpec]:
    specs = specs_by_name(kind)
    return [specs[name] for name in COLUMNS[kind]]


def sortable(spec: FieldSpec) -> bool:
    """The store sorts by the stored value: fine for text, numbers, dates and enum codes, meaningless for
    member ids and domain lists."""
    return spec.ref is None and spec.type != "domains"
