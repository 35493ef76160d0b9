"""What the administrator asks of a running alliance: who synced when and from which desktop release, signing
everyone out, and whether a maintenance command is looking at the service's database at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from alliance_app.models import RECORD_TYPES, Member
from alliance_app.server.tables import Account, AuthToken, RevCounter


@dataclass(frozen=True)
class AccountLine:
    username: str
    role: str
    member: str
    disabled: bool
    last_login_at: datetime | None
    last_sync_at: datetime | None
    desktop_version: str | None


def account_lines(session: Session) -> list[AccountLine]:
    names = dict(session.execute(select(Member.id, func.coalesce(Member.short_name, Member.name_zh))).all())
    return [
        AccountLine(
            a.username,
            a.role,
            names.get(a.member_id, a.member_id or "") if a.member_id else "",
            a.disabled,
            a.last_login_at,
            a.last_sync_at,
            a.desktop_version,
        )
        for a in session.scalars(select(Account).order_by(Account.last_sync_at.desc().nulls_last(), Account.username))
    ]


def sign_out_everyone(session: Session) -> int:
    """Revokes every login; each desktop's next sync asks its user to log in again. Returns logins revoked."""
    families = session.scalar(select(func.count(func.distinct(AuthToken.family))).where(AuthToken.revoked.is_(False)))
    session.execute(update(AuthToken).where(AuthToken.revoked.is_(False)).values(revoked=True))
    return int(families or 0)


def is_empty(session: Session) -> bool:
    """No accounts and no records: not the alliance's database (a command run without the service's settings)."""
    if session.scalar(select(func.count()).select_from(Account)):
        return False
    if session.scalar(select(RevCounter.rev).where(RevCounter.id == 1)):
        return False
    return not any(session.scalar(select(cls.id).limit(1)) for cls in RECORD_TYPES)
