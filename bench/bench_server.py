"""Benchmark: 50 concurrent simulated desktops pushing and pulling against a real alliance-server.

    PYTHONPATH=. python bench/bench_server.py [--database-url postgresql+psycopg://…] [--desktops 50]
                                              [--seconds 30] [--pause 10] [--workers 2]
                                              [--server-code ../older-checkout]   (old vs new, in turns)
    PYTHONPATH=. python bench/bench_server.py --url https://alliance.example.cn --user bench --password-stdin
                                              [--ca-bundle alliance-ca.crt] [--read-only] [--desktops 50] …

Each desktop logs in, then syncs as the desktop's engine does — push a batch of edits (three new contacts and
an edit), pull pages until the server has nothing more, ask for its open conflicts if the last page's digest says
they differ from the ones it holds, check the counts and checksums of the kinds it pushed or pulled as of its
cursor (with the sums the pull's last page brought; against a server that does not bring them, by asking as of the
cursor; against one that cannot answer as of it, pulling again and asking again, at most three times, while other
desktops' pushes move the server past it) — and waits a random pause (exponential, mean `--pause` seconds)
before its next sync. The default, 50 desktops each syncing every 10 s,
is 300 syncs a minute: a liaison syncs by hand, so even all 73 members syncing every minute would be a
quarter of it. `--pause 0` syncs back to back: the server's throughput when saturated, where latency is only
the queue in front of it.

Without --database-url the server uses SQLite in a temporary folder; a PostgreSQL URL must name an empty
scratch database (it is migrated). Prints requests/s, p50/p99 latency per request kind and errors, and CPU time
apart for the server's workers, for the simulated desktops (this process, on the same cores as the server) and
for the PostgreSQL cluster (when it runs on this machine): only the first is "server CPU per request". It also
prints CPU per sync: a desktop that skips the conflict list (its digest unchanged) and reads the kinds' sums on
its pull makes fewer, costlier requests, so per request alone would hide what a sync costs.

`--url` measures a deployed server through its proxy instead (TLS, nginx, the real database): the simulated
desktops share one login of a secretariat account made for it (`alliance-server create-account bench --role
secretariat`); they add contacts to one member named 压测单位 (bench) that they create, which the secretariat
deletes afterwards, or, with `--read-only`, only pull and list conflicts. The server's CPU cannot be measured
from here; the latencies include the network and the proxy.
Goal (issue 3): zero errors, p99 ≤ 300 ms, and on SQLite "database is locked" never reaches a client as a 500.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import getpass
import os
import random
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from alliance_app.models import credit_code_check_char, new_id
from alliance_app.sync.protocol import MAX_PULL_PAGE, conflicts_digest, version_headers

PASSWORD = "bench password 1"
os.environ.setdefault("ALLIANCE_SERVER_ARGON2_TIME_COST", "1")
os.environ.setdefault("ALLIANCE_SERVER_ARGON2_MEMORY_KIB", "8192")
os.environ.setdefault("ALLIANCE_SERVER_LOGIN_FAILURES_PER_ADDRESS", "100000")
METRICS_TOKEN = "bench-metrics-token"
os.environ.setdefault("ALLIANCE_SERVER_METRICS_TOKEN", METRICS_TOKEN)
ROUTES = {
    "push": "/api/v1/sync/push",
    "pull": "/api/v1/sync/pull",
    "checksums": "/api/v1/sync/checksums",
    "conflicts": "/api/v1/conflicts",
}
KINDS = tuple(ROUTES)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _credit_code(n: int) -> str:
    first17 = f"91420100{n:09d}"
    return first17 + credit_code_check_char(first17)


def _server_env(code: str | None) -> dict[str, str]:
    """The server's environment: this one, or with `--server-code` another checkout's package first on the path
    (to compare two versions of the server in turns under the same simulated desktops). `python -m` puts the
    working folder first on the path, so the server also runs in that folder."""
    return {**os.environ, "PYTHONPATH": code} if code else dict(os.environ)


def start(db_args: list[str], workers: int, log: Path, code: str | None = None) -> tuple[subprocess.Popen, str]:
    port = _port()
    cmd = [sys.executable, "-m", "alliance_app.server.cli", "serve", "--port", str(port), "--workers", str(workers)]
    out, env = log.open("w"), _server_env(code)
    process = subprocess.Popen([*cmd, *db_args], stdout=out, stderr=subprocess.STDOUT, env=env, cwd=code)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("server did not start: " + log.read_text())


def _cpu_seconds(root: int) -> float:
    """CPU time (user + system) used so far by a process and all its descendants (uvicorn's workers); Linux."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
    family, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    return sum(times.get(pid, 0.0) for pid in family)


def _process_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _database_cpu(database_url: str | None) -> float | None:
    """CPU time so far of the whole PostgreSQL cluster serving the bench's database: the postmaster, its live
    children (the server's backends, autovacuum, the checkpointer…) and the children it has reaped (a backend whose
    connection ended during the run counts too). None for SQLite (in the server's own processes) or a database on
    another machine."""
    if not database_url:
        return None
    import psycopg

    with psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        (backend,) = connection.execute("SELECT pg_backend_pid()").fetchone() or (0,)
    try:
        postmaster = int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])
        own = Path(f"/proc/{postmaster}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError, ValueError):
        return None  # not on this machine
    tick = os.sysconf("SC_CLK_TCK")
    total = sum(int(own[i]) for i in (11, 12, 13, 14)) / tick  # its own time and its reaped children's
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                total += (int(fields[11]) + int(fields[12])) / tick
    return total


def setup_accounts(db_args: list[str], url: str, desktops: int) -> list[tuple[str, str]]:
    from alliance_app.server.accounts import create_account
    from alliance_app.server.db import Database
    from alliance_app.server.settings import ServerSettings

    flags = dict(zip(db_args[::2], db_args[1::2], strict=True))
    db = Database.open(ServerSettings(data_dir=flags.get("--data-dir", "."), database_url=flags.get("--database-url")))
    with db.write(lock_revs=False) as session:
        create_account(session, username="bench-sec", role="secretariat", password=PASSWORD, member=None)
    client = httpx.Client(timeout=60, headers=version_headers())
    token = client.post(url + "/api/v1/auth/login", json={"username": "bench-sec", "password": PASSWORD}).json()
    client.headers["Authorization"] = f"Bearer {token['access_token']}"
    members = []
    for n in range(desktops):
        member_id = new_id()
        values = {"name_zh": f"压测单位{n}", "credit_code": _credit_code(n + 1), "member_kind": "enterprise"}
        m = {
            "mutation_id": new_id(),
            "kind": "member",
            "record_id": member_id,
            "op": "create",
            "changes": {k: [None, v] for k, v in values.items()},
            "base_rev": None,
        }
        outcome = client.post(url + "/api/v1/sync/push", json={"mutations": [m]}).json()["outcomes"][0]
        assert outcome["status"] == "applied", outcome
        members.append((f"bench-{n}", member_id))
    with db.write(lock_revs=False) as session:
        for username, member_id in members:
            create_account(session, username=username, role="liaison", password=PASSWORD, member=member_id)
    db.close()
    return members


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every simulated desktop: making one costs tens of milliseconds of the bench's own CPU,
    and 200 of them at the start stalled the event loop for the whole measured time."""
    return ssl.create_default_context()


async def log_in(url: str, username: str) -> str:
    async with httpx.AsyncClient(base_url=url, timeout=120, headers=version_headers(), verify=_tls()) as client:
        for _ in range(20):  # a busy server may answer 503 / 429 with Retry-After, as to any client
            r = await client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
            if r.status_code not in (429, 503):
                break
            await asyncio.sleep(float(r.headers.get("Retry-After", "1")))
        assert r.status_code == 200, r.text
        return str(r.json()["access_token"])


async def desktop(
    url: str,
    token: str,
    member_id: str,
    until: float,
    pause: float,
    stats: dict,
    remote: Remote | None = None,
    check: bool = True,
) -> None:
    verify: Any = remote.verify if remote and remote.verify is not True else _tls()
    async with httpx.AsyncClient(base_url=url, timeout=30, headers=version_headers(), verify=verify) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        cursor, mine = 0, []
        held: set[str] = set()  # the open conflicts this desktop holds, as the real desktop's store does
        rng = random.Random(token)
        await asyncio.sleep(rng.uniform(0, pause))  # desktops do not all start on the same instant
        while time.monotonic() < until:
            if remote is not None and remote.read_only:
                await _read(client, stats, cursor, held)
                cursor = 0  # every sync of a read-only desktop pulls the whole alliance: the heaviest read
                if pause:
                    await asyncio.sleep(min(rng.expovariate(1 / pause), max(0.0, until - time.monotonic())))
                continue
            batch, created = [], []
            for _ in range(3):
                cid = new_id()
                batch.append(
                    {
                        "mutation_id": new_id(),
                        "kind": "contact",
                        "record_id": cid,
                        "op": "create",
                        "changes": {"member_id": [None, member_id], "name": [None, "联系人"]},
                        "base_rev": None,
                    }
                )
                created.append(cid)
            if mine:  # an edit of a contact an earlier push created (never of one a failed push meant to create)
                batch.append(
                    {
                        "mutation_id": new_id(),
                        "kind": "contact",
                        "record_id": mine[-1],
                        "op": "update",
                        "changes": {"title": [None, "经理"]},
                        "base_rev": None,
                    }
                )
            pushed = await _timed(stats, "push", client.post("/api/v1/sync/push", json={"mutations": batch}))
            if pushed is not None and pushed.status_code == 200:
                mine.extend(created)
                held.update(c["id"] for o in pushed.json()["outcomes"] for c in o.get("conflicts") or [])
            cursor, sums = await _read(client, stats, cursor, held)
            if check:
                cursor = await _check(client, stats, cursor, sums)
            if pause:
                await asyncio.sleep(min(rng.expovariate(1 / pause), max(0.0, until - time.monotonic())))


async def _pull_to_end(client: httpx.AsyncClient, stats: dict, cursor: int) -> tuple[int, str | None, Any]:
    """Pages until the server has nothing more: the new cursor, the last page's conflicts digest and its sums."""
    while True:
        # the engine's page size, and what its client asks the last page to bring
        params = {"cursor": cursor, "limit": MAX_PULL_PAGE, "conflicts_digest": "true", "sums": "true"}
        r = await _timed(stats, "pull", client.get("/api/v1/sync/pull", params=params))
        if r is None or r.status_code != 200:
            return cursor, None, None
        page = r.json()
        cursor = page["cursor"]
        if not page["has_more"]:
            return cursor, page.get("conflicts_digest"), page.get("sums")


async def _check(client: httpx.AsyncClient, stats: dict, cursor: int, sums: Any) -> int:
    """As `SyncEngine._check` (sync/check.py): the counts and checksums of the kinds this sync touched (here always
    contacts: pushed by every sync) as of this desktop's cursor. The pull's last page brought them (`sums`, as of
    the cursor): no request. A server that does not bring them is asked as of the cursor; one that does not answer
    as of it (an older server, `--server-code`) answers at its own revision, and an answer at another rev than the
    cursor means others pushed meanwhile: pull to the end and ask again, at most three times. The comparison
    itself is the desktop's (no server work); these desktops hold no records, so an answer as of (or at) its
    cursor is taken as equal."""
    if sums is not None and sums.get("at") == cursor:
        return cursor
    for _ in range(3):
        params: dict[str, Any] = {"kind": "contact", "at": cursor}
        r = await _timed(stats, "checksums", client.get("/api/v1/sync/checksums", params=params))
        if r is None or r.status_code != 200:
            break
        answer = r.json()
        if answer.get("at") == cursor or answer["server_rev"] == cursor:
            break
        cursor, _digest, _sums = await _pull_to_end(client, stats, cursor)
    return cursor


async def _read(client: httpx.AsyncClient, stats: dict, cursor: int, held: set[str]) -> tuple[int, Any]:
    """Pulls to the end, then lists the open conflicts only if the last page's digest says they differ from the ones
    held (as sync/engine.py does; a server that gives no digest is asked every time). The cursor and the last
    page's sums."""
    cursor, digest, sums = await _pull_to_end(client, stats, cursor)
    if digest is None or digest != conflicts_digest(held):
        listed = await _timed(stats, "conflicts", client.get("/api/v1/conflicts"))
        if listed is not None and listed.status_code == 200:
            held.clear()
            held.update(c["id"] for c in listed.json())
    return cursor, sums


@dataclass
class Remote:
    """A deployed server: one shared login, the TLS trust, and whether the desktops may write."""

    token: str
    verify: Any
    read_only: bool


def remote_setup(args: argparse.Namespace) -> tuple[Remote, list[tuple[str, str]]]:
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else getpass.getpass("Password: ")
    verify: Any = ssl.create_default_context(cafile=args.ca_bundle) if args.ca_bundle else True
    client = httpx.Client(base_url=args.url, timeout=60, headers=version_headers(), verify=verify)
    r = client.post("/api/v1/auth/login", json={"username": args.user, "password": password})
    if r.status_code != 200:
        raise SystemExit(f"login refused: HTTP {r.status_code} {r.text[:200]}")
    token = r.json()["access_token"]
    member_id = new_id()
    if not args.read_only:
        client.headers["Authorization"] = f"Bearer {token}"
        values = {"name_zh": f"压测单位 (bench) {member_id[:8]}", "member_kind": "enterprise"}
        m = {
            "mutation_id": new_id(),
            "kind": "member",
            "record_id": member_id,
            "op": "create",
            "changes": {k: [None, v] for k, v in values.items()},
            "base_rev": None,
        }
        outcome = client.post("/api/v1/sync/push", json={"mutations": [m]}).json()["outcomes"][0]
        if outcome["status"] != "applied":
            raise SystemExit(f"could not create the bench member: {outcome}")
        print(f"bench member {member_id} ({values['name_zh']}): delete it afterwards")
    client.close()
    return Remote(token, verify, args.read_only), [(args.user, member_id)] * args.desktops


async def _timed(stats: dict, kind: str, request) -> httpx.Response | None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    try:
        response = await request
    except httpx.HTTPError as error:
        stats["errors"].append(f"{kind}: {error!r}")
        return None
    stats[kind].append(time.perf_counter() - start)
    if response.status_code != 200:
        stats["errors"].append(f"{kind}: HTTP {response.status_code} {response.text[:120]}")
    elif kind == "push":
        bad = [o for o in response.json()["outcomes"] if o["status"] == "rejected"]
        stats["errors"].extend(f"push rejected: {o['code']}" for o in bad)
    return response


async def log_in_all(url: str, members: list[tuple[str, str]]) -> list[str]:
    """Logins first, outside the measured time and CPU: a login is a deliberately slow password hash, not a sync."""
    tokens: list[str] = []
    for start in range(0, len(members), 10):
        tokens += await asyncio.gather(*(log_in(url, u) for u, _ in members[start : start + 10]))
    return tokens


async def run(
    url: str,
    members: list[tuple[str, str]],
    seconds: float,
    pause: float,
    tokens: list[str],
    remote: Remote | None = None,
    check: bool = True,
) -> dict:
    stats: dict = defaultdict(list)
    until = time.monotonic() + seconds
    start = time.monotonic()
    await asyncio.gather(
        *(desktop(url, t, m, until, pause, stats, remote, check) for t, (_, m) in zip(tokens, members, strict=True))
    )
    stats["wall"] = time.monotonic() - start
    return stats


def _statement_counts(url: str) -> dict[str, float]:
    """alliance_db_statements_total per route, from the server's metrics (every worker's, added up)."""
    page = httpx.get(url + "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=30).text
    counts = {}
    for line in page.splitlines():
        if line.startswith('alliance_db_statements_total{route="'):
            route = line.split('"', 2)[1]
            counts[route] = float(line.rsplit(" ", 1)[1])
    return counts


def report(label: str, stats: dict) -> None:
    kinds = KINDS
    total = sum(len(stats[kind]) for kind in kinds)
    print(f"== {label}: {total} requests in {stats['wall']:.1f} s = {total / stats['wall']:.0f} requests/s")
    for kind in (*kinds, "all"):
        times = sorted(t for k in kinds for t in stats[k]) if kind == "all" else sorted(stats[kind])
        if times:
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            print(f"   {kind}: n={len(times)} p50={statistics.median(times) * 1000:.1f} ms p99={p99 * 1000:.1f} ms")
    print(f"   errors: {len(stats['errors'])}" + (f" e.g. {stats['errors'][:3]}" if stats["errors"] else ""))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--desktops", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pause", type=float, default=10.0, help="mean seconds between one desktop's syncs")
    parser.add_argument("--url", help="a deployed server (through its proxy) instead of one started here")
    parser.add_argument("--user", default="bench", help="with --url: a secretariat account made for the bench")
    parser.add_argument("--password-stdin", action="store_true")
    parser.add_argument("--ca-bundle", help="with --url: the private CA's certificate")
    parser.add_argument("--read-only", action="store_true", help="with --url: only pull and list conflicts")
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="leave out the checksums check the real desktop makes (as the bench did before 2026-11-29, to compare)",
    )
    parser.add_argument("--server-code", help="run the server from this checkout's folder (an older version)")
    args = parser.parse_args()
    # The bench's own accounts get a cheap (still Argon2id) hash: 200 logins must not take minutes to set up.
    os.environ.setdefault("ALLIANCE_SERVER_ARGON2_TIME_COST", "1")
    os.environ.setdefault("ALLIANCE_SERVER_ARGON2_MEMORY_KIB", "8192")
    if args.url:
        remote, members = remote_setup(args)
        tokens = [remote.token] * len(members)
        stats = asyncio.run(
            run(args.url.rstrip("/"), members, args.seconds, args.pause, tokens, remote, check=not args.no_check)
        )
        pace = f"a sync every {args.pause:g} s on average" if args.pause else "syncing back to back"
        report(f"{args.url}, {args.desktops} desktops {pace}" + (", read-only" if args.read_only else ""), stats)
        print(f"   load average here {os.getloadavg()[0]:.1f}; the server's CPU is not measured from here")
        return
    with tempfile.TemporaryDirectory() as tmp:
        db_args = ["--data-dir", tmp]  # with PostgreSQL too: the metrics' files go in the folder
        if args.database_url:
            db_args += ["--database-url", args.database_url]
        migrate = [sys.executable, "-m", "alliance_app.server.cli", "migrate", *db_args]
        subprocess.run(migrate, check=True, env=_server_env(args.server_code), cwd=args.server_code)
        process, url = start(db_args, args.workers, Path(tmp) / "server.log", args.server_code)
        try:
            members = setup_accounts(db_args, url, args.desktops)
            tokens = asyncio.run(log_in_all(url, members))
            counted_before = _statement_counts(url)
            database_before = _database_cpu(args.database_url)
            cpu_before, client_before = _cpu_seconds(process.pid), time.process_time()
            stats = asyncio.run(run(url, members, args.seconds, args.pause, tokens, check=not args.no_check))
            server_cpu, client_cpu = _cpu_seconds(process.pid) - cpu_before, time.process_time() - client_before
            database_after = _database_cpu(args.database_url)
            database_cpu = (database_after or 0.0) - (database_before or 0.0)
            counted = _statement_counts(url)
            label = "PostgreSQL" if args.database_url else "SQLite"
            pace = f"a sync every {args.pause:g} s on average" if args.pause else "syncing back to back"
            report(f"{label}, {args.desktops} desktops {pace}, {args.workers} workers", stats)
            requests = sum(len(stats[kind]) for kind in KINDS)
            # Three separate figures: the server's processes (uvicorn's workers), the simulated desktops (this
            # process, on the same cores), the PostgreSQL cluster serving the server's connections.
            syncs = max(len(stats["push"]), 1)
            print(
                f"   CPU: server {server_cpu:.1f} s ({server_cpu / max(requests, 1) * 1000:.1f} ms per request, "
                f"{server_cpu / syncs * 1000:.1f} ms per sync), "
                f"these desktops {client_cpu:.1f} s, in {stats['wall']:.1f} s wall on {os.cpu_count()} cores; "
                f"load average {os.getloadavg()[0]:.1f}"
            )
            if database_before is not None and database_after is not None:
                print(
                    f"   CPU: PostgreSQL (the whole cluster, ended backends included) {database_cpu:.1f} s "
                    f"({database_cpu / max(requests, 1) * 1000:.1f} ms per request, "
                    f"{database_cpu / syncs * 1000:.1f} ms per sync)"
                )
            per_route = []
            for kind, route in ROUTES.items():
                statements = counted.get(route, 0) - counted_before.get(route, 0)
                per_route.append(f"{kind} {statements / max(len(stats[kind]), 1):.1f}")
            print("   SQL statements per request (server's metrics): " + ", ".join(per_route))
            log = (Path(tmp) / "server.log").read_text()
            fivexx = sum('"status": 5' in line for line in log.splitlines())
            print(f"   server log: {fivexx} answers 5xx, {log.count('database is locked')} 'database is locked'")
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
