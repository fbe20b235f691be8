"""The evaluation_link domain's front door (PEKPPP figures, self-assessment, evaluator review)."""

from typing import Any

from portal.domains import Domain

# The imports below stay inside the functions: portal.domains imports this manifest (for piccolo_conf,
# the CLI and the app) before the portal modules the controllers and commands need have loaded (cycle
# portal.domains → manifest → web/cli → portal).


def _routes() -> list[Any]:
    from evaluation_link.web import route_handlers

    return route_handlers()


def _commands() -> list[Any]:
    from evaluation_link.cli import COMMANDS

    return COMMANDS


async def _demo(context: dict[str, Any]) -> None:
    from evaluation_link.demo import load_demo

    await load_demo(context)


DOMAIN = Domain(name="evaluation_link", piccolo_apps=("evaluation_link.piccolo_app",), routes=_routes,
                commands=_commands, demo=_demo)  # fmt: skip
