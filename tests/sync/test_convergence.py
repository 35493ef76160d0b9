"""Randomised convergence: three desktops make random creates, edits and deletes, sync through a line that
drops requests and loses answers after the server committed them, and go offline; after a final sync every
store equals the server's view, every typed value reached the server's history, a conflict or a kept
refusal, and nothing is duplicated. Replay a failing run with ALLIANCE_SYNC_SEED=<seed>."""

from __future__ import annotations

import os
import random
from typing import Any

import httpx
from sqlalchemy import select

from alliance_app.models import ValidationError, to_wire
from alliance_app.services import PermissionRefused, RecordNotFound
from alliance_app.store.local_tables import OutboxEntry
from alliance_app.sync.client import ClientOptions
from alliance_app.sync.errors import SyncError
from alliance_app.sync.protocol import version_headers

from .conftest import PASSWORD, Desktop, member_values
from .faults import FaultyTransport

STEPS = int(os.environ.get("ALLIANCE_SYNC_STEPS", "120"))
SHAKY = ClientOptions(connect_timeout=2, read_timeout=20, deadline=60, max_attempts=3, backoff_base=0.01)
CITIES = ["武汉市", "宜昌市", "襄阳市", "荆州市", "黄石市", "十堰市"]
TITLES = ["城市大脑", "智慧港口", "北斗导航", "智能制造", "智慧医疗"]


class World:
    def __init__(self, seed: int, server: Any, tmp_path: Any):
        self.rng = random.Random(seed)
        self.server = server
        self.desktops: list[Desktop] = []
        self.transports: list[FaultyTransport] = []
        self.conflicts = 0
        self.typed: list[tuple[int, str, str, str, Any]] = []  # (desktop, kind, id, field, value)
        for i in range(3):
            name = server.add_account(f"conv{i}")
            transport = FaultyTransport(httpx.HTTPTransport(), random.Random(seed * 10 + i), drop=0.05, lose=0.15)
            desktop = Desktop(tmp_path / f"desk{i}", transport=transport, options=SHAKY)
            transport.cut, transport.drop, transport.lose = False, 0.0, 0.0
            desktop.login(server, name)
            transport.drop, transport.lose = 0.05, 0.15
            self.desktops.append(desktop)
            self.transports.append(transport)

    def live_ids(self, desktop: Desktop, kind: str) -> list[str]:
        return sorted(record_id for k, record_id in desktop.live() if k == kind)

    def step(self) -> None:
        i = self.rng.randrange(3)
        desktop, rng = self.desktops[i], self.rng
        action = rng.choice(["member", "project", "edit", "edit", "edit", "partner", "delete", "sync", "sync", "cut"])
        members, projects = self.live_ids(desktop, "member"), self.live_ids(desktop, "project")
        try:
            if action == "member" or not members:
                values = member_values(f"成员{rng.randrange(10**6)}")
                record_id = desktop.create("member", **values)
                self.typed += [(i, "member", record_id, "city", values["city"])]
            elif action == "project":
                title = rng.choice(TITLES) + str(rng.randrange(100))
                record_id = desktop.create("project", lead_member_id=rng.choice(members), title=title, domain="beidou")
                self.typed.append((i, "project", record_id, "title", title))
            elif action == "edit":
                if projects and rng.random() < 0.5:
                    record_id, field, value = rng.choice(projects), "title", rng.choice(TITLES)
                    desktop.edit("project", record_id, **{field: value})
                    self.typed.append((i, "project", record_id, field, value))
                else:
                    record_id = rng.choice(members)
                    field = rng.choice(["city", "short_name"])
                    value = rng.choice(CITIES) if field == "city" else f"简称{rng.randrange(50)}"
                    desktop.edit("member", record_id, **{field: value})
                    self.typed.append((i, "member", record_id, field, value))
            elif action == "partner" and projects:
                desktop.create("project_partner", project_id=rng.choice(projects), member_id=rng.choice(members))
            elif action == "delete":
                partners = self.live_ids(desktop, "project_partner")
                kind, pool = ("project_partner", partners) if partners and rng.random() < 0.5 else ("project", projects)
                if pool:
                    desktop.desk.delete(kind, rng.choice(pool))
            elif action == "sync":
                desktop.sync()
            elif action == "cut":
                self.transports[i].cut = not self.transports[i].cut
        except (ValidationError, PermissionRefused, RecordNotFound):
            pass  # the desk refused it, as it would refuse a liaison
        except SyncError as error:
            assert error.transient, error.message("en")

    def settle(self) -> None:
        for transport in self.transports:
            transport.cut, transport.drop, transport.lose = False, 0.0, 0.0
        for desktop in self.desktops * 2:
            desktop.sync()


def server_view(url: str, username: str = "conv0") -> tuple[httpx.Client, dict[tuple[str, str], dict[str, Any]]]:
    client = httpx.Client(base_url=url, headers=version_headers(), timeout=30, trust_env=False)
    token = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD}).json()
    client.headers["Authorization"] = f"Bearer {token['access_token']}"
    records: dict[tuple[str, str], dict[str, Any]] = {}
    cursor = 0
    while True:
        page = client.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": 1000}).json()
        for state in page["prerequisites"] + page["changes"]:
            records[(state["kind"], state["id"])] = state
        cursor = page["cursor"]
        if not page["has_more"]:
            return client, records


def check(world: World) -> None:
    client, server = server_view(world.server.url)
    expected = {
        key: {**{k: to_wire(v) for k, v in state["values"].items()}, "rev": state["rev"]}
        for key, state in server.items()
        if not state["deleted"]
    }
    for desktop in world.desktops:
        assert desktop.live() == expected
        with desktop.store.read() as session:
            assert session.scalars(select(OutboxEntry).where(OutboxEntry.state == "pending")).all() == []
    conflicts = client.get("/api/v1/conflicts", params={"include_resolved": "true"}).json()
    kept_in_conflicts = {(c["kind"], c["record_id"], c["field"], str(c["mine"])) for c in conflicts}
    refused = set()
    for desktop in world.desktops:
        with desktop.store.read() as session:
            for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.state == "rejected")):
                refused |= {(entry.kind, entry.record_id, f, str(pair[1])) for f, pair in entry.changes.items()}
    histories: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for _, kind, record_id, field, value in world.typed:
        key = (kind, record_id)
        if key not in histories:
            answer = client.get(f"/api/v1/records/{kind}/{record_id}/history")
            entries = answer.json()["entries"] if answer.status_code == 200 else []
            histories[key] = {(e["field"], str(e["new"])) for e in entries}
        typed = (kind, record_id, field, str(value))
        assert (field, str(value)) in histories[key] or typed in kept_in_conflicts or typed in refused, typed
    world.conflicts = len(conflicts)
    names = [v["name_zh"] for (k, _), v in expected.items() if k == "member"]
    assert len(names) == len(set(names))
    client.close()


def test_three_desktops_with_a_shaky_line_converge_and_lose_nothing(server: Any, tmp_path: Any) -> None:
    seed = int(os.environ.get("ALLIANCE_SYNC_SEED", random.randrange(10**6)))
    world = World(seed, server, tmp_path)
    try:
        for _ in range(STEPS):
            world.step()
        world.settle()
        check(world)
        faults = [line.split()[0] for t in world.transports for line in t.log]
        print(
            f"seed {seed}: {len(world.typed)} typed values, {faults.count('drop')} dropped requests, "
            f"{faults.count('lose')} lost answers, {world.conflicts} conflicts"
        )
    except BaseException as error:
        raise AssertionError(f"convergence failed; replay with ALLIANCE_SYNC_SEED={seed}: {error!r}") from error
    finally:
        for desktop in world.desktops:
            desktop.close()
