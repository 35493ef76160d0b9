"""The FastAPI application: routes of protocol v1, the dependencies they share, and error answers."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from alliance_app.models import Actor
from alliance_app.server import auth, conflicts, epoch, metrics, sync_service
from alliance_app.server.accounts import actor_of
from alliance_app.server.activity import DesktopActivity
from alliance_app.server.answers import json_answer, json_bytes
from alliance_app.server.db import Database, committed_rev
from alliance_app.server.errors import (
    ApiError,
    api_error_handler,
    busy,
    http_error_handler,
    unauthorized,
    validation_error_handler,
)
from alliance_app.server.middleware import AccessLog, BodyLimit
from alliance_app.server.settings import ServerSettings
from alliance_app.server.tables import Account
from alliance_app.server.version_window import VersionWindow
from alliance_app.sync.protocol import (
    DEFAULT_PULL_PAGE,
    MAX_CONFLICT_PAGE,
    MAX_PULL_PAGE,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SCHEMA_HEADER,
    SCHEMA_VERSION,
    AccountPublic,
    ChecksumsResponse,
    ConflictOut,
    ErrorBody,
    Health,
    HistoryResponse,
    LoginRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    RecordKind,
    RecordState,
    RefreshRequest,
    ResolveRequest,
    ResolveResponse,
    TokenPair,
)
from alliance_app.sync.protocol_window import OLDEST_PROTOCOL, OLDEST_SCHEMA

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 410, 413, 422, 426, 429, 503)
}
_UUID = r"^[0-9a-fA-F-]{36}$"


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


def check_versions(
    protocol: Annotated[int | None, Header(alias=PROTOCOL_HEADER)] = None,
    schema: Annotated[int | None, Header(alias=SCHEMA_HEADER)] = None,
) -> None:
    """Every /api/v1 request names its protocol and schema version; a pair outside the compatibility window
    (sync/versions.py: this release and the one before) gets 426, never a partial sync."""
    if not OLDEST_PROTOCOL <= (protocol or 0) <= PROTOCOL_VERSION:
        raise _upgrade_needed(protocol or 0, PROTOCOL_VERSION, "协议版本", "protocol version")
    if not OLDEST_SCHEMA <= (schema or 0) <= SCHEMA_VERSION:
        raise _upgrade_needed(schema or 0, SCHEMA_VERSION, "数据版本", "schema version")


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_settings(request: Request) -> ServerSettings:
    return request.app.state.settings


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
_bearer = HTTPBearer(auto_error=False)


def current_login(
    request: Request, db: DbDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> tuple[Account, str]:
    if credentials is None:
        raise unauthorized()
    with db.read() as session:
        account, family = auth.account_for_access_token(session, credentials.credentials)
    request.state.username = account.username
    return account, family


LoginDep = Annotated[tuple[Account, str], Depends(current_login)]


def current_actor(login: LoginDep) -> Actor:
    return actor_of(login[0])


CurrentActor = Annotated[Actor, Depends(current_actor)]


def _auth_routes(router: APIRouter) -> None:
    @router.post("/auth/login", response_model=TokenPair, tags=["auth"])
    def login(body: LoginRequest, request: Request, db: DbDep, settings: SettingsDep) -> Response:
        address = request.client.host if request.client else "unknown"
        with db.write() as session:  # count and reserve in one step (429 while rate-limited)
            auth.reserve_attempt(session, settings, body.username, address)
        with db.read() as session:
            account = auth.check_password(session, body.username, body.password)
        # A failed login keeps its reserved failure, so the refusal is answered after the commit.
        with db.write() as session:
            try:
                return json_answer(auth.login(session, settings, account, body.username))
            except ApiError as error:
                refusal = error
        return refusal.response()

    @router.post("/auth/refresh", response_model=TokenPair, tags=["auth"])
    def refresh(body: RefreshRequest, db: DbDep, settings: SettingsDep) -> Response:
        with db.write() as session:
            try:
                return json_answer(auth.refresh(session, settings, body.refresh_token))
            except ApiError as error:
                refusal = error
        return refusal.response()

    @router.post("/auth/logout", status_code=204, tags=["auth"])
    def logout(login: LoginDep, db: DbDep) -> Response:
        with db.write() as session:
            auth.revoke_family(session, login[1])
        return Response(status_code=204)

    @router.get("/auth/me", response_model=AccountPublic, tags=["auth"])
    def me(login: LoginDep) -> Response:
        return json_answer(auth.public(login[0]))


def _crash_test_pause(settings: ServerSettings, point: str) -> None:
    """Testing only (unset in production): marks that a push reached `point`, then waits to be killed."""
    if settings.crash_test_pause == point and settings.crash_test_mark is not None:
        settings.crash_test_mark.touch()
        time.sleep(600)


def _sync_routes(router: APIRouter) -> None:
    @router.post("/sync/push", response_model=PushResponse, tags=["sync"])
    def push(body: PushRequest, login: LoginDep, db: DbDep, settings: SettingsDep) -> Response:
        account, _ = login
        actor = actor_of(account)
        _crash_test_pause(settings, "received")
        answer = sync_service.push_batch(
            db, account.id, actor, body.mutations, answer=lambda outcomes: json_bytes(PushResponse(outcomes=outcomes))
        )
        _crash_test_pause(settings, "committed")
        return Response(answer, media_type="application/json")

    @router.get("/sync/pull", response_model=PullResponse, tags=["sync"])
    def pull(
        actor: CurrentActor,
        db: DbDep,
        settings: SettingsDep,
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=1_000_000)] = DEFAULT_PULL_PAGE,
    ) -> Response:
        with db.read() as session:
            page = sync_service.pull(session, actor, cursor, min(limit, MAX_PULL_PAGE), settings.max_pull_page_bytes)
        # Serialised once by orjson straight from plain dicts: a returned model would be validated again field
        # by field, which for a page of 1000 records cost more than reading them. The shape is PullResponse's
        # (the OpenAPI schema above); tests/server check pages against the model.
        return json_answer(page)

    @router.get("/sync/checksums", response_model=ChecksumsResponse, tags=["sync"])
    def checksums(actor: CurrentActor, db: DbDep, kind: Annotated[list[RecordKind] | None, Query()] = None) -> Response:
        with db.read() as session:
            return json_answer(sync_service.checksums(session, list(kind) if kind else None))

    @router.get("/records/{kind}/{record_id}", response_model=RecordState, tags=["records"])
    def record(
        actor: CurrentActor, db: DbDep, kind: RecordKind, record_id: Annotated[str, Path(pattern=_UUID)]
    ) -> Response:
        with db.read() as session:
            return json_answer(sync_service.record_or_404(session, actor, kind, record_id))

    @router.get("/records/{kind}/{record_id}/history", response_model=HistoryResponse, tags=["records"])
    def history(
        actor: CurrentActor, db: DbDep, kind: RecordKind, record_id: Annotated[str, Path(pattern=_UUID)]
    ) -> Response:
        with db.read() as session:
            return json_answer(conflicts.history(session, actor, kind, record_id))

    @router.get("/conflicts", response_model=list[ConflictOut], tags=["conflicts"])
    def conflict_list(
        actor: CurrentActor,
        db: DbDep,
        include_resolved: bool = False,
        after: Annotated[str | None, Query(pattern=_UUID)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_CONFLICT_PAGE)] = MAX_CONFLICT_PAGE,
    ) -> Response:
        with db.read() as session:
            return json_answer(conflicts.list_conflicts(session, actor, include_resolved, after, limit))

    @router.post("/conflicts/{conflict_id}/resolve", response_model=ResolveResponse, tags=["conflicts"])
    def resolve(
        actor: CurrentActor, db: DbDep, conflict_id: Annotated[str, Path(pattern=_UUID)], body: ResolveRequest
    ) -> Response:
        with db.write() as session:
            return json_answer(conflicts.resolve(session, actor, conflict_id, body.keep))


async def _database_error(_request: Request, error: Exception) -> JSONResponse:
    # SQLite's lock wait ran out, or PostgreSQL went away: a transient state the client retries, never a 500.
    text_ = str(error).lower()
    if "locked" in text_ or "busy" in text_ or "connection" in text_ or "server closed" in text_:
        return busy().response()
    raise error


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    settings = settings or ServerSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.db.close()
        metrics.worker_stopped()

    app = FastAPI(
        lifespan=lifespan,
        title="Alliance Desk server (联盟协作台服务器)",
        version=f"protocol {PROTOCOL_VERSION}, schema {SCHEMA_VERSION}",
        description="Sync protocol v1 of Alliance Desk; see docs/protocol.md.",
    )
    app.state.settings = settings
    app.state.db = Database.open(settings)
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(OperationalError, _database_error)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)

    @app.get("/healthz", response_model=Health, tags=["health"], responses={503: {"model": ErrorBody}})
    def healthz(db: DbDep) -> Health:
        with db.read() as session:
            session.execute(text("SELECT 1"))
            rev, _ = committed_rev(session)
        return Health(status="ok", protocol_version=PROTOCOL_VERSION, schema_version=SCHEMA_VERSION, server_rev=rev)

    router = APIRouter(prefix="/api/v1", dependencies=[Depends(check_versions)], responses=_ERRORS)
    _auth_routes(router)
    _sync_routes(router)
    app.include_router(router)
    epoch.install(app)
    app.add_middleware(DesktopActivity, db=app.state.db)
    app.add_middleware(VersionWindow, download_url=settings.desktop_download_url)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(AccessLog)
    metrics.install(app, settings.metrics_token)  # outermost: it times everything

    return app
