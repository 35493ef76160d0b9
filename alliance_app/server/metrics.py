"""Prometheus text metrics for the administrator: request rates, latencies and errors per route, database pool use,
and mutations pushed and records pulled per kind; served at GET /metrics to a bearer token the administrator sets.

Several uvicorn workers each count their own requests; `serve` points them at one folder
(PROMETHEUS_MULTIPROC_DIR, prometheus_client's multiprocess mode) so a scrape, answered by any worker, adds them up.
"""

from __future__ import annotations

import hmac
import os
import time
from contextvars import ContextVar
from typing import Any

import orjson
from fastapi import Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from sqlalchemy import event
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from alliance_app.sync.protocol import RECORD_KINDS

REQUESTS = Counter("alliance_requests_total", "Requests answered", ["route", "method", "status"])
LATENCY = Histogram(
    "alliance_request_seconds",
    "Time from request to the end of the answer",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
MUTATIONS = Counter(
    "alliance_push_mutations_total", "Mutations answered by push, per kind and outcome", ["kind", "status"]
)
PULLED = Counter(
    "alliance_pull_records_total", "Records sent by pull pages (changes and prerequisites), per kind", ["kind"]
)
STATEMENTS = Counter(
    "alliance_db_statements_total",
    "SQL statements sent to the database while answering, per route (a push's stay the same for any number of "
    "mutations of a kind)",
    ["route"],
)
POOL_IN_USE = Gauge(
    "alliance_db_connections_in_use", "Database connections checked out of the pools", multiprocess_mode="livesum"
)
POOL_SIZE = Gauge("alliance_db_pool_size", "Connections the pools keep (PostgreSQL)", multiprocess_mode="livesum")

# The statement count of the request being answered: set by the middleware, read by the engine's cursor event in
# whatever thread the route runs (a worker thread gets a copy of the request's context, holding the same box).
_statements: ContextVar[list[int] | None] = ContextVar("alliance_statements", default=None)


def _count_statement(*_args: Any) -> None:
    box = _statements.get()
    if box is not None:
        box[0] += 1


def _count_pushed(request: bytes, answer: bytes) -> None:
    try:
        kinds = {m.get("mutation_id"): m.get("kind") for m in orjson.loads(request).get("mutations", [])}
    except orjson.JSONDecodeError:
        kinds = {}
    for outcome in orjson.loads(answer).get("outcomes", []):
        kind = kinds.get(outcome.get("mutation_id"))
        MUTATIONS.labels(kind if kind in RECORD_KINDS else "unknown", outcome.get("status", "unknown")).inc()


# scope["state"] key: records of each kind a pull answer sends, {kind: count}, set by the route (which built the
# page) and by the version window when it reshapes the page for an older desktop; counted once the answer is out.
PULLED_STATE = "pulled_records"


def pulled(request: Request, sent: dict[str, int]) -> None:
    request.state.pulled_records = sent


def _count_pulled(sent: dict[str, int]) -> None:
    for kind, found in sent.items():
        if found:
            PULLED.labels(kind).inc(found)


class RequestMetrics:
    """Counts every answer by route template (never by raw path: ids would make a series per record)."""

    def __init__(self, app: ASGIApp, engine: Any):
        self.app, self.engine = app, engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500
        path = scope.get("path", "")
        keep = path.endswith("/sync/push")  # a push's answer is read for its outcomes; a pull's counts come in state
        chunks: list[bytes] = []
        asked: list[bytes] = []
        statements = [0]
        counting = _statements.set(statements)

        async def received() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                asked.append(message.get("body", b""))
            return message

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif keep and message["type"] == "http.response.body" and status == 200:
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, received if keep else receive, watched)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or ("unmatched" if status == 404 else "other")
            _statements.reset(counting)
            REQUESTS.labels(template, scope.get("method", ""), str(status)).inc()
            STATEMENTS.labels(template).inc(statements[0])
            LATENCY.labels(template).observe(time.perf_counter() - start)
            pool = self.engine.pool
            if callable(getattr(pool, "checkedout", None)):  # a queue pool (file SQLite, PostgreSQL)
                POOL_IN_USE.set(pool.checkedout())
            if callable(getattr(pool, "size", None)):
                POOL_SIZE.set(pool.size())
            if chunks:
                _count_pushed(b"".join(asked), b"".join(chunks))
            sent = scope.get("state", {}).get(PULLED_STATE)
            if sent and status == 200:
                _count_pulled(sent)


def exposition() -> tuple[bytes, str]:
    """The metrics of every worker (multiprocess mode) or of this process."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=folder)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def install(app: Any, token: str) -> None:
    """GET /metrics for a scraper holding `token` (ALLIANCE_SERVER_METRICS_TOKEN); without a token, no endpoint."""
    from alliance_app.server.errors import ApiError

    @app.get("/metrics", include_in_schema=False)
    def metrics(request: Request) -> Response:
        given = request.headers.get("authorization", "")
        if not token:
            raise ApiError(404, "metrics_off", "未配置监控令牌，指标未开放", "Metrics are off: no metrics token is set")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            raise ApiError(401, "unauthorized", "监控令牌不正确", "The metrics token is not right")
        body, content_type = exposition()
        return Response(body, media_type=content_type)

    event.listen(app.state.db.engine, "before_cursor_execute", _count_statement)
    app.add_middleware(RequestMetrics, engine=app.state.db.engine)


def worker_stopped() -> None:
    """A worker's live gauges stop counting when it ends (multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(os.getpid())
