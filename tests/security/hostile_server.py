"""A broken or hostile sync server for the desktop's tests: a real process on 127.0.0.1 that logs anyone in and
then answers one path (push or pull) badly, in the way its mode names. Everything else answers as a
harmless server would: push outcomes are empty (every edit stays pending), the conflict list is empty.

    python -m tests.security.hostile_server MODE PORT
"""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from typing import Any

# A record whose member exists nowhere: it violates the replica's foreign key.
ORPHAN = "0190f0a0-0000-7000-8000-00000000dead"


def _state(kind: str, values: dict[str, Any], rev: int) -> dict[str, Any]:
    return {
        "kind": kind,
        "id": str(uuid.uuid4()),
        "rev": rev,
        "deleted": False,
        "updated_at": "2026-11-29T09:00:00Z",
        "updated_by": "hostile",
        "owner_member_id": values.get("member_id"),
        "values": values,
        "hidden": [],
    }


def _page(changes: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"changes": changes, "prerequisites": [], "cursor": 7, "has_more": False, "server_rev": 7, **extra}


HUGE_CHUNK = b" " * (1024 * 1024)
HUGE_MB = 512

# mode: (the path answered badly, what it answers: a JSON-able body, raw bytes, or a special case)
MODES: dict[str, tuple[str, Any]] = {
    "malformed_json": ("push", b'{"outcomes": [{"mutation_id": '),
    "wrong_types": ("push", {"outcomes": "every one applied"}),
    "missing_keys": ("push", {"outcomes": [{"status": "applied"}]}),
    "redirect": ("push", "redirect"),
    "page_missing_keys": ("pull", {"changes": []}),
    "page_wrong_types": ("pull", _page([{**_state("member", {"name_zh": "甲"}, 7), "rev": "seven"}])),
    "page_bad_value": ("pull", _page([_state("member", {"name_zh": 12345, "status": "floating"}, 7)])),
    "page_foreign_key": (
        "pull",
        _page([_state("contact", {"member_id": ORPHAN, "name": "无主联系人", "is_primary": False}, 7)]),
    ),
    "huge": ("pull", "huge"),
    "huge_declared": ("pull", "huge_declared"),
    "drip": ("pull", "drip"),
}


def _login_answer(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "access_token": "hostile-access",
        "refresh_token": "hostile-refresh",
        "token_type": "bearer",
        "access_expires_in": 3600,
        "refresh_expires_in": 86400,
        "account": {"username": str(body.get("username", "x")), "role": "secretariat", "member_id": None},
    }


def app_for(mode: str) -> Any:
    broken_path, bad = MODES[mode]

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        path = scope["path"]

        async def answer(status: int, payload: Any, headers: list[tuple[bytes, bytes]] | None = None) -> None:
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            head = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
            await send({"type": "http.response.start", "status": status, "headers": head + (headers or [])})
            await send({"type": "http.response.body", "body": data})

        if path == "/healthz":
            await answer(200, {"status": "ok", "protocol_version": 1, "schema_version": 1, "server_rev": 7})
        elif path == "/api/v1/auth/login":
            await answer(200, _login_answer(json.loads(body or b"{}")))
        elif path.endswith("/sync/" + broken_path):
            await _bad_answer(bad, answer, send)
        elif path == "/api/v1/sync/push":
            await answer(200, {"outcomes": []})
        elif path == "/api/v1/sync/pull":
            await answer(200, _page([], cursor=0, server_rev=0))
        elif path == "/api/v1/conflicts":
            await answer(200, [])
        else:
            await answer(404, {"code": "not_found", "zh": "没有", "en": "No such thing"})

    return app


async def _bad_answer(bad: Any, answer: Any, send: Any) -> None:
    if bad == "redirect":
        await answer(302, b"", [(b"location", b"http://127.0.0.1:9/elsewhere")])
    elif bad in ("huge", "huge_declared"):
        # 512 MB of JSON-looking bytes, made as they are sent: never held by this process either.
        head = [(b"content-type", b"application/json")]
        if bad == "huge_declared":
            head.append((b"content-length", str(HUGE_MB * len(HUGE_CHUNK)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": head})
        for _ in range(HUGE_MB):
            await send({"type": "http.response.body", "body": HUGE_CHUNK, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
    elif bad == "drip":
        # One byte every 0.2 s, forever: always sooner than any read timeout, so only a deadline ends it.
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        while True:
            await send({"type": "http.response.body", "body": b" ", "more_body": True})
            await asyncio.sleep(0.2)
    else:
        await answer(200, bad)


def main() -> None:
    import uvicorn

    mode, port = sys.argv[1], int(sys.argv[2])
    uvicorn.run(app_for(mode), host="127.0.0.1", port=port, log_level="warning", lifespan="off")


if __name__ == "__main__":
    main()
