"""The application factory: create_app() wires settings, database, templates, security and all domains."""

from __future__ import annotations

import logging

from anyio import Lock
from litestar import Litestar
from litestar.config.allowed_hosts import AllowedHostsConfig
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import CacheControlHeader
from litestar.middleware import DefineMiddleware
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, YamlRenderPlugin
from litestar.plugins.htmx import HTMXPlugin
from litestar.static_files import create_static_files_router
from litestar.stores.base import Store
from litestar.stores.file import FileStore
from litestar.stores.memory import MemoryStore
from litestar.stores.registry import StoreRegistry

from portal import __version__
from portal.cache import CACHE_STORE, response_cache_config
from portal.db import db_lifespan
from portal.domains import route_handlers
from portal.errors import EXCEPTION_HANDLERS
from portal.form_encoding import StrictFormRequest
from portal.logging_config import configure_logging
from portal.lookup_budget import STORE as LOOKUP_STORE
from portal.lookup_budget import LookupBudget
from portal.map_tiles import map_config
from portal.middleware import PortalMiddleware, RateLimitPolicyMiddleware, is_unsafe_method
from portal.openapi import components as openapi_components
from portal.openapi import document_errors
from portal.runtime import configure_image_work, gc_lifespan
from portal.security import CurrentUserMiddleware, PortalSessionConfig
from portal.settings import ROOT, Settings, get_settings, parse_rate
from portal.templating import PortalTemplateEngine, template_config

SESSION_COOKIE = "portal_session"
CSRF_COOKIE = "portal_csrf"
CSRF_HEADER = "x-portal-csrf"

RATE_LIMIT_STORES = ("rl_login", "rl_public_write", "rl_api_key", "rl_tracking")


class FastMemoryStore(MemoryStore):
    """Litestar's MemoryStore with a lock that does not yield to the event loop when it is free.

    anyio's Lock otherwise forces a checkpoint on every uncontended acquire, so each cache or
    rate-limit look-up sent the request to the back of the event loop's queue: with 64 connections
    that stretched the tail latency of cached pages. The operations under the lock are plain dict
    operations, so mutual exclusion is unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = Lock(fast_acquire=True)


def build_stores(settings: Settings) -> StoreRegistry:
    names = ("sessions", CACHE_STORE, *RATE_LIMIT_STORES)
    if settings.redis_url:
        from litestar.stores.redis import RedisStore

        root = RedisStore.with_client(url=settings.redis_url, namespace="portal")
        return StoreRegistry({name: root.with_namespace(name) for name in names}, default_factory=root.with_namespace)
    stores: dict[str, Store] = {name: FastMemoryStore() for name in names}
    stores["sessions"] = FileStore(path=settings.data_dir / "sessions", create_directories=True)
    return StoreRegistry(stores, default_factory=lambda _name: FastMemoryStore())


def rate_limit_policies(settings: Settings) -> dict[str, RateLimitConfig]:
    def policy(spec: str, store: str, *, writes_only: bool = True) -> RateLimitConfig:
        return RateLimitConfig(
            rate_limit=parse_rate(spec),  # type: ignore[arg-type]
            store=store,
            check_throttle_handler=is_unsafe_method if writes_only else None,
        )

    return {
        "login": policy(settings.login_rate_limit, "rl_login"),
        "public_write": policy(settings.public_write_rate_limit, "rl_public_write"),
        # "tracking" (code look-ups, reads included) is portal.lookup_budget, counted per code.
    }


def collect_route_handlers() -> list:
    """Every domain's route handlers (portal.domains)."""
    return route_handlers()


API_PATHS = ("^/api/", "^/open311/")
WEBHOOK_PATHS = ("^/webhook/",)  # signed by the sender (complaints.web.messages): no session, no CSRF token


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or get_settings()
    configure_logging(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    configure_image_work(settings.max_image_pixels, settings.image_workers)
    session_config = PortalSessionConfig(
        key=SESSION_COOKIE,
        max_age=8 * 3600,
        renew_on_access=True,
        secure=settings.https,
        httponly=True,
        samesite="lax",
        store="sessions",
        exclude=[*API_PATHS, *WEBHOOK_PATHS],  # the APIs use no cookies: no session to load or to renew
    )
    static_router = create_static_files_router(
        path="/static",
        directories=[ROOT / "static"],
        name="static",
        cache_control=CacheControlHeader(max_age=86400, public=True),
        include_in_schema=False,
    )
    app = Litestar(
        route_handlers=[static_router, *collect_route_handlers()],
        middleware=[
            session_config.middleware,
            CurrentUserMiddleware,
            DefineMiddleware(RateLimitPolicyMiddleware, policies=rate_limit_policies(settings)),
        ],
        plugins=[HTMXPlugin()],
        request_class=StrictFormRequest,  # forms that are not UTF-8 -> 400 (portal/form_encoding.py)
        lifespan=[db_lifespan, gc_lifespan],
        template_config=template_config(),
        csrf_config=CSRFConfig(
            secret=settings.secret_key,
            cookie_name=CSRF_COOKIE,
            header_name=CSRF_HEADER,
            cookie_secure=settings.https,
            cookie_samesite="lax",
            exclude=[*API_PATHS, *WEBHOOK_PATHS],
        ),
        allowed_hosts=AllowedHostsConfig(allowed_hosts=list(settings.allowed_hosts)),
        stores=build_stores(settings),
        response_cache_config=response_cache_config(settings.page_cache_seconds),
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        openapi_config=OpenAPIConfig(
            title="Portal Pelayanan Publik API",
            version=__version__,
            path="/schema",
            use_handler_docstrings=True,
            render_plugins=[JsonRenderPlugin(path=["/", "/openapi.json"]), YamlRenderPlugin()],
            components=openapi_components(),
        ),
        request_max_body_size=settings.max_request_bytes,
        debug=settings.debug,
    )
    document_errors(app)
    if isinstance(app.template_engine, PortalTemplateEngine):
        app.template_engine.bind(app, reload_templates=settings.debug or settings.env == "development")
    # Outermost layer, so 404/405 responses get the language, request id and security headers too.
    app.asgi_handler = PortalMiddleware(app.asgi_handler, https=settings.https, map_config=map_config(settings))
    app.state.settings = settings
    app.state.map_config = map_config(settings)
    app.state.lookup_budget = LookupBudget(app.stores.get(LOOKUP_STORE), settings.tracking_rate_limit)
    app.state.session_cookie_name = SESSION_COOKIE
    logging.getLogger("portal").debug("application created")
    return app
