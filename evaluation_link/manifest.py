"""The evaluation_link domain's front door (PEKPPP figures, self-assessment, evaluator review)."""

from typing import Any

from portal.domains import Domain

# The imports below stay inside the functions (no cycle: the same pattern as every manifest): piccolo_conf
# and `portal` commands read this record without loading the controllers and the demo (Litestar, fpdf,
# openpyxl, pygal); `portal --help` measured 2 s lazily, 10 s with these imports at the top.


def _routes() -> list[Any]:
    # lazy: see the note at the top of this file
    from evaluation_link.web import route_handlers
    from evaluation_link.web.tokens import TOKEN_HANDLERS

    return [*route_handlers(), *TOKEN_HANDLERS]


def _commands() -> list[Any]:
    # lazy: see the note at the top of this file
    from evaluation_link.cli import COMMANDS

    return COMMANDS


async def _demo(context: dict[str, Any]) -> None:
    # lazy: see the note at the top of this file
    from evaluation_link.demo import load_demo

    await load_demo(context)


DOMAIN = Domain(name="evaluation_link", piccolo_apps=("evaluation_link.piccolo_app",), routes=_routes,
                commands=_commands, demo=_demo)  # fmt: skip
