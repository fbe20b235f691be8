"""The catalogue's route handlers: public pages, staff editing, unit registration and the JSON API."""

import os
from typing import Any

from litestar import get

from catalogue.web.admin import ADMIN_HANDLERS
from catalogue.web.api import API_HANDLERS
from catalogue.web.public import PUBLIC_HANDLERS
from catalogue.web.staff import STAFF_HANDLERS


@get("/bench/bare", name="bench:bare", media_type="text/plain", include_in_schema=False, cache=False)
async def bench_bare() -> str:
    """A trivial route for benchmarks/catalogue_load.py (only when PORTAL_BENCHMARK_ROUTES=1)."""
    return "ok"


def route_handlers() -> list[Any]:
    handlers: list[Any] = [*PUBLIC_HANDLERS, *STAFF_HANDLERS, *ADMIN_HANDLERS, *API_HANDLERS]
    if os.environ.get("PORTAL_BENCHMARK_ROUTES") == "1":
        handlers.append(bench_bare)
    return handlers
