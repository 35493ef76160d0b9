"""The HTTP routes of protocol v1, one module per resource (auth, sync, records, conflicts). `include_api` adds them
to the application with the version check every request passes. Each module's router carries the whole prefix
(/api/v1/…): a route's path is then its full template, which the metrics and the access log name it by (a router
included in another would give only its own part)."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI

from alliance_app.server.deps import check_versions
from alliance_app.server.routes import auth, conflicts, records, sync
from alliance_app.sync.protocol import ErrorBody

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 410, 413, 422, 426, 429, 503)
}


def include_api(app: FastAPI) -> None:
    for module in (auth, sync, records, conflicts):
        app.include_router(module.router, dependencies=[Depends(check_versions)], responses=_ERRORS)
