"""Catalogue routes: public pages, staff editing and the JSON API (collected by portal.routes)."""

import os

from litestar import get

from portal.catalogue.api import API_HANDLERS
from portal.catalogue.public_controllers import PUBLIC_HANDLERS
from portal.catalogue.staff_controllers import STAFF_HANDLERS


@get("/bench/bare", name="bench:bare", media_type="text/plain", include_in_schema=False, cache=False)
async def bench_bare() -> str:
    """A trivial route for benchmarks/catalogue_load.py (only when PORTAL_BENCHMARK_ROUTES=1)."""
    return "ok"


CATALOGUE_HANDLERS: list = [*PUBLIC_HANDLERS, *STAFF_HANDLERS, *API_HANDLERS]
if os.environ.get("PORTAL_BENCHMARK_ROUTES") == "1":
    CATALOGUE_HANDLERS.append(bench_bare)
