"""Network faults at the edge: an httpx transport that cuts the line, drops requests, or loses answers after
the server has committed them."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import httpx


@dataclass
class FaultyTransport(httpx.BaseTransport):
    inner: httpx.BaseTransport
    rng: random.Random
    drop: float = 0.0  # the request never reaches the server
    lose: float = 0.0  # the server answers (and has committed), the answer never arrives
    cut: bool = False  # no network at all
    log: list[str] = field(default_factory=list)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.cut or self.rng.random() < self.drop:
            self.log.append(f"drop {request.url.path}")
            raise httpx.ConnectError("injected: network unreachable", request=request)
        response = self.inner.handle_request(request)
        if self.rng.random() < self.lose:
            response.read()
            response.close()
            self.log.append(f"lose {request.url.path}")
            raise httpx.ReadError("injected: connection reset after the server answered", request=request)
        return response

    def close(self) -> None:
        self.inner.close()
