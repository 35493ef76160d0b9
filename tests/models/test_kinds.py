"""Every fact about a record kind is declared once, on its class: its names, its parent link, its defaults.
Every other view (owners via parent, delete cascades, partner lists, sheet names, messages) derives from it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from alliance_app.models import (
    CASCADES,
    OWNER_VIA_PARENT,
    PARTNER_LINKS,
    RECORD_TYPES,
    RECORDS_BY_KIND,
    KindName,
    field_specs,
    kind_label,
    specs_by_name,
)
from alliance_app.models.base import Base, SyncedRecord
from alliance_app.models.integrity import defaults, dependants_problem
from alliance_app.services.transfer.columns import KIND_LABELS

PACKAGE = Path(__file__).resolve().parents[2] / "alliance_app"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("kind", list(RECORDS_BY_KIND))
def test_every_kind_declares_its_names_on_its_own_class(kind: str) -> None:
    cls = RECORDS_BY_KIND[kind]
    name = cls.__dict__["kind_name"]  # its own, not inherited
    assert isinstance(name, KindName)
    assert CJK.search(name.zh) and not CJK.search(name.en + name.en_plural)
    assert kind_label(kind, "zh") == kind_label(kind, "zh", plural=True) == name.zh
    assert (kind_label(kind, "en"), kind_label(kind, "en", plural=True)) == (name.en, name.en_plural)
    assert KIND_LABELS[kind] == (name.zh, name.en_plural)  # the sheet and the import wizard say the same


def test_no_two_kinds_share_a_name() -> None:
    for attribute in ("zh", "en", "en_plural"):
        names = [getattr(cls.kind_name, attribute) for cls in RECORD_TYPES]
        assert len(set(names)) == len(names), attribute


@pytest.mark.parametrize("kind", list(RECORDS_BY_KIND))
def test_every_link_relation_comes_from_the_links_own_parent_declaration(kind: str) -> None:
    cls = RECORDS_BY_KIND[kind]
    parent = cls.parent
    cascades = {link: (parent_kind, field) for parent_kind, links in CASCADES.items() for link, field in links}
    partner_lists = {link: (parent_kind, field) for parent_kind, (link, field) in PARTNER_LINKS.items()}
    if parent is None:
        assert kind not in OWNER_VIA_PARENT and kind not in cascades and kind not in partner_lists
        return
    # the field naming the parent is a real reference to the parent's kind
    assert specs_by_name(kind)[parent.field].ref == parent.kind
    assert cascades[kind] == (parent.kind, parent.field)  # deleted and restored with its parent
    assert (OWNER_VIA_PARENT.get(kind) == (parent.field, parent.kind)) is parent.owns_link
    assert (cls.owner_column is None) is parent.owns_link
    assert (partner_lists.get(kind) == (parent.kind, parent.field)) is parent.partner_list


def test_a_kind_that_forgets_its_name_fails_at_import() -> None:
    with pytest.raises(TypeError, match="kind_name"):

        class Nameless(SyncedRecord, Base):
            __tablename__ = "nameless_test_kind"
            kind = "nameless"
            owner_column = None

    assert "nameless_test_kind" not in Base.metadata.tables  # refused before it was mapped


def test_no_module_writes_a_parent_link_again() -> None:
    """A tuple naming a link kind together with the field naming its parent is the relation written a second
    time (as OWNER_VIA_PARENT, CASCADES, PARTNER_LINKS and the form's LINKS once were)."""
    pairs = {(cls.kind, cls.parent.field) for cls in RECORD_TYPES if cls.parent is not None}
    found = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts or path.name == "records.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List):
                strings = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
                found += [f"{path.name}:{node.lineno}" for link, field in pairs if {link, field} <= strings]
    assert found == []


@pytest.mark.parametrize("kind", list(RECORDS_BY_KIND))
def test_defaults_are_the_columns_declared_defaults(kind: str) -> None:
    table = RECORDS_BY_KIND[kind].__table__  # type: ignore[attr-defined]
    given = defaults(kind)
    for spec in field_specs(kind):
        column = table.columns[spec.name]
        assert spec.has_default is (column.default is not None)
        assert spec.nullable is bool(column.nullable)
        if column.default is not None and not column.default.is_callable:
            assert given[spec.name] == column.default.arg
    lists = [name for name, value in given.items() if isinstance(value, list)]
    again = defaults(kind)
    assert all(given[name] is not again[name] for name in lists)  # each create gets its own list


def test_a_blocked_delete_names_the_kinds_in_the_users_words() -> None:
    problem = dependants_problem("member", [("project", 3), ("contact", 1), ("resource_offer", 2)])
    assert "3 条项目、1 条联系人、2 条共享资源" in problem.zh
    assert "(3 projects, 1 contact, 2 resource offers)" in problem.en
    assert "project" not in problem.zh and "resource_offer" not in problem.en
