"""Raw ASGI middleware: language selection, security headers, request ids, rate-limit policies."""

from __future__ import annotations

import itertools
import logging
import os
import secrets
import time
from http.cookies import SimpleCookie
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from litestar.middleware.rate_limit import RateLimitMiddleware

from portal.i18n import LANGUAGE_COOKIE, negotiate_language, set_language
from portal.lookup_budget import spend_code_lookups
from portal.map_tiles import MapConfig, content_security_policy

if TYPE_CHECKING:
    from litestar.middleware.rate_limit import RateLimitConfig
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("portal.access")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


# Request ids: a random prefix per process and a counter, unique across workers and restarts without
# an os.urandom call per request (which cost ~6 % of a cached page).
_REQUEST_PREFIX = secrets.token_hex(4)
_REQUEST_COUNTER = itertools.count(1)


def new_request_id() -> str:
    return f"{_REQUEST_PREFIX}{next(_REQUEST_COUNTER):08x}"


def _new_prefix_after_fork() -> None:
    global _REQUEST_PREFIX
    _REQUEST_PREFIX = secrets.token_hex(4)


os.register_at_fork(after_in_child=_new_prefix_after_fork)


def _cookie(scope: Scope, name: str) -> str | None:
    marker = name.encode("latin-1") + b"="
    for key, value in scope.get("headers", ()):
        if key == b"cookie":
            if marker not in value:  # most requests carry no language cookie: skip the parser
                return None
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                return None
            morsel = jar.get(name)
            return morsel.value if morsel else None
    return None


class PortalMiddleware:
    """Sets the request language, a request id, security headers and an access-log line."""

    def __init__(self, app: ASGIApp, https: bool = False, map_config: MapConfig | None = None) -> None:
        self.app = app
        self.https = https
        csp = content_security_policy(CONTENT_SECURITY_POLICY, map_config)
        headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
            (b"x-frame-options", b"DENY"),
            (b"permissions-policy", b"geolocation=(self), camera=(), microphone=()"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        if https:
            headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
        self.security_headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        query_lang = (query.get("lang") or [None])[0]
        language = negotiate_language(query_lang, _cookie(scope, LANGUAGE_COOKIE))
        set_language(language)
        scope.setdefault("state", {})["language"] = language
        request_id = new_request_id()
        scope["state"]["request_id"] = request_id
        started = time.perf_counter()
        status_holder: dict[str, Any] = {}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend(h for h in self.security_headers if h[0] not in present)
                headers.append((b"x-request-id", request_id.encode()))
                if query_lang and query_lang == language:
                    secure = "; Secure" if self.https else ""
                    headers.append(
                        (
                            b"set-cookie",
                            f"{LANGUAGE_COOKIE}={language}; Path=/; Max-Age=31536000; SameSite=Lax{secure}".encode(),
                        )
                    )
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    "request",
                    extra={
                        "request_id": request_id,
                        "method": scope.get("method"),
                        "path": scope.get("path"),
                        "status": status_holder.get("status"),
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    },
                )


def is_unsafe_method(request: Any) -> bool:
    return request.method not in {"GET", "HEAD", "OPTIONS"}


class RateLimitPolicyMiddleware:
    """Applies the rate-limit policy a handler names in `opt={"rate_limit": "<policy>"}`.

    Each policy has its own store, so counters of different policies never collide. The `tracking`
    policy (and `opt={"code_lookup": True}` next to another policy) spends one code look-up from
    `portal.lookup_budget`, the budget shared by every path that answers whether a code exists.
    """

    def __init__(self, app: ASGIApp, policies: dict[str, RateLimitConfig]) -> None:
        self.app = app
        self.policies = policies
        # Built on a handler's first limited request: Litestar builds this middleware once per route, and
        # most routes name no policy (building them all cost a tenth of the app's start-up).
        self.limited: dict[str, RateLimitMiddleware] = {}

    def _limiter(self, policy: str) -> RateLimitMiddleware:
        limiter = self.limited.get(policy)
        if limiter is None:
            limiter = self.limited[policy] = RateLimitMiddleware(app=self.app, config=self.policies[policy])
        return limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = scope.get("route_handler")
        policy = handler.opt.get("rate_limit") if handler is not None else None
        if policy == "tracking" or (handler is not None and handler.opt.get("code_lookup")):
            await spend_code_lookups(scope)
            if policy == "tracking":
                policy = None
        if policy is None:
            await self.app(scope, receive, send)
            return
        await self._limiter(policy)(scope, receive, send)
