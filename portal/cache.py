"""Response caching of public pages, keyed by language and viewer, cleared on every catalogue edit."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar
from urllib.parse import parse_qsl

from litestar import Litestar, Request
from litestar.config.response_cache import ResponseCacheConfig

from portal.i18n import get_language

CACHE_STORE = "response_cache"
CACHED_METHODS = frozenset({"GET", "HEAD"})
P = ParamSpec("P")
T = TypeVar("T")
CSRF_COOKIE_NAME = "portal_csrf"  # portal.app.CSRF_COOKIE (not imported: app imports this module)


def cache_key(request: Request[Any, Any, Any]) -> str:
    viewer = "anon"
    user = request.scope.get("user")
    if user is not None:
        viewer = f"u{user.id}"
    # Read the raw scope: building request.query_params and request.url cost as much as serving the hit.
    raw_query = request.scope.get("query_string", b"").decode("latin-1")
    query = "&".join(sorted(f"{k}={v}" for k, v in parse_qsl(raw_query, keep_blank_values=True)))
    # The method is part of the key: a HEAD answer (no body) must never be replayed to a GET.
    return f"{request.scope['method']}:{get_language()}:{viewer}:{request.scope['path']}?{query}"


def cacheable(scope: Any, status_code: int) -> bool:
    """Store only full answers to GET/HEAD (status 200) that carry no Set-Cookie.

    Litestar's cache middleware wraps every method of a cached path (its OPTIONS answer too) and its key
    would not tell them apart: a 204 to OPTIONS or a 405 kept under the page's key would blank the page for
    everyone (issue 14). Litestar's cache also wraps the CSRF middleware, so a page rendered for a visitor
    without the CSRF cookie would replay that visitor's token to everyone after."""
    if status_code != 200 or scope.get("method") not in CACHED_METHODS or scope.get("user") is not None:
        return False  # staff pages embed their own CSRF token (logout form): not shared, not kept stale
    if scope.get("path", "").startswith("/api/"):
        return True  # CSRF is not applied to the JSON API
    cookies = b"; ".join(value for key, value in scope.get("headers", ()) if key == b"cookie")
    return f"{CSRF_COOKIE_NAME}=".encode() in cookies


def response_cache_config(seconds: int) -> ResponseCacheConfig:
    return ResponseCacheConfig(
        default_expiration=seconds, key_builder=cache_key, store=CACHE_STORE, cache_response_filter=cacheable
    )


async def invalidate_public_pages(app: Litestar) -> None:
    """Called after any change that public pages show (services, units, maklumat...)."""
    await app.stores.get(CACHE_STORE).delete_all()


def changes_public_pages(write: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
    """Marks a service write whose result public pages show: once it returns (its transaction committed),
    this process's page cache is cleared. Without a `request` keyword (the CLI, demo data) this process
    caches no pages, so there is nothing to clear."""

    @functools.wraps(write)
    async def clearing(*args: P.args, **kwargs: P.kwargs) -> T:
        result = await write(*args, **kwargs)
        request = kwargs.get("request")
        if request is not None:
            await invalidate_public_pages(request.app)  # type: ignore[attr-defined]
        return result

    return clearing
