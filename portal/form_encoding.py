"""Submitted forms must be valid UTF-8: a broken byte is answered 400 with a message, never stored garbled.

Litestar decodes `%FF` in an urlencoded body to U+FFFD (`errors="replace"`), so a complaint with broken
bytes was stored garbled and answered 201 (issue 14). The app's request class parses urlencoded bodies
strictly instead, and turns a text field of a multipart form that is not UTF-8 into the same 400. The
CSRF middleware reads the form through this class too, so the first parse is already the strict one and
nothing after it (handler, service, database) ever sees the body.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import parse_qsl

from litestar.datastructures import FormMultiDict
from litestar.enums import RequestEncodingType
from litestar.exceptions import ClientException
from litestar.plugins.htmx import HTMXRequest
from litestar.utils.empty import value_or_default

from portal.i18n import _


def parse_urlencoded_strict(body: bytes) -> dict[str, str | list[str]]:
    """Like Litestar's parser, but raises UnicodeDecodeError on bytes that are not UTF-8 (raw or %-encoded)."""
    fields: defaultdict[str, list[str]] = defaultdict(list)
    for key, value in parse_qsl(body.decode("utf-8"), separator="&", encoding="utf-8", errors="strict"):
        fields[key].append(value)
    return {key: values if len(values) > 1 else values[0] for key, values in fields.items()}


def broken_encoding() -> ClientException:
    return ClientException(
        detail=_(
            "Formulir berisi karakter yang rusak (bukan teks UTF-8 yang sah), sehingga tidak disimpan. "
            "Ketik ulang isian yang disalin dari dokumen lain, lalu kirim lagi."
        )
    )


class StrictFormRequest(HTMXRequest):
    """The app's request class (HTMXRequest, which the htmx plugin would install, plus strict forms)."""

    async def form(self) -> FormMultiDict:
        try:
            if value_or_default(self._connection_state.form, None) is None:
                content_type, _options = self.content_type
                if content_type == RequestEncodingType.URL_ENCODED:
                    self._connection_state.form = parse_urlencoded_strict(await self.body())  # type: ignore[assignment]
            return await super().form()
        except UnicodeDecodeError as exc:
            raise broken_encoding() from exc
