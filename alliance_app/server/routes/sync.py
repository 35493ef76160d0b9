"""The sync itself: /api/v1/sync/push, pull, checksums and epoch."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.orm import Session

from alliance_app.models import Actor
from alliance_app.server import kind_sums, metrics, sync_service
from alliance_app.server.accounts import actor_of
from alliance_app.server.answers import json_answer, json_bytes
from alliance_app.server.db import committed_rev
from alliance_app.server.deps import CurrentActor, DbDep, SettingsDep, TokenDep, login_and_more
from alliance_app.server.epoch import read_epoch
from alliance_app.server.pull import NOT_READ, bounds_columns, bounds_of
from alliance_app.server.settings import ServerSettings
from alliance_app.sync.protocol import (
    DEFAULT_PULL_PAGE,
    MAX_PULL_PAGE,
    ChecksumsResponse,
    EpochInfo,
    PullResponse,
    PushRequest,
    PushResponse,
    RecordKind,
)

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])


def _crash_test_pause(settings: ServerSettings, point: str) -> None:
    """Testing only (unset in production): marks that a push reached `point`, then waits to be killed."""
    if settings.crash_test_pause == point and settings.crash_test_mark is not None:
        settings.crash_test_mark.touch()
        time.sleep(600)


@router.post("/push", response_model=PushResponse)
def push(request: Request, body: PushRequest, token: TokenDep, db: DbDep, settings: SettingsDep) -> Response:
    ids = {"mutation_ids": sorted({m.mutation_id for m in body.mutations})}

    def who(session: Session) -> tuple[int, Actor]:
        account, _, (seen,) = login_and_more(session, request, token, (sync_service.seen_before_column(),), ids)
        session.info[sync_service.NONE_SEEN] = seen == 0  # one statement for the login and the ids' first look
        return account.id, actor_of(account)

    _crash_test_pause(settings, "received")
    answer = sync_service.push_batch(
        db, who, body.mutations, answer=lambda outcomes: json_bytes(PushResponse(outcomes=outcomes))
    )
    _crash_test_pause(settings, "committed")
    return Response(answer, media_type="application/json")


@router.get("/pull", response_model=PullResponse)
def pull(
    request: Request,
    token: TokenDep,
    db: DbDep,
    settings: SettingsDep,
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=1_000_000)] = DEFAULT_PULL_PAGE,
    conflicts_digest: bool = False,
    sums: bool = False,
) -> Response:
    with db.read(snapshot=True) as session:  # the page, its bounds and the conflicts' digest agree
        # One statement for the login, the bounds and (asked for the sums) the kinds' newest sums at the counter.
        extra = (*bounds_columns(), kind_sums.newest_column()) if sums else bounds_columns()
        account, _, read = login_and_more(session, request, token, extra)
        actor = actor_of(account)
        body, sent = sync_service.pull_json(
            session,
            actor,
            cursor,
            min(limit, MAX_PULL_PAGE),
            settings.max_pull_page_bytes,
            conflicts=conflicts_digest,
            states=db.states,
            sums=sums,
            bounds=bounds_of(read[:3]),
            newest=read[3] if sums else NOT_READ,
        )
    # Serialised once by orjson straight from plain dicts: a returned model would be validated again field
    # by field, which for a page of 1000 records cost more than reading them. The shape is PullResponse's
    # (the OpenAPI schema above); tests/server check pages against the model.
    metrics.pulled(request, sent)
    return Response(body, media_type="application/json")


@router.get("/checksums", response_model=ChecksumsResponse)
def checksums(
    actor: CurrentActor,
    db: DbDep,
    kind: Annotated[list[RecordKind] | None, Query()] = None,
    at: Annotated[int | None, Query(ge=0, le=2**62)] = None,
) -> Response:
    """`at` (desktops since 2026-11-30): the sums as of the desktop's cursor when the server can give them; the
    members of that answer (`at`, `sum`) are left out of every other answer, which an older desktop reads as before."""
    with db.read() as session:
        answer = sync_service.checksums(session, list(kind) if kind else None, at)
        return json_answer(answer.model_dump(mode="json", exclude_none=True))


@router.get("/epoch", response_model=EpochInfo)
def epoch_info(db: DbDep) -> EpochInfo:
    """What a desktop of an older history asks (no login: see epoch.py)."""
    with db.read() as session:
        name, since = read_epoch(session.connection())
        rev, _ = committed_rev(session)
    return EpochInfo(epoch=name, since_rev=since, server_rev=rev)
