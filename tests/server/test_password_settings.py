"""Passwords are hashed at the cost the service's settings object gives (issue 15, item 8), not at one read from
the environment behind its back: a server opened with other settings than the environment's hashes with them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from argon2 import extract_parameters

from alliance_app.server.accounts import create_account, password_matches
from alliance_app.server.db import Database
from alliance_app.server.settings import ServerSettings
from alliance_app.server.tables import Account


def test_accounts_are_hashed_with_the_settings_objects_argon2_cost(tmp_path: Path) -> None:
    from_env = ServerSettings(data_dir=tmp_path)
    settings = ServerSettings(
        data_dir=tmp_path,
        argon2_time_cost=from_env.argon2_time_cost + 1,
        argon2_memory_kib=from_env.argon2_memory_kib + 1024,
    )
    db = Database.open(settings)
    try:
        from alliance_app.server import migrate

        migrate.upgrade(db.engine)
        with db.write() as session:
            account = create_account(
                session, username="cost", role="secretariat", password="a long password", member=None
            )
            stored = extract_parameters(account.password_hash)
        assert (stored.time_cost, stored.memory_cost) == (settings.argon2_time_cost, settings.argon2_memory_kib)
        assert os.environ.get("ALLIANCE_SERVER_ARGON2_TIME_COST") != str(settings.argon2_time_cost)
        with db.read() as session:
            found = session.query(Account).filter_by(username="cost").one()
            assert password_matches(session, found, "a long password")
            assert not password_matches(session, found, "a wrong password")
    finally:
        db.close()


def test_account_code_refuses_a_session_without_the_settings_hasher(tmp_path: Path) -> None:
    from sqlalchemy.orm import Session

    db = Database.open(ServerSettings(data_dir=tmp_path))
    try:
        with Session(db.engine) as session, pytest.raises(RuntimeError, match="password hasher"):
            password_matches(session, None, "whatever password")
    finally:
        db.close()
