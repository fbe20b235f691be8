"""The evaluation_link domain's front door (PEKPPP figures, self-assessment, evaluator review)."""

from typing import Any

from portal.domains import Domain


def _routes() -> list[Any]:
    from evaluation_link.routes import ROUTE_HANDLERS
    from evaluation_link.token_controllers import TOKEN_HANDLERS

    return [*ROUTE_HANDLERS, *TOKEN_HANDLERS]


def _commands() -> list[Any]:
    from evaluation_link.cli import COMMANDS

    return COMMANDS


async def _demo(context: dict[str, Any]) -> None:
    from evaluation_link.demo import load_demo

    await load_demo(context)


DOMAIN = Domain(name="evaluation_link", piccolo_apps=("evaluation_link.piccolo_app",), routes=_routes,
                commands=_commands, demo=_demo)  # fmt: skip
