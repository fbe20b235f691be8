"""The open JSON API of the catalogue (`/api/v1/...`), documented at /schema."""

from typing import Annotated, Any

from litestar import Controller, Request, get
from litestar.exceptions import NotFoundException
from litestar.params import QueryParameter

from catalogue import queries
from catalogue import search as catalogue_search
from catalogue.schemas import (
    ServiceDetailOut,
    ServicePage,
    UnitPage,
    service_detail_out,
    service_summary_out,
    unit_out,
)
from portal.forms import clean_text
from portal.i18n import _
from portal.pagination import PageNumber, PerPage, window
from portal.params import RowId

TextQuery = Annotated[str, QueryParameter(max_length=200, description="Search words (Indonesian-friendly).")]
UnitFilter = Annotated[str, QueryParameter(max_length=80, description="Only services of the unit with this slug.")]


class CatalogueApiController(Controller):
    path = "/api/v1"
    tags = ["Katalog layanan"]

    @get("/units", name="api:units", cache=True)
    async def units(
        self, request: Request[Any, Any, Any], page: PageNumber = 1, per_page: PerPage = 20, q: TextQuery = ""
    ) -> UnitPage:
        """Published public-service units, alphabetically; `q` searches names and addresses."""
        units = await queries.list_units()
        query = clean_text(q)
        if query:
            keys = {
                hit.data["id"]
                for hit in await catalogue_search.search(request.app, query, limit=10_000)
                if hit.kind == "unit"
            }
            units = [u for u in units if u["id"] in keys]
        return UnitPage(
            items=[unit_out(u) for u in units[window(len(units), page, per_page)]],
            page=page,
            per_page=per_page,
            total=len(units),
        )

    @get("/services", name="api:services", cache=True)
    async def services_list(
        self,
        request: Request[Any, Any, Any],
        page: PageNumber = 1,
        per_page: PerPage = 20,
        q: TextQuery = "",
        unit: UnitFilter = "",
    ) -> ServicePage:
        """Published services with their current fee and duration; filter by `unit` slug and search with `q`.

        With `q` the items come in relevance order, otherwise by unit and name.
        """
        items = await queries.list_services()
        if unit:
            items = [s for s in items if s["unit_slug"] == unit]
        query = clean_text(q)
        if query:
            hits = await catalogue_search.search(request.app, query, limit=10_000)
            rank = {hit.data["id"]: i for i, hit in enumerate(hits) if hit.kind == "service"}
            items = sorted((s for s in items if s["id"] in rank), key=lambda s: rank[s["id"]])
        return ServicePage(
            items=[service_summary_out(s) for s in items[window(len(items), page, per_page)]],
            page=page,
            per_page=per_page,
            total=len(items),
        )

    @get("/services/{service_id:int}", name="api:service", cache=True, raises=[NotFoundException])
    async def service_detail(self, service_id: RowId) -> ServiceDetailOut:
        """One published service: the six public components of its current standard and its version history."""
        try:
            service = await queries.get_service(service_id=service_id, published_only=True)
        except queries.NotFoundError as exc:
            raise NotFoundException(_("Layanan tidak ditemukan.")) from exc
        return service_detail_out(service)


API_HANDLERS: list = [CatalogueApiController]
