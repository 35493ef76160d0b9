"""The compatibility window: the previous release's desktop (a frozen copy of its wire code in previous_client/)
syncs with the current server and is told an update exists without being refused; a desktop below the window or
newer than the server is refused with a sentence; what an older schema cannot know is left out of its answers,
and a desktop ignores record kinds it does not know."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from alliance_app.models import new_id
from alliance_app.sync import protocol_window as versions
from alliance_app.sync.errors import SyncError
from alliance_app.sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION, version_headers
from tests.conftest import free_port

from .conftest import PASSWORD, Server, member_values, unique
from .previous_client import client_v1, protocol_v1

DOWNLOAD = "https://alliance.example.cn/download/alliance-desk-setup.exe"


class Recording(httpx.BaseTransport):
    """The network edge, remembering the headers of the last answer."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.headers: httpx.Headers | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        self.headers = response.headers
        return response


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    port = free_port()
    running = Server(f"http://127.0.0.1:{port}", tmp_path / "server", port)
    running.data_dir.mkdir()
    running.env["ALLIANCE_SERVER_DESKTOP_DOWNLOAD_URL"] = DOWNLOAD
    running.start()
    yield running
    running.stop()
    running.close_database()


def test_the_frozen_copy_is_the_previous_protocol_and_the_window_serves_it() -> None:
    assert protocol_v1.PROTOCOL_VERSION == PROTOCOL_VERSION - 1 == versions.OLDEST_PROTOCOL
    assert versions.served(protocol_v1.PROTOCOL_VERSION, protocol_v1.SCHEMA_VERSION)
    assert not versions.served(PROTOCOL_VERSION - 2, SCHEMA_VERSION)
    assert not versions.served(PROTOCOL_VERSION + 1, SCHEMA_VERSION)


def test_the_previous_desktop_syncs_both_ways_with_the_current_one_and_is_told_to_update(
    server: Server, desktops: Any
) -> None:
    transport = Recording()
    old = client_v1.SyncClient(server.url, transport=transport)
    old.login(server.add_account(unique("old")), PASSWORD)
    assert transport.headers is not None and transport.headers[versions.UPDATE_HEADER] == DOWNLOAD
    current = desktops("new").login(server, server.add_account(unique("new")))
    made_here = current.create("member", **member_values("新版本成员"))
    current.sync()

    # The old desktop pushes a member of its own and pulls everything, the current desktop's member included.
    member_id = new_id()
    values = {k: v for k, v in member_values("旧版本成员").items()}
    outcomes = old.push(
        [
            {
                "mutation_id": new_id(),
                "kind": "member",
                "record_id": member_id,
                "op": "create",
                "changes": {k: [None, v] for k, v in values.items()},
                "base_rev": None,
            }
        ]
    )
    assert outcomes[0]["status"] == "applied", outcomes
    page = old.pull(0, 1000)
    protocol_v1.PullResponse.model_validate(page)  # the old wire model reads the current server's page
    assert {made_here, member_id} <= {s["id"] for s in page["changes"]}
    sums = old.checksums()
    assert sums.kinds["member"].count >= 2
    assert old.conflicts() == []
    assert transport.headers[versions.UPDATE_HEADER] == DOWNLOAD

    result = current.sync()
    assert current.get("member", member_id)["name_zh"] == "旧版本成员"
    assert result.update_url is None  # the current desktop is not told to update


def test_the_previous_desktop_keeps_syncing_and_simply_does_not_see_the_reports_narratives(
    server: Server, desktops: Any
) -> None:
    """Schema 2 added the narrative kind: a schema-1 desktop is neither refused nor sent a record it cannot store."""
    assert protocol_v1.SCHEMA_VERSION == SCHEMA_VERSION - 1 and "narrative" not in versions.KNOWN[1]
    writer = desktops("sec").login(server, server.add_account(unique("sec")))
    member_id = writer.create("member", **member_values("叙述旁的成员"))
    narrative_id = writer.create("narrative", year=2026, section="foreword", text_zh="各位成员单位：")
    writer.sync()
    old = client_v1.SyncClient(server.url)
    old.login(server.add_account(unique("old")), PASSWORD)
    page = old.pull(0, 1000)
    protocol_v1.PullResponse.model_validate(page)
    kinds = {s["kind"] for s in page["changes"] + page["prerequisites"]}
    assert member_id in {s["id"] for s in page["changes"]} and "narrative" not in kinds
    assert "narrative" not in old.checksums().kinds
    reader = desktops("new").login(server, server.add_account(unique("new"), "liaison", member_id))
    reader.sync()
    assert reader.get("narrative", narrative_id)["text_zh"] == "各位成员单位："


def test_a_desktop_below_the_window_or_newer_than_the_server_is_refused_with_a_sentence(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    for protocol, code in ((versions.OLDEST_PROTOCOL - 1, "upgrade_client"), (PROTOCOL_VERSION + 1, "upgrade_server")):
        monkeypatch.setattr(protocol_v1, "PROTOCOL_VERSION", protocol)
        client = client_v1.SyncClient(server.url)
        with pytest.raises(SyncError) as refused:
            client.login(server.add_account(unique("far")), PASSWORD)
        assert (refused.value.status, refused.value.code) == (426, code)
        assert refused.value.message("zh") and refused.value.message("en")


def test_an_older_schema_is_sent_only_the_kinds_and_fields_it_knows() -> None:
    known = {1: {"member": frozenset({"name_zh", "city"})}}
    page = {
        "changes": [
            {"kind": "member", "id": "m", "values": {"name_zh": "甲", "city": "武汉", "motto": "新字段"}, "hidden": []},
            {"kind": "report_section", "id": "r", "values": {"text": "新类型"}, "hidden": []},
        ],
        "prerequisites": [],
    }
    shaped = versions.for_schema("/api/v1/sync/pull", page, 1, current=2, known_by=known)
    assert shaped["changes"] == [
        {"kind": "member", "id": "m", "values": {"name_zh": "甲", "city": "武汉"}, "hidden": []}
    ]
    sums = {"server_rev": 3, "kinds": {"member": {"count": 1, "checksum": "x"}, "report_section": {"count": 1}}}
    assert set(versions.for_schema("/api/v1/sync/checksums", sums, 1, current=2, known_by=known)["kinds"]) == {"member"}
    same = versions.for_schema("/api/v1/sync/pull", {"changes": []}, 2, current=2, known_by=known)
    assert same == {"changes": []}


class NewerKinds(httpx.BaseTransport):
    """A newer server's answer at the network edge: a field this release does not know, and optionally a record
    of a kind it does not know (what a server that failed to reshape its answer would send)."""

    def __init__(self, kind: bool) -> None:
        self.inner = httpx.HTTPTransport()
        self.kind = kind

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if not request.url.path.endswith("/sync/pull") or response.status_code != 200:
            return response
        page = orjson.loads(response.read())
        for state in page["changes"]:
            state["values"]["motto"] = "一个新字段"
        if page["changes"] and self.kind:
            extra = dict(page["changes"][0], kind="report_section", id=new_id(), values={"text": "年度报告叙述"})
            page["changes"].append(extra)
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
        return httpx.Response(200, headers=headers, content=orjson.dumps(page))


def test_a_desktop_ignores_fields_it_does_not_know_and_refuses_an_unknown_kind_with_a_sentence(
    server: Server, desktops: Any
) -> None:
    """Fields are ignored; a whole kind it does not know is the server's to leave out (the window reshapes), so
    meeting one is an answer the desktop cannot use: said in one sentence, nothing written."""
    writer = desktops("w").login(server, server.add_account(unique("w")))
    member_id = writer.create("member", **member_values("未知字段"))
    writer.sync()
    reader = desktops("r", transport=NewerKinds(kind=False)).login(server, server.add_account(unique("r")))
    result = reader.sync()
    assert reader.get("member", member_id)["name_zh"] == "未知字段"
    assert not result.mismatched
    strict = desktops("s", transport=NewerKinds(kind=True)).login(server, server.add_account(unique("s")))
    with pytest.raises(SyncError) as refused:
        strict.sync()
    assert "not a record kind" in refused.value.message("en")
    assert strict.live() == {}


def test_the_sync_command_passes_the_update_notice_on(server: Server, desktops: Any) -> None:
    """The current desktop against a server one release newer is simulated at the network edge by the header."""
    from alliance_app.cli.sync_commands import sync_notices as _sync_notices
    from alliance_app.sync.state import SyncResult

    desktop = desktops("d").login(server, server.add_account(unique("notice")))
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        _sync_notices(desktop.desk_sync, SyncResult(update_url=DOWNLOAD), "en")
        _sync_notices(desktop.desk_sync, SyncResult(), "en")
    assert err.getvalue() == f"A newer Alliance Desk is available; please update: {DOWNLOAD}\n"


def _pulled_counts(server: Server) -> dict[str, float]:
    page = httpx.get(f"{server.url}/metrics", headers={"Authorization": "Bearer pulled-metrics"}).text
    counts = {}
    for line in page.splitlines():
        if line.startswith('alliance_pull_records_total{kind="'):
            counts[line.split('"', 2)[1]] = float(line.rsplit(" ", 1)[1])
    return counts


def _sent(page: dict[str, Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for state in page["changes"] + page["prerequisites"]:
        counts[state["kind"]] = counts.get(state["kind"], 0) + 1
    return counts


def test_the_metrics_count_the_records_a_pull_sends_as_each_desktop_receives_them(
    tmp_path: Path, desktops: Any
) -> None:
    """The route counts the page it built; an older desktop's page is counted as reshaped (no narratives)."""
    port = free_port()
    running = Server(f"http://127.0.0.1:{port}", tmp_path / "server", port)
    running.data_dir.mkdir()
    running.env["ALLIANCE_SERVER_METRICS_TOKEN"] = "pulled-metrics"
    running.start()
    try:
        writer = desktops("sec").login(running, running.add_account(unique("sec")))
        member_id = writer.create("member", **member_values("计数的成员"))
        writer.create("contact", member_id=member_id, name="联系人")
        writer.create("narrative", year=2026, section="foreword", text_zh="各位成员单位：")
        writer.sync()
        old = client_v1.SyncClient(running.url)
        old.login(running.add_account(unique("old")), PASSWORD)
        before = _pulled_counts(running)
        old_page = old.pull(0, 1000)
        after = _pulled_counts(running)
        assert "narrative" not in _sent(old_page) and _sent(old_page)["contact"] >= 1
        assert {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)} == _sent(old_page)
        current = httpx.Client(base_url=running.url, headers=version_headers())
        login = {"username": running.add_account(unique("new")), "password": PASSWORD}
        token = current.post("/api/v1/auth/login", json=login).json()["access_token"]
        current.headers["Authorization"] = f"Bearer {token}"
        before = _pulled_counts(running)
        page = current.get("/api/v1/sync/pull", params={"cursor": 0}).json()
        after = _pulled_counts(running)
        assert _sent(page)["narrative"] == 1
        assert {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)} == _sent(page)
    finally:
        running.stop()
        running.close_database()
