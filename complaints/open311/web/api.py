"""Open311 GeoReport v2 route handlers, registered by portal.app.create_app().

Thin controllers: parse the path's format, call params/catalogue/services, render JSON or XML.
Every error, including unknown paths, wrong methods, oversized bodies and rate limits, uses the
spec's error list in the requested format.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from litestar import Request, Response, Router, get, post, route
from litestar.exceptions import HTTPException
from litestar.params import FromPath

from complaints.open311 import apikeys, catalogue, params, services
from complaints.open311.errors import Open311Error
from complaints.open311.formats import CONTENT_TYPES, FORMATS, format_for_accept, render, render_error, split_format
from complaints.services import board
from portal.i18n import set_language
from portal.lookup_budget import spend_code_lookups
from portal.uploads import read_field

log = logging.getLogger("portal.open311")

BASE = "/open311/v2"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-23T00:00:00+07:00"  # update when the service list's shape or the attributes change
OTHER_METHODS = ["PUT", "PATCH", "DELETE"]


def _format_of(path: str) -> str | None:
    """The format the path asks for ("/services/.xml" too), for rendering results and errors."""
    _, dot, ext = path.rsplit("/", 1)[-1].rpartition(".")
    return ext.lower() if dot and ext.lower() in FORMATS else None


def _error_format(request: Request) -> str:
    """Errors come in the path's format; without one (`/requests`, `/services/`), as the Accept header asks."""
    return _format_of(request.url.path) or format_for_accept(request.headers.get("accept", ""))


def jurisdiction(settings: Any) -> str:
    """The one jurisdiction_id this portal serves: PORTAL_OPEN311_JURISDICTION_ID, else its host name."""
    return settings.open311_jurisdiction_id or (urlsplit(settings.base_url).hostname or "")


def check_jurisdiction(request: Request, value: str | None) -> None:
    if value is not None and value != jurisdiction(request.app.state.settings):
        raise Open311Error(404, f"jurisdiction_id {value} not found")


def _tz(request: Request) -> Any:
    return services.site_offset()


def _fmt(name: str) -> tuple[str, str]:
    base, fmt = split_format(name)
    if fmt is None:
        raise Open311Error(404, "unknown format: append .json or .xml to the resource")
    return base, fmt


@get(["/discovery.json", "/discovery.xml"], name="open311:discovery")
async def discovery(request: Request) -> Response:
    """Service discovery: where the GeoReport v2 endpoint lives and which formats it speaks."""
    settings = request.app.state.settings
    fmt = _format_of(request.url.path) or "json"
    base_url = settings.base_url.rstrip("/")
    data = {
        "changeset": CHANGESET,
        "contact": f"Administrator of {base_url} (Portal Pelayanan Publik)",
        "key_service": "API keys are issued per client system by the portal's system administrator "
        "(command: portal apikeys create NAME).",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": f"{base_url}{BASE}",
                "changeset": CHANGESET,
                "type": "production" if settings.is_production else "test",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(fmt, data, root="discovery")


@get(["/services.json", "/services.xml"], name="open311:services")
async def services_list(request: Request) -> Response:
    """Every service code: published services that accept complaints, then the topic codes."""
    fmt = _format_of(request.url.path) or "json"
    data = [catalogue.service_json(entry) for entry in await catalogue.all_codes()]
    return render(fmt, data, root="services", item="service")


@get("/services/{name:str}", name="open311:service-definition")
async def service_definition(request: Request, name: FromPath[str]) -> Response:
    """The attributes of one service code."""
    if name.lower() in (".json", ".xml"):
        raise Open311Error(400, "service_code was not provided")
    code, fmt = _fmt(name)
    entry = await catalogue.find(code)
    if entry is None:
        raise Open311Error(404, f"service_code {code} not found")
    return render(fmt, catalogue.definition_json(entry), root="service_definition")


@get(["/requests.json", "/requests.xml"], name="open311:requests")
async def requests_list(request: Request) -> Response:
    """Service requests: by service_request_id, or filtered by code, dates (≤ 90 days) and status."""
    fmt = _format_of(request.url.path) or "json"
    tz = _tz(request)
    # The default span ends at this minute: the rendered list is kept for the minute (board.PageCache)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    query = params.requests_query(request.query_params, now=now, default_offset=tz)
    if query.ids:  # every id is a code look-up: the list costs one per id
        await spend_code_lookups(request, len(query.ids))
    pages = board.page_cache(request.app)
    key = None if query.ids else await pages.key(request.scope, now)
    if (kept := pages.get(key)) is not None:
        return Response(content=kept, media_type=CONTENT_TYPES[fmt])
    codes = None
    if query.service_codes:
        known = {entry.code: entry for entry in await catalogue.all_codes()}
        codes = [known[code] for code in query.service_codes if code in known]
    data = await services.list_requests(query, codes, tz)
    response = render(fmt, data, root="service_requests", item="request")
    pages.put(key, response.content)
    return response


@post(["/requests.json", "/requests.xml"], name="open311:requests-create", status_code=201)
async def requests_create(request: Request) -> Response:
    """Create a service request (form-encoded; api_key required). It becomes an ordinary complaint."""
    fmt = _format_of(request.url.path) or "json"
    form = await request.form()
    check_jurisdiction(request, params.first(form, "jurisdiction_id"))
    client = await apikeys.authenticate(params.first(form, "api_key") or params.first(request.query_params, "api_key"))
    if client is None:
        raise Open311Error(403, "api_key was not provided or is invalid")
    wait = await apikeys.check_rate(request.app.stores.get(apikeys.RATE_STORE), client)
    if wait is not None:
        raise Open311Error(429, "rate limit of this api_key exceeded", headers={"retry-after": str(wait)})
    await apikeys.touch(client)
    posted = params.posted_request(form)
    entry = await catalogue.find(posted.service_code)
    if entry is None:
        raise Open311Error(400, f"service_code {posted.service_code} not found")
    tz = _tz(request)
    attributes = catalogue.check_attributes(entry, posted.attributes, tz)
    # A photo sent as multipart `media` goes through the portal's one upload pipeline (size, content).
    files, upload_error = await read_field(form, "media", request.app.state.settings.max_upload_bytes)
    if upload_error:
        raise Open311Error(400, f"media: {upload_error}")
    created = await services.create_request(request.app, request, client, posted, entry, attributes, tz, files=files)
    return render(fmt, [created], root="service_requests", item="request", status_code=201)


@get("/requests/{name:str}", name="open311:request", opt={"rate_limit": "tracking"})
async def request_detail(request: Request, name: FromPath[str]) -> Response:
    """One service request by its service_request_id (the complaint's tracking code)."""
    request_id, fmt = _fmt(name)
    found = await services.get_request(request_id, _tz(request))
    if found is None:
        raise Open311Error(404, f"service_request_id {request_id} not found")
    return render(fmt, [found], root="service_requests", item="request")


@get("/tokens/{name:str}", name="open311:token", opt={"rate_limit": "tracking"})
async def token_detail(request: Request, name: FromPath[str]) -> Response:
    """The service_request_id behind a token (POST returns both, since intake is synchronous)."""
    token, fmt = _fmt(name)
    found = await services.request_for_token(token)
    if found is None:
        raise Open311Error(404, f"token {token} not found")
    return render(fmt, [found], root="service_requests", item="request")


@route(
    # The collections without an extension ("/requests", "/services/") are prefixes of the routes with a
    # path parameter, so the catch-all alone does not reach them.
    ["/", "/{rest:path}", "/discovery", "/services", "/requests", "/tokens"],
    http_method=["GET", "POST", *OTHER_METHODS],
    name="open311:not-found",
    status_code=404,
)
async def not_found(request: Request, rest: FromPath[str] = "") -> Response:
    """Anything else under /open311/v2/."""
    last = request.url.path.rstrip("/").rsplit("/", 1)[-1]
    if last in ("discovery", "services", "requests", "tokens"):
        raise Open311Error(404, "unknown format: append .json or .xml to the resource")
    raise Open311Error(404, "resource not found")


READ_ONLY_PATHS = [
    "/discovery.json",
    "/discovery.xml",
    "/services.json",
    "/services.xml",
    "/services/{name:str}",
    "/requests/{name:str}",
    "/tokens/{name:str}",
]


@route(READ_ONLY_PATHS, http_method=["POST", *OTHER_METHODS], name="open311:read-only", status_code=405)
async def read_only(request: Request) -> Response:
    """Writing to a read-only resource."""
    raise Open311Error(405, f"{request.method} is not allowed here", headers={"allow": "GET"})


@route(["/requests.json", "/requests.xml"], http_method=OTHER_METHODS, name="open311:requests-other", status_code=405)
async def requests_other(request: Request) -> Response:
    """Methods other than GET and POST on the request collection."""
    raise Open311Error(405, f"{request.method} is not allowed here", headers={"allow": "GET, POST"})


def prepare(request: Request) -> None:
    """Machine-facing English (also for intake's validation messages); one jurisdiction only."""
    set_language("en")
    check_jurisdiction(request, params.first(request.query_params, "jurisdiction_id"))


def open311_error(request: Request, exc: Open311Error) -> Response:
    return render_error(_error_format(request), exc)


def http_error(request: Request, exc: HTTPException) -> Response:
    """Framework errors (405, 413, 400 from parsing, ...) in the spec's error format."""
    code = exc.status_code if exc.status_code in (404, 405, 413, 429) else 400
    if exc.status_code >= 500:
        return server_error(request, exc)
    description = exc.detail if isinstance(exc.detail, str) and exc.detail else "bad request"
    return render_error(_error_format(request), Open311Error(code, description, headers=exc.headers))


def server_error(request: Request, exc: Exception) -> Response:
    log.exception("open311 error on %s %s", request.method, request.url.path, exc_info=exc)
    return render_error(_error_format(request), Open311Error(500, "internal server error"))


open311_router = Router(
    path=BASE,
    route_handlers=[
        discovery,
        services_list,
        service_definition,
        requests_list,
        requests_create,
        request_detail,
        token_detail,
        not_found,
        read_only,
        requests_other,
    ],
    exception_handlers={  # type: ignore[dict-item]
        Open311Error: open311_error,
        HTTPException: http_error,
        Exception: server_error,
    },
    before_request=prepare,
    include_in_schema=False,
)

ROUTE_HANDLERS: list = [open311_router]
