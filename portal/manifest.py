"""The kernel's own front door: staff login, health, administration, backup and restore.

Its demo data (the staff accounts) is loaded by the catalogue's demo, once the units exist.
"""

from typing import Any

from portal.domains import Domain

# The loaders import when asked (lazy): `portal migrate` and the other commands need no web routes, and the
# web process needs no CLI commands.


def _routes() -> list[Any]:
    # lazy: see above
    from portal.web import route_handlers

    return route_handlers()


def _commands() -> list[Any]:
    # lazy: see above
    from portal.ops_cli import COMMANDS

    return COMMANDS


DOMAIN = Domain(name="portal", piccolo_apps=("portal.piccolo_app",), routes=_routes, commands=_commands)
