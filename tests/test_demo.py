"""The demo alliance: 73 members led by 小米(武汉), valid and consistent records, the same on every run."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from alliance_app.demo import DemoRefused, generate_demo, load_demo
from alliance_app.models import (
    OWNER_VIA_PARENT,
    RECORD_TYPES,
    RECORDS_BY_KIND,
    Actor,
    AllianceRole,
    Domain,
    MemberKind,
    MemberStatus,
    NarrativeSection,
    ProjectKind,
    ProjectStatus,
    RequestStatus,
    Role,
    check_record,
    credit_code_problem,
    link_id,
    write_refusal,
)
from alliance_app.models.permissions import SECRETARIAT_WRITES
from alliance_app.services import Desk, PermissionRefused, RecordQuery
from alliance_app.store.engine import open_store
from alliance_app.store.local_tables import OutboxEntry

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
Rows = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def demo() -> Rows:
    return generate_demo()


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def digest(rows: Rows) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def dump(data_dir: Path) -> list[tuple[Any, ...]]:
    """Every row of every record table, in a fixed order: what two stores must agree on."""
    store = open_store(data_dir)
    try:
        with store.read() as session:
            return [
                (cls.kind, *row)
                for cls in RECORD_TYPES
                for row in session.execute(select(cls.__table__).order_by(cls.id))  # type: ignore[attr-defined]
            ]
    finally:
        store.close()


def run_cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(data), "--lang", "en", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_exactly_73_members_led_by_xiaomi_wuhan(demo: Rows) -> None:
    members = demo["member"]
    assert len(members) == 73
    leads = [m for m in members if m["alliance_role"] == AllianceRole.LEAD]
    assert [(m["short_name"], m["name_zh"]) for m in leads] == [("小米(武汉)", "小米科技(武汉)有限公司")]
    assert sum(m["alliance_role"] == AllianceRole.VICE_CHAIR for m in members) >= 5
    assert {m["member_kind"] for m in members} >= {
        MemberKind.ENTERPRISE,
        MemberKind.UNIVERSITY,
        MemberKind.RESEARCH_INSTITUTE,
        MemberKind.PUBLIC_PLATFORM,
    }
    assert len({m["city"] for m in members}) >= 12  # Wuhan and other Hubei cities
    assert len({m["name_zh"] for m in members}) == 73


def test_membership_statuses_are_mostly_active_and_changes_have_a_date_and_reason(demo: Rows) -> None:
    statuses = Counter(m["status"] for m in demo["member"])
    assert statuses[MemberStatus.ACTIVE] >= 60
    for status in (MemberStatus.APPLIED, MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN):
        assert statuses[status] >= 1
    for member in demo["member"]:
        if member["status"] != MemberStatus.ACTIVE:
            assert member["status_changed_on"] and member["status_reason"], member["name_zh"]
        if member["status"] == MemberStatus.APPLIED:
            assert member["joined_on"] is None


def test_every_kind_has_records_and_every_domain_has_projects(demo: Rows) -> None:
    assert all(demo[kind] for kind in RECORDS_BY_KIND), [k for k in RECORDS_BY_KIND if not demo[k]]
    projects = demo["project"]
    assert 250 <= len(projects) <= 400  # "a few hundred"
    assert {p["domain"] for p in projects} == set(Domain)
    assert {p["project_kind"] for p in projects} == set(ProjectKind)
    assert {p["status"] for p in projects} == set(ProjectStatus)
    assert sum(p["project_kind"] == ProjectKind.DEMONSTRATION for p in projects) >= 40
    assert all(50 <= p["investment"] <= 20000 and round(p["investment"], 2) == p["investment"] for p in projects)
    assert {r["status"] for r in demo["resource_request"]} >= {
        RequestStatus.PENDING,
        RequestStatus.ACCEPTED,
        RequestStatus.DECLINED,
    }
    assert len(demo["event"]) == 4
    assert {f["year"] for f in demo["annual_figures"]} == {2025, 2026}


def test_every_row_passes_the_record_rules(demo: Rows) -> None:
    problems = [(kind, row["id"], p.en) for kind, rows in demo.items() for row in rows for p in check_record(kind, row)]
    assert problems == []


def test_every_credit_code_is_well_formed_unique_and_from_hubei(demo: Rows) -> None:
    codes = [m["credit_code"] for m in demo["member"]]
    assert [c for c in codes if credit_code_problem(c)] == []
    assert len(set(codes)) == 73
    assert all(c[2:4] == "42" for c in codes)
    for member in demo["member"]:
        expected = "9" if member["member_kind"] in (MemberKind.ENTERPRISE, MemberKind.OTHER) else "15"
        assert member["credit_code"][0] in expected


def test_ids_are_unique_and_link_records_use_the_derived_link_id(demo: Rows) -> None:
    ids = [row["id"] for rows in demo.values() for row in rows]
    assert len(ids) == len(set(ids))
    for kind in ("project_partner", "lab_partner", "attendance", "annual_figures"):
        assert all(row["id"] == link_id(kind, row) for row in demo[kind]), kind


def test_owners_are_what_the_services_would_set(demo: Rows) -> None:
    rows_by_id = {kind: by_id(rows) for kind, rows in demo.items()}
    for kind, rows in demo.items():
        cls = RECORDS_BY_KIND[kind]
        for row in rows:
            if kind == "member":
                expected = row["id"]
            elif kind == "narrative":
                expected = None  # the alliance's own words
            elif cls.owner_column:
                expected = row[cls.owner_column]
            else:
                parent_column, parent_kind = OWNER_VIA_PARENT[kind]
                expected = rows_by_id[parent_kind][row[parent_column]]["owner_member_id"]
            assert row["owner_member_id"] == expected, (kind, row["id"])
            assert (row["rev"], row["deleted"], row["updated_by"]) == (None, False, "demo")


def test_the_owning_members_liaison_may_edit_every_record(demo: Rows) -> None:
    for kind, rows in demo.items():
        if kind in SECRETARIAT_WRITES:
            continue  # no member owns them: the next test
        for row in rows:
            liaison = Actor("liaison", Role.LIAISON, row["owner_member_id"])
            refusal = write_refusal(liaison, kind, "update", owner_member_id=row["owner_member_id"], values=row)
            assert refusal is None, (kind, row["id"], refusal)


def test_the_narratives_are_the_secretariats_to_write(demo: Rows) -> None:
    member_id = demo["member"][0]["id"]
    assert {(r["year"], r["section"]) for r in demo["narrative"]} == {
        (year, section) for year in (2025, 2026) for section in NarrativeSection
    }
    for row in demo["narrative"]:
        assert row["id"] == link_id("narrative", row) and row["text_zh"]
        secretariat = Actor("sec", Role.SECRETARIAT)
        assert write_refusal(secretariat, "narrative", "update", owner_member_id=None, values=row) is None
        liaison = Actor("liaison", Role.LIAISON, member_id)
        refusal = write_refusal(liaison, "narrative", "update", owner_member_id=None, values=row)
        assert refusal is not None and refusal.code == "secretariat_writes"
    assert any(r["text_en"] is None for r in demo["narrative"] if r["year"] == 2026), "untranslated sections to show"


def test_requests_come_from_other_members_and_name_the_offering_member(demo: Rows) -> None:
    offers = by_id(demo["resource_offer"])
    for request in demo["resource_request"]:
        offer = offers[request["offer_id"]]
        assert request["offer_member_id"] == offer["member_id"] != request["member_id"]
        assert (request["decided_on"] is not None) == (
            request["status"] in (RequestStatus.ACCEPTED, RequestStatus.DECLINED)
        )


def test_partners_are_other_members_and_labs_have_one_to_four(demo: Rows) -> None:
    projects = by_id(demo["project"])
    assert all(p["member_id"] != projects[p["project_id"]]["lead_member_id"] for p in demo["project_partner"])
    per_project = Counter(p["project_id"] for p in demo["project_partner"])
    assert max(per_project.values()) <= 3
    labs = by_id(demo["lab_partnership"])
    per_lab = Counter(p["lab_id"] for p in demo["lab_partner"])
    assert set(per_lab) == set(labs) and all(1 <= n <= 4 for n in per_lab.values())
    assert 20 <= len(labs) <= 30


def test_contacts_have_one_primary_liaison_and_mail_under_their_members_domain(demo: Rows) -> None:
    members = by_id(demo["member"])
    per_member: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for contact in demo["contact"]:
        per_member[contact["member_id"]].append(contact)
    assert set(per_member) == set(members)
    for member_id, contacts in per_member.items():
        assert 1 <= len(contacts) <= 3
        assert sum(c["is_primary"] for c in contacts) == 1
        domain = members[member_id]["website"].removeprefix("https://www.")
        assert all(c["email"].endswith("@" + domain) for c in contacts)
        assert len({c["name"] for c in contacts}) == len(contacts)


def test_attendees_are_contacts_of_their_member(demo: Rows) -> None:
    contacts = by_id(demo["contact"])
    events = {e["id"] for e in demo["event"]}
    for attendee in demo["attendance"]:
        contact = contacts[attendee["contact_id"]]
        assert attendee["event_id"] in events
        assert (contact["member_id"], contact["name"]) == (attendee["member_id"], attendee["attendee_name"])


def test_annual_figures_cover_every_active_member_with_xiaomi_largest(demo: Rows) -> None:
    members = by_id(demo["member"])
    active = {m_id for m_id, m in members.items() if m["status"] == MemberStatus.ACTIVE}
    for year in (2025, 2026):
        figures = [f for f in demo["annual_figures"] if f["year"] == year]
        assert {f["member_id"] for f in figures} == active
        largest = max(figures, key=lambda f: f["ai_core_revenue"])
        assert members[largest["member_id"]]["alliance_role"] == AllianceRole.LEAD
        assert sum(f["dues_paid"] for f in figures) >= 0.7 * len(figures)
    dues = {(members[f["member_id"]]["alliance_role"], f["dues"]) for f in demo["annual_figures"]}
    assert (AllianceRole.LEAD, 20.0) in dues and (AllianceRole.VICE_CHAIR, 10.0) in dues


def test_the_demo_is_identical_on_two_runs_and_in_another_process(demo: Rows, tmp_path: Path) -> None:
    assert digest(generate_demo()) == digest(demo)
    # Another interpreter with another string-hash seed: nothing may depend on set or dict ordering by hash.
    script = (
        "import hashlib, json; from alliance_app.demo import generate_demo; "
        "print(hashlib.sha256(json.dumps(generate_demo(), sort_keys=True, default=str, "
        "ensure_ascii=False).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert other.stdout.strip() == digest(demo), other.stderr
    for name in ("first", "second"):
        store = open_store(tmp_path / name)
        load_demo(store)
        store.close()
    assert dump(tmp_path / "first") == dump(tmp_path / "second")


def test_a_loaded_demo_has_intact_foreign_keys_no_outbox_and_the_demo_flag(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        counts = load_demo(store)
        with store.read() as session:
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            assert session.scalars(select(OutboxEntry)).all() == []
        assert store.get_meta("demo") is True and store.get_meta("demo_scale") == 1
        status = Desk(store, SECRETARIAT).status()
        assert status.demo and status.pending == 0
        assert status.counts == counts and counts["member"] == 73
    finally:
        store.close()


def test_the_demo_refuses_a_store_with_records_and_replaces_them_with_force(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        desk = Desk(store, SECRETARIAT)
        own = desk.create("member", {"name_zh": "襄阳某真实企业有限公司", "member_kind": "企业"}).record_id
        with pytest.raises(DemoRefused) as refused:
            load_demo(store)
        assert refused.value.count == 1
        assert "--force" in refused.value.message("en") and "--force" in refused.value.message("zh")
        assert desk.count("member") == 1 and desk.status().pending == 1  # untouched

        counts = load_demo(store, force=True)
        assert counts["member"] == desk.count("member") == 73
        assert desk.ids("member", RecordQuery(filters={"id": own})) == []
        assert desk.status().pending == 0  # the old edit's outbox entry went with it
    finally:
        store.close()


def test_cli_demo_fills_the_store_and_status_shows_demo_data(tmp_path: Path) -> None:
    loaded = run_cli(tmp_path, "demo")
    assert loaded.returncode == 0, loaded.stderr
    assert "73 members" in loaded.stdout
    status = json.loads(run_cli(tmp_path, "status", "--json").stdout)
    assert status["demo"] is True and status["counts"]["member"] == 73 and status["pending_edits"] == 0

    again = run_cli(tmp_path, "demo")
    assert again.returncode == 1
    assert again.stderr.strip().count("\n") == 0 and "--force" in again.stderr and "Traceback" not in again.stderr


def test_scale_3_triples_the_volume_and_keeps_the_73_members(demo: Rows, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        counts = load_demo(store, scale=3)
        with store.read() as session:
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
    finally:
        store.close()
    assert counts["member"] == 73 and counts["event"] == 4
    assert counts["annual_figures"] == len(demo["annual_figures"])
    for kind in ("project", "resource_offer", "resource_request", "lab_partnership"):
        assert counts[kind] == 3 * len(demo[kind]), kind
    for kind in ("contact", "project_partner", "lab_partner", "attendance"):
        assert 2.5 * len(demo[kind]) <= counts[kind] <= 3.5 * len(demo[kind]), kind


def test_the_secretariat_edits_a_demo_record_like_any_other(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        load_demo(store)
        desk = Desk(store, SECRETARIAT)
        page = desk.page("project", RecordQuery(search="光谷", filters={"status": "ongoing"}, limit=5))
        assert page.total > 0
        project = page.rows[0]
        changes = desk.update("project", project["id"], {"status": "已完成", "end_date": "2026-11-30"})
        assert changes.ids("project") == {project["id"]}
        assert desk.get("project", project["id"])["status"] == ProjectStatus.COMPLETED
        lead = desk.ids("member", RecordQuery(search="小米(武汉)"))
        assert len(lead) == 1
        desk.update("member", lead[0], {"website": "https://www.example-xiaomi-wuhan.cn/alliance"})
        assert desk.status().pending == 2

        # A liaison writes its own member's projects and is refused another member's.
        liaison = Desk(store, Actor("liaison", Role.LIAISON, project["lead_member_id"]))
        liaison.update("project", project["id"], {"funding_source": "企业自筹"})
        others = desk.page("project", RecordQuery(filters={"status": "ongoing"}, limit=50)).rows
        other = next(p for p in others if p["lead_member_id"] != project["lead_member_id"])
        with pytest.raises(PermissionRefused, match="belongs to another member"):
            liaison.update("project", other["id"], {"funding_source": "联络人改写的资金来源"})
    finally:
        store.close()
