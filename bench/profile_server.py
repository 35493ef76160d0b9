"""Profile of the server's sync requests, in one process: SQL statements and CPU per request, and where it goes.

    PYTHONPATH=. python bench/profile_server.py --database-url postgresql+psycopg://…/scratch [--syncs 200]
                                                [--desktops 1] [--show-sql]
    py-spy record --gil -f raw -o profile.txt -- python bench/profile_server.py …   (where the CPU goes)

The whole application (middlewares, authentication, validation, the push and pull code, orjson) answers the
bench's desktop sync — a push of three new contacts and an edit, pulls to the end, the open conflicts — through
an in-process ASGI client, one request at a time, so the figures do not depend on the machine's other load:
statements per request (counted by SQLAlchemy's cursor events) and CPU per request (this process's CPU time,
which leaves out PostgreSQL's and uvicorn's HTTP parsing, and includes the test client's). The routes run in
worker threads, so profile with a sampling profiler that sees every thread (py-spy, above), not cProfile. The
database must be an empty scratch database (it is migrated); SQLite without --database-url.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

os.environ.setdefault("ALLIANCE_SERVER_ARGON2_TIME_COST", "1")
os.environ.setdefault("ALLIANCE_SERVER_ARGON2_MEMORY_KIB", "8192")

from fastapi.testclient import TestClient
from sqlalchemy import event

from alliance_app.models import new_id
from alliance_app.server.accounts import create_account
from alliance_app.server.app import create_app
from alliance_app.server.migrate import upgrade
from alliance_app.server.settings import ServerSettings
from alliance_app.sync.protocol import version_headers

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


def _desktops(client: TestClient, db: Any, count: int) -> list[tuple[dict[str, str], str]]:
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
    args = parser.parse_args()
    settings = ServerSettings(data_dir=Path(tempfile.mkdtemp()), database_url=args.database_url)
    app = create_app(settings)
    db = app.state.db
    upgrade(db.engine)
    counter = Counter()
    event.listen(db.engine, "before_cursor_execute", counter)
    cpu: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    pulled = 0
    with TestClient(app, headers=version_headers()) as client:
        desktops = _desktops(client, db, args.desktops)
        cursors = [0] * len(desktops)
        mine: list[list[str]] = [[] for _ in desktops]

        def timed(kind: str, method: Any, path: str, **kw: Any) -> Any:
            counter.kind = kind
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
            while True:
                asked = {"cursor": cursors[d]}
                page = timed("pull", client.get, "/api/v1/sync/pull", params=asked, headers=headers).json()
                cursors[d] = page["cursor"]
                pulled += len(page["changes"])
                if not page["has_more"]:
                    break
            timed("conflicts", client.get, "/api/v1/conflicts", headers=headers)
    db.close()
    label = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"== {label}, {args.syncs} syncs of {args.desktops} desktop(s) taking turns (push of 3 creates + 1 edit, "
        f"pull, conflicts), one request at a time, in process; {pulled / count['pull']:.0f} records per pull page"
    )
    for kind in ("push", "pull", "conflicts"):
        n = count[kind]
        print(
            f"   {kind}: n={n} statements/request={counter.statements[kind] / n:.1f} "
            f"CPU/request={cpu[kind] / n * 1000:.2f} ms"
        )
    total = sum(count.values())
    print(f"   all: CPU/request={sum(cpu.values()) / total * 1000:.2f} ms (this process; PostgreSQL's not counted)")
    for line in counter.shown:
        print("     ", line)


if __name__ == "__main__":
    main()
