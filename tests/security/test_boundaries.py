"""An attacker with a liaison account against a real server: text no store can hold (lone surrogates, NUL),
numbers past any sensible or storable size, over-long text. Each is refused at the boundary (422, or a
rejected mutation naming the limit), nothing is stored, and every later answer still works for everyone."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from alliance_app.models import ValidationError, check_record, coerce, new_id, specs_by_name
from alliance_app.models.columns import COUNT_MAX, LONG_TEXT
from alliance_app.services import Desk
from alliance_app.sync.protocol import ErrorBody, MutationOutcome, version_headers
from tests.conftest import add_member
from tests.server.conftest import (  # noqa: F401 - fixtures this suite shares with the server's tests
    ROOMY,
    Alliance,
    Api,
    ServerProcess,
    build_alliance,
    create,
    mutation,
    postgres_alliance,
    postgres_server,
    sqlite_alliance,
    sqlite_server,
    start_server,
)

SURROGATE = "\ud800"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def alliance(request: pytest.FixtureRequest) -> Alliance:
    return request.getfixturevalue(f"{request.param}_alliance")


@pytest.fixture
def own_alliance(tmp_path: Path) -> Iterator[Alliance]:
    """A server of this test's own: these tests plant bad values straight in its database."""
    data = tmp_path / "server"
    data.mkdir()
    server = start_server(["--data-dir", str(data)], data / "server.log", env=ROOMY)
    yield build_alliance(server, "b")
    server.stop()


def raw_post(api: Api, path: str, body: Any) -> httpx.Response:
    """Sends JSON as any client could write it: ASCII escapes, so "\\ud800" and 400-digit numbers go out as-is."""
    headers = {**api.headers(), "Content-Type": "application/json"}
    return api.client.post(api.url + path, content=json.dumps(body).encode(), headers=headers)


def refused(response: httpx.Response) -> ErrorBody:
    assert response.status_code == 422, (response.status_code, response.text[:300])
    return ErrorBody.model_validate_json(response.content)  # our refusal's shape, not the framework's


def server_state(api: Api) -> tuple[int, int]:
    """(server rev, open conflicts this account sees): what "nothing was stored" is checked against."""
    rev = api.get("/healthz").json()["server_rev"]
    conflicts = api.get("/api/v1/conflicts")
    assert conflicts.status_code == 200, conflicts.text[:300]
    return rev, len(conflicts.json())


def project(alliance: Alliance, title: str) -> dict[str, Any]:
    values = {"lead_member_id": alliance.member_a, "title": title, "domain": "smart_city"}
    m = create("project", values)
    outcome = alliance.liaison_a.push_one(m)
    assert outcome["status"] == "applied", outcome
    return m


def test_a_lone_surrogate_in_a_conflicting_edit_is_refused_and_the_secretariat_still_syncs(
    own_alliance: Alliance,
) -> None:
    """The issue's scenario: a liaison makes a conflict whose value holds a lone surrogate. It used to be stored
    and then fail every GET /conflicts of the secretariat with 500."""
    alliance = own_alliance
    made = project(alliance, "边界测试项目")
    rev = alliance.liaison_a.record("project", made["record_id"])["rev"]
    alliance.secretariat.push_one(mutation("project", made["record_id"], "update", {"title": "秘书处改过"}, rev))
    before = server_state(alliance.secretariat)
    attack = mutation("project", made["record_id"], "update", {"title": "甲" + SURROGATE}, rev, old={"title": "x"})
    body = refused(raw_post(alliance.liaison_a, "/api/v1/sync/push", {"mutations": [attack]}))
    assert "surrogate" in body.en and "未做任何修改" in body.zh
    assert server_state(alliance.secretariat) == before
    assert alliance.liaison_a.get("/api/v1/conflicts").status_code == 200
    records, _ = alliance.secretariat.pull_all()  # the secretariat's sync: pull and conflict list both answer
    assert records[("project", made["record_id"])]["values"]["title"] == "秘书处改过"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("nul", "a\x00b"),
        ("surrogate", "b" + SURROGATE),
        ("low surrogate", "\udc80"),
        ("400 digits", int("9" * 400)),
        ("10^20", 10**20),
        ("huge text", "长" * 50_000),
        ("nested", [["deep"]]),
        ("object", {"a": 1}),
    ],
)
def test_bad_values_in_a_push_get_422_and_change_nothing(alliance: Alliance, name: str, value: Any) -> None:
    before = server_state(alliance.secretariat)
    attack = create("project", {"lead_member_id": alliance.member_a, "title": value, "domain": "smart_city"})
    refused(raw_post(alliance.liaison_a, "/api/v1/sync/push", {"mutations": [attack]}))
    assert server_state(alliance.secretariat) == before
    assert alliance.secretariat.get(f"/api/v1/records/project/{attack['record_id']}").status_code == 404


@pytest.mark.parametrize("base_rev", [2**63, 2**64, -1, 10**400])
def test_a_base_rev_past_64_bits_gets_422(alliance: Alliance, base_rev: int) -> None:
    attack = mutation("member", alliance.member_a, "update", {"city": "襄阳"}, base_rev)
    refused(raw_post(alliance.liaison_a, "/api/v1/sync/push", {"mutations": [attack]}))


def test_a_field_name_that_is_not_a_field_name_gets_422(alliance: Alliance) -> None:
    attack = mutation("member", alliance.member_a, "update", {"city": "襄阳"}, 1)
    attack["changes"] = {"x" * 5000: [None, 1]}
    refused(raw_post(alliance.liaison_a, "/api/v1/sync/push", {"mutations": [attack]}))


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/auth/login", {"username": "sec-s" + SURROGATE, "password": "x"}),
        ("/api/v1/auth/login", {"username": "sec-s", "password": "pw\x00"}),
        ("/api/v1/auth/login", {"username": "\udfff", "password": SURROGATE}),
        ("/api/v1/auth/refresh", {"refresh_token": "tok" + SURROGATE}),
        ("/api/v1/auth/refresh", {"refresh_token": "\x00"}),
        ("/api/v1/auth/login", {"username": 10**400, "password": "x"}),
    ],
)
def test_bad_text_in_a_login_or_refresh_gets_422_without_logging_in(alliance: Alliance, path: str, body: Any) -> None:
    refused(raw_post(alliance.anonymous, path, body))


def test_a_number_within_the_wire_but_past_the_field_limit_is_rejected_with_the_limit(alliance: Alliance) -> None:
    values = {"name": "边界实验室", "lab_kind": "joint_lab", "lead_member_id": alliance.member_a, "patents": 10**12}
    outcome = MutationOutcome.model_validate(alliance.liaison_a.push_one(create("lab_partnership", values)))
    assert outcome.status == "rejected"
    [problem] = [p for p in outcome.problems if p.field == "patents"]
    assert problem.code == "too_large" and str(COUNT_MAX) in problem.en and str(COUNT_MAX) in problem.zh


def test_over_long_text_is_rejected_in_the_same_words_as_the_desktop_says_them(alliance: Alliance) -> None:
    text = "述" * (LONG_TEXT + 1)
    values = {"lead_member_id": alliance.member_a, "title": "很长的项目", "domain": "smart_city", "description": text}
    outcome = MutationOutcome.model_validate(alliance.liaison_a.push_one(create("project", values)))
    assert outcome.status == "rejected"
    [served] = [p for p in outcome.problems if p.field == "description"]
    [local] = [p for p in check_record("project", {"description": text}) if p.field == "description"]
    assert (served.code, served.zh, served.en) == (local.code, local.zh, local.en)
    assert served.code == "too_long" and str(LONG_TEXT) in served.zh
    assert specs_by_name("project")["description"].max_length == LONG_TEXT


def test_the_desktop_refuses_what_the_server_refuses_in_the_same_words(alliance: Alliance, desk: Desk) -> None:
    """The desktop's own write path (forms and the CLI go through it; imports run check_record too) and a push
    say the same limit in the same words: one rule, declared once on the column."""
    member = add_member(desk, "边界测试单位")
    long_text = "述" * (LONG_TEXT + 1)
    attempts = [
        ("project", {"title": "很长的项目", "domain": "smart_city", "description": long_text}, "description"),
        ("lab_partnership", {"name": "边界实验室", "lab_kind": "joint_lab", "patents": COUNT_MAX + 1}, "patents"),
    ]
    for kind, values, field in attempts:
        with pytest.raises(ValidationError) as local:
            desk.create(kind, {"lead_member_id": member, **values})
        [mine] = [p for p in local.value.problems if p.field == field]
        served = MutationOutcome.model_validate(
            alliance.liaison_a.push_one(create(kind, {"lead_member_id": alliance.member_a, **values}))
        )
        assert served.status == "rejected"
        [theirs] = [p for p in served.problems if p.field == field]
        assert (theirs.code, theirs.zh, theirs.en) == (mine.code, mine.zh, mine.en)
    # text no store can hold: the wire refuses it before any record rule (422), the desktop by the same text rule
    with pytest.raises(ValidationError) as local:
        desk.create("project", {"lead_member_id": member, "title": "坏字\x00", "domain": "smart_city"})
    assert [p.code for p in local.value.problems if p.field == "title"] == ["bad_text"]


def test_values_stored_before_the_checks_existed_never_fail_the_conflict_list(own_alliance: Alliance) -> None:
    """A database that took a lone surrogate and a 400-digit number into conflicts and the change log before
    this server refused them: the conflict list and the history still answer, for the liaison and the
    secretariat, with the bad parts shown readably."""
    from alliance_app.server.db import Database
    from alliance_app.server.settings import ServerSettings
    from alliance_app.server.tables import ChangeLogEntry, Conflict

    alliance = own_alliance
    made = project(alliance, "旧数据项目")
    flags = dict(zip(alliance.server.db_args[::2], alliance.server.db_args[1::2], strict=True))
    db = Database.open(ServerSettings(data_dir=flags["--data-dir"]))
    try:
        with db.write() as session:
            session.add(
                Conflict(
                    id=str(uuid.uuid4()),
                    kind="project",
                    record_id=made["record_id"],
                    field="title",
                    base="x",
                    theirs="甲" + SURROGATE,
                    mine=["\udc00", 10**30],  # in a list: SQLite keeps a bare 30-digit number only as a float
                    owner_member_id=alliance.member_a,
                    created_by="liaison-a-b",
                )
            )
            session.add(
                ChangeLogEntry(
                    rev=1,
                    kind="project",
                    record_id=made["record_id"],
                    op="update",
                    field="title",
                    old=SURROGATE,
                    new=["\udc00"],
                    changed_by="liaison-a-b",
                    mutation_id=new_id(),
                )
            )
    finally:
        db.close()
    for api in (alliance.liaison_a, alliance.secretariat):
        listed = api.get("/api/v1/conflicts")
        assert listed.status_code == 200, listed.text[:300]
        [bad] = [c for c in listed.json() if c["record_id"] == made["record_id"]]
        assert bad["theirs"] == "甲\ufffd"
        assert bad["mine"] == ["\ufffd", str(10**30)]
        history = api.get(f"/api/v1/records/project/{made['record_id']}/history")
        assert history.status_code == 200, history.text[:300]


def test_every_refusal_of_the_api_is_our_shape_not_the_frameworks(alliance: Alliance) -> None:
    response = alliance.anonymous.client.post(
        alliance.anonymous.url + "/api/v1/auth/login", headers=version_headers(), content=b'{"username": '
    )
    assert response.status_code == 422
    ErrorBody.model_validate_json(response.content)


def test_a_resolve_of_a_conflict_id_with_a_surrogate_in_the_path_is_refused(alliance: Alliance) -> None:
    response = alliance.liaison_a.post("/api/v1/conflicts/%ED%A0%80/resolve", json={"keep": "mine"})
    assert response.status_code in (404, 422), response.text[:300]
    ErrorBody.model_validate_json(response.content)


def test_server_process_is_still_healthy(alliance: Alliance) -> None:
    server: ServerProcess = alliance.server
    assert server.process.poll() is None
    assert httpx.get(server.url + "/healthz").status_code == 200


def test_a_pull_page_of_huge_records_is_split_by_bytes(tmp_path: Path) -> None:
    """Every record at its longest allowed text: the page stops at the byte limit, not at 1000 records, and
    following the cursor still brings every record exactly once."""
    limit = 64 * 1024
    server = start_server(
        ["--data-dir", str(tmp_path)],
        tmp_path / "server.log",
        env={**ROOMY, "ALLIANCE_SERVER_MAX_PULL_PAGE_BYTES": str(limit)},
    )
    try:
        alliance = build_alliance(server, "p")
        text = "述" * LONG_TEXT  # 12 kB of UTF-8
        made = [
            create(
                "project",
                {
                    "lead_member_id": alliance.member_a,
                    "title": f"大项目{n}",
                    "domain": "smart_city",
                    "description": text,
                },
            )
            for n in range(40)
        ]
        assert {o["status"] for o in alliance.liaison_a.push(*made)} == {"applied"}
        seen: list[str] = []
        cursor, pages = 0, 0
        while True:
            response = alliance.secretariat.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": 1000})
            page = response.json()
            pages += 1
            assert len(response.content) <= limit + 2 * len(text.encode()), len(response.content)
            seen += [c["id"] for c in page["changes"] if c["kind"] == "project"]
            cursor = page["cursor"]
            if not page["has_more"]:
                break
        assert sorted(seen) == sorted(m["record_id"] for m in made)
        assert pages >= 40 * len(text.encode()) // limit
    finally:
        server.stop()


def test_invisible_characters_in_a_pushed_name_are_taken_out_as_on_the_desktop(alliance: Alliance) -> None:
    """A crafted push cannot store what no desktop stores: a title reading one way and sorting another (a direction
    override) or carrying a zero-width space is spaced by the same rule (models/spacing.py) before it is kept."""
    typed = "\u202e智慧\u200b园区\u202c 示范\u3000工程"
    m = project(alliance, typed)
    stored = alliance.liaison_a.get(f"/api/v1/records/project/{m['record_id']}").json()
    assert stored["values"]["title"] == "智慧园区示范工程" == coerce(specs_by_name("project")["title"], typed)
