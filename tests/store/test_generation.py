"""The store's write generation (store/generation.py) moves on with every committed write transaction, whatever it
wrote and however (the services, a raw statement), and not with a transaction that was rolled back or a read."""

from __future__ import annotations

import pytest

from alliance_app.services import Desk
from alliance_app.store import generation
from tests.conftest import add_member


def _now(desk: Desk) -> int:
    with desk.store.read() as session:
        return generation.current(session)


def test_every_committed_write_moves_the_generation_on(desk: Desk) -> None:
    start = _now(desk)
    member = add_member(desk, "武汉大学")
    after_create = _now(desk)
    assert after_create > start
    desk.update("member", member, {"city": "武汉"})
    assert _now(desk) > after_create
    before_raw = _now(desk)
    with desk.store.write() as session:  # a raw statement, as a sync pull writes
        session.connection().exec_driver_sql("UPDATE members SET district = '洪山区'")
    assert _now(desk) > before_raw


def test_a_rolled_back_write_and_a_read_leave_it_alone(desk: Desk) -> None:
    add_member(desk, "武汉大学")
    start = _now(desk)
    with pytest.raises(RuntimeError), desk.store.write() as session:
        session.connection().exec_driver_sql("UPDATE members SET district = '洪山区'")
        raise RuntimeError("the user cancelled")
    desk.rows("member", desk.ids("member"))
    assert _now(desk) == start
