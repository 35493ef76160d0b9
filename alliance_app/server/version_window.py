"""The compatibility window at the server's edge (the rule: alliance_app/sync/protocol_window.py): answers to a
desktop of the previous release carry the update notice, and are reshaped to what its schema knows."""

from __future__ import annotations

from collections import Counter
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from alliance_app.server.metrics import PULLED_STATE
from alliance_app.sync.protocol import PROTOCOL_HEADER, SCHEMA_HEADER, SCHEMA_VERSION
from alliance_app.sync.protocol_window import UPDATE_HEADER, for_schema, outdated

_PROTOCOL, _SCHEMA = PROTOCOL_HEADER.lower().encode(), SCHEMA_HEADER.lower().encode()


def _number(scope: Scope, name: bytes) -> int | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return int(value) if value.isdigit() else None
    return None


class VersionWindow:
    def __init__(self, app: ASGIApp, download_url: str):
        self.app, self.download_url = app, download_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/api/v1/"):
            await self.app(scope, receive, send)
            return
        protocol, schema = _number(scope, _PROTOCOL), _number(scope, _SCHEMA)
        if not outdated(protocol, schema):
            await self.app(scope, receive, send)
            return
        notice = (UPDATE_HEADER.lower().encode(), self.download_url.encode())
        if schema is None or schema >= SCHEMA_VERSION:
            await self.app(scope, receive, _with_header(send, notice))
            return
        await self.app(scope, receive, _reshaped(send, notice, path, schema, scope.setdefault("state", {})))


def _with_header(send: Send, header: tuple[bytes, bytes]) -> Send:
    async def stamped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), header]}
        await send(message)

    return stamped


def _reshaped(send: Send, header: tuple[bytes, bytes], path: str, schema: int, state: dict[str, Any]) -> Send:
    """Holds a JSON answer back until it is whole, then sends it as the older schema reads it (and, for a pull page,
    tells the metrics what it now sends)."""
    start: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def reshaping(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
            return
        if message["type"] != "http.response.body":
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(chunks)
        headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
        if start.get("status") == 200 and any(k == b"content-type" and b"json" in v for k, v in headers):
            shaped = for_schema(path, orjson.loads(body), schema)
            if PULLED_STATE in state and isinstance(shaped, dict):
                kinds = [s.get("kind") for part in ("changes", "prerequisites") for s in shaped.get(part, [])]
                state[PULLED_STATE] = dict(Counter(kinds))
            body = orjson.dumps(shaped)
        headers += [(b"content-length", str(len(body)).encode()), header]
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return reshaping
