"""Response caching of public pages, keyed by language and viewer, cleared on every catalogue edit."""

from __future__ import annotations

from typing import Any

from litestar import Litestar, Request
from litestar.config.response_cache import ResponseCacheConfig

from portal.i18n import get_language

CACHE_STORE = "response_cache"


def cache_key(request: Request[Any, Any, Any]) -> str:
    viewer = "anon"
    user = request.scope.get("user")
    if user is not None:
        viewer = f"u{user.id}"
    query = "&".join(sorted(f"{k}={v}" for k, v in request.query_params.multi_items()))
    return f"{get_language()}:{viewer}:{request.url.path}?{query}"


def response_cache_config(seconds: int) -> ResponseCacheConfig:
    return ResponseCacheConfig(default_expiration=seconds, key_builder=cache_key, store=CACHE_STORE)


async def invalidate_public_pages(app: Litestar) -> None:
    """Called after any change that public pages show (services, units, maklumat...)."""
    await app.stores.get(CACHE_STORE).delete_all()
