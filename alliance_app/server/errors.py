"""Refusals the server answers with: an HTTP status, a stable code and one sentence in Chinese and English."""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from alliance_app.models.errors import AllianceError


class ApiError(AllianceError):
    """A refused request: its HTTP status, stable code and sentence, answered as the protocol's error body."""

    def __init__(self, status: int, code: str, zh: str, en: str, headers: dict[str, str] | None = None):
        super().__init__(zh, en, code=code)
        self.status, self.headers = status, headers

    def response(self) -> JSONResponse:
        return JSONResponse(
            {"code": self.code, "zh": self.zh, "en": self.en}, status_code=self.status, headers=self.headers
        )


async def api_error_handler(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error.response()


def unauthorized() -> ApiError:
    return ApiError(
        401,
        "unauthorized",
        "登录已过期或无效，请重新登录",
        "Your login has expired or is not valid; please log in again",
        {"WWW-Authenticate": "Bearer"},
    )


def forbidden(
    zh: str = "此账号无权查看或修改这条记录", en: str = "This account may not see or change this"
) -> ApiError:
    return ApiError(403, "forbidden", zh, en)


def not_found(what_zh: str = "记录", what_en: str = "record") -> ApiError:
    return ApiError(404, "not_found", f"找不到这条{what_zh}", f"No such {what_en}")


def busy() -> ApiError:
    return ApiError(
        503,
        "busy",
        "服务器正忙，请稍后自动重试",
        "The server is busy; the desktop will retry in a moment",
        {"Retry-After": "1"},
    )


async def http_error_handler(_request: Request, error: Exception) -> JSONResponse:
    """The framework's own refusals (unreadable body, unknown path) in the same shape as ours."""
    assert isinstance(error, StarletteHTTPException)
    return JSONResponse(
        {
            "code": f"http_{error.status_code}",
            "zh": "请求无法处理，请检查后重试" if error.status_code < 500 else "服务器出错",
            "en": str(error.detail),
        },
        status_code=error.status_code,
        headers=getattr(error, "headers", None),
    )


def _readable(text: str) -> str:
    # What the client sent may hold lone surrogates: the refusal must still encode, or it becomes a 500.
    return text.encode("utf-8", "replace").decode("utf-8")


async def validation_error_handler(_request: Request, error: Exception) -> JSONResponse:
    """422 for a request the protocol's schemas refuse, in the shape of every other refusal. The sent values are
    never echoed back: they may be huge or not encodable (the framework's own answer echoes them)."""
    assert isinstance(error, RequestValidationError)
    where = []
    for problem in error.errors()[:3]:
        place = ".".join(str(part) for part in problem.get("loc", ()) if part != "body")[:80]
        where.append(f"{place}: {str(problem.get('msg', ''))[:120]}")
    detail = _readable("; ".join(where))
    return JSONResponse(
        {
            "code": "invalid_request",
            "zh": f"请求内容不符合同步协议，服务器未做任何修改（{detail}）",
            "en": f"The request does not fit the sync protocol; nothing was changed on the server ({detail})",
        },
        status_code=422,
    )
