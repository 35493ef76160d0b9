"""Profile of the server's sync requests, in one process: SQL statements and CPU per request, and where it goes.

    PYTHONPATH=. python bench/profile_server.py --database-url postgresql+psycopg://…/scratch [--syncs 200]
                                                [--desktops 1] [--show-sql]
    py-spy record --gil -f raw -o profile.txt -- python bench/profile_server.py …   (where the CPU goes)

The whole application (middlewares, authentication, validation, the push and pull code, orjson) answers the
bench's desktop sync — a push of three new contacts and an edit, pulls to the end, the open conflicts if the last
page's digest says they changed (`--always-list`: every time, as desktops did before the digest), the check of the
contacts' count and checksum as of its cursor (`--check page`: with the sums the last page brings, as the engine
does; `ask`: asked as of the cursor, as against a server that brings none; `full`: the full answer, read from every
record, as against a server without running sums; `none`: no check) — called
straight through ASGI (no HTTP client, no socket), one request at a time, so the figures do not depend on the
machine's other load: statements per request (counted by SQLAlchemy's cursor events) and the server's CPU per
request (this process's CPU time during the call only: the request is encoded before and the answer decoded after
it is timed, so no client work is in the figure; PostgreSQL's CPU and uvicorn's HTTP parsing are not in it either).
The routes run in worker threads, so profile with a sampling profiler that sees every thread (py-spy, above), not
cProfile. The database must be an empty scratch database (it is migrated); SQLite without --database-url.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

os.environ.setdefault("ALLIANCE_SERVER_ARGON2_TIME_COST", "1")
os.environ.setdefault("ALLIANCE_SERVER_ARGON2_MEMORY_KIB", "8192")

import asyncio
import logging.config
from urllib.parse import urlencode

import orjson
from sqlalchemy import event

from alliance_app.models import new_id
from alliance_app.server.accounts import create_account
from alliance_app.server.app import create_app
from alliance_app.server.kind_sums import ensure
from alliance_app.server.logging_setup import log_config
from alliance_app.server.migrate import upgrade
from alliance_app.server.settings import ServerSettings
from alliance_app.sync.protocol import MAX_PULL_PAGE, conflicts_digest, version_headers

PASSWORD = "bench password 1"


def _batch(member_id: str, mine: list[str]) -> list[dict[str, Any]]:
    """The bench's push (bench_server.py): three new contacts, and an edit of an earlier one."""
    batch = []
    for _ in range(3):
        cid = new_id()
        mine.append(cid)
        changes = {"member_id": [None, member_id], "name": [None, "联系人"]}
        batch.append({"mutation_id": new_id(), "kind": "contact", "record_id": cid, "op": "create", "changes": changes})
    if len(mine) > 3:
        edit = {"title": [None, "经理"]}
        cid = mine[-4]
        batch.append({"mutation_id": new_id(), "kind": "contact", "record_id": cid, "op": "update", "changes": edit})
    return batch


class Answer:
    def __init__(self, status_code: int, body: bytes):
        self.status_code, self.content = status_code, body

    @property
    def text(self) -> str:
        return self.content.decode()

    def json(self) -> Any:
        return orjson.loads(self.content)


class DirectClient:
    """Calls the ASGI application itself, as uvicorn would after parsing the HTTP request."""

    def __init__(self, app: Any, headers: dict[str, str]):
        self.app, self.headers = app, headers
        # One event loop for the whole run, as uvicorn's: its first task lives as long as the loop, and the
        # framework's worker threads (kept while that task runs) are reused, not started again per request.
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_until_complete, args=(self._serve(),), daemon=True).start()

    async def _serve(self) -> None:
        await asyncio.Event().wait()

    def request(self, method: str, path: str, body: bytes = b"", query: str = "", headers: Any = None) -> Answer:
        sent = {**self.headers, **(headers or {})}
        if body:
            sent["content-type"] = "application/json"
            sent["content-length"] = str(len(body))
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
            "path": path, "raw_path": path.encode(), "root_path": "", "query_string": query.encode(),
            "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in sent.items()],
            "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {},
        }  # fmt: skip
        messages = [{"type": "http.request", "body": body, "more_body": False}]
        status, chunks = 500, []

        async def receive() -> Any:
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        async def send(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        asyncio.run_coroutine_threadsafe(self.app(scope, receive, send), self.loop).result()
        return Answer(status, b"".join(chunks))

    def post(self, path: str, json: Any = None, headers: Any = None, body: bytes | None = None) -> Answer:
        return self.request("POST", path, orjson.dumps(json) if body is None else body, headers=headers)

    def get(self, path: str, params: Any = None, headers: Any = None) -> Answer:
        return self.request("GET", path, query=urlencode(params or {}), headers=headers)


class Counter:
    """SQL statements sent, by the request kind being answered."""

    def __init__(self) -> None:
        self.kind = "setup"
        self.statements: dict[str, int] = defaultdict(int)

        self.shown: list[str] = []
        self.show = False

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.statements[self.kind] += 1
        if self.show:
            self.shown.append(" ".join(statement.split())[:160])


def _desktops(client: DirectClient, db: Any, count: int) -> list[tuple[dict[str, str], str]]:
    """`count` members made by the secretariat, each with a liaison logged in: (auth header, member id)."""
    with db.write() as session:
        create_account(session, username="sec", role="secretariat", password=PASSWORD, member=None)
    sec = client.post("/api/v1/auth/login", json={"username": "sec", "password": PASSWORD}).json()
    desktops = []
    for n in range(count):
        member_id = new_id()
        values = {"name_zh": f"压测单位{n}", "member_kind": "enterprise"}
        member = {"mutation_id": new_id(), "kind": "member", "record_id": member_id, "op": "create",
                  "changes": {k: [None, v] for k, v in values.items()}}  # fmt: skip
        headers = {"Authorization": f"Bearer {sec['access_token']}"}
        assert client.post("/api/v1/sync/push", json={"mutations": [member]}, headers=headers).status_code == 200
        with db.write() as session:
            create_account(session, username=f"liaison{n}", role="liaison", password=PASSWORD, member=member_id)
        token = client.post("/api/v1/auth/login", json={"username": f"liaison{n}", "password": PASSWORD}).json()
        desktops.append(({"Authorization": f"Bearer {token['access_token']}"}, member_id))
    return desktops


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--syncs", type=int, default=200)
    parser.add_argument("--desktops", type=int, default=1, help="desktops taking turns (each pulls the others' edits)")
    parser.add_argument("--show-sql", action="store_true", help="print the statements of one sync")
    parser.add_argument("--always-list", action="store_true", help="list the conflicts every sync, digest or not")
    parser.add_argument("--check", choices=("page", "ask", "full", "none"), default="page", help="see above")
    args = parser.parse_args()
    settings = ServerSettings(data_dir=Path(tempfile.mkdtemp()), database_url=args.database_url)
    app = create_app(settings)
    db = app.state.db
    upgrade(db.engine)
    ensure(db.engine)  # as `migrate` and `serve` do: every kind's running sums counted
    counter = Counter()
    event.listen(db.engine, "before_cursor_execute", counter)
    cpu: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    pulled = 0
    # The access log as the service writes it (JSON lines), to a file nobody reads: its cost is the server's.
    logging.config.dictConfig(log_config("info", "json", os.devnull))
    client = DirectClient(app, version_headers())
    desktops = _desktops(client, db, args.desktops)
    cursors = [0] * len(desktops)
    mine: list[list[str]] = [[] for _ in desktops]
    held: list[set[str]] = [set() for _ in desktops]  # open conflicts each desktop holds (sync/engine.py)

    def timed(kind: str, method: Any, path: str, **kw: Any) -> Any:
        counter.kind = kind
        if "json" in kw:
            kw["body"] = orjson.dumps(kw.pop("json"))  # encoded before the timing starts
        start = time.process_time()
        response = method(path, **kw)
        cpu[kind] += time.process_time() - start
        count[kind] += 1
        assert response.status_code == 200, response.text
        return response

    for n in range(args.syncs):
        counter.show = args.show_sql and n == 10
        d = n % len(desktops)
        headers, member_id = desktops[d]
        batch = _batch(member_id, mine[d])
        answer = timed("push", client.post, "/api/v1/sync/push", json={"mutations": batch}, headers=headers)
        assert all(o["status"] != "rejected" for o in answer.json()["outcomes"]), answer.text
        held[d].update(c["id"] for o in answer.json()["outcomes"] for c in o["conflicts"] or [])
        while True:
            asked = {"cursor": cursors[d], "limit": MAX_PULL_PAGE, "conflicts_digest": "true"}  # as the engine asks
            if args.check == "page":
                asked["sums"] = "true"
            page = timed("pull", client.get, "/api/v1/sync/pull", params=asked, headers=headers).json()
            cursors[d] = page["cursor"]
            pulled += len(page["changes"])
            if not page["has_more"]:
                break
        # Desktops take turns here, so an answer is always at the cursor: the full check never has to ask again.
        if args.check in ("ask", "full") or (args.check == "page" and page.get("sums", {}).get("at") != cursors[d]):
            check: dict[str, Any] = {"kind": "contact"} | ({"at": cursors[d]} if args.check != "full" else {})
            timed("checksums", client.get, "/api/v1/sync/checksums", params=check, headers=headers)
        if args.always_list or page.get("conflicts_digest") != conflicts_digest(held[d]):
            listed = timed("conflicts", client.get, "/api/v1/conflicts", headers=headers).json()
            held[d] = {c["id"] for c in listed}
    db.close()
    label = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"== {label}, {args.syncs} syncs of {args.desktops} desktop(s) taking turns (push of 3 creates + 1 edit, "
        f"pull, conflicts when the digest differs, check: {args.check}), one request at a time, in process; "
        f"{pulled / count['pull']:.0f} records per pull page"
    )
    for kind in ("push", "pull", "checksums", "conflicts"):
        n = max(count[kind], 1)
        print(
            f"   {kind}: n={n} statements/request={counter.statements[kind] / n:.1f} "
            f"CPU/request={cpu[kind] / n * 1000:.2f} ms"
        )
    total = sum(count.values())
    all_cpu = sum(cpu.values()) / total * 1000
    print(
        f"   all: CPU/request={all_cpu:.2f} ms, CPU/sync={sum(cpu.values()) / args.syncs * 1000:.2f} ms "
        "(the server's alone; PostgreSQL's not counted)"
    )
    for line in counter.shown:
        print("     ", line)


if __name__ == "__main__":
    main()
