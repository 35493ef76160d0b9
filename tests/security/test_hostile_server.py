"""The desktop against a broken or hostile server (tests/security/hostile_server.py, a real process): malformed
JSON, wrong types, missing members, a redirect, a page that breaks foreign keys or holds values no field
takes, a 512 MB answer, an answer that drips in a byte at a time. Each sync ends in one sentence in Chinese and
English, reads no more than its size cap, stops at its deadline, and leaves the store and the outbox exactly
as they were."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from sqlalchemy import select, text

from alliance_app.store.local_tables import OutboxEntry
from alliance_app.sync.client import ClientOptions
from alliance_app.sync.errors import SyncError
from alliance_app.sync.page_shape import PAGE_OPTIONAL, PAGE_SHAPE, STATE_SHAPE, check_page_shape
from alliance_app.sync.protocol import PullResponse, RecordState
from tests.conftest import free_port
from tests.sync.conftest import Desktop, MemoryKeyring, member_values, no_proxy_env, snapshot

CAP = 8 * 1024 * 1024
# The drip never ends, so only the deadline stops it: 3 s is enough whatever the machine's speed. Every other case
# must end on its own check, never on the deadline, even on a busy machine: it gets a deadline it cannot reach.
OPTIONS = ClientOptions(
    connect_timeout=30, read_timeout=60, deadline=300, max_attempts=2, backoff_base=0.01, max_answer_bytes=CAP
)
DRIP_OPTIONS = dataclasses.replace(OPTIONS, read_timeout=5, deadline=3)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def start_hostile(mode: str, log: Path) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.security.hostile_server", mode, str(port)],
        env={**no_proxy_env(), "PYTHONPATH": os.pathsep.join(sys.path)},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(log.read_text())
        try:
            if httpx.get(url + "/healthz", timeout=1, trust_env=False).status_code == 200:
                return url, process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the hostile server did not start")


def everything(desktop: Desktop) -> tuple[Any, ...]:
    """The store's records, its outbox and its cursor: what a failed sync must leave exactly as it was."""
    with desktop.store.read() as session:
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []
        outbox = [
            (e.seq, e.mutation_id, e.kind, e.record_id, e.op, e.changes, e.base_rev)
            for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))
        ]
    return snapshot(desktop.store, include_deleted=True), outbox, desktop.store.get_meta("sync_cursor", 0)


def one_sentence(error: SyncError) -> None:
    for message in (error.zh, error.en):
        assert message and "\n" not in message and "Traceback" not in message, message
        assert len(message) < 400, message


CASES = {
    "malformed_json": "bad_answer",
    "wrong_types": "bad_answer",
    "missing_keys": "bad_answer",
    "redirect": "redirected",
    "page_missing_keys": "bad_answer",
    "page_wrong_types": "bad_answer",
    "page_bad_value": "bad_answer",
    "page_foreign_key": "bad_answer",
    "huge": "answer_too_large",
    "huge_declared": "answer_too_large",
    "drip": "deadline",
}


@pytest.mark.parametrize("mode", sorted(CASES))
def test_a_hostile_answer_is_one_sentence_and_changes_nothing(mode: str, tmp_path: Path) -> None:
    url, process = start_hostile(mode, tmp_path / "hostile.log")
    desktop = Desktop(tmp_path / "desk", options=DRIP_OPTIONS if mode == "drip" else OPTIONS)
    try:
        desktop.desk_sync.login(url, "liaison", "any password")
        for n in range(3):
            desktop.create("member", **member_values(f"离线单位{n}"))
        before = everything(desktop)
        assert len(before[1]) == 3
        tracemalloc.start()
        try:
            with pytest.raises(SyncError) as caught:
                desktop.sync()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert caught.value.code == CASES[mode], (caught.value.code, caught.value.en)
        one_sentence(caught.value)
        # never more than the cap held, plus room for one chunk and the sync's own working set
        assert peak < 2 * CAP + 8 * 1024 * 1024, peak
        assert everything(desktop) == before
    finally:
        desktop.close()
        process.kill()
        process.wait()


def test_the_page_shape_check_says_what_the_protocol_models_say() -> None:
    """The pull's fast shape check and the PullResponse model agree on members, and on what they refuse."""
    assert set(STATE_SHAPE) == set(RecordState.model_fields)
    assert set(PAGE_SHAPE) | set(PAGE_OPTIONAL) == set(PullResponse.model_fields)
    assert not set(PAGE_SHAPE) & set(PAGE_OPTIONAL)
    state = {
        "kind": "member",
        "id": "0190f0a0-0000-7000-8000-000000000001",
        "rev": 3,
        "deleted": False,
        "updated_at": "2026-11-29T09:00:00Z",
        "updated_by": "sec",
        "owner_member_id": None,
        "values": {"name_zh": "甲"},
        "hidden": [],
    }
    good = {"changes": [state], "prerequisites": [], "cursor": 3, "has_more": False, "server_rev": 3}
    digest = "0" * 64
    sums = {"at": 3, "kinds": {"member": {"count": 1, "sum": digest}}}
    for fine in (good, {**good, "conflicts_digest": digest}, {**good, "sums": sums}):
        PullResponse.model_validate(fine)
        assert check_page_shape(fine) is None
    for bad in (
        {**good, "cursor": "3"},
        {**good, "has_more": None},
        {k: v for k, v in good.items() if k != "server_rev"},
        {k: v for k, v in good.items() if k != "server_rev"} | {"conflicts_digest": digest},
        {**good, "conflicts_digest": 5},
        {**good, "conflicts_digest": [digest]},
        {**good, "sums": 5},
        {**good, "sums": [sums]},
        {**good, "villain": digest},
        {**good, "changes": [{**state, "kind": "villain"}]},
        {**good, "changes": [{**state, "rev": True}]},
        {**good, "changes": [{**state, "values": []}]},
        {**good, "changes": [{k: v for k, v in state.items() if k != "id"}]},
        [good],
    ):
        assert check_page_shape(bad) is not None, bad
        with pytest.raises(ValueError):
            PullResponse.model_validate(bad, strict=True)
