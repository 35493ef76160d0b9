"""One record as the account may see it, and its history: /api/v1/records/…"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from alliance_app.server import conflicts, sync_service
from alliance_app.server.answers import json_answer
from alliance_app.server.deps import UUID_PATTERN, CurrentActor, DbDep
from alliance_app.sync.protocol import HistoryResponse, RecordKind, RecordState

router = APIRouter(prefix="/api/v1/records", tags=["records"])


@router.get("/{kind}/{record_id}", response_model=RecordState)
def record(
    actor: CurrentActor, db: DbDep, kind: RecordKind, record_id: Annotated[str, Path(pattern=UUID_PATTERN)]
) -> Response:
    with db.read() as session:
        return json_answer(sync_service.record_or_404(session, actor, kind, record_id))


@router.get("/{kind}/{record_id}/history", response_model=HistoryResponse)
def history(
    actor: CurrentActor, db: DbDep, kind: RecordKind, record_id: Annotated[str, Path(pattern=UUID_PATTERN)]
) -> Response:
    with db.read() as session:
        return json_answer(conflicts.history(session, actor, kind, record_id))
