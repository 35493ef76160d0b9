"""Login, token rotation and logout: opaque random tokens stored as SHA-256, refresh families, rate limits."""

from __future__ import annotations

import hashlib
import json
import logging
import math
import secrets
import uuid
from datetime import datetime, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, delete, func, select, text, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from alliance_app.models import utc_now
from alliance_app.server.accounts import password_matches
from alliance_app.server.errors import ApiError, unauthorized
from alliance_app.server.settings import ServerSettings
from alliance_app.server.tables import Account, AuthToken, LoginFailure
from alliance_app.sync.protocol import AccountPublic, TokenPair

auth_log = logging.getLogger("alliance_server.auth")


def token_hash(token: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough: nothing to brute-force, unlike a password.
    return hashlib.sha256(token.encode()).hexdigest()


def public(account: Account) -> AccountPublic:
    return AccountPublic(username=account.username, role=account.role, member_id=account.member_id)


def issue_pair(session: Session, settings: ServerSettings, account: Account, family: str) -> TokenPair:
    now = utc_now()
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    for token, kind, seconds in (
        (access, "access", settings.access_token_seconds),
        (refresh, "refresh", settings.refresh_token_seconds),
    ):
        session.add(
            AuthToken(
                token_hash=token_hash(token),
                account_id=account.id,
                kind=kind,
                family=family,
                issued_at=now,
                expires_at=now + timedelta(seconds=seconds),
            )
        )
    return TokenPair(
        access_token=access,
        refresh_token=refresh,
        access_expires_in=settings.access_token_seconds,
        refresh_expires_in=settings.refresh_token_seconds,
        account=public(account),
    )


def _retry_after(
    session: Session, column: InstrumentedAttribute[str], value: str, limit: int, window_start: datetime, window: int
) -> int:
    """Seconds until the oldest counted failure leaves the window, if `limit` failures are in it; else 0."""
    count, oldest = session.execute(
        select(func.count(), func.min(LoginFailure.at)).where(column == value, LoginFailure.at > window_start)
    ).one()
    if count < limit or oldest is None:
        return 0
    return max(1, math.ceil((oldest - window_start).total_seconds()))


def check_rate_limit(session: Session, settings: ServerSettings, username: str, address: str) -> None:
    window_start = utc_now() - timedelta(seconds=settings.login_window_seconds)
    wait = max(
        _retry_after(
            session,
            LoginFailure.username,
            username,
            settings.login_failures_per_user,
            window_start,
            settings.login_window_seconds,
        ),
        _retry_after(
            session,
            LoginFailure.address,
            address,
            settings.login_failures_per_address,
            window_start,
            settings.login_window_seconds,
        ),
    )
    if wait:
        raise ApiError(
            429,
            "too_many_logins",
            f"登录失败次数过多，请 {wait} 秒后再试",
            f"Too many failed logins; try again in {wait} seconds",
            {"Retry-After": str(wait)},
        )


# One PostgreSQL advisory lock for every login's count-and-reserve step (a few milliseconds, never the password
# check itself): the count and the recorded attempt are then one atomic step across all workers and hosts.
# SQLite needs none: a write transaction already holds the database's one write lock.
_LOGIN_LOCK = 0x414C4C49  # "ALLI"


def reserve_attempt(session: Session, settings: ServerSettings, username: str, address: str) -> None:
    """429 while rate-limited; otherwise records this login as a failure *before* its password is checked, in the
    same transaction as the count, so concurrent attempts can never all pass the count: at most the limit of
    passwords is ever checked per window. A right password removes the record again (`login`)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOGIN_LOCK})
    check_rate_limit(session, settings, username, address)
    session.add(LoginFailure(username=username[:80], address=address[:64]))


def check_password(session: Session, username: str, password: str) -> Account | None:
    """The account if the password is right and the account enabled, else None. Only reads: the slow Argon2 check
    must not hold the database's write lock (SQLite has one for all). Call it only after `reserve_attempt`."""
    account = session.scalar(select(Account).where(Account.username == username))
    matches = password_matches(session, account, password)
    # One line per password checked (never the name or the password): what the login-race test counts.
    auth_log.info(json.dumps({"event": "password_checked", "accepted": matches}))
    if not matches or account is None or account.disabled:
        return None
    return account


def login(session: Session, settings: ServerSettings, account: Account | None, username: str) -> TokenPair:
    """A new token family for a checked account; the same refusal for an unknown name and a wrong password
    (whose failure `reserve_attempt` has already recorded)."""
    if account is None:
        raise ApiError(
            401,
            "bad_login",
            "用户名或密码不正确",
            "The username or password is not correct",
        )
    session.execute(delete(LoginFailure).where(LoginFailure.username == username))
    return issue_pair(session, settings, account, str(uuid.uuid4()))


def refresh(session: Session, settings: ServerSettings, refresh_token: str) -> TokenPair:
    """Rotates a refresh token. Reusing a rotated one (after a short grace for a retried request) revokes the
    whole family: either the client or a thief holds a copy, and the server cannot tell which."""
    now = utc_now()
    row = session.scalar(
        select(AuthToken)
        .where(AuthToken.token_hash == token_hash(refresh_token), AuthToken.kind == "refresh")
        .with_for_update()
    )
    if row is None or row.revoked or row.expires_at <= now:
        raise unauthorized()
    account = session.get(Account, row.account_id)
    if account is None or account.disabled:
        raise unauthorized()
    if row.rotated_at is not None:
        if now - row.rotated_at > timedelta(seconds=settings.refresh_grace_seconds):
            revoke_family(session, row.family)
            raise ApiError(
                401,
                "refresh_reused",
                "登录凭据已被重复使用，为安全起见已注销，请重新登录",
                "This login was used twice, so it has been signed out for safety; please log in again",
                {"WWW-Authenticate": "Bearer"},
            )
    else:
        row.rotated_at = now
    return issue_pair(session, settings, account, row.family)


def revoke_family(session: Session, family: str) -> None:
    session.execute(update(AuthToken).where(AuthToken.family == family).values(revoked=True))


@cache
def _access_query(extra: tuple[Any, ...] = ()) -> Select[Any]:
    """The columns the check needs, as a plain table query: every request runs it, and loading the two rows as ORM
    objects cost more than the statement itself. `extra`: columns the caller reads in the same statement (scalar
    subqueries of other tables: a pull's bounds), after the check's own."""
    tokens, accounts = cast(Table, AuthToken.__table__), cast(Table, Account.__table__)
    return (
        select(
            tokens.c.revoked,
            tokens.c.expires_at,
            tokens.c.family,
            accounts.c.disabled,
            accounts.c.id,
            accounts.c.username,
            accounts.c.role,
            accounts.c.member_id,
            *extra,
        )
        .select_from(tokens.join(accounts, accounts.c.id == tokens.c.account_id))
        .where(tokens.c.token_hash == bindparam("token_hash"), tokens.c.kind == "access")
    )


def account_for_access_token(session: Session, token: str) -> tuple[Account, str]:
    """The account an access token belongs to and the token's family; 401 for anything not currently valid. The
    account comes back detached, with what a request may read of it (id, name, role, member), never its hash."""
    account, family, _ = account_and_more(session, token)
    return account, family


_CHECKED = 8  # the access query's own columns; `extra` ones follow


def account_and_more(
    session: Session, token: str, extra: tuple[Any, ...] = (), values: dict[str, Any] | None = None
) -> tuple[Account, str, tuple[Any, ...]]:
    """`account_for_access_token`, and the values of `extra` (columns built once, see `_access_query`; `values`: their
    bound parameters) read in the same statement: only for a token that passes every check, so nothing of them
    reaches a caller refused."""
    row = session.execute(_access_query(extra), {**(values or {}), "token_hash": token_hash(token)}).one_or_none()
    if row is None:
        raise unauthorized()
    if row.revoked or row.expires_at <= utc_now() or row.disabled:
        raise unauthorized()
    account = Account(id=row.id, username=row.username, role=row.role, member_id=row.member_id, disabled=False)
    return account, row.family, tuple(row[_CHECKED:])
