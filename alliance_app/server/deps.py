"""What the routes depend on, in one place: the versions a request names, the database, the settings, and who is
logged in. The checks that read only the request are `async`: FastAPI runs a plain `def` dependency in a worker
thread, and a thread hand-off per dependency cost more CPU than the checks themselves."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from alliance_app.models import Actor
from alliance_app.server import auth
from alliance_app.server.accounts import actor_of
from alliance_app.server.db import Database
from alliance_app.server.errors import ApiError, unauthorized, validation_error_handler
from alliance_app.server.settings import ServerSettings
from alliance_app.server.tables import Account
from alliance_app.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER, SCHEMA_VERSION
from alliance_app.sync.protocol_window import OLDEST_PROTOCOL, OLDEST_SCHEMA

UUID_PATTERN = r"^[0-9a-fA-F-]{36}$"


def _upgrade_needed(client: int, ours: int, what_zh: str, what_en: str) -> ApiError:
    if client < ours:
        return ApiError(
            426,
            "upgrade_client",
            f"联盟协作台版本过旧（{what_zh} {client}，服务器需要 {ours}），请升级后再同步",
            f"This Alliance Desk is too old ({what_en} {client}, the server needs {ours}); please upgrade it to sync",
        )
    return ApiError(
        426,
        "upgrade_server",
        f"服务器版本过旧（{what_zh} {ours}，本机为 {client}），请联系管理员升级服务器",
        f"The server is older than this desktop ({what_en} {ours}, desktop {client}); "
        "ask the administrator to upgrade it",
    )


async def check_versions(
    protocol: Annotated[int | None, Header(alias=PROTOCOL_HEADER)] = None,
    schema: Annotated[int | None, Header(alias=SCHEMA_HEADER)] = None,
) -> None:
    """Every /api/v1 request names its protocol and schema version; a pair outside the compatibility window
    (sync/protocol_window.py: this release and the one before) gets 426, never a partial sync."""
    if not OLDEST_PROTOCOL <= (protocol or 0) <= PROTOCOL_VERSION:
        raise _upgrade_needed(protocol or 0, PROTOCOL_VERSION, "协议版本", "protocol version")
    if not OLDEST_SCHEMA <= (schema or 0) <= SCHEMA_VERSION:
        raise _upgrade_needed(schema or 0, SCHEMA_VERSION, "数据版本", "schema version")


async def get_db(request: Request) -> Database:
    return request.app.state.db


async def get_settings(request: Request) -> ServerSettings:
    return request.app.state.settings


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
_bearer = HTTPBearer(auto_error=False)


async def bearer_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    """The access token a request carries (401 at once without one). Not checked yet: see `login_in`."""
    if credentials is None:
        raise unauthorized()
    return credentials.credentials


TokenDep = Annotated[str, Depends(bearer_token)]


def login_in(session: Session, request: Request, token: str) -> tuple[Account, str]:
    """The account of an access token and the token's family, read in the caller's transaction (401 for anything
    not currently valid). The busiest routes (push, pull, the conflicts list) call it first thing in their own
    transaction: a login checked by a dependency took a worker thread and a pooled connection of its own."""
    account, family, _ = login_and_more(session, request, token)
    return account, family


def login_and_more(
    session: Session, request: Request, token: str, extra: tuple[Any, ...] = (), values: dict[str, Any] | None = None
) -> tuple[Account, str, tuple[Any, ...]]:
    """`login_in`, with `extra` columns read in the same statement (auth.account_and_more): a pull's bounds, how
    many of a push's mutation ids were seen before."""
    account, family, more = auth.account_and_more(session, token, extra, values)
    request.state.username = account.username
    return account, family, more


def current_login(request: Request, db: DbDep, token: TokenDep) -> tuple[Account, str]:
    """`login_in` as a dependency, for the other routes (a database read: a worker thread)."""
    with db.read() as session:
        return login_in(session, request, token)


LoginDep = Annotated[tuple[Account, str], Depends(current_login)]


async def current_actor(login: LoginDep) -> Actor:
    return actor_of(login[0])


CurrentActor = Annotated[Actor, Depends(current_actor)]


def _needs_login(dependant: Any) -> bool:
    return any(d.call in (bearer_token, current_login) or _needs_login(d) for d in dependant.dependencies)


async def login_before_shape(request: Request, error: Exception) -> Response:
    """A request the protocol's schemas refuse, on a route that needs a login, is answered 401 unless it carries a
    valid one: an outsider learns nothing of which of its guesses fit, as when the login was a dependency (which
    ran before the query and body were checked). Stricter than the framework: a body that is not JSON at all
    is checked before any dependency runs, and is now also 401 without a login."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is not None and _needs_login(dependant):
        credentials = await _bearer(request)
        if credentials is None:
            return unauthorized().response()
        db: Database = request.app.state.db

        def check() -> None:
            with db.read() as session:
                login_in(session, request, credentials.credentials)

        try:
            await run_in_threadpool(check)
        except ApiError as refusal:
            return refusal.response()
    return await validation_error_handler(request, error)
