"""Every way a request can fail, as the one SyncError a liaison reads: a refusal in the protocol's error body,
an answer that is no sync server's, and the transport's failures (address, proxy, certificate, name, timeout)."""

from __future__ import annotations

import errno
import ssl
from typing import TYPE_CHECKING

from alliance_app.sync import errors
from alliance_app.sync.errors import CursorTooOld, SyncError

if TYPE_CHECKING:
    import httpx

    from alliance_app.sync.client import Answer


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def retry_after(response: Answer) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def refusal(url: str, response: Answer) -> SyncError:
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or "code" not in body:
        return errors.server_error(url, status) if status >= 500 else errors.not_a_server(url, status)
    if status == 410:
        failure = errors.from_body(status, body)
        return CursorTooOld(failure.code, failure.zh, failure.en, status=status)
    if status == 401 and body["code"] == "unauthorized":
        return errors.login_expired()
    return errors.from_body(status, body, transient=status in (429, 503) or status >= 500)


def transport_failure(url: str, proxy: str, error: httpx.HTTPError) -> SyncError:
    import httpx

    if isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return errors.bad_address(url)
    if isinstance(error, httpx.ProxyError):
        return errors.proxy_failed(proxy or "HTTPS_PROXY")
    chain = _chain(error)
    for cause in chain:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return errors.tls_failed(url, cause.verify_message or str(cause))
        if isinstance(cause, ssl.SSLError):
            return errors.tls_failed(url, cause.reason or str(cause))
    text = " ".join(str(c) for c in chain).lower()
    if "certificate" in text or "ssl" in text:
        return errors.tls_failed(url, text[:120])
    if isinstance(error, httpx.ConnectError) and (
        "name or service not known" in text
        or "nodename nor servname" in text
        or "getaddrinfo" in text
        or "name resolution" in text
        or "no address associated" in text
    ):
        return errors.unknown_host(url)
    if isinstance(error, httpx.ConnectError) and any(
        isinstance(cause, ConnectionRefusedError) or getattr(cause, "errno", None) == errno.ECONNREFUSED
        for cause in chain
    ):
        # The host answered that nothing listens there: retrying for seconds (6 attempts with backoff took
        # ~14 s) only delays the sentence; a server that is being started is found by the next sync.
        return errors.refused(url)
    if isinstance(error, httpx.TimeoutException) and not isinstance(error, httpx.ConnectTimeout):
        return errors.timed_out(url)
    return errors.unreachable(url)
