"""One-shot confirmation messages carried by a redirect ("Jawaban terkirim."), without JavaScript and
without a server session: the redirect sets a short-lived cookie holding a message *key*; the next page
shows the message registered for that key and deletes the cookie. Only registered keys are ever shown, so
the cookie cannot inject text."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.datastructures import Cookie
from litestar.response import Redirect

FLASH_COOKIE = "portal_flash"
_MAX_KEY = 40


def redirect(path: str, key: str, *, https: bool = False) -> Redirect:
    """A 303 redirect to `path` that shows the message `key` once on the next page."""
    cookie = Cookie(
        key=FLASH_COOKIE, value=key[:_MAX_KEY], path="/", max_age=120, httponly=True, samesite="lax", secure=https
    )
    return Redirect(path=path, status_code=303, cookies=[cookie])


def take(request: Request[Any, Any, Any], messages: dict[str, str]) -> tuple[str, list[Cookie]]:
    """The message for the pending key (translated by the caller's `messages`), and the cookie that
    clears it; ("", []) when there is none."""
    key = request.cookies.get(FLASH_COOKIE, "")
    if not key:
        return "", []
    return messages.get(key, ""), [Cookie(key=FLASH_COOKIE, value="", path="/", max_age=0)]
