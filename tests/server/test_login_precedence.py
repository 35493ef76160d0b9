"""Who may learn what of a request: the login is checked before the request's shape, on every route that needs
one. A request without a valid login gets the same 401 whether its body and query fit the protocol or not (a 422
would tell an outsider which of its guesses fit), and a logged-in one gets 422 for a bad shape. The sync routes
check the login inside their own transaction (server/deps.py), so these hold for both ways of checking it."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from alliance_app.sync.protocol import version_headers
from tests.server.conftest import Alliance, Api, add_account, server_cli

# (method, path, a request that fits the protocol, one that does not)
ROUTES: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
    ("POST", "/api/v1/sync/push", {"json": {"mutations": []}}, {"json": {"mutations": [{"kind": "nonsense"}]}}),
    ("POST", "/api/v1/sync/push", {"json": {"mutations": []}}, {"content": b"{not json"}),
    ("GET", "/api/v1/sync/pull", {"params": {"cursor": 0}}, {"params": {"cursor": -1, "limit": "many"}}),
    ("GET", "/api/v1/conflicts", {"params": {}}, {"params": {"after": "not-a-uuid", "limit": 0}}),
]


def _send(url: str, method: str, path: str, token: str | None, request: dict[str, Any]) -> httpx.Response:
    headers = version_headers()
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if "content" in request:
        headers["Content-Type"] = "application/json"
    return httpx.request(method, url + path, headers=headers, timeout=60, **request)


@pytest.mark.parametrize(("method", "path", "fits", "bad"), ROUTES)
@pytest.mark.parametrize("login", ["none", "made up", "logged out", "not a bearer"])
def test_without_a_valid_login_a_bad_request_gets_the_same_401_as_a_good_one(
    alliance: Alliance, method: str, path: str, fits: dict[str, Any], bad: dict[str, Any], login: str
) -> None:
    url = alliance.server.url
    token: str | None = None
    if login == "made up":
        token = "x" * 43
    elif login == "logged out":
        api = Api(url).login(alliance.liaison_a.account["username"])
        assert api.post("/api/v1/auth/logout").status_code == 204
        token = api.token
    good = _send(url, method, path, token, fits)
    if login == "not a bearer":
        headers = {**version_headers(), "Authorization": "Basic dXNlcjpwYXNz"}
        good = httpx.request(method, url + path, headers=headers, timeout=60, **fits)
        worse = httpx.request(method, url + path, headers=headers, timeout=60, **bad)
    else:
        worse = _send(url, method, path, token, bad)
    assert good.status_code == worse.status_code == 401, (good.text, worse.text)
    assert good.json() == worse.json() and worse.json()["code"] == "unauthorized"
    assert "fit" not in worse.text and "不符合" not in worse.text


@pytest.mark.parametrize(("method", "path", "fits", "bad"), ROUTES)
def test_with_a_valid_login_a_bad_request_gets_422_and_a_good_one_200(
    alliance: Alliance, method: str, path: str, fits: dict[str, Any], bad: dict[str, Any]
) -> None:
    token = alliance.liaison_a.token
    assert _send(alliance.server.url, method, path, token, fits).status_code == 200
    worse = _send(alliance.server.url, method, path, token, bad)
    assert worse.status_code == 422, worse.text
    assert worse.json()["code"] == "invalid_request" and re.search("不符合", worse.json()["zh"])


def test_a_disabled_account_is_refused_on_every_sync_route(alliance: Alliance) -> None:
    """The login read inside the route sees the account as the same transaction sees everything else."""
    add_account(alliance.server, "soon-disabled", "secretariat")
    api = Api(alliance.server.url).login("soon-disabled")
    assert api.get("/api/v1/sync/pull", params={"cursor": 0}).status_code == 200
    result = server_cli("disable-account", "soon-disabled", *alliance.server.db_args)
    assert result.returncode == 0, result.stderr
    for method, path, fits, _ in ROUTES:
        assert _send(alliance.server.url, method, path, api.token, fits).status_code == 401, path
