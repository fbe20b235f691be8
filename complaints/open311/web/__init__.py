"""Open311 GeoReport v2 route handlers (one router under /open311/v2), registered by the complaints manifest."""

from typing import Any

from complaints.open311.web.api import ROUTE_HANDLERS


def route_handlers() -> list[Any]:
    return list(ROUTE_HANDLERS)
