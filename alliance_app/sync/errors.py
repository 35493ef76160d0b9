"""Every way a sync can fail that a liaison may meet, as one sentence in Chinese and English with a way forward."""

from __future__ import annotations

from alliance_app.models.errors import AllianceError


class SyncError(AllianceError):
    """A sync that could not go on. `transient`: trying again later may work (the outbox is kept either way).
    `retry_now`: worth repeating within this sync, with backoff (by default, whatever is transient)."""

    def __init__(
        self,
        code: str,
        zh: str,
        en: str,
        *,
        transient: bool = False,
        retry_now: bool | None = None,
        status: int | None = None,
    ):
        super().__init__(zh, en, code=code)
        self.transient, self.status = transient, status
        self.retry_now = transient if retry_now is None else retry_now


class CursorTooOld(SyncError):
    """The server purged tombstones this desktop has not seen: everything must be pulled again (outbox kept)."""


def bad_address(url: str) -> SyncError:
    return SyncError(
        "bad_address",
        f"服务器地址“{url}”无效，请填写完整地址，例如 https://sync.example.org",
        f"The server address “{url}” is not valid; enter a full address such as https://sync.example.org",
    )


def missing_login(username: str) -> SyncError:
    if not username.strip():
        return SyncError("missing_login", "请填写用户名", "Enter the user name")
    return SyncError("missing_login", "密码为空，请输入密码", "The password is empty; enter the password")


def unknown_host(url: str) -> SyncError:
    return SyncError(
        "unknown_host",
        f"找不到服务器“{url}”，请检查服务器地址和网络连接",
        f"The server “{url}” cannot be found; check the server address and the network connection",
        transient=True,
    )


def unreachable(url: str) -> SyncError:
    return SyncError(
        "unreachable",
        f"无法连接服务器“{url}”：网络不通或服务器未运行，修改已保存在本机，稍后再同步",
        f"Cannot reach the server “{url}”: no network or the server is not running; your edits are kept "
        "on this desktop, sync again later",
        transient=True,
    )


def refused(url: str) -> SyncError:
    """Nothing listens at the address (ECONNREFUSED): said at once, not retried within this sync; a later sync may
    find the server started (a killed or restarting server refuses too), so it is still transient."""
    return SyncError(
        "refused",
        f"服务器“{url}”拒绝了连接：这个地址和端口上没有运行中的同步服务器。请检查地址和端口，或请管理员启动服务器；"
        "修改已保存在本机",
        f"The server “{url}” refused the connection: no sync server is running at that address and port. Check the "
        "address and port, or ask the administrator to start the server; your edits are kept on this desktop",
        transient=True,
        retry_now=False,
    )


def timed_out(url: str) -> SyncError:
    return SyncError(
        "timeout",
        f"服务器“{url}”响应超时，修改已保存在本机，请稍后再同步",
        f"The server “{url}” did not answer in time; your edits are kept on this desktop, sync again later",
        transient=True,
    )


def tls_failed(url: str, detail: str) -> SyncError:
    return SyncError(
        "tls",
        f"无法验证服务器“{url}”的安全证书（{detail}）；请检查地址，或在设置中指定单位的 CA 证书文件",
        f"The security certificate of “{url}” could not be verified ({detail}); check the address, or set "
        "your organisation's CA bundle in the settings",
    )


def proxy_failed(proxy: str) -> SyncError:
    return SyncError(
        "proxy",
        f"无法通过代理服务器“{proxy}”连接，请检查代理设置",
        f"Cannot connect through the proxy “{proxy}”; check the proxy setting",
        transient=True,
    )


def login_expired() -> SyncError:
    return SyncError(
        "login_expired",
        "登录已过期或已被注销，请重新登录后再同步",
        "Your login has expired or was signed out; please log in again, then sync",
        status=401,
    )


def not_logged_in() -> SyncError:
    return SyncError(
        "not_logged_in",
        "尚未登录同步服务器，请先登录（alliance-app login --server 地址 --user 用户名）",
        "Not logged in to a sync server; log in first (alliance-app login --server URL --user NAME)",
    )


def not_on_server() -> SyncError:
    return SyncError(
        "not_on_server",
        "服务器上还没有这条记录，同步后即可查看修改历史",
        "The server does not have this record yet; sync, then its history can be shown",
        status=404,
    )


def server_error(url: str, status: int) -> SyncError:
    return SyncError(
        "server_error",
        f"服务器“{url}”出错（HTTP {status}），修改已保存在本机，请稍后再同步或联系秘书处",
        f"The server “{url}” failed (HTTP {status}); your edits are kept, sync again later or tell the secretariat",
        transient=True,
        status=status,
    )


def not_a_server(url: str, status: int) -> SyncError:
    return SyncError(
        "not_a_server",
        f"“{url}”不是联盟协作台服务器（HTTP {status}），请检查服务器地址",
        f"“{url}” is not an Alliance Desk server (HTTP {status}); check the server address",
        status=status,
    )


def deadline_passed(seconds: float) -> SyncError:
    return SyncError(
        "deadline",
        f"同步在 {seconds:.0f} 秒内未能完成，已完成的部分已保存，请稍后继续同步",
        f"The sync did not finish within {seconds:.0f} seconds; what was done is saved, sync again to continue",
        transient=True,
    )


def unsent_edits(pending: int, rejected: int) -> SyncError:
    return SyncError(
        "unsent_edits",
        f"本机还有 {pending} 项未上传和 {rejected} 项被拒绝的修改；切换账号或服务器不会删除它们，"
        "它们将以新账号的身份上传。确认切换请加上 --force",
        f"This desktop has {pending} unsent and {rejected} rejected edits; switching account or server keeps "
        "them and sends them as the new account. Add --force to switch anyway",
    )


def no_keyring() -> SyncError:
    return SyncError(
        "no_keyring",
        "本机没有可用的安全密钥库，登录凭据只保存在本次运行中，下次需要重新输入密码",
        "This computer has no secure keyring, so the login is kept for this run only; you will be asked for "
        "the password next time",
    )


def needs_connection() -> SyncError:
    return SyncError(
        "needs_connection",
        "处理冲突需要连接服务器，请联网后再试",
        "Resolving a conflict needs the server; try again when online",
        transient=True,
    )


def from_body(status: int, body: dict[str, object], *, transient: bool = False) -> SyncError:
    """The server's own refusal (code, zh, en) as a SyncError."""
    return SyncError(
        str(body.get("code", "refused")),
        str(body.get("zh", f"服务器拒绝了请求（HTTP {status}）")),
        str(body.get("en", f"The server refused the request (HTTP {status})")),
        transient=transient,
        status=status,
    )


def bad_answer(url: str, zh_detail: str, en_detail: str) -> SyncError:
    return SyncError(
        "bad_answer",
        f"服务器“{url}”的答复无法使用（{zh_detail}），本机的记录和未上传的修改都未改动；请稍后再同步，或告知秘书处",
        f"The answer of the server “{url}” cannot be used ({en_detail}); this desktop's records and unsent edits are "
        "unchanged; sync again later, or tell the secretariat",
        transient=True,
    )


def answer_too_large(url: str, limit: int) -> SyncError:
    return SyncError(
        "answer_too_large",
        f"服务器“{url}”的答复超过 {limit // (1024 * 1024)} MB，已停止读取，本机数据未改动；请告知秘书处",
        f"The answer of the server “{url}” is larger than {limit // (1024 * 1024)} MB, so reading it was stopped; "
        "nothing on this desktop was changed; tell the secretariat",
        transient=True,
    )


def redirected(url: str, status: int, location: str) -> SyncError:
    shown = location[:200] or "?"
    return SyncError(
        "redirected",
        f"服务器“{url}”把请求转到了别处（HTTP {status} → {shown}），为安全起见未跟随；请在设置中填写服务器的实际地址",
        f"The server “{url}” sent the request elsewhere (HTTP {status} to {shown}); for safety it was not followed; "
        "enter the server's real address in the settings",
        status=status,
    )
