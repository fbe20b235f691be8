"""Issue 14 item 1: no request method can poison the response cache of a public page.

Every route handler with `cache=True` is found in the app itself (a new cached route joins the walk or,
when it has a path parameter this test cannot fill, fails it). Each is hit with every other method, with
and without a cookie header, and a later GET by another visitor must still get the full page or JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from litestar.routes import HTTPRoute
from litestar.testing import AsyncTestClient

from portal.cache import invalidate_public_pages
from tests.catalogue.conftest import catalogue  # noqa: F401  (fixture)

METHODS = ("OPTIONS", "HEAD", "POST", "PUT", "DELETE", "PATCH")
COOKIE = {"cookie": "portal_csrf=visitor-token; portal_lang=id"}
PARAMETER = re.compile(r"{(\w+):\w+}")


def cached_paths(app: Any, values: dict[str, Any]) -> list[str]:
    paths = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        if not any(handler.cache for handler in route.route_handlers):
            continue
        missing = [name for name in PARAMETER.findall(route.path) if name not in values]
        assert not missing, f"give the cache-poisoning walk a value for {missing} of {route.path}"
        paths.append(PARAMETER.sub(lambda m: str(values[m.group(1)]), route.path))
    return sorted(paths)


def assert_full(path: str, response: Any, visitor: str) -> None:
    where = f"{visitor} GET {path}"
    assert response.status_code == 200, f"{where}: {response.status_code}"
    content_type = response.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        assert isinstance(json.loads(response.content), dict), where
    elif content_type.startswith("image/svg"):
        assert b"<svg" in response.content and b"</svg>" in response.content, where
    else:
        assert content_type.startswith("text/html"), f"{where}: {content_type}"
        assert "<main" in response.text and "</html>" in response.text, where


@pytest.fixture
def values(catalogue) -> dict[str, Any]:  # noqa: F811
    return {
        "unit_slug": "dukcapil-uji",
        "service_slug": "akta-kelahiran",
        "service_id": catalogue["services"]["akta"],
        "version_no": 1,
        "chart": "tren.svg",
    }


async def test_the_walk_covers_the_cached_pages(app, values) -> None:
    paths = cached_paths(app, values)
    assert {"/", "/api/v1/services", f"/api/v1/services/{values['service_id']}", "/unit/dukcapil-uji"} <= set(paths)
    assert len(paths) >= 10


async def test_no_method_poisons_a_cached_page(app, values) -> None:
    paths = cached_paths(app, values)
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as client:
        for path in paths:
            for method in METHODS:
                for headers in ({}, COOKIE):
                    await invalidate_public_pages(app)
                    client.cookies.clear()
                    poison = await client.request(method, path, headers=headers)
                    assert poison.status_code < 500, f"{method} {path}: {poison.status_code}"
                    for label, visitor_headers in (("anonymous", {}), ("cookie", COOKIE)):
                        for _attempt in range(2):  # the first may fill the cache, the second is served from it
                            client.cookies.clear()  # another visitor
                            response = await client.get(path, headers=visitor_headers)
                            assert_full(
                                path, response, f"after {method} {'with' if headers else 'without'} cookie, {label}"
                            )


async def test_the_cache_still_serves_repeated_gets(app, values, monkeypatch) -> None:
    """The fix must not switch caching off: a second GET is answered from the store."""
    from portal import cache

    stored: list[str] = []
    original = cache.cacheable

    def spy(scope: Any, status_code: int) -> bool:
        result = original(scope, status_code)
        if result:
            stored.append(scope["method"])
        return result

    monkeypatch.setattr(app.response_cache_config, "cache_response_filter", spy)
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as visitor:
        path = f"/api/v1/services/{values['service_id']}"
        first = await visitor.get(path)
        second = await visitor.get(path)
        assert first.status_code == second.status_code == 200 and first.content == second.content
        assert stored == ["GET"]  # the second came from the cache
        await visitor.request("OPTIONS", path)
        assert stored == ["GET"]


async def test_the_cache_key_names_the_method(app) -> None:
    """Defence in depth: were a HEAD answer (no body) ever stored, it would sit under its own key."""
    from litestar import Request

    from portal.cache import cache_key

    def key(method: str) -> str:
        scope = {
            "type": "http",
            "method": method,
            "path": "/",
            "query_string": b"b=2&a=1",
            "headers": [],
            "app": app,
            "litestar_app": app,
        }
        return cache_key(Request(scope))

    assert key("GET") != key("HEAD")
    assert key("GET").startswith("GET:") and key("GET").endswith("/?a=1&b=2")
