"""Where the refresh token lives: the operating system's keyring only, keyed by server and user. With no safe
keyring the token is kept in this process's memory for this run, and the app says so — never on disk."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from alliance_app.sync import errors
from alliance_app.sync.errors import SyncError

SERVICE = "Alliance Desk sync"

# Process-wide: a window and its sync worker share the token of this run when there is no keyring.
_MEMORY: dict[tuple[str, str], str] = {}


def _entry(server_url: str, username: str) -> str:
    return f"{username}@{server_url}"


def keyring_problem() -> str | None:
    """None when the active keyring backend keeps secrets safely; else why it is not used."""
    import keyring
    from keyring.backends import fail

    try:
        backend = keyring.get_keyring()
    except Exception as error:  # a broken keyring configuration is the same as none
        return f"keyring unavailable: {error}"
    backends = getattr(backend, "backends", None)
    if backends is not None and not backends:  # a chainer with nothing to chain
        return "no keyring backend"
    for one in [backend, *(backends or [])]:
        module = type(one).__module__
        if isinstance(one, fail.Keyring) or module.startswith("keyring.backends.null"):
            return "no keyring backend"
        if module.startswith("keyrings.alt") or "plaintext" in type(one).__name__.lower():
            # keyrings.alt keeps secrets readable on disk: never accepted silently
            return f"insecure keyring backend {module}.{type(one).__name__}"
    return None


@dataclass
class TokenVault:
    """Keeps and finds the refresh token of (server, user). `warning` is set when only memory is available."""

    warning: SyncError | None = None
    _checked: bool = field(default=False, repr=False)
    _usable: bool = field(default=False, repr=False)

    def usable(self) -> bool:
        if not self._checked:
            problem = keyring_problem()
            self._usable = problem is None
            self.warning = None if self._usable else errors.no_keyring()
            self._checked = True
        return self._usable

    def load(self, server_url: str, username: str) -> str | None:
        key = (server_url, username)
        if key in _MEMORY:
            return _MEMORY[key]
        if not self.usable():
            return None
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, _entry(server_url, username))
        except (KeyringError, OSError):  # a locked or broken keyring: ask for the password instead
            return None

    def save(self, server_url: str, username: str, token: str) -> None:
        key = (server_url, username)
        if self.usable():
            import keyring
            from keyring.errors import KeyringError

            try:
                keyring.set_password(SERVICE, _entry(server_url, username), token)
                _MEMORY.pop(key, None)
                return
            except (KeyringError, OSError):  # a broken keyring must not end a sync: keep it for this run
                self.warning = errors.no_keyring()
        _MEMORY[key] = token

    def delete(self, server_url: str, username: str) -> None:
        _MEMORY.pop((server_url, username), None)
        if not self.usable():
            return
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError, KeyringError, OSError):
            keyring.delete_password(SERVICE, _entry(server_url, username))
