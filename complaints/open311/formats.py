"""GeoReport v2 rendering: JSON and XML with the spec's element names, UTF-8, XML declaration."""

from __future__ import annotations

import json
import re
from typing import Any
from xml.sax.saxutils import escape

import msgspec
from litestar import Response

from complaints.open311.errors import Open311Error

FORMATS = ("json", "xml")
# Litestar appends "; charset=utf-8" to text/* media types itself, so XML names only the type.
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml"}
# A list under key K in XML is K's element with one child element per item, named:
LIST_ITEMS = {
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}


def format_for_accept(accept: str) -> str:
    """The error format for a path without an extension: XML when the client prefers it, else JSON."""
    best, best_q = "json", -1.0
    for part in accept.lower().split(","):
        media, _, params = part.strip().partition(";")
        fmt = (
            "xml"
            if media.strip() in ("text/xml", "application/xml")
            else ("json" if media.strip() == "application/json" else None)
        )
        if fmt is None:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > best_q:
            best, best_q = fmt, q
    return best


def split_format(name: str) -> tuple[str, str | None]:
    """'services.json' -> ('services', 'json'); a missing or unknown extension gives None."""
    base, dot, ext = name.rpartition(".")
    if not dot or ext.lower() not in FORMATS or not base:
        return name, None
    return base, ext.lower()


# Characters XML 1.0 cannot carry at all (NUL, most C0 controls, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return escape(_NOT_XML.sub("\ufffd", str(value)))


def _element(tag: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return f"<{tag}/>" if not isinstance(value, list) else f"<{tag}></{tag}>"
    if isinstance(value, dict):
        inner = "".join(_element(key, item) for key, item in value.items())
        return f"<{tag}>{inner}</{tag}>"
    if isinstance(value, list):
        child = LIST_ITEMS.get(tag, "item")
        return f"<{tag}>{''.join(_element(child, item) for item in value)}</{tag}>"
    return f"<{tag}>{_scalar(value)}</{tag}>"


def to_xml(root: str, item: str | None, data: Any) -> str:
    """A list renders as <root><item>..</item>..</root>; a dict as <root>fields</root>."""
    if isinstance(data, list):
        body = "".join(_element(item or "item", entry) for entry in data)
        xml = f"<{root}>{body}</{root}>"
    else:
        xml = _element(root, data)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml


def render(
    fmt: str,
    data: Any,
    *,
    root: str,
    item: str | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response[bytes]:
    if fmt == "xml":
        body = to_xml(root, item, data).encode("utf-8", "replace")
    else:
        try:  # the same bytes as json.dumps(ensure_ascii=False, compact), several times faster on long lists
            body = msgspec.json.encode(data)
        except (TypeError, UnicodeEncodeError, msgspec.EncodeError):
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")
    return Response(content=body, status_code=status_code, media_type=CONTENT_TYPES[fmt], headers=headers)


def render_error(fmt: str | None, error: Open311Error) -> Response[bytes]:
    """[{"code": 400, "description": "..."}] or <errors><error><code/><description/></error></errors>."""
    data = [{"code": error.code, "description": error.description}]
    return render(
        fmt or "json", data, root="errors", item="error", status_code=error.code, headers=error.headers or None
    )
