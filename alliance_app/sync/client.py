"""The HTTP client of sync protocol v1: timeouts, an overall deadline, retries with backoff and jitter, the OS
certificate store or a CA bundle, proxies, token refresh — and every failure turned into one clear SyncError."""

from __future__ import annotations

import random
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import orjson

from alliance_app import __version__
from alliance_app.sync import errors
from alliance_app.sync.errors import SyncError
from alliance_app.sync.failures import refusal, retry_after, transport_failure
from alliance_app.sync.page_shape import check_page_shape
from alliance_app.sync.protocol import (
    EPOCH_HEADER,
    ChecksumsResponse,
    ConflictOut,
    EpochInfo,
    HistoryResponse,
    PushResponse,
    RecordState,
    ResolveResponse,
    TokenPair,
    version_headers,
)
from alliance_app.sync.protocol_window import DESKTOP_HEADER, UPDATE_HEADER

if TYPE_CHECKING:
    import httpx
    from pydantic import BaseModel

Model = TypeVar("Model", bound="BaseModel")


@dataclass(frozen=True)
class ClientOptions:
    connect_timeout: float = 5.0
    read_timeout: float = 60.0
    deadline: float = 600.0  # one sync as a whole
    max_attempts: int = 6  # per request, for failures worth retrying
    backoff_base: float = 0.25
    backoff_cap: float = 8.0
    longest_retry_after: float = 30.0  # a server asking us to wait longer than this is answered with its message
    # The largest answer read: a page of 1000 records at the field limits stays far below it (the server
    # stops a page at 2 MB of records); anything larger is a broken or hostile server, refused while reading.
    max_answer_bytes: int = 64 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    """A server's answer, read whole within the size cap and the deadline."""

    status_code: int
    headers: httpx.Headers
    content: bytes

    def json(self) -> Any:
        return orjson.loads(self.content)


API_PREFIX = "/api/v1"  # every request's path begins with it; a server's address is what comes before


def normalise_url(url: str) -> str:
    """The server's base address without a trailing slash; refuses what cannot be an http(s) address."""
    text = (url or "").strip().rstrip("/")
    if text.endswith(API_PREFIX):  # the API's own address pasted (…/api/v1): the server's is what comes before
        text = text[: -len(API_PREFIX)].rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise errors.bad_address(url)
    return text


def ssl_context(ca_bundle: str = "") -> ssl.SSLContext:
    """A configured CA bundle if given, else the operating system's store (corporate TLS re-signing works)."""
    if ca_bundle:
        try:
            return ssl.create_default_context(cafile=ca_bundle)
        except (OSError, ssl.SSLError) as error:
            raise SyncError(
                "ca_bundle",
                f"无法读取 CA 证书文件“{ca_bundle}”（{error}），请检查设置",
                f"The CA bundle “{ca_bundle}” cannot be read ({error}); check the setting",
            ) from None
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class SyncClient:
    """One server, one account. Holds the access token in memory; `on_tokens` is told every new token pair so
    the rotating refresh token can be kept (in the keyring, never on disk in the clear)."""

    def __init__(
        self,
        server_url: str,
        *,
        ca_bundle: str = "",
        proxy: str = "",
        transport: httpx.BaseTransport | None = None,
        options: ClientOptions | None = None,
        on_tokens: Callable[[TokenPair], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        import httpx

        self.url = normalise_url(server_url)
        self.options = options or ClientOptions()
        self.proxy = proxy
        self.on_tokens = on_tokens
        self.sleep = sleep
        self.access_token: str | None = None
        self.refresh_token: str | None = None
        self.epoch: str | None = None  # the server history this desktop synced against (sync/restore.py)
        self.seen_epoch: str | None = None  # the one the server's last answer named
        self.update_url: str | None = None  # set when the server serves this release but has a newer one
        # A sync lists conflicts in a second thread while it pulls; both may find the access token expired, and
        # a refresh token is spent by its first use, so only one of them renews and the other takes the result.
        self._renewing = threading.Lock()
        self._deadline = time.monotonic() + self.options.deadline
        self.http = httpx.Client(
            base_url=self.url,
            verify=ssl_context(ca_bundle) if self.url.startswith("https") else True,
            proxy=proxy or None,
            trust_env=True,  # HTTPS_PROXY / HTTP_PROXY / NO_PROXY when no proxy is configured
            transport=transport,
            timeout=httpx.Timeout(self.options.read_timeout, connect=self.options.connect_timeout),
            follow_redirects=False,
        )

    def close(self) -> None:
        self.http.close()

    def start_deadline(self, seconds: float | None = None) -> None:
        self._deadline = time.monotonic() + (seconds or self.options.deadline)

    # ---- the protocol's calls ------------------------------------------------------------------------

    def login(self, username: str, password: str) -> TokenPair:
        response = self._send(
            "POST", "/api/v1/auth/login", json={"username": username, "password": password}, auth=False
        )
        return self._take(self._shaped(TokenPair, response))

    def refresh(self) -> TokenPair:
        if not self.refresh_token:
            raise errors.not_logged_in()
        response = self._send("POST", "/api/v1/auth/refresh", json={"refresh_token": self.refresh_token}, auth=False)
        return self._take(self._shaped(TokenPair, response))

    def _renew(self, expired: str | None) -> None:
        """Refreshes the tokens unless another thread already replaced the `expired` access token."""
        with self._renewing:
            if self.access_token is not None and self.access_token != expired:
                return
            self.refresh()

    def logout(self) -> None:
        if self.access_token or self.refresh_token:
            self._send("POST", "/api/v1/auth/logout")
        self.access_token = self.refresh_token = None

    def push(self, mutations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Outcomes in the order of the mutations (a retry after a lost answer gets the stored outcomes)."""
        response = self._send("POST", "/api/v1/sync/push", json={"mutations": mutations})
        body = self._parsed(response)
        self._shaped(PushResponse, response, body)
        outcomes: list[dict[str, Any]] = body["outcomes"]
        return outcomes

    def pull(self, cursor: int, limit: int) -> dict[str, Any]:
        # The last page says whether the open conflicts changed, and gives the kinds' sums for the check after the
        # pull (an older server ignores the questions).
        params = {"cursor": cursor, "limit": limit, "conflicts_digest": "true", "sums": "true"}
        # orjson: a page of 1000 records, twice as fast as json
        page = self._parsed(self._send("GET", "/api/v1/sync/pull", params=params))
        problem = check_page_shape(page)  # the PullResponse shape, checked without building 1000 models
        if problem:
            raise errors.bad_answer(self.url, "下载的数据格式不对", problem)
        return page

    def checksums(self, kinds: list[str] | None = None, *, at: int | None = None) -> ChecksumsResponse:
        """`at` the desktop's cursor: the server answers as of it if it can (`answer.at`), else as before."""
        params: dict[str, Any] = {"kind": kinds} if kinds else {}
        if at is not None:
            params["at"] = at
        return self._shaped(ChecksumsResponse, self._send("GET", "/api/v1/sync/checksums", params=params or None))

    def conflicts(
        self, include_resolved: bool = False, *, after: str | None = None, limit: int | None = None
    ) -> list[ConflictOut]:
        """One page of conflicts (the server's page size unless `limit`), starting after the conflict `after`."""
        params: dict[str, Any] = {"include_resolved": "true" if include_resolved else "false"}
        if after is not None:
            params["after"] = after
        if limit is not None:
            params["limit"] = limit
        response = self._send("GET", "/api/v1/conflicts", params=params)
        body = self._parsed(response)
        if not isinstance(body, list):
            raise errors.bad_answer(self.url, "冲突列表不是列表", "the conflict list is not a list")
        return [self._shaped(ConflictOut, response, c) for c in body]

    def resolve(self, conflict_id: str, keep: str) -> ResolveResponse:
        response = self._send("POST", f"/api/v1/conflicts/{conflict_id}/resolve", json={"keep": keep})
        return self._shaped(ResolveResponse, response)

    def record(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """The record as the server holds it now, or None if the server has no such record."""
        try:
            response = self._send("GET", f"/api/v1/records/{kind}/{record_id}")
        except SyncError as error:
            if error.status == 404:
                return None
            raise
        body: dict[str, Any] = self._parsed(response)
        self._shaped(RecordState, response, body)
        return body

    def epoch_info(self) -> EpochInfo:
        """The server's history now; asked without naming ours, so an older history gets an answer too."""
        return self._shaped(EpochInfo, self._send("GET", "/api/v1/sync/epoch", named_epoch=False))

    def history(self, kind: str, record_id: str) -> HistoryResponse:
        """Every accepted field change of one record, oldest first, from the server's change log."""
        response = self._send("GET", f"/api/v1/records/{kind}/{record_id}/history")
        return self._shaped(HistoryResponse, response)

    # ---- answers checked before use ------------------------------------------------------------------------

    def _parsed(self, response: Answer) -> Any:
        try:
            return response.json()
        except ValueError:
            raise errors.bad_answer(self.url, "不是有效的 JSON", "not valid JSON") from None

    def _shaped(self, model: type[Model], response: Answer, body: Any = None) -> Model:
        """The answer as the protocol's model, or one sentence saying it is not one (never a traceback)."""
        from pydantic import ValidationError

        try:
            if body is None:
                return model.model_validate_json(response.content)
            return model.model_validate(body)
        except ValidationError as error:
            where, message = "", ""
            for first in error.errors()[:1]:
                where, message = ".".join(str(part) for part in first["loc"])[:80], first["msg"]
            detail = f"{model.__name__} {where}: {message}"[:200]
            raise errors.bad_answer(self.url, f"格式不对：{detail}", f"wrong shape: {detail}") from None

    # ---- one request, retried where that is safe -------------------------------------------------------

    def _take(self, pair: TokenPair) -> TokenPair:
        self.access_token, self.refresh_token = pair.access_token, pair.refresh_token
        if self.on_tokens is not None:
            self.on_tokens(pair)
        return pair

    def _headers(self, auth: bool, named_epoch: bool = True) -> dict[str, str]:
        headers = version_headers()
        if self.epoch and named_epoch:
            headers[EPOCH_HEADER] = self.epoch
        headers[DESKTOP_HEADER] = __version__
        if auth and self.access_token:
            headers["Authorization"] = f"Bearer {self.access_token}"
        return headers

    def _remaining(self) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise errors.deadline_passed(self.options.deadline)
        return left

    def _pause(self, attempt: int, retry_after: float | None) -> None:
        """Exponential backoff with full jitter, or the server's Retry-After; never past the deadline."""
        delay = retry_after if retry_after is not None else random.uniform(0, self._backoff(attempt))
        if delay >= self._remaining():
            raise errors.deadline_passed(self.options.deadline)
        self.sleep(delay)

    def _backoff(self, attempt: int) -> float:
        return float(min(self.options.backoff_cap, self.options.backoff_base * 2**attempt))

    def _send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
        named_epoch: bool = True,
    ) -> Answer:
        import httpx

        if auth and not self.access_token:
            self._renew(None)
        refreshed = False
        attempt = 0
        while True:
            sent_with = self.access_token
            timeout = min(self.options.read_timeout, self._remaining())
            try:
                response = self._exchange(
                    self.http.build_request(
                        method,
                        path,
                        json=json,
                        params=params,
                        headers=self._headers(auth, named_epoch),
                        timeout=httpx.Timeout(timeout, connect=min(self.options.connect_timeout, timeout)),
                    )
                )
            except httpx.HTTPError as error:
                failure = transport_failure(self.url, self.proxy, error)
                attempt += 1
                if not failure.retry_now or attempt >= self.options.max_attempts:
                    raise failure from None
                # Pushes are idempotent by mutation id, pulls and refreshes are safe to repeat: a response lost
                # after the server committed is retried like a connection that never got through.
                self._pause(attempt, None)
                continue
            status = response.status_code
            if 300 <= status < 400:  # never followed: a sync talks to the address it was given, or to none
                raise errors.redirected(self.url, status, response.headers.get("Location", ""))
            if status == 401 and auth and not refreshed and self.refresh_token:
                refreshed = True
                self._renew(sent_with)
                continue
            if status in (429, 503) or status in (502, 504):
                attempt += 1
                wait = retry_after(response)
                if attempt >= self.options.max_attempts or (wait or 0) > self.options.longest_retry_after:
                    raise refusal(self.url, response)
                self._pause(attempt, wait)
                continue
            if status >= 400:
                raise refusal(self.url, response)
            if UPDATE_HEADER in response.headers:
                self.update_url = response.headers[UPDATE_HEADER]
            self.seen_epoch = response.headers.get(EPOCH_HEADER) or self.seen_epoch
            return response

    def _exchange(self, request: httpx.Request) -> Answer:
        """Sends and reads the answer as a stream: refused as soon as it passes the size cap (by its declared
        length, or while counting), and never read past the sync's deadline, however slowly it trickles in."""
        response = self.http.send(request, stream=True)
        try:
            limit = self.options.max_answer_bytes
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise errors.answer_too_large(self.url, limit)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():  # decoded: a compressed bomb meets the cap too
                size += len(chunk)
                if size > limit:
                    raise errors.answer_too_large(self.url, limit)
                chunks.append(chunk)
                # Each read waits at most until the deadline: httpcore reads the timeout for every network read
                # from the request's extensions, so a server dripping a byte at a time cannot outlast it.
                request.extensions["timeout"]["read"] = min(self.options.read_timeout, self._remaining())
            return Answer(response.status_code, response.headers, b"".join(chunks))
        finally:
            response.close()
