"""The catalogue domain's front door: units, Maklumat Pelayanan and versioned service standards.

Its tables (Unit, Maklumat, Service, ServiceVersion) stay in the kernel's Piccolo app (portal/tables.py):
staff accounts refer to units, and the kernel never imports a domain above it.
"""

from typing import Any

from portal.domains import Domain


def _routes() -> list[Any]:
    # lazy: see the note at the top of this file
    from catalogue.web import route_handlers

    return route_handlers()


async def _demo(context: dict[str, Any]) -> None:
    # lazy: see the note at the top of this file
    from catalogue.demo import load_demo

    await load_demo(context)  # sets context["units"], context["services"] (slug -> id) and context["accounts"]


DOMAIN = Domain(name="catalogue", routes=_routes, demo=_demo)
