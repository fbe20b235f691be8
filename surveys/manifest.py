"""The surveys domain's front door (SKM: periods, ballots, results, follow-up)."""

from typing import Any

from portal.domains import Domain


def _routes() -> list[Any]:
    # lazy: see the note at the top of this file
    from surveys.web import route_handlers

    return route_handlers()


def _commands() -> list[Any]:
    # lazy: see the note at the top of this file
    from surveys.cli import COMMANDS

    return COMMANDS


async def _demo(context: dict[str, Any]) -> None:
    # lazy: see the note at the top of this file
    from surveys.demo import load_demo

    await load_demo(context)


async def _service_page(unit: dict[str, Any]) -> dict[str, Any]:
    """The service page links the unit's SKM survey when a period takes answers today."""
    # lazy: see the note at the top of this file
    from surveys.periods import now
    from surveys.queries import open_periods

    today = now().date()
    return {"survey_open": any(p["start_date"] <= today for p in await open_periods(unit["id"]))}


def _reactions() -> list[tuple[str, Any]]:
    # lazy: see the note at the top of this file
    from surveys.reactions import REACTIONS

    return list(REACTIONS)


DOMAIN = Domain(
    name="surveys",
    piccolo_apps=("surveys.piccolo_app",),
    routes=_routes,
    commands=_commands,
    demo=_demo,
    service_page=_service_page,
    reactions=_reactions,
)
