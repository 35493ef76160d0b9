"""A pull never skips a change: concurrent pushers on PostgreSQL (two uvicorn workers) while a puller pulls."""

from __future__ import annotations

import threading
import time

import pytest

from tests.server.conftest import Api, ServerProcess, build_alliance, create, mutation, needs_postgres

PUSHERS = 4
BATCHES = 15
BATCH = 5


@needs_postgres
@pytest.mark.postgres
def test_concurrent_pushes_on_postgres_are_all_pulled_exactly_once_in_rev_order(postgres_server: ServerProcess) -> None:
    alliance = build_alliance(postgres_server, "pg")
    accepted: dict[tuple[str, str], int] = {}
    lock = threading.Lock()
    done = threading.Event()
    errors: list[str] = []

    def pusher(n: int) -> None:
        api = Api(postgres_server.url).login("sec-pg")
        try:
            for b in range(BATCHES):
                items = [
                    create("contact", {"member_id": alliance.member_a, "name": f"联系人{n}-{b}-{i}"})
                    for i in range(BATCH)
                ]
                outcomes = api.push(*items)
                # and an update of a record made earlier in this run, so old records move up in rev too
                first = items[0]
                outcomes += api.push(
                    mutation("contact", first["record_id"], "update", {"title": f"第{b}批"}, outcomes[0]["rev"])
                )
                with lock:
                    for o in outcomes:
                        if o["status"] in ("applied", "merged"):
                            key = ("contact", o["record"]["id"])
                            accepted[key] = max(accepted.get(key, 0), o["rev"])
                        else:
                            errors.append(str(o))
        except Exception as error:
            errors.append(repr(error))

    pulled: dict[tuple[str, str], int] = {}
    seen_revs: list[int] = []

    def puller() -> None:
        api = Api(postgres_server.url).login("liaison-b-pg")
        cursor = 0
        last_round = False
        while True:
            r = api.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": 7})
            assert r.status_code == 200, r.text
            page = r.json()
            for state in page["changes"]:
                assert state["rev"] > cursor, "a page returned a rev at or below the cursor it was asked for"
                seen_revs.append(state["rev"])
                pulled[(state["kind"], state["id"])] = max(pulled.get((state["kind"], state["id"]), 0), state["rev"])
            cursor = page["cursor"]
            if not page["has_more"]:
                if last_round:
                    return
                if done.is_set():
                    last_round = True
                time.sleep(0.005)

    threads = [threading.Thread(target=pusher, args=(n,)) for n in range(PUSHERS)]
    pull_thread = threading.Thread(target=puller)
    pull_thread.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    done.set()
    pull_thread.join(timeout=120)
    assert not errors, errors[:3]
    assert len(accepted) == PUSHERS * BATCHES * BATCH
    # Every accepted change reached the puller, at its latest rev; nothing arrived twice at the same rev.
    assert {k: v for k, v in pulled.items() if k in accepted} == accepted
    assert len(seen_revs) == len(set(seen_revs))
