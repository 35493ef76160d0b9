"""The FastAPI application: the routes (server/routes/, one module per resource), the middlewares around them, and
error answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from alliance_app.server import epoch, metrics
from alliance_app.server.activity import DesktopActivity
from alliance_app.server.db import Database, committed_rev
from alliance_app.server.deps import DbDep, login_before_shape
from alliance_app.server.errors import (
    ApiError,
    api_error_handler,
    busy,
    http_error_handler,
)
from alliance_app.server.fast_sync import SyncFastPath
from alliance_app.server.middleware import AccessLog, BodyLimit
from alliance_app.server.routes import include_api
from alliance_app.server.settings import ServerSettings
from alliance_app.server.version_window import VersionWindow
from alliance_app.sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION, ErrorBody, Health


async def _database_error(_request: Request, error: Exception) -> JSONResponse:
    # SQLite's lock wait ran out, or PostgreSQL went away: a transient state the client retries, never a 500.
    text_ = str(error).lower()
    if "locked" in text_ or "busy" in text_ or "connection" in text_ or "server closed" in text_:
        return busy().response()
    raise error


def create_app(settings: ServerSettings | None = None, *, fast_sync: bool = True) -> FastAPI:
    """`fast_sync`: plain pushes and pulls go straight to their routes (fast_sync.py); off only in the test that
    holds that way to the framework's."""
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
    app.add_exception_handler(RequestValidationError, login_before_shape)

    @app.get("/healthz", response_model=Health, tags=["health"], responses={503: {"model": ErrorBody}})
    def healthz(db: DbDep) -> Health:
        with db.read() as session:
            session.execute(text("SELECT 1"))
            rev, _ = committed_rev(session)
        return Health(status="ok", protocol_version=PROTOCOL_VERSION, schema_version=SCHEMA_VERSION, server_rev=rev)

    include_api(app)
    if fast_sync:
        app.add_middleware(SyncFastPath, owner=app)  # innermost: every middleware below sees its requests
    epoch.install(app)
    app.add_middleware(DesktopActivity, db=app.state.db)
    app.add_middleware(VersionWindow, download_url=settings.desktop_download_url)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(AccessLog)
    metrics.install(app, settings.metrics_token)  # outermost: it times everything

    return app
