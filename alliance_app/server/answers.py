"""Answers as JSON bodies, built inside the request's transaction, that never fail on what the database holds.

A route serialises its answer before its transaction ends, so a request either succeeds whole or changes
nothing: an answer that cannot be written rolls its transaction back instead of failing after the commit.
Values stored before the boundary checks of sync/protocol.py existed (a lone UTF-16 surrogate, a 400-digit
number in a conflict or the change log) are answered in a readable form rather than failing the whole list,
so one old bad value can never make `GET /conflicts` fail for everyone who may see it.
"""

from __future__ import annotations

import re
from typing import Any

import orjson
from fastapi import Response
from pydantic import BaseModel

from alliance_app.sync.protocol import MAX_WIRE_NUMBER

_SURROGATE = re.compile("[\ud800-\udfff]")


def jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    return value


def _readable(value: Any) -> Any:
    """Lone surrogates become U+FFFD (they never were characters); numbers past 64 bits become their digits."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIRE_NUMBER:
        return str(value)
    if isinstance(value, list | tuple):
        return [_readable(item) for item in value]
    if isinstance(value, dict):
        return {_readable(key): _readable(item) for key, item in value.items()}
    return value


def json_bytes(value: Any) -> bytes:
    data = jsonable(value)
    try:
        return orjson.dumps(data)
    except TypeError:  # orjson.JSONEncodeError: a surrogate or an integer past 64 bits stored long ago
        return orjson.dumps(_readable(data))


def json_answer(value: Any) -> Response:
    return Response(json_bytes(value), media_type="application/json")
