"""Hypothesis against a real server (SQLite, and PostgreSQL with two workers): pushes, logins, refreshes, pulls
and resolves made of lone surrogates, NUL, numbers of any size (NaN and infinities too), huge strings and odd
nestings. The property: the server never answers 5xx, and afterwards everyone's sync still works."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_app.models import RECORD_TYPES, field_specs, new_id
from tests.server.conftest import (  # noqa: F401 - fixtures this suite shares with the server's tests
    Alliance,
    Api,
    postgres_alliance,
    postgres_server,
    sqlite_alliance,
    sqlite_server,
)

KINDS = [cls.kind for cls in RECORD_TYPES]
FIELDS = sorted({spec.name for kind in KINDS for spec in field_specs(kind)})

# Every code point, surrogates and NUL included, and long runs of one character (a huge string is cheap to make).
any_char = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
nasty_text = st.one_of(
    st.text(any_char, max_size=20),
    st.builds(lambda c, n: c * n, any_char, st.integers(0, 70_000)),
    st.sampled_from(["\ud800", "\udfff", "a\x00b", "\ud83d", "😀", "", " ", "0" * 400]),
)
nasty_number = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**63, 2**64, -(2**63) - 1, 10**20, 10**400, 0, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalar = st.one_of(st.none(), st.booleans(), nasty_number, nasty_text)
value = st.recursive(
    scalar, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(nasty_text, inner, max_size=3), max_leaves=8
)
field_name = st.one_of(st.sampled_from(FIELDS), nasty_text)


@st.composite
def mutations(draw: st.DrawFn) -> dict[str, Any]:
    m: dict[str, Any] = {
        "mutation_id": draw(st.one_of(st.just(new_id()), nasty_text)),
        "kind": draw(st.one_of(st.sampled_from(KINDS), nasty_text)),
        "record_id": draw(st.one_of(st.just(new_id()), nasty_text)),
        "op": draw(st.sampled_from(["create", "update", "delete", "revive", "\ud800"])),
        "changes": draw(st.dictionaries(field_name, st.tuples(value, value) | value, max_size=4)),
        "base_rev": draw(st.one_of(st.none(), nasty_number)),
    }
    for key in draw(st.sets(st.sampled_from(list(m)), max_size=2)):
        del m[key]
    return m


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def alliance(request: pytest.FixtureRequest) -> Alliance:
    return request.getfixturevalue(f"{request.param}_alliance")


def send(api: Api, path: str, body: Any) -> httpx.Response:
    # ASCII escapes and NaN tokens: exactly the bytes an attacker can write, whatever Python would refuse to encode
    content = json.dumps(body, ensure_ascii=True, allow_nan=True).encode()
    return api.client.post(
        api.url + path, content=content, headers={**api.headers(), "Content-Type": "application/json"}
    )


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def test_pushes_of_anything_never_get_a_server_error(alliance: Alliance) -> None:
    @FUZZ
    @given(batch=st.lists(mutations(), max_size=3))
    def push(batch: list[dict[str, Any]]) -> None:
        response = send(alliance.liaison_a, "/api/v1/sync/push", {"mutations": batch})
        assert response.status_code < 500, response.text[:500]

    push()
    still_syncs(alliance)


def test_logins_refreshes_and_resolves_of_anything_never_get_a_server_error(alliance: Alliance) -> None:
    @FUZZ
    @given(name=st.one_of(nasty_text, nasty_number), secret=st.one_of(nasty_text, value), keep=value)
    def door(name: Any, secret: Any, keep: Any) -> None:
        for path, body in (
            ("/api/v1/auth/login", {"username": name, "password": secret}),
            ("/api/v1/auth/refresh", {"refresh_token": secret}),
            (f"/api/v1/conflicts/{new_id()}/resolve", {"keep": keep}),
        ):
            response = send(alliance.liaison_a if "conflicts" in path else alliance.anonymous, path, body)
            assert response.status_code < 500, (path, response.text[:500])

    door()
    still_syncs(alliance)


def test_pulls_with_any_cursor_and_limit_never_get_a_server_error(alliance: Alliance) -> None:
    short = st.one_of(nasty_number, st.text(any_char, max_size=30))  # a URL has no room for huge strings

    @FUZZ
    @given(cursor=short, limit=short)
    def pull(cursor: Any, limit: Any) -> None:
        # percent-encoded by hand: the UTF-8 bytes of a lone surrogate reach the server as they are
        query = "&".join(
            f"{name}={quote(str(v).encode('utf-8', 'surrogatepass'))}"
            for name, v in (("cursor", cursor), ("limit", limit))
        )
        response = alliance.liaison_a.get("/api/v1/sync/pull?" + query)
        assert response.status_code < 500, response.text[:500]

    pull()


def still_syncs(alliance: Alliance) -> None:
    for api in (alliance.secretariat, alliance.liaison_a, alliance.liaison_b):
        assert api.get("/api/v1/conflicts").status_code == 200
        api.pull_all()
