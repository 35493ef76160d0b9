"""A server address where nothing listens is said at once: one connection attempt, no backoff, one sentence.

Before, a refused connection to 127.0.0.1 was retried six times with backoff (~14 s) before the liaison was told.
The attempts and the pauses are counted (a transport wrapping the real one, a recorded `sleep`), not timed."""

from __future__ import annotations

import httpx
import pytest

from alliance_app.sync.client import ClientOptions, SyncClient
from alliance_app.sync.errors import SyncError

from .conftest import free_port


class Counting(httpx.BaseTransport):
    """The real HTTP transport, counting the requests it is handed; `fail` replaces the network with an error."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.inner = httpx.HTTPTransport()
        self.fail = fail
        self.attempts = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        if self.fail is not None:
            raise self.fail
        return self.inner.handle_request(request)


def _login(url: str, transport: Counting, pauses: list[float]) -> SyncError:
    client = SyncClient(url, transport=transport, options=ClientOptions(max_attempts=6), sleep=pauses.append)
    try:
        with pytest.raises(SyncError) as failed:
            client.login("liaison", "a password")
    finally:
        client.close()
    return failed.value


def test_a_closed_port_on_this_machine_is_reported_after_one_attempt() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # a port nothing listens on: the kernel refuses at once
    transport, pauses = Counting(), []
    error = _login(url, transport, pauses)
    assert (error.code, transport.attempts, pauses) == ("refused", 1, [])
    assert "refused the connection" in error.message("en") and "port" in error.message("en")
    assert "拒绝了连接" in error.message("zh") and url in error.message("zh")
    assert error.transient and not error.retry_now  # a later sync may find the server started


def test_a_network_that_is_down_is_still_retried_with_backoff() -> None:
    """Not every failed connection is final: an unreachable network may come back within the sync's deadline."""
    down = httpx.ConnectError("[Errno 101] Network is unreachable")
    transport, pauses = Counting(fail=down), []
    error = _login("http://10.255.255.1:8443", transport, pauses)
    assert (error.code, transport.attempts, len(pauses)) == ("unreachable", 6, 5)
