"""Errors become a page in the user's language (HTML) or a JSON body (API); never a traceback."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, ValidationException
from litestar.response import Redirect
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from portal.i18n import N_, _
from portal.templating import Template

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
# JSON answers are not pages: their default details say what was not found or allowed.
API_DETAILS = {
    404: N_("Tidak ditemukan."),
    405: N_("Metode ini tidak diizinkan untuk alamat ini."),
}


def wants_json(request: Request[Any, Any, Any]) -> bool:
    return (
        request.url.path.startswith(API_PREFIXES)
        or "application/json" in request.headers.get("accept", "").split(",")[0]
    )


def _page(
    request: Request[Any, Any, Any], status: int, detail: str, fields: dict[str, str] | None = None
) -> Response[Any]:
    title = _(TITLES.get(status, N_("Terjadi kesalahan")))
    headers = {}
    if status == 429:
        headers["retry-after"] = request.scope.get("state", {}).get("retry_after", "60")
    return Template(
        template_name="errors/error.html",
        context={"status": status, "title": title, "detail": detail, "fields": fields or {}},
        status_code=status,
        headers=headers,
        media_type=MediaType.HTML,
    )


class ApiError(msgspec.Struct, kw_only=True, omit_defaults=True):
    """The one error body of every JSON answer (docs/api.md, "Errors").

    `detail` is a sentence in the request's language; `extra` maps each invalid field or parameter
    (`title`, `attachments[0].content_base64`, `page`) to its message, on validation failures only."""

    status_code: int
    detail: str
    extra: dict[str, str] = msgspec.field(default_factory=dict)


# msgspec's validation messages (as Litestar reports them), in the user's language.
_INT_RANGE = re.compile(r"^Expected `int` >= (-?\d+) and <= (-?\d+)$")
_BOUND = re.compile(r"^Expected `(?:int|float)` (>=|<=|>|<) (-?\d+(?:\.\d+)?)$")
_LENGTH = re.compile(r"^Expected `(str|array|object)` of length (>=|<=) (\d+)$")
_MISSING = re.compile(r"^Object missing required field `([^`]+)`$")
_UNKNOWN = re.compile(r"^Object contains unknown field `([^`]+)`$")
_TYPE = re.compile(r"^Expected `([^`]+)`, got `[^`]+`$")
_TYPE_NAMES = {
    "int": N_("Harus berupa bilangan bulat."),
    "float": N_("Harus berupa angka."),
    "str": N_("Harus berupa teks."),
    "bool": N_("Harus bernilai true atau false."),
    "array": N_("Harus berupa daftar."),
    "object": N_("Harus berupa objek JSON."),
}


def field_message(message: str) -> str:
    """One framework validation message -> a short sentence in the user's language."""
    if match := _INT_RANGE.match(message):
        return _("Harus bilangan bulat dari %(low)s sampai %(high)s.") % {"low": match[1], "high": match[2]}
    if match := _BOUND.match(message):
        operator, number = match[1], float(match[2])
        if number.is_integer():
            bound = int(number) + {"<": -1, ">": 1}.get(operator, 0)
            if operator in (">=", ">"):
                return _("Paling kecil %(n)d.") % {"n": bound}
            return _("Paling besar %(n)d.") % {"n": bound}
        return _("Di luar rentang yang diizinkan.")
    if match := _LENGTH.match(message):
        kind, operator, n = match[1], match[2], int(match[3])
        if kind == "str":
            text = N_("Paling sedikit %(n)d karakter.") if operator == ">=" else N_("Paling banyak %(n)d karakter.")
        else:
            text = N_("Paling sedikit %(n)d butir.") if operator == ">=" else N_("Paling banyak %(n)d butir.")
        return _(text) % {"n": n}
    if _MISSING.match(message):
        return _("Wajib diisi.")
    if _UNKNOWN.match(message):
        return _("Kolom ini tidak dikenal.")
    if message.startswith("Invalid enum value"):
        return _("Pilihan tidak valid.")
    if "date" in message.lower() and "time" not in message.lower():
        return _("Tanggal tidak valid (format TTTT-BB-HH).")
    if "datetime" in message.lower():
        return _("Waktu tidak valid (format ISO 8601).")
    if match := _TYPE.match(message):
        first = match[1].split(" | ")[0]
        if first in _TYPE_NAMES:
            return _(_TYPE_NAMES[first])
    return _("Nilai tidak valid.")


@dataclass
class Invalid:
    """A validation failure in the shared shape: status, detail and field messages."""

    status: int
    detail: str
    fields: dict[str, str]


def is_validation_failure(exc: HTTPException) -> bool:
    """Litestar's parameter/body validation, and a body its decoder could not even read."""
    return isinstance(exc, ValidationException) or (
        exc.status_code == 400 and str(exc.detail).startswith(UNDECODABLE_PREFIXES)
    )


def describe_validation(exc: HTTPException) -> Invalid:
    """Every validation failure, wherever it was detected, becomes one shape (issue 14, item 10):

    * a path parameter that cannot name anything (`/survei/bukti/99999999999999999999`) -> 404;
    * a query, header or cookie parameter -> 400, naming the parameter;
    * a body that is empty or not JSON -> 400; a JSON body with invalid fields -> 422, naming each field
      (a missing `title` and a blank one are both 422 with `{"title": "Wajib diisi."}`).
    """
    items = exc.extra if isinstance(exc.extra, list) else []
    fields: dict[str, str] = {}
    sources = set()
    unreadable = str(exc.detail).startswith(UNDECODABLE_PREFIXES)
    for item in items:
        if not isinstance(item, dict):
            continue
        key, message, source = str(item.get("key", "")), str(item.get("message", "")), item.get("source", "")
        sources.add(source)
        if source == "body" and (message == "'data'" or (key == "data" and not _MISSING.match(message))):
            unreadable = True  # no body at all, or a body that is not a JSON object
            continue
        if match := (_MISSING.match(message) or _UNKNOWN.match(message)):
            key = match[1] if key in ("", "data") else f"{key}.{match[1]}"
        fields[key or "body"] = field_message(message)
    if sources == {"path"}:
        return Invalid(404, _("Tidak ditemukan."), {})
    if unreadable:
        return Invalid(400, _("Isi permintaan kosong atau bukan objek JSON yang sah."), fields)
    if "body" in sources and sources <= {"body"}:
        return Invalid(422, _("Data yang dikirim tidak valid."), fields)
    if not items:  # raised by our own code: its detail, and its {field: message} if any
        own = exc.extra if isinstance(exc.extra, dict) else {}
        framework = str(exc.detail).startswith("Validation failed for") or exc.detail in _FRAMEWORK_DETAILS
        detail = _("Data yang dikirim tidak valid.") if framework or not exc.detail else str(exc.detail)
        return Invalid(exc.status_code, detail, {str(k): str(v) for k, v in own.items()})
    return Invalid(400, _("Data yang dikirim tidak valid."), fields)


UNDECODABLE_PREFIXES = ("JSON is malformed", "MessagePack is malformed")
# Framework details (English) that never reach a user as they are.
_FRAMEWORK_DETAILS = {"Rate limit exceeded"} | {status.phrase for status in HTTPStatus}


def _user_detail(status: int, detail: Any) -> str:
    text = str(detail or "")
    if not text or text in _FRAMEWORK_DETAILS or text.startswith("Validation failed for"):
        return _(API_DETAILS.get(status) or TITLES.get(status) or N_("Terjadi kesalahan"))
    return text


def json_error(
    status: int, detail: str, fields: dict[str, str] | None = None, headers: dict[str, str] | None = None
) -> Response[Any]:
    return Response(
        ApiError(status_code=status, detail=detail, extra=fields or {}),
        status_code=status,
        headers=headers or None,
        media_type=MediaType.JSON,
    )


def http_exception_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    status = exc.status_code
    fields: dict[str, str] = {}
    if is_validation_failure(exc):
        invalid = describe_validation(exc)
        status, fields = invalid.status, invalid.fields
        detail = invalid.detail
    else:
        detail = _user_detail(status, exc.detail)
    if wants_json(request):
        return json_error(status, detail, fields, exc.headers)
    if isinstance(exc, NotAuthorizedException):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return Redirect(path=f"/masuk?next={quote(target)}", status_code=303)
    defaults = {_(text) for text in (TITLES.get(status), API_DETAILS.get(status)) if text}
    if status >= 500 or detail in defaults:
        detail = ""
    return _page(request, status, detail, fields)


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    if wants_json(request):
        return json_error(HTTP_500_INTERNAL_SERVER_ERROR, _(TITLES[500]))
    return _page(request, 500, "")


def bad_encoding_handler(request: Request[Any, Any, Any], exc: UnicodeDecodeError) -> Response[Any]:
    """A body that is not UTF-8 (e.g. JSON with stray bytes) is the client's error: 400, not 500."""
    return http_exception_handler(request, ValidationException(detail=_("Data yang dikirim tidak valid.")))


EXCEPTION_HANDLERS = {
    HTTPException: http_exception_handler,
    UnicodeDecodeError: bad_encoding_handler,
    Exception: internal_error_handler,
}
