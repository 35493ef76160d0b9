"""Accounts: creating them, passwords (Argon2id), resetting and disabling; what the CLI's admin commands call."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from alliance_app.models import Actor, AllianceError, Member, Role
from alliance_app.server.settings import ServerSettings
from alliance_app.server.tables import Account, AuthToken

MIN_PASSWORD = 8


# session.info key: the password hasher of the settings the database was opened with (server/db.py puts it in
# every session), so account code hashes with the service's configured cost and never reads the environment.
PASSWORDS = "passwords"


@cache
def password_hasher(time_cost: int, memory_kib: int) -> PasswordHasher:
    """Argon2id at a cost the settings give (stored hashes carry their own, so changing it is safe)."""
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)


def hasher_of(settings: ServerSettings) -> PasswordHasher:
    return password_hasher(settings.argon2_time_cost, settings.argon2_memory_kib)


def _hasher(session: Session) -> PasswordHasher:
    hasher = session.info.get(PASSWORDS)
    if not isinstance(hasher, PasswordHasher):
        raise RuntimeError("a session from server.db.Database (it carries the settings' password hasher) is needed")
    return hasher


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    # Verified when the username is unknown, so a wrong name costs the same time as a wrong password.
    return hasher.hash("not a password of anyone")


class AccountError(AllianceError):
    """An administrator's mistake in an account command, in both languages."""


def hash_password(session: Session, password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 个字符", f"A password needs at least {MIN_PASSWORD} characters")
    return _hasher(session).hash(password)


def password_matches(session: Session, account: Account | None, password: str) -> bool:
    hasher = _hasher(session)
    try:
        return (
            hasher.verify(account.password_hash if account else _dummy_hash(hasher), password) and account is not None
        )
    except (VerificationError, InvalidHashError):
        return False


def actor_of(account: Account) -> Actor:
    return Actor(username=account.username, role=Role(account.role), member_id=account.member_id)


def find_member(session: Session, name_or_id: str) -> Member:
    """The live member with this id, Chinese or English name or short name."""
    text = name_or_id.strip()
    matches = session.scalars(
        select(Member).where(
            Member.deleted.is_(False),
            or_(Member.id == text, Member.name_zh == text, Member.name_en == text, Member.short_name == text),
        )
    ).all()
    if len(matches) != 1:
        raise AccountError(
            f"找不到唯一的成员单位“{text}”（找到 {len(matches)} 个）",
            f"No single member named “{text}” (found {len(matches)})",
        )
    return matches[0]


def create_account(session: Session, *, username: str, role: str, password: str, member: str | None) -> Account:
    username = username.strip()
    if not username or len(username) > 80:
        raise AccountError("用户名应为 1–80 个字符", "A username has 1 to 80 characters")
    if role not in {r.value for r in Role}:
        raise AccountError(f"没有这种角色：{role}", f"No such role: {role} (liaison, secretariat, admin)")
    if session.scalar(select(Account.id).where(Account.username == username)) is not None:
        raise AccountError(f"用户名 {username} 已存在", f"The username {username} is taken")
    member_id = None
    if role == Role.LIAISON:
        if not member:
            raise AccountError(
                "联络人账号需要指定成员单位（--member）", "A liaison account needs its member (--member)"
            )
        member_id = find_member(session, member).id
    account = Account(username=username, role=role, member_id=member_id, password_hash=hash_password(session, password))
    session.add(account)
    session.flush()
    return account


def _account(session: Session, username: str) -> Account:
    account = session.scalar(select(Account).where(Account.username == username))
    if account is None:
        raise AccountError(f"没有账号 {username}", f"No account named {username}")
    return account


def revoke_all_tokens(session: Session, account_id: int) -> None:
    session.execute(update(AuthToken).where(AuthToken.account_id == account_id).values(revoked=True))


def reset_password(session: Session, *, username: str, password: str) -> Account:
    account = _account(session, username)
    account.password_hash = hash_password(session, password)
    revoke_all_tokens(session, account.id)
    return account


def disable_account(session: Session, *, username: str) -> Account:
    account = _account(session, username)
    account.disabled = True
    revoke_all_tokens(session, account.id)
    return account
