"""What the administrator sees of each account's desktops (`alliance-server accounts list`): the last login, the
last sync and the desktop release, written as answers go out, at most once a minute per account and worker."""

from __future__ import annotations

import time
from typing import Any, cast

import orjson
from sqlalchemy import Table, update
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from alliance_app.models import utc_now
from alliance_app.server.tables import Account
from alliance_app.sync.protocol_window import DESKTOP_HEADER

EVERY = 60.0  # seconds between two writes of the same account's activity by one worker
_DESKTOP = DESKTOP_HEADER.lower().encode()


class DesktopActivity:
    def __init__(self, app: ASGIApp, db: Any):
        self.app, self.db = app, db
        self.written: dict[tuple[str, str], float] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        login = path == "/api/v1/auth/login"
        if scope["type"] != "http" or not (login or path == "/api/v1/sync/pull"):
            await self.app(scope, receive, send)
            return
        status = 0
        body: list[bytes] = []

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif login and message["type"] == "http.response.body":
                body.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, watched)
        if status != 200:
            return
        if login:
            username = orjson.loads(b"".join(body)).get("account", {}).get("username")
        else:
            username = scope.get("state", {}).get("username")
        desktop = next((v.decode("latin-1")[:40] for k, v in scope.get("headers", []) if k == _DESKTOP), None)
        what = "login" if login else "sync"
        if username and time.monotonic() - self.written.get((username, what), float("-inf")) > EVERY:
            self.written[(username, what)] = time.monotonic()
            await run_in_threadpool(self._write, username, what, desktop)

    def _write(self, username: str, what: str, desktop: str | None) -> None:
        values: dict[str, Any] = {"last_login_at" if what == "login" else "last_sync_at": utc_now()}
        if desktop:
            values["desktop_version"] = desktop
        # A plain table update: the ORM's would first work out which loaded accounts to bring up to date (a
        # tenth of the requests at 200 desktops write this, and that step cost more than the statement).
        accounts = cast(Table, Account.__table__)
        with self.db.write() as session:
            session.execute(update(accounts).where(accounts.c.username == username).values(**values))
