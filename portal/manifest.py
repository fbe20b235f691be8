"""The kernel's own front door: staff login, health, the service catalogue, backup and restore."""

from typing import Any

from portal.domains import Domain


def _routes() -> list[Any]:
    from portal.routes import ROUTE_HANDLERS

    return ROUTE_HANDLERS


def _commands() -> list[Any]:
    from portal.ops_cli import COMMANDS

    return COMMANDS


async def _demo(context: dict[str, Any]) -> None:
    """Units, services and staff accounts first: every other domain's demo data refers to them."""
    from portal.catalogue.demo import load_catalogue_demo
    from portal.demo import create_demo_accounts

    await load_catalogue_demo(context)  # sets context["units"] (slug -> id) and context["services"]
    context["accounts"] = await create_demo_accounts(context["units"])


DOMAIN = Domain(name="portal", piccolo_apps=("portal.piccolo_app",), routes=_routes, commands=_commands, demo=_demo)
