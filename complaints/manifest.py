"""The complaints domain's front door (with its Open311 GeoReport v2 endpoints)."""

from typing import Any

from portal.domains import Domain

# The loaders import lazily (portal.domains): a command that needs no routes, commands or demo data does not
# import them, and complaints.web -> portal.app -> portal.domains -> this manifest would be a cycle.


def _routes() -> list[Any]:
    # lazy: see the note at the top of this file
    from complaints.open311.web import route_handlers as open311_route_handlers
    from complaints.open311.web.admin import API_KEY_HANDLERS
    from complaints.web import route_handlers

    return [*route_handlers(), *open311_route_handlers(), *API_KEY_HANDLERS]


def _commands() -> list[Any]:
    # lazy: see the note at the top of this file
    from complaints.cli import COMMANDS
    from complaints.ml_host import ml_host
    from complaints.open311.cli import COMMANDS as OPEN311_COMMANDS
    from ml.cli import connected, ml_group

    # `portal ml`: the classifier's commands, their learning loop reading and recording in complaints' tables
    return [*COMMANDS, *OPEN311_COMMANDS, connected(ml_group, ml_host())]


async def _demo(context: dict[str, Any]) -> None:
    # lazy: see the note at the top of this file
    from complaints.demo import load_demo

    await load_demo(context)


async def _staff_home(request: Any) -> dict[str, Any]:
    # lazy: see the note at the top of this file
    from complaints.services.staff_summary import staff_home_context

    return await staff_home_context(request)


DOMAIN = Domain(
    name="complaints",
    piccolo_apps=("complaints.piccolo_app", "complaints.open311.piccolo_app"),
    routes=_routes,
    commands=_commands,
    demo=_demo,
    staff_home=_staff_home,
)
