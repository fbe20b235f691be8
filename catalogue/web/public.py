"""Public catalogue pages: home, search, unit, service (current, printable, history, one old version)."""

from collections import defaultdict
from typing import Any

from litestar import Request, get
from litestar.datastructures import ResponseHeader
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery

from catalogue import queries
from catalogue import search as catalogue_search
from portal.domains import service_page_context
from portal.forms import clean_text
from portal.i18n import _, get_language
from portal.params import RowId
from portal.security import current_user
from portal.templating import Template

MAX_QUERY_LENGTH = 200
FEATURED_LIMIT = 8


def sees_internal(request: Request[Any, Any, Any], unit_id: int) -> bool:
    """Manufacturing components: the unit's own staff, evaluators and system admins."""
    user = current_user(request)
    return user is not None and user.can_view_unit(unit_id)


async def load_public_service(unit_slug: str, service_slug: str) -> dict[str, Any]:
    try:
        return await queries.get_service(unit_slug=unit_slug, slug=service_slug, published_only=True)
    except queries.NotFoundError as exc:
        raise NotFoundException(_("Layanan tidak ditemukan.")) from exc


def group_units(units: list[dict[str, Any]], service_counts: dict[int, int]) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for unit in units:
        groups[unit["unit_type"]].append({**unit, "service_count": service_counts.get(unit["id"], 0)})
    return sorted(groups.items())


@get("/", name="home", include_in_schema=False, cache=True)
async def home() -> Template:
    units = await queries.list_units()
    all_services = await queries.list_services()
    counts: dict[int, int] = defaultdict(int)
    for service in all_services:
        counts[service["unit"]] += 1
    featured = [s for s in all_services if s["featured"]][:FEATURED_LIMIT]
    return Template(
        template_name="catalogue/home.html",
        context={
            "unit_groups": group_units(units, counts),
            "featured": featured,
            "q": "",
            "service_total": len(all_services),
        },
    )


@get(
    "/cari",
    name="catalogue:search",
    include_in_schema=False,
    cache=False,
    response_headers=[ResponseHeader(name="vary", value="HX-Request")],
)
async def search_page(request: Request[Any, Any, Any], q: FromQuery[str] = "") -> Template:
    """Full page for a plain GET; only the results fragment for htmx (HX-Request)."""
    query = clean_text(q)[:MAX_QUERY_LENGTH]
    result = await catalogue_search.search_with_notices(request.app, query) if query else None
    fragment = request.headers.get("hx-request") == "true"
    language = get_language()
    return Template(
        template_name="catalogue/_results.html" if fragment else "catalogue/search.html",
        context={
            "q": query,
            "hits": result.hits if result else [],
            "notices": [notice.text(language) for notice in result.notices] if result else [],
            "corrected": result.corrected if result else {},
        },
    )


@get("/unit/{unit_slug:str}", name="catalogue:unit", include_in_schema=False, cache=True)
async def unit_page(unit_slug: FromPath[str]) -> Template:
    try:
        unit = await queries.get_unit(unit_slug)
    except queries.NotFoundError as exc:
        raise NotFoundException(_("Unit layanan tidak ditemukan.")) from exc
    return Template(
        template_name="catalogue/unit.html",
        context={
            "unit": unit,
            "maklumat": await queries.current_maklumat(unit["id"]),
            "services": await queries.list_services(unit_id=unit["id"]),
        },
    )


def service_context(request: Request[Any, Any, Any], service: dict[str, Any], **extra: Any) -> dict[str, Any]:
    unit = extra.pop("unit")
    return {
        "service": service,
        "unit": unit,
        "version": service["current"],
        "upcoming": service["upcoming"],
        "show_internal": sees_internal(request, service["unit"]),
        "preview": False,
        **extra,
    }


@get("/layanan/{unit_slug:str}/{service_slug:str}", name="catalogue:service", include_in_schema=False, cache=True)
async def service_page(
    request: Request[Any, Any, Any], unit_slug: FromPath[str], service_slug: FromPath[str]
) -> Template:
    service = await load_public_service(unit_slug, service_slug)
    unit = await queries.get_unit(unit_slug)
    return Template(
        template_name="catalogue/service.html",
        context=service_context(request, service, unit=unit, **await service_page_context(unit)),
    )


@get(
    "/layanan/{unit_slug:str}/{service_slug:str}/cetak",
    name="catalogue:service_print",
    include_in_schema=False,
    cache=True,
)
async def service_print(
    request: Request[Any, Any, Any], unit_slug: FromPath[str], service_slug: FromPath[str]
) -> Template:
    service = await load_public_service(unit_slug, service_slug)
    unit = await queries.get_unit(unit_slug)
    context = service_context(request, service, unit=unit, maklumat=await queries.current_maklumat(unit["id"]))
    return Template(template_name="catalogue/service_print.html", context=context)


@get(
    "/layanan/{unit_slug:str}/{service_slug:str}/riwayat",
    name="catalogue:service_history",
    include_in_schema=False,
    cache=True,
)
async def service_history(unit_slug: FromPath[str], service_slug: FromPath[str]) -> Template:
    service = await load_public_service(unit_slug, service_slug)
    today = queries.local_today()
    rows = []
    previous = None
    for version in service["versions"]:
        rows.append(
            {
                "version": version,
                "in_effect": version["effective_from"] <= today,
                "fee_changed": previous is not None and previous["fee_amount"] != version["fee_amount"],
            }
        )
        previous = version
    return Template(
        template_name="catalogue/history.html",
        context={"service": service, "rows": list(reversed(rows)), "current": service["current"]},
    )


@get(
    "/layanan/{unit_slug:str}/{service_slug:str}/versi/{version_no:int}",
    name="catalogue:service_version",
    include_in_schema=False,
    cache=True,
)
async def service_version(
    request: Request[Any, Any, Any], unit_slug: FromPath[str], service_slug: FromPath[str], version_no: RowId
) -> Template:
    service = await load_public_service(unit_slug, service_slug)
    try:
        version = queries.find_version(service, version_no)
    except queries.NotFoundError as exc:
        raise NotFoundException(_("Versi standar pelayanan tidak ditemukan.")) from exc
    unit = await queries.get_unit(unit_slug)
    context = service_context(request, service, unit=unit)
    context.update(version=version, upcoming=None, old_version=version["id"] != service["current"]["id"])
    return Template(template_name="catalogue/service.html", context=context)


PUBLIC_HANDLERS: list = [home, search_page, unit_page, service_page, service_print, service_history, service_version]
