"""Errors become a page in the user's language (HTML) or a JSON body (API); never a traceback."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, ValidationException
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from portal.i18n import N_, _

log = logging.getLogger("portal.errors")

API_PREFIXES = ("/api/", "/schema")

TITLES = {
    400: N_("Permintaan tidak valid"),
    401: N_("Perlu masuk"),
    403: N_("Akses ditolak"),
    404: N_("Halaman tidak ditemukan"),
    405: N_("Metode tidak diizinkan"),
    413: N_("Data terlalu besar"),
    429: N_("Terlalu banyak permintaan"),
    500: N_("Terjadi kesalahan pada server"),
}


def wants_json(request: Request[Any, Any, Any]) -> bool:
    return (
        request.url.path.startswith(API_PREFIXES)
        or "application/json" in request.headers.get("accept", "").split(",")[0]
    )


def _page(request: Request[Any, Any, Any], status: int, detail: str) -> Response[Any]:
    title = _(TITLES.get(status, N_("Terjadi kesalahan")))
    headers = {}
    if status == 429:
        headers["retry-after"] = request.scope.get("state", {}).get("retry_after", "60")
    return Template(
        template_name="errors/error.html",
        context={"status": status, "title": title, "detail": detail},
        status_code=status,
        headers=headers,
        media_type=MediaType.HTML,
    )


def http_exception_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    status = exc.status_code
    if wants_json(request):
        body: dict[str, Any] = {"status_code": status, "detail": exc.detail}
        if isinstance(exc, ValidationException) and exc.extra:
            body["extra"] = exc.extra
        return Response(body, status_code=status, headers=exc.headers or None, media_type=MediaType.JSON)
    if isinstance(exc, NotAuthorizedException):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return Redirect(path=f"/masuk?next={quote(target)}", status_code=303)
    detail = exc.detail if status < 500 else ""
    if status == 400 and isinstance(exc, ValidationException):
        detail = _("Data yang dikirim tidak valid.")
    if detail == TITLES.get(status) or detail in {
        "Not Found",
        "Forbidden",
        "Bad Request",
        "Too Many Requests",
    }:
        detail = ""
    return _page(request, status, detail)


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    if wants_json(request):
        return Response(
            {"status_code": 500, "detail": "Internal Server Error"},
            status_code=HTTP_500_INTERNAL_SERVER_ERROR,
            media_type=MediaType.JSON,
        )
    return _page(request, 500, "")


def bad_encoding_handler(request: Request[Any, Any, Any], exc: UnicodeDecodeError) -> Response[Any]:
    """A body that is not UTF-8 (e.g. JSON with stray bytes) is the client's error: 400, not 500."""
    return http_exception_handler(request, ValidationException(detail=_("Data yang dikirim tidak valid.")))


EXCEPTION_HANDLERS = {
    HTTPException: http_exception_handler,
    UnicodeDecodeError: bad_encoding_handler,
    Exception: internal_error_handler,
}
