"""What each record kind declares on its class (models/records.py), gathered once for the rules that need it:
its names, the links it owns, the cascades of a delete. Nothing here is written twice; a new kind only
declares `kind_name` and, for a link record, its `parent`."""

from __future__ import annotations

from alliance_app.models.records import RECORD_TYPES, RECORDS_BY_KIND

# A link record without an owner of its own: link kind → (field naming the parent, parent kind).
OWNER_VIA_PARENT: dict[str, tuple[str, str]] = {
    cls.kind: (cls.parent.field, cls.parent.kind) for cls in RECORD_TYPES if cls.parent and cls.parent.owns_link
}

# Link records deleted (and restored) with their parent: parent kind → ((link kind, field naming the parent), ...).
# Any other live record that refers to a record blocks its delete (models/integrity.live_dependants).
CASCADES: dict[str, tuple[tuple[str, str], ...]] = {
    parent_kind: tuple(
        (cls.kind, cls.parent.field) for cls in RECORD_TYPES if cls.parent and cls.parent.kind == parent_kind
    )
    for parent_kind in dict.fromkeys(cls.parent.kind for cls in RECORD_TYPES if cls.parent)
}

# Kinds whose partner members travel with them (form, import, export): parent kind → (link kind, parent field).
PARTNER_LINKS: dict[str, tuple[str, str]] = {
    cls.parent.kind: (cls.kind, cls.parent.field) for cls in RECORD_TYPES if cls.parent and cls.parent.partner_list
}


def kind_label(kind: str, lang: str = "zh", *, plural: bool = False) -> str:
    """A record kind as people call it ("项目", "Project"; "Projects" for a sheet or a list)."""
    return RECORDS_BY_KIND[kind].kind_name.label(lang, plural=plural)


def counted(kind: str, count: int, lang: str = "zh") -> str:
    """`3 条项目` / `3 projects`: a number of records of a kind, as a message says it."""
    if lang == "zh":
        return f"{count} 条{kind_label(kind, 'zh')}"
    name = RECORDS_BY_KIND[kind].kind_name
    return f"{count} {(name.en if count == 1 else name.en_plural).lower()}"
