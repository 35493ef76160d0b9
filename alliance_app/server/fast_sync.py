"""The two requests every desktop sends every sync (push, pull) taken straight to their route functions.

The framework's way to a route (its router walk, the dependency solver, the body read through a Request, the
per-request bookkeeping of included routers) cost more CPU than a pull's whole database work: about a millisecond
of the server's time per request, on a budget of four. So the innermost middleware recognises a push or a pull whose
every input is plainly valid (the versions in the window as plain numbers, one `Bearer` token, a JSON body the
route's own body field accepts, query values as plain numbers and `true`/`false`) and calls the same route function
(routes/sync.py) in a worker thread, as the framework would, with the same arguments. Everything else — a missing
or odd header, a body or query the route would refuse, any other path or method — goes on to the framework
unchanged, which answers it as before (426, 401, 422, …): the fast path never answers a request the framework
would refuse, and it decides nothing the route does not decide itself (the login, the push, the pull).
tests/server/test_fast_sync.py holds the two ways to the same arguments and the same answers.

Errors the route raises are answered by the application's own exception handlers, as the framework does. What it
skips: FastAPI's own telemetry spans for these two routes (the project configures none)."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl

from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from alliance_app.server.routes import sync as sync_routes
from alliance_app.sync.protocol import (
    DEFAULT_PULL_PAGE,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SCHEMA_HEADER,
    SCHEMA_VERSION,
)
from alliance_app.sync.protocol_window import OLDEST_PROTOCOL, OLDEST_SCHEMA

PUSH, PULL = "/api/v1/sync/push", "/api/v1/sync/pull"
_NUMBER = re.compile(r"0|[1-9][0-9]{0,18}")  # what any reading of a number takes the same way (no sign, space, 0…)
_BEARER = re.compile(rb"[Bb][Ee][Aa][Rr][Ee][Rr] ([!-~]+)")  # one token of printable ASCII, nothing around it
_PROTOCOL, _SCHEMA = PROTOCOL_HEADER.lower().encode(), SCHEMA_HEADER.lower().encode()
_WANTED = {_PROTOCOL, _SCHEMA, b"authorization", b"content-type"}
_PULL_NUMBERS = {"cursor": (0, 2**62), "limit": (1, 1_000_000)}  # the route's bounds (routes/sync.py)
_PULL_FLAGS = ("conflicts_digest", "sums")
_FLAGS = {"true": True, "false": False}


def _headers(scope: Scope) -> dict[bytes, bytes] | None:
    """The headers the fast path reads, each given once; None if one of them is repeated (the framework decides)."""
    found: dict[bytes, bytes] = {}
    for name, value in scope.get("headers", []):
        if name in _WANTED:
            if name in found:
                return None
            found[name] = value
    return found


def _number(value: str | None, low: int, high: int) -> int | None:
    if value is None or not _NUMBER.fullmatch(value):
        return None
    number = int(value)
    return number if low <= number <= high else None


def plain_login(scope: Scope) -> tuple[str, dict[bytes, bytes]] | None:
    """The access token of a request whose versions are in the window (deps.check_versions) and whose
    Authorization is one `Bearer <token>` (deps.bearer_token), or None when anything is less plain than that."""
    headers = _headers(scope)
    if headers is None:
        return None
    protocol = _number(headers.get(_PROTOCOL, b"").decode("latin-1"), OLDEST_PROTOCOL, PROTOCOL_VERSION)
    schema = _number(headers.get(_SCHEMA, b"").decode("latin-1"), OLDEST_SCHEMA, SCHEMA_VERSION)
    bearer = _BEARER.fullmatch(headers.get(b"authorization", b""))
    if protocol is None or schema is None or bearer is None:
        return None
    return bearer.group(1).decode("ascii"), headers


def pull_arguments(query_string: bytes) -> dict[str, Any] | None:
    """The pull route's query arguments, read as the framework reads a query string, when each is given at most
    once and plainly (numbers within the route's bounds, flags as true/false); None otherwise."""
    given = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    arguments: dict[str, Any] = {"cursor": 0, "limit": DEFAULT_PULL_PAGE, "conflicts_digest": False, "sums": False}
    seen: set[str] = set()
    for name, value in given:
        if name in seen:
            return None
        seen.add(name)
        if name in _PULL_NUMBERS:
            number = _number(value, *_PULL_NUMBERS[name])
            if number is None:
                return None
            arguments[name] = number
        elif name in _PULL_FLAGS and value in _FLAGS:
            arguments[name] = _FLAGS[value]
        else:
            return None
    return arguments


def _json_type(content_type: bytes | None) -> bool:
    return content_type is not None and content_type.split(b";", 1)[0].strip().lower() == b"application/json"


class SyncFastPath:
    """Innermost middleware: plain pushes and pulls to their route functions (see the module's text)."""

    def __init__(self, app: ASGIApp, owner: Any):
        self.app, self.owner = app, owner
        routes = {(r.path, m): r for r in sync_routes.router.routes if isinstance(r, APIRoute) for m in r.methods or ()}
        self.push_route, self.pull_route = routes[(PUSH, "POST")], routes[(PULL, "GET")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path, method = scope.get("path"), scope.get("method")
            if path == PUSH and method == "POST":
                await self._push(scope, receive, send)
                return
            if path == PULL and method == "GET":
                await self._pull(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _pull(self, scope: Scope, receive: Receive, send: Send) -> None:
        login = plain_login(scope)
        arguments = pull_arguments(scope.get("query_string", b"")) if login else None
        if login is None or arguments is None:
            await self.app(scope, receive, send)
            return
        request = self._selected(scope, receive, self.pull_route)
        state = self.owner.state
        await self._answer(request, send, sync_routes.pull, request, login[0], state.db, state.settings, **arguments)

    async def _push(self, scope: Scope, receive: Receive, send: Send) -> None:
        login = plain_login(scope)
        if login is None or not _json_type(login[1].get(b"content-type")):
            await self.app(scope, receive, send)
            return
        messages, body = await _read_body(receive)
        body_value = _valid_body(self.push_route, body) if body is not None else None
        if body_value is None:
            await self.app(scope, _replay(messages, receive), send)
            return
        request = self._selected(scope, _replay(messages, receive), self.push_route)
        state = self.owner.state
        await self._answer(request, send, sync_routes.push, request, body_value, login[0], state.db, state.settings)

    def _selected(self, scope: Scope, receive: Receive, route: APIRoute) -> Request:
        """What the router records of the route it picked (the metrics name a request by its route's template)."""
        scope.update({"route": route, "endpoint": route.endpoint, "path_params": {}})
        return Request(scope, receive)

    async def _answer(self, request: Request, send: Send, call: Any, *args: Any, **kwargs: Any) -> None:
        """The route function in a worker thread, as the framework runs a plain `def` route; what it raises is
        answered by the application's handler for it (or goes on up, to the 500 answer, when there is none)."""
        try:
            response = await run_in_threadpool(call, *args, **kwargs)
        except Exception as error:
            handler = _handler_of(self.owner.exception_handlers, error)
            if handler is None:
                raise
            response = await handler(request, error)
        await response(request.scope, request.receive, send)


def _handler_of(handlers: dict[Any, Any], error: Exception) -> Any:
    for cls in type(error).__mro__:  # the nearest class with a handler, as the framework looks it up
        if cls in handlers:
            return handlers[cls]
    return None


def _valid_body(route: APIRoute, body: bytes) -> Any:
    """The body as the route's own body field validates it after `json.loads` (the framework's reading of a JSON
    body), or None when it would not pass."""
    try:
        value = json.loads(body)
    except ValueError:
        return None
    assert route.body_field is not None
    validated, errors = route.body_field.validate(value, {}, loc=("body",))
    return None if errors else validated


async def _read_body(receive: Receive) -> tuple[list[Message], bytes | None]:
    """Every message of the request's body (to hand on unchanged if the framework is to answer), and the body; None
    for the body if something other than body chunks came (a client gone)."""
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, None
        if not message.get("more_body", False):
            return messages, b"".join(m.get("body", b"") for m in messages)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed
