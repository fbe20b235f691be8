"""The surveys domain's front door (SKM: periods, ballots, results, follow-up)."""

from typing import Any

from portal.domains import Domain


def _routes() -> list[Any]:
    from surveys.routes import ROUTE_HANDLERS

    return ROUTE_HANDLERS


def _commands() -> list[Any]:
    from surveys.cli import COMMANDS

    return COMMANDS


async def _demo(context: dict[str, Any]) -> None:
    from surveys.demo import load_demo

    await load_demo(context)


def _reactions() -> list[tuple[str, Any]]:
    from surveys.reactions import REACTIONS

    return list(REACTIONS)


DOMAIN = Domain(name="surveys", piccolo_apps=("surveys.piccolo_app",), routes=_routes, commands=_commands,
                demo=_demo, reactions=_reactions)  # fmt: skip
