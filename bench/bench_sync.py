"""Benchmark of the desktop's sync engine against a real server on 127.0.0.1.

Initial sync of a synthetic alliance (`--scale 50`: about 100k records) into an empty desktop, an incremental
sync of 100 edits, and a sync with nothing to do; and, as the floor, the same records JSON-decoded and
bulk-inserted straight into SQLite with executemany. Goals: initial ≥ 10,000 records/s and within 3× of the
floor; no-op sync ≤ 50 ms.

    PYTHONPATH=$PWD python bench/bench_sync.py --scale 50
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import keyring
import orjson
from keyring.backends import fail

from alliance_app.models import RECORDS_BY_KIND, credit_code_check_char, link_id, new_id, utc_now
from alliance_app.settings import Settings
from alliance_app.store import sort_keys
from alliance_app.store.engine import open_store
from alliance_app.sync.desk_sync import DeskSync
from alliance_app.sync.protocol import MAX_PULL_PAGE, version_headers

PASSWORD = "benchmark password"
DOMAINS = ["smart_city", "beidou", "connected_vehicles", "smart_healthcare"]


def _credit(seed: int) -> str:
    first17 = "91420100" + f"{seed:09d}"
    return first17 + credit_code_check_char(first17)


def synthetic_alliance(scale: int) -> dict[str, list[dict[str, Any]]]:
    """73 × scale members, each with contacts, projects, partners, offers and two years of figures."""
    rng = random.Random(scale)
    rows: dict[str, list[dict[str, Any]]] = {kind: [] for kind in RECORDS_BY_KIND}
    members = []
    for i in range(73 * scale):
        member_id = new_id()
        members.append(member_id)
        rows["member"].append(
            {
                "id": member_id,
                "name_zh": f"湖北人工智能成员{i}",
                "credit_code": _credit(i + 1),
                "city": "武汉",
                "domains": rng.sample(DOMAINS, 2),
                "description": "人工智能产业创新联盟成员单位" * 3,
            }
        )
    for member_id in members:
        for c in range(5):
            rows["contact"].append(
                {
                    "id": new_id(),
                    "member_id": member_id,
                    "name": f"联络人{c}",
                    "phone": "027-87654321",
                    "email": f"c{c}@example.cn",
                    "title": "经理",
                }
            )
        for p in range(5):
            project_id = new_id()
            rows["project"].append(
                {
                    "id": project_id,
                    "lead_member_id": member_id,
                    "title": f"示范项目{p}",
                    "domain": rng.choice(DOMAINS),
                    "start_date": date(2025, 3, 1),
                    "investment": 1200.5,
                    "description": "面向城市治理的人工智能应用" * 4,
                }
            )
            for partner in rng.sample(members, 2):
                values = {"project_id": project_id, "member_id": partner, "role": "参与"}
                rows["project_partner"].append({"id": link_id("project_partner", values), **values})
        for o in range(2):
            rows["resource_offer"].append(
                {
                    "id": new_id(),
                    "member_id": member_id,
                    "resource_kind": "compute",
                    "title": f"算力资源{o}",
                    "capacity": 64,
                }
            )
        for year in (2024, 2025):
            values = {"member_id": member_id, "year": year}
            rows["annual_figures"].append(
                {"id": link_id("annual_figures", values), **values, "ai_core_revenue": 12.5, "employees": 300}
            )
    return rows


def load_server(data_dir: Path, scale: int) -> int:
    """Writes the synthetic alliance straight into a fresh server database, revs 1..N (as pushes would)."""
    from alliance_app.server import migrate
    from alliance_app.server.db import make_engine
    from alliance_app.server.settings import ServerSettings
    from alliance_app.server.tables import FieldRevs, RevCounter

    engine = make_engine(ServerSettings(data_dir=data_dir))
    migrate.upgrade(engine)
    rows = synthetic_alliance(scale)
    rev, now = 0, utc_now()
    with engine.begin() as connection:
        for kind, batch in rows.items():
            if not batch:
                continue
            cls = RECORDS_BY_KIND[kind]
            revs = []
            for row in batch:
                rev += 1
                owner = row["id"] if kind == "member" else row.get("member_id") or row.get("lead_member_id")
                row.update(rev=rev, deleted=False, updated_at=now, updated_by="bench", owner_member_id=owner)
                revs.append({"kind": kind, "record_id": row["id"], "created_rev": rev, "revs": {}})
            if kind == "project_partner":
                leads = {p["id"]: p["lead_member_id"] for p in rows["project"]}
                for row in batch:
                    row["owner_member_id"] = leads[row["project_id"]]
            connection.execute(cls.__table__.insert(), batch)  # type: ignore[attr-defined]
            connection.execute(FieldRevs.__table__.insert(), revs)  # type: ignore[attr-defined]
        connection.execute(RevCounter.__table__.update().where(RevCounter.id == 1).values(rev=rev))  # type: ignore[attr-defined]
    engine.dispose()
    return rev


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    args = [sys.executable, "-m", "alliance_app.server.cli", "serve", "--port", str(port), "--data-dir", str(data_dir)]
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(url + "/healthz", timeout=1, trust_env=False).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def floor(url: str, token: str, folder: Path) -> tuple[int, float]:
    """The same pages fetched beforehand, then JSON-decoded (by orjson, as the desktop does) and
    executemany-inserted into a store's tables."""
    headers = {**version_headers(), "Authorization": f"Bearer {token}"}
    pages, cursor = [], 0
    with httpx.Client(base_url=url, headers=headers, timeout=120, trust_env=False) as client:
        while True:
            raw = client.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": MAX_PULL_PAGE}).content
            pages.append(raw)
            page = json.loads(raw)
            cursor = page["cursor"]
            if not page["has_more"]:
                break
    store = open_store(folder)
    store.close()
    connection = sqlite3.connect(folder / store.path.name)
    sort_keys.register(connection)  # the store's name columns keep their pinyin sort key by trigger
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    count, started = 0, time.perf_counter()
    for raw in pages:
        page = orjson.loads(raw)  # the decoder the desktop uses
        by_kind: dict[str, list[tuple[Any, ...]]] = {}
        columns: dict[str, list[str]] = {}
        for state in page["changes"]:
            values = state["values"]
            names = columns.setdefault(
                state["kind"], [*values, "id", "rev", "deleted", "updated_at", "updated_by", "owner_member_id"]
            )
            row = [json.dumps(v) if isinstance(v, list) else v for v in values.values()]
            row += [state["id"], state["rev"], 0, state["updated_at"], state["updated_by"], state["owner_member_id"]]
            by_kind.setdefault(state["kind"], []).append(tuple(row))
            assert len(row) == len(names)
        with connection:
            connection.execute("PRAGMA defer_foreign_keys=ON")
            for kind, rows in by_kind.items():
                table = RECORDS_BY_KIND[kind].__tablename__  # type: ignore[attr-defined]
                names = columns[kind]
                marks = ",".join("?" * len(names))
                connection.executemany(f"INSERT INTO {table} ({','.join(names)}) VALUES ({marks})", rows)
                count += len(rows)
    elapsed = time.perf_counter() - started
    connection.close()
    return count, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=50)
    args = parser.parse_args()
    keyring.set_keyring(fail.Keyring())  # the desktop then keeps the login in memory for this run
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        total = load_server(root / "server", args.scale)
        from alliance_app.server.accounts import create_account
        from alliance_app.server.db import Database
        from alliance_app.server.settings import ServerSettings

        db = Database.open(ServerSettings(data_dir=root / "server"))
        with db.write(lock_revs=False) as session:
            create_account(session, username="bench", role="secretariat", password=PASSWORD, member=None)
        db.close()
        print(f"server loaded with {total} records in {time.perf_counter() - started:.1f} s")
        process, url = start_server(root / "server")
        try:
            store = open_store(root / "desk")
            sync = DeskSync(store, Settings())
            sync.login(url, "bench", PASSWORD)
            started = time.perf_counter()
            result = sync.sync()
            initial = time.perf_counter() - started
            rate = result.pulled / initial
            print(f"initial sync: {result.pulled} records in {initial * 1000:.0f} ms = {rate:,.0f} records/s")

            token = sync._client.access_token if sync._client else ""
            count, floor_s = floor(url, token or "", root / "floor")
            print(
                f"floor (JSON decode + executemany): {count} records in {floor_s * 1000:.0f} ms = "
                f"{count / floor_s:,.0f} records/s; initial sync is {initial / floor_s:.1f}x the floor"
            )

            from alliance_app.services import Desk
            from alliance_app.services.desk import actor_from_settings

            desk = Desk(store, actor_from_settings(Settings(), store.get_meta("account")))
            members = desk.ids("member")[:100]
            for i, member_id in enumerate(members):
                desk.update("member", member_id, {"city": f"宜昌{i}"})
            started = time.perf_counter()
            result = sync.sync()
            incremental = time.perf_counter() - started
            print(f"incremental sync of {result.pushed} edits: {incremental * 1000:.0f} ms")

            times = []
            for _ in range(7):
                started = time.perf_counter()
                sync.sync()
                times.append(time.perf_counter() - started)
            print(f"no-op sync: median {statistics.median(times) * 1000:.1f} ms (min {min(times) * 1000:.1f})")
            sync.close()
            store.close()
        finally:
            process.terminate()
            process.wait()


if __name__ == "__main__":
    main()
