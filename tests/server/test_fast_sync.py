"""The fast way to push and pull (server/fast_sync.py) against the framework's way: for every request of a corpus of
plain and odd ones, the same answer, and the same arguments reaching the sync service — or no call at all.

Two applications on one SQLite file, one with the fast path and one without, are called straight through ASGI
(what uvicorn does after reading the HTTP request). The sync service's push and pull are replaced by recorders
that log the account in as the routes do and keep what they were given, so a push changes nothing and both ways
meet the same database."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from alliance_app.models import new_id
from alliance_app.server import fast_sync, sync_service
from alliance_app.server.accounts import create_account
from alliance_app.server.app import create_app
from alliance_app.server.migrate import upgrade
from alliance_app.server.settings import ServerSettings
from alliance_app.sync.protocol import PROTOCOL_HEADER, SCHEMA_HEADER, version_headers
from alliance_app.sync.protocol_window import OLDEST_PROTOCOL, OLDEST_SCHEMA
from tests.server.conftest import PASSWORD

Headers = list[tuple[str, str]]


class Ways:
    """Both applications, one event loop, and what reached the sync service on each request."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
        settings = ServerSettings(data_dir=tmp_path)
        self.fast, self.framework = create_app(settings), create_app(settings, fast_sync=False)
        self.db = self.fast.state.db
        upgrade(self.db.engine)
        with self.db.write() as session:
            create_account(session, username="sec", role="secretariat", password=PASSWORD, member=None)
        self.loop = asyncio.new_event_loop()
        self.calls: list[Any] = []
        self.fast_calls = 0
        monkeypatch.setattr(sync_service, "push_batch", self._push_batch)
        monkeypatch.setattr(sync_service, "pull_json", self._pull_json)
        answer = fast_sync.SyncFastPath._answer

        async def counted(path: Any, *args: Any, **kwargs: Any) -> None:
            self.fast_calls += 1
            await answer(path, *args, **kwargs)

        monkeypatch.setattr(fast_sync.SyncFastPath, "_answer", counted)
        login = {"username": "sec", "password": PASSWORD}
        json_type = [*self.plain(), ("Content-Type", "application/json")]
        status, _, body, _ = self.call(self.framework, "POST", "/api/v1/auth/login", json_type, orjson.dumps(login))
        assert status == 200, body
        self.token = orjson.loads(body)["access_token"]

    def _push_batch(self, db: Any, who: Any, mutations: list[Any], *, answer: Any) -> bytes:
        with db.write() as session:
            account_id, actor = who(session)
        self.calls.append(("push", account_id, actor.username, [m.model_dump(mode="json") for m in mutations]))
        return b'{"outcomes":[]}'

    def _pull_json(self, _session: Any, actor: Any, cursor: int, limit: int, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(("pull", actor.username, cursor, limit, args, kwargs["conflicts"], kwargs["sums"]))
        return b'{"changes":[]}', {}

    def plain(self, token: str | None = None) -> Headers:
        headers = list(version_headers().items())
        return headers + ([("Authorization", f"Bearer {token}")] if token else [])

    def call(
        self, app: Any, method: str, path: str, headers: Headers, body: bytes = b"", query: bytes = b"", chunks: int = 1
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes, list[Any]]:
        before = len(self.calls)
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
            "path": path, "raw_path": path.encode(), "root_path": "", "query_string": query,
            "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers],
            "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {},
        }  # fmt: skip
        size = max(1, -(-len(body) // chunks))
        parts = [body[i : i + size] for i in range(0, len(body), size)] or [b""]
        messages = [{"type": "http.request", "body": p, "more_body": i < len(parts) - 1} for i, p in enumerate(parts)]
        answer: dict[str, Any] = {"status": 0, "headers": [], "body": b""}

        async def receive() -> Any:
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        async def send(message: Any) -> None:
            if message["type"] == "http.response.start":
                answer["status"], answer["headers"] = message["status"], message.get("headers", [])
            elif message["type"] == "http.response.body":
                answer["body"] += message.get("body", b"")

        self.loop.run_until_complete(app(scope, receive, send))
        return answer["status"], answer["headers"], answer["body"], self.calls[before:]

    def both(self, *args: Any, **kwargs: Any) -> tuple[Any, Any]:
        return self.call(self.fast, *args, **kwargs), self.call(self.framework, *args, **kwargs)

    def close(self) -> None:
        self.loop.close()
        self.fast.state.db.close()
        self.framework.state.db.close()


@pytest.fixture
def ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ways]:
    made = Ways(tmp_path, monkeypatch)
    yield made
    made.close()


def _mutation(**changes: Any) -> dict[str, Any]:
    values = {"name_zh": [None, "测试单位"], "member_kind": [None, "enterprise"], **changes}
    return {"mutation_id": new_id(), "kind": "member", "record_id": new_id(), "op": "create", "changes": values}


def _push_cases(ways: Ways) -> list[tuple[str, Headers, bytes, int]]:
    """(name, headers, body, body chunks): plain pushes first, then every way of being less plain."""
    good = orjson.dumps({"mutations": [_mutation(), _mutation(short_name=[None, "简称"])]})
    plain = [*ways.plain(ways.token), ("Content-Type", "application/json")]
    versions = dict(version_headers())

    def without(name: str) -> Headers:
        return [(k, v) for k, v in plain if k.lower() != name.lower()]

    def swapped(name: str, value: str) -> Headers:
        return [*without(name), (name, value)]

    cases = [
        ("plain", plain, good, 1),
        ("plain, empty batch", plain, b'{"mutations": []}', 1),
        ("plain, body in three chunks", plain, good, 3),
        ("plain, charset", swapped("Content-Type", "application/json; charset=utf-8"), good, 1),
        ("plain, oldest protocol", swapped(PROTOCOL_HEADER, str(OLDEST_PROTOCOL)), good, 1),
        ("plain, oldest schema", swapped(SCHEMA_HEADER, str(OLDEST_SCHEMA)), good, 1),
        ("plain, unknown field", plain, orjson.dumps({"mutations": [], "extra": 1}), 1),
        ("plain, duplicated key", plain, b'{"mutations": [1], "mutations": []}', 1),
        ("content type in capitals", swapped("Content-Type", "Application/JSON"), good, 1),
        ("lower-case scheme", swapped("Authorization", f"bearer {ways.token}"), good, 1),
        ("a wrong token", swapped("Authorization", "Bearer not-a-token"), good, 1),
    ]
    for name in (PROTOCOL_HEADER, SCHEMA_HEADER):
        number = int(versions[name])
        for value in ("", "abc", "+1", " 1", "1 ", "01", "0", str(number + 1), "-1", "1e0", "\xb2", str(2**70)):
            cases.append((f"{name} {value!r}", swapped(name, value), good, 1))
        cases.append((f"{name} missing", without(name), good, 1))
        cases.append((f"{name} twice, first out of the window", [(name, "0"), *plain], good, 1))
        cases.append((f"{name} twice, second out of the window", [*plain, (name, "0")], good, 1))
    for value in ("", "Bearer", "Bearer ", "Basic abc", f"Bearer  {ways.token}", f"Bearer {ways.token} x", "Token x"):
        cases.append((f"authorization {value!r}", swapped("Authorization", value), good, 1))
    cases.append(("no authorization", without("Authorization"), good, 1))
    cases.append(("authorization twice, first wrong", [("Authorization", "Bearer nope"), *plain], good, 1))
    cases.append(("authorization twice, second wrong", [*plain, ("Authorization", "Bearer nope")], good, 1))
    for value in ("text/plain", "application/merge-patch+json", "application/x-www-form-urlencoded", ""):
        cases.append((f"content type {value!r}", swapped("Content-Type", value), good, 1))
    cases.append(("no content type", without("Content-Type"), good, 1))
    bodies = [
        b"",
        b"not json",
        b"null",
        b"[]",
        b'{"mutations": "x"}',
        b'{"mutations": [{"mutation_id": "x"}]}',
        b'{"mutations": [], "a": NaN}',
        b'{"mutations": [], "a": 1e400}',
        b'{"mutations": [], "a": 123456789012345678901234567890}',
        '{"mutations": [], "a": "\ud800"}'.encode("utf-8", "surrogatepass"),
        b'{"mutations": [], "a": "\\ud800"}',
        '{"mutations": []}'.encode("utf-16"),
        b"\xff\xfe",
        orjson.dumps({"mutations": [{**_mutation(), "kind": "nonsense"}]}),
        orjson.dumps({"mutations": [{**_mutation(), "op": "delete", "changes": {}}]}),
        orjson.dumps({"mutations": [{**_mutation(), "base_rev": -1}]}),
        orjson.dumps({"mutations": [{**_mutation(), "changes": {"name_zh": [None, "x" * 100_000]}}]}),
    ]
    cases += [(f"body {body[:40]!r}", plain, body, 1) for body in bodies]
    return cases


def _same(fast: Any, framework: Any, name: str) -> None:
    assert fast[0] == framework[0], (name, fast[0], framework[0], fast[2][:300], framework[2][:300])
    assert fast[2] == framework[2], (name, fast[2][:300], framework[2][:300])
    assert fast[1] == framework[1], (name, fast[1], framework[1])
    assert fast[3] == framework[3], (name, fast[3], framework[3])


def test_every_push_gets_the_frameworks_answer_and_arguments(ways: Ways) -> None:
    cases = _push_cases(ways)
    for name, headers, body, chunks in cases:
        fast, framework = ways.both("POST", "/api/v1/sync/push", headers, body, chunks=chunks)
        _same(fast, framework, name)
    # The plain ones went the fast way and reached the service; the test would hold nothing if none had.
    assert ways.fast_calls >= 9
    pushes = [c for c in ways.calls if c[0] == "push"]
    assert len(pushes) >= 2 * 8 and all(c[2] == "sec" for c in pushes)


_PULL_QUERIES = [
    b"",
    b"cursor=5",
    b"cursor=0&limit=1000&conflicts_digest=true&sums=true",
    b"cursor=7&limit=1&conflicts_digest=false&sums=false",
    b"limit=1000000",
    b"cursor=4611686018427387904",
    b"cursor=%31%32",
    b"cursor=4611686018427387905",
    b"limit=1000001",
    b"limit=0",
    b"cursor=-1",
    b"cursor=01",
    b"cursor=1.0",
    b"cursor=+1",
    b"cursor=1+",
    b"cursor=",
    b"cursor",
    b"cursor=1&cursor=2",
    b"sums=true&sums=false",
    b"sums=1",
    b"sums=yes",
    b"sums=True",
    b"sums=",
    b"conflicts_digest=on",
    b"other=1",
    b"cursor=1&&limit=2",
    b"cursor=99999999999999999999999",
]


def test_every_pull_gets_the_frameworks_answer_and_arguments(ways: Ways) -> None:
    plain = ways.plain(ways.token)
    for query in _PULL_QUERIES:
        fast, framework = ways.both("GET", "/api/v1/sync/pull", plain, query=query)
        _same(fast, framework, query)
    for name, headers in [
        ("no login", ways.plain()),
        ("a wrong token", ways.plain("nope")),
        ("old protocol", [(PROTOCOL_HEADER, "0"), *[(k, v) for k, v in plain if k != PROTOCOL_HEADER]]),
    ]:
        fast, framework = ways.both("GET", "/api/v1/sync/pull", headers, query=b"cursor=1")
        _same(fast, framework, name)
    for method, path in [("HEAD", "/api/v1/sync/pull"), ("POST", "/api/v1/sync/pull"), ("GET", "/api/v1/sync/pull/")]:
        fast, framework = ways.both(method, path, plain)
        _same(fast, framework, f"{method} {path}")
    assert ways.fast_calls >= 6
    assert [c[2:4] for c in ways.calls if c[0] == "pull"][:2] == [(0, 500), (0, 500)]
