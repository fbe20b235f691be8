"""The kernel's own front door: staff login, health, the service catalogue, backup and restore."""

from typing import Any

from portal.domains import Domain

# The loaders import when asked (lazy): `portal migrate` and the other commands need no web routes, and the
# web process needs no CLI commands.


def _routes() -> list[Any]:
    # lazy: see above
    from portal.routes import ROUTE_HANDLERS

    return ROUTE_HANDLERS


def _commands() -> list[Any]:
    # lazy: see above
    from portal.ops_cli import COMMANDS

    return COMMANDS


async def _demo(context: dict[str, Any]) -> None:
    """Units, services and staff accounts first: every other domain's demo data refers to them."""
    # lazy: see above
    from portal.catalogue.demo import load_catalogue_demo
    from portal.demo import create_demo_accounts

    await load_catalogue_demo(context)  # sets context["units"] (slug -> id) and context["services"]
    context["accounts"] = await create_demo_accounts(context["units"])


DOMAIN = Domain(name="portal", piccolo_apps=("portal.piccolo_app",), routes=_routes, commands=_commands, demo=_demo)
