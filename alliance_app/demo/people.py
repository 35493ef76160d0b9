"""The demo's people: each member's contacts, the alliance's two events and who checked in at them."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from alliance_app.demo.alliance import DemoMember, demo_id, record, rng, weighted
from alliance_app.demo.names import GIVEN, MOBILE_PREFIXES, SURNAMES, TITLES
from alliance_app.models import AllianceRole, EventKind, link_id

_SURNAME_WEIGHTS = [1 / (rank + 4) for rank in range(len(SURNAMES))]


@dataclass(frozen=True)
class Person:
    contact_id: str
    name: str


@dataclass
class Directory:
    """Names and e-mail addresses already given out per member, so no member has two people of one name."""

    names: dict[str, set[str]]
    mailboxes: dict[str, set[str]]

    @classmethod
    def empty(cls) -> Directory:
        return cls({}, {})


def _name(r: random.Random, taken: set[str]) -> tuple[str, str]:
    """A plausible Chinese name not yet used at this member, and its pinyin as given.surname."""
    while True:
        surname, surname_py = weighted(r, SURNAMES, _SURNAME_WEIGHTS)
        given = [r.choice(GIVEN)] if r.random() < 0.3 else [r.choice(GIVEN), r.choice(GIVEN)]
        name = surname + "".join(ch for ch, _ in given)
        if name not in taken:
            taken.add(name)
            return name, "".join(py for _, py in given) + "." + surname_py


def _mailbox(local: str, domain: str, taken: set[str]) -> str:
    candidate, n = local, 1
    while candidate in taken:
        n += 1
        candidate = f"{local}{n}"
    taken.add(candidate)
    return f"{candidate}@{domain}"


def _phone(r: random.Random, area_code: str, mobile: bool) -> str:
    if mobile:
        return r.choice(MOBILE_PREFIXES) + f"{r.randrange(10**8):08d}"
    digits = 8 if area_code == "027" else 7
    number = r.choice("3568") + "".join(r.choice("0123456789") for _ in range(digits - 1))
    extension = f"转{r.randint(800, 8999)}" if r.random() < 0.2 else ""
    return f"{area_code}-{number}{extension}"


def contacts(
    members: Sequence[DemoMember], unit: int, directory: Directory
) -> tuple[list[dict[str, Any]], dict[str, list[Person]]]:
    """Each member's 1–3 contacts of this volume unit; the first of unit 0 is the member's primary liaison."""
    rows: list[dict[str, Any]] = []
    people: dict[str, list[Person]] = {}
    for member in members:
        r = rng("contacts", member.profile.slug, unit)
        count = 3 if member.profile.role != AllianceRole.MEMBER else weighted(r, (1, 2, 3), (15, 35, 50))
        names = directory.names.setdefault(member.id, set())
        mailboxes = directory.mailboxes.setdefault(member.id, set())
        for k in range(count):
            name, local = _name(r, names)
            contact_id = demo_id(f"contact:{member.profile.slug}:{unit}:{k}")
            primary = unit == 0 and k == 0
            values = {
                "member_id": member.id,
                "name": name,
                "title": ("联盟联络人、" if primary else "") + r.choice(TITLES[member.profile.kind]),
                "phone": _phone(r, member.profile.place.area_code, mobile=primary or r.random() < 0.6),
                "email": _mailbox(local, f"example-{member.profile.slug}.cn", mailboxes),
                "is_primary": primary,
            }
            rows.append(record("contact", contact_id, member.id, values))
            people.setdefault(member.id, []).append(Person(contact_id, name))
    return rows, people


@dataclass(frozen=True)
class DemoEvent:
    key: str
    kind: EventKind
    title: str
    title_en: str
    starts_on: date
    ends_on: date
    venue: str
    description: str
    share: float  # of the active members that come

    @property
    def id(self) -> str:
        return demo_id(f"event:{self.key}")


EVENTS = (
    DemoEvent(
        "council-2025-3",
        EventKind.COUNCIL,
        "联盟第一届理事会第三次会议",
        "Third meeting of the alliance's first council",
        date(2025, 7, 8),
        date(2025, 7, 8),
        "联盟秘书处会议室",
        "审议新成员单位入盟申请，修订《会费收取和使用办法》。",
        0.12,
    ),
    DemoEvent(
        "general-assembly-2025",
        EventKind.GENERAL_ASSEMBLY,
        "湖北省人工智能产业创新联盟2025年度会员大会",
        "Hubei AI Industry Innovation Alliance 2025 General Assembly",
        date(2025, 12, 18),
        date(2025, 12, 18),
        "光谷会议中心一号厅",
        "审议秘书处年度工作报告和会费收支情况，发布年度示范项目名单，表彰优秀成员单位。",
        0.92,
    ),
    DemoEvent(
        "matchmaking-2026",
        EventKind.MATCHMAKING,
        "2026年湖北人工智能供需对接会",
        "2026 Hubei AI Supply and Demand Matchmaking Session",
        date(2026, 6, 12),
        date(2026, 6, 13),
        "光谷人工智能公共算力服务中心报告厅",
        "发布算力、数据、测试场地等共享资源清单和应用场景需求，组织一对一洽谈。",
        0.65,
    ),
    DemoEvent(
        "council-2026-4",
        EventKind.COUNCIL,
        "联盟第一届理事会第四次会议",
        "Fourth meeting of the alliance's first council",
        date(2026, 4, 22),
        date(2026, 4, 22),
        "联盟秘书处会议室",
        "审议新成员单位入盟申请，研究在襄阳设立联盟工作站。",
        0.12,
    ),
)


def events(organiser: DemoMember) -> list[dict[str, Any]]:
    return [
        record(
            "event",
            event.id,
            organiser.id,
            {
                "organiser_member_id": organiser.id,
                "title": event.title,
                "title_en": event.title_en,
                "event_kind": event.kind,
                "starts_on": event.starts_on,
                "ends_on": event.ends_on,
                "city": "武汉市",
                "venue": event.venue,
                "description": event.description,
                "notes": None,
            },
        )
        for event in EVENTS
    ]


def _checked_in(r: random.Random, day: date) -> datetime | None:
    if r.random() < 0.04:
        return None  # registered, never checked in
    return datetime.combine(day, time(8, 15)) + timedelta(minutes=r.randint(0, 80), seconds=r.randint(0, 59))


def attendance(members: Sequence[DemoMember], people: dict[str, list[Person]], unit: int) -> list[dict[str, Any]]:
    """Who of this unit's contacts came to each event: most active members send one to three people."""
    rows: list[dict[str, Any]] = []
    for event in EVENTS:
        r = rng("attendance", event.key, unit)
        for member in members:
            if not member.active or member.joined_on is None or member.joined_on > event.starts_on:
                continue
            if r.random() >= event.share:
                continue
            most = 3 if member.profile.role != AllianceRole.MEMBER else 2
            for person in r.sample(people[member.id], r.randint(1, min(most, len(people[member.id])))):
                values = {
                    "event_id": event.id,
                    "member_id": member.id,
                    "contact_id": person.contact_id,
                    "attendee_name": person.name,
                    "checked_in_at": _checked_in(r, event.starts_on),
                    "note": None,
                }
                values["note"] = "已报名，未签到" if values["checked_in_at"] is None else None
                rows.append(record("attendance", link_id("attendance", values) or "", member.id, values))
    return rows
