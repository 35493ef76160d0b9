"""The conflicts an account may see, and resolving one: /api/v1/conflicts/…"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from alliance_app.server import conflicts
from alliance_app.server.accounts import actor_of
from alliance_app.server.answers import json_answer
from alliance_app.server.deps import UUID_PATTERN, CurrentActor, DbDep, TokenDep, login_in
from alliance_app.sync.protocol import MAX_CONFLICT_PAGE, ConflictOut, ResolveRequest, ResolveResponse

router = APIRouter(prefix="/api/v1/conflicts", tags=["conflicts"])


@router.get("", response_model=list[ConflictOut])
def conflict_list(
    request: Request,
    token: TokenDep,
    db: DbDep,
    include_resolved: bool = False,
    after: Annotated[str | None, Query(pattern=UUID_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_CONFLICT_PAGE)] = MAX_CONFLICT_PAGE,
) -> Response:
    with db.read() as session:
        actor = actor_of(login_in(session, request, token)[0])
        return json_answer(conflicts.list_conflicts(session, actor, include_resolved, after, limit))


@router.post("/{conflict_id}/resolve", response_model=ResolveResponse)
def resolve(
    actor: CurrentActor, db: DbDep, conflict_id: Annotated[str, Path(pattern=UUID_PATTERN)], body: ResolveRequest
) -> Response:
    with db.write() as session:
        return json_answer(conflicts.resolve(session, actor, conflict_id, body.keep))
