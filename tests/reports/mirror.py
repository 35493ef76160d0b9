"""The report's figures counted once more, in plain SQL over the store file, for the tests alone.

Every field of AllianceFigures has an entry here (test_mirror.py fails when one is missing): the claim "every
number in the PDF equals an independent SQL count" holds field by field. The rules are definitions.py's
sentences, restated in SQL without a line of the tally."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from pypinyin import Style, lazy_pinyin

DOMAINS = [
    "intelligent_manufacturing", "connected_vehicles", "beidou", "intelligent_construction", "smart_agriculture",
    "smart_home", "smart_education", "smart_healthcare", "smart_elderly_care", "smart_city", "smart_rivers",
    "smart_transport", "smart_tourism", "blockchain", "cybersecurity", "public_safety",
]  # fmt: skip

ROLL = (
    "m.deleted = 0 AND m.status != 'applied' AND coalesce(m.joined_on, '') <= :end "
    "AND NOT (m.status = 'withdrawn' AND coalesce(m.status_changed_on, '') < :start)"
)
AT_END = f"{ROLL} AND NOT (m.status = 'withdrawn' AND coalesce(m.status_changed_on, '') <= :end)"
M_STATUS = "CASE WHEN coalesce(m.status_changed_on, '') > :end THEN 'active' ELSE m.status END"
ON_RECORD = "p.deleted = 0 AND coalesce(p.start_date, '') <= :end"
P_STATUS = "CASE WHEN p.status = 'completed' AND coalesce(p.end_date, '') > :end THEN 'ongoing' ELSE p.status END"
UNDER_WAY = f"({P_STATUS}) IN ('ongoing', 'completed')"
OFFERS = (
    "o.deleted = 0 AND coalesce(o.available_from, '') <= :end "
    "AND (o.available_until IS NULL OR o.available_until >= :start)"
)
REQUESTS = "r.deleted = 0 AND r.requested_on BETWEEN :start AND :end"
LABS = "l.deleted = 0 AND coalesce(l.established_on, '') <= :end"
EVENTS = "e.deleted = 0 AND e.starts_on BETWEEN :start AND :end"
ATTENDED = f"a.deleted = 0 AND a.event_id IN (SELECT e.id FROM events e WHERE {EVENTS})"
ROLE_ORDER = "CASE m.alliance_role WHEN 'lead' THEN 0 WHEN 'vice_chair' THEN 1 ELSE 2 END"


class Mirror:
    def __init__(self, sql: sqlite3.Connection, year: int, today: date):
        self.sql, self.year, self.today = sql, year, today
        end = min(date(year, 12, 31), today)
        self.params = {"start": f"{year}-01-01", "end": end.isoformat(), "year": year}

    def one(self, query: str) -> Any:
        return self.sql.execute(query, self.params).fetchone()[0]

    def rows(self, query: str) -> list[tuple[Any, ...]]:
        return self.sql.execute(query, self.params).fetchall()

    def counts(self, query: str, codes: list[str]) -> dict[str, int]:
        found = dict(self.rows(query))
        return {code: found.get(code, 0) for code in codes}


def founded_on(sql: sqlite3.Connection) -> str | None:
    return sql.execute(
        "SELECT min(joined_on) FROM members WHERE deleted = 0 AND status != 'applied' AND joined_on IS NOT NULL"
    ).fetchone()[0]


def members(m: Mirror) -> dict[str, Any]:
    q = m.one
    cities = dict(m.rows(f"SELECT coalesce(m.city, ''), count(*) FROM members m WHERE {AT_END} GROUP BY 1"))
    return {
        "at_year_end": q(f"SELECT count(*) FROM members m WHERE {AT_END}"),
        "joined": q(f"SELECT count(*) FROM members m WHERE {ROLL} AND m.joined_on BETWEEN :start AND :end"),
        "withdrawn": q(
            f"SELECT count(*) FROM members m WHERE {ROLL} AND m.status = 'withdrawn' "
            "AND m.status_changed_on BETWEEN :start AND :end"
        ),
        "ai_high_tech": q(
            f"SELECT count(*) FROM members m WHERE {AT_END} AND m.ai_high_tech AND {M_STATUS} != 'suspended'"
        ),
        "by_kind": m.counts(
            f"SELECT m.member_kind, count(*) FROM members m WHERE {AT_END} GROUP BY 1",
            ["enterprise", "university", "research_institute", "public_platform", "other"],
        ),
        "by_role": m.counts(
            f"SELECT m.alliance_role, count(*) FROM members m WHERE {AT_END} GROUP BY 1",
            ["lead", "vice_chair", "member"],
        ),
        "by_status": m.counts(
            f"SELECT {M_STATUS}, count(*) FROM members m WHERE {AT_END} GROUP BY 1",
            ["applied", "active", "suspended", "withdrawn"],
        ),
        "by_city": cities,
    }


def directory(m: Mirror) -> list[dict[str, Any]]:
    found = m.rows(
        f"SELECT m.name_zh, m.name_en, m.short_name, m.member_kind, m.alliance_role, m.city, m.joined_on, {M_STATUS}, "
        f"m.ai_high_tech, {ROLE_ORDER} FROM members m WHERE {ROLL}"
    )
    # Role, then the pinyin of the Chinese name syllable by syllable with its tone (pypinyin directly).
    found.sort(key=lambda r: (r[9], lazy_pinyin(r[0], style=Style.TONE3, neutral_tone_with_five=True)))
    names = ("name_zh", "name_en", "short_name", "kind", "role", "city", "joined_on", "status", "ai_high_tech")
    return [dict(zip(names, (*r[:8], bool(r[8])), strict=True)) for r in found]


def projects(m: Mirror) -> dict[str, Any]:
    q = m.one
    statuses = ["planned", "ongoing", "completed", "suspended"]
    matrix = {d: dict.fromkeys(statuses, 0) for d in DOMAINS}
    for domain, status, n in m.rows(
        f"SELECT p.domain, {P_STATUS}, count(*) FROM projects p WHERE {ON_RECORD} GROUP BY 1, 2"
    ):
        matrix[domain][status] = n
    new = f"{ON_RECORD} AND p.start_date BETWEEN :start AND :end AND {UNDER_WAY}"
    partners = f"pp.deleted = 0 AND pp.project_id IN (SELECT p.id FROM projects p WHERE {ON_RECORD})"
    major = m.rows(
        f"SELECT p.title, p.title_en, lm.name_zh, lm.name_en, p.domain, p.project_kind, {P_STATUS}, p.investment, "
        f"p.description FROM projects p LEFT JOIN members lm ON lm.id = p.lead_member_id WHERE {ON_RECORD} "
        "ORDER BY p.investment IS NULL, p.investment DESC, p.title LIMIT 10"
    )
    line = ("title", "title_en", "lead_zh", "lead_en", "domain", "kind", "status", "investment", "description")
    return {
        "total": q(f"SELECT count(*) FROM projects p WHERE {ON_RECORD}"),
        "in_store": q("SELECT count(*) FROM projects WHERE deleted = 0"),
        "new": q(f"SELECT count(*) FROM projects p WHERE {new}"),
        "completed": q(
            f"SELECT count(*) FROM projects p WHERE {ON_RECORD} AND {P_STATUS} = 'completed' "
            "AND p.end_date BETWEEN :start AND :end"
        ),
        "demonstration": q(
            f"SELECT count(*) FROM projects p WHERE {ON_RECORD} AND p.project_kind = 'demonstration' AND {UNDER_WAY}"
        ),
        "investment_total": q(f"SELECT coalesce(sum(p.investment), 0) FROM projects p WHERE {ON_RECORD}"),
        "investment_new": q(f"SELECT coalesce(sum(p.investment), 0) FROM projects p WHERE {new}"),
        "by_domain_status": matrix,
        "by_kind": m.counts(
            f"SELECT p.project_kind, count(*) FROM projects p WHERE {ON_RECORD} GROUP BY 1",
            ["demonstration", "application_scenario", "open_competition", "research", "other"],
        ),
        "by_status": m.counts(f"SELECT {P_STATUS}, count(*) FROM projects p WHERE {ON_RECORD} GROUP BY 1", statuses),
        "by_domain": m.counts(f"SELECT p.domain, count(*) FROM projects p WHERE {ON_RECORD} GROUP BY 1", DOMAINS),
        "with_partners": q(f"SELECT count(DISTINCT pp.project_id) FROM project_partners pp WHERE {partners}"),
        "partner_links": q(f"SELECT count(*) FROM project_partners pp WHERE {partners}"),
        "major": [dict(zip(line, r, strict=True)) for r in major],
    }


def resources(m: Mirror) -> dict[str, Any]:
    q = m.one
    return {
        "offers": q(f"SELECT count(*) FROM resource_offers o WHERE {OFFERS}"),
        "offers_by_kind": m.counts(
            f"SELECT o.resource_kind, count(*) FROM resource_offers o WHERE {OFFERS} GROUP BY 1",
            ["compute", "dataset", "equipment", "lab_space", "talent", "other"],
        ),
        "offers_by_status": m.counts(
            f"SELECT o.status, count(*) FROM resource_offers o WHERE {OFFERS} GROUP BY 1", ["open", "matched", "closed"]
        ),
        "offers_by_terms": m.counts(
            f"SELECT o.terms, count(*) FROM resource_offers o WHERE {OFFERS} GROUP BY 1",
            ["free", "at_cost", "negotiable"],
        ),
        "requests": q(f"SELECT count(*) FROM resource_requests r WHERE {REQUESTS}"),
        "requests_by_status": m.counts(
            f"SELECT r.status, count(*) FROM resource_requests r WHERE {REQUESTS} GROUP BY 1",
            ["pending", "accepted", "declined", "withdrawn"],
        ),
        "matches": q(f"SELECT count(*) FROM resource_requests r WHERE {REQUESTS} AND r.status = 'accepted'"),
        "requesting_members": q(f"SELECT count(DISTINCT r.member_id) FROM resource_requests r WHERE {REQUESTS}"),
        "undated_requests": q("SELECT count(*) FROM resource_requests WHERE deleted = 0 AND requested_on IS NULL"),
    }


def labs(m: Mirror) -> dict[str, Any]:
    q = m.one
    partners = "(SELECT count(*) FROM lab_partners lp WHERE lp.deleted = 0 AND lp.lab_id = l.id)"
    listed = m.rows(
        f"SELECT l.name, l.name_en, lm.name_zh, lm.name_en, l.lab_kind, l.status, l.established_on, {partners}, "
        f"l.patents, l.papers, l.standards FROM lab_partnerships l LEFT JOIN members lm ON lm.id = l.lead_member_id "
        f"WHERE {LABS} ORDER BY l.patents + l.papers + l.standards DESC, l.name LIMIT 30"
    )
    line = ("name", "name_en", "lead_zh", "lead_en", "kind", "status", "established_on", "partners", "patents",
            "papers", "standards")  # fmt: skip
    return {
        "total": q(f"SELECT count(*) FROM lab_partnerships l WHERE {LABS}"),
        "active": q(f"SELECT count(*) FROM lab_partnerships l WHERE {LABS} AND l.status = 'active'"),
        "new": q(f"SELECT count(*) FROM lab_partnerships l WHERE {LABS} AND l.established_on BETWEEN :start AND :end"),
        "by_kind": m.counts(
            f"SELECT l.lab_kind, count(*) FROM lab_partnerships l WHERE {LABS} GROUP BY 1",
            ["joint_lab", "key_lab", "national_lab", "other"],
        ),
        "by_status": m.counts(
            f"SELECT l.status, count(*) FROM lab_partnerships l WHERE {LABS} GROUP BY 1",
            ["planned", "active", "closed"],
        ),
        "partner_links": q(f"SELECT coalesce(sum({partners}), 0) FROM lab_partnerships l WHERE {LABS}"),
        "patents": q(f"SELECT coalesce(sum(l.patents), 0) FROM lab_partnerships l WHERE {LABS}"),
        "papers": q(f"SELECT coalesce(sum(l.papers), 0) FROM lab_partnerships l WHERE {LABS}"),
        "standards": q(f"SELECT coalesce(sum(l.standards), 0) FROM lab_partnerships l WHERE {LABS}"),
        "listed": [dict(zip(line, r, strict=True)) for r in listed],
    }


def events(m: Mirror) -> dict[str, Any]:
    q = m.one
    checked = "a.checked_in_at IS NOT NULL"
    listed = m.rows(
        "SELECT e.title, e.title_en, e.event_kind, e.starts_on, e.city, "
        f"(SELECT count(*) FROM attendance a WHERE a.deleted = 0 AND a.event_id = e.id AND {checked}), "
        "(SELECT count(*) FROM attendance a WHERE a.deleted = 0 AND a.event_id = e.id), "
        "(SELECT count(DISTINCT a.member_id) FROM attendance a "
        f"WHERE a.deleted = 0 AND a.event_id = e.id AND {checked}) "
        f"FROM events e WHERE {EVENTS} ORDER BY e.starts_on, e.title LIMIT 40"
    )
    line = ("title", "title_en", "kind", "starts_on", "city", "check_ins", "registrations", "members")
    return {
        "total": q(f"SELECT count(*) FROM events e WHERE {EVENTS}"),
        "check_ins": q(f"SELECT count(*) FROM attendance a WHERE {ATTENDED} AND {checked}"),
        "registrations": q(f"SELECT count(*) FROM attendance a WHERE {ATTENDED}"),
        "attending_members": q(f"SELECT count(DISTINCT a.member_id) FROM attendance a WHERE {ATTENDED} AND {checked}"),
        "by_kind": m.counts(
            f"SELECT e.event_kind, count(*) FROM events e WHERE {EVENTS} GROUP BY 1",
            ["general_assembly", "council", "matchmaking", "training", "forum", "other"],
        ),
        "listed": [dict(zip(line, r, strict=True)) for r in listed],
    }


def annual(m: Mirror) -> dict[str, Any]:
    where = (
        f"FROM annual_figures f WHERE f.deleted = 0 AND f.year = :year "
        f"AND f.member_id IN (SELECT m.id FROM members m WHERE {AT_END})"
    )
    n = m.one(f"SELECT count(*) {where}")
    out: dict[str, Any] = {"year": m.year, "reporting_members": n}
    sums = {
        "ai_core_revenue": "sum(f.ai_core_revenue)",
        "rd_spend": "sum(f.rd_spend)",
        "patents": "sum(f.patents)",
        "employees": "sum(f.employees)",
        "dues_total": "sum(f.dues)",
        "dues_paid_members": "sum(CASE WHEN f.dues_paid THEN 1 ELSE 0 END)",
        "dues_paid_amount": "coalesce(sum(CASE WHEN f.dues_paid THEN f.dues END), 0)",
        "dues_unpaid_members": "sum(CASE WHEN f.dues_paid THEN 0 ELSE 1 END)",
    }
    for name, expression in sums.items():  # a year nobody reported: None, never 0
        out[name] = None if n == 0 else (m.one(f"SELECT {expression} {where}") or 0)
    return out


def key(year: int, mem: dict, pro: dict, res: dict, lab: dict, ev: dict, ann: dict) -> dict[str, Any]:
    return {
        "year": year,
        "members": mem["at_year_end"],
        "ai_high_tech": mem["ai_high_tech"],
        "projects": pro["total"],
        "demonstration": pro["demonstration"],
        "investment": pro["investment_total"],
        "offers": res["offers"],
        "matches": res["matches"],
        "labs_active": lab["active"],
        "events": ev["total"],
        "check_ins": ev["check_ins"],
        "ai_core_revenue": ann["ai_core_revenue"],
    }


def one_year(sql: sqlite3.Connection, year: int, today: date) -> dict[str, Any]:
    m = Mirror(sql, year, today)
    parts = members(m), projects(m), resources(m), labs(m), events(m), annual(m)
    return {
        "members": parts[0],
        "projects": parts[1],
        "resources": parts[2],
        "labs": parts[3],
        "events": parts[4],
        "annual": parts[5],
        "key": key(year, *parts),
        "directory": directory(m),
        "mirror": m,
    }


def mirror(sql: sqlite3.Connection, year: int, today: date) -> dict[str, Any]:
    """The expected figures of `year` on `today`, shaped like dataclasses.asdict(AllianceFigures)."""
    this = one_year(sql, year, today)
    founded = founded_on(sql)
    has_previous = founded is not None and year - 1 >= int(founded[:4])
    before = one_year(sql, year - 1, today) if has_previous else None
    m = this["mirror"]
    lead = m.rows(
        f"SELECT m.name_zh, m.name_en FROM members m WHERE {ROLL} AND m.alliance_role = 'lead' "
        "ORDER BY m.name_zh LIMIT 1"
    )
    meta = dict(sql.execute("SELECT key, value FROM store_meta").fetchall())
    outbox = dict(sql.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
    synced = meta.get("last_synced_at")
    k = this["key"]
    return {
        "year": year,
        "as_of": m.params["end"],
        "provisional": m.params["end"] < f"{year}-12-31",
        "founded_on": founded,
        "last_synced_at": synced.strip('"') if synced and synced != "null" else None,
        "demo": meta.get("demo") == "true",
        "pending_edits": outbox.get("pending", 0),
        "rejected_edits": outbox.get("rejected", 0),
        "lead_zh": lead[0][0] if lead else None,
        "lead_en": lead[0][1] if lead else None,
        "members": this["members"],
        "directory": this["directory"],
        "projects": this["projects"],
        "resources": this["resources"],
        "labs": this["labs"],
        "events": this["events"],
        "annual": this["annual"],
        "previous_annual": before["annual"] if before else None,
        "key": k,
        "previous": before["key"] if before else None,
        "targets": [
            {"code": "ai_high_tech_enterprises", "actual": k["ai_high_tech"]},
            {"code": "demonstration_projects", "actual": k["demonstration"]},
            {"code": "ai_core_industry", "actual": k["ai_core_revenue"]},
            {"code": "related_industry", "actual": None},
        ],
    }
