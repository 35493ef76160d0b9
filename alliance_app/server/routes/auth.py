"""Logging in and out: /api/v1/auth/…"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from alliance_app.server import auth
from alliance_app.server.answers import json_answer
from alliance_app.server.deps import DbDep, LoginDep, SettingsDep
from alliance_app.server.errors import ApiError
from alliance_app.sync.protocol import AccountPublic, LoginRequest, RefreshRequest, TokenPair

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


@router.post("/login", response_model=TokenPair)
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


@router.post("/refresh", response_model=TokenPair)
def refresh(body: RefreshRequest, db: DbDep, settings: SettingsDep) -> Response:
    with db.write() as session:
        try:
            return json_answer(auth.refresh(session, settings, body.refresh_token))
        except ApiError as error:
            refusal = error
    return refusal.response()


@router.post("/logout", status_code=204)
def logout(login: LoginDep, db: DbDep) -> Response:
    with db.write() as session:
        auth.revoke_family(session, login[1])
    return Response(status_code=204)


@router.get("/me", response_model=AccountPublic)
async def me(login: LoginDep) -> Response:
    return json_answer(auth.public(login[0]))
