"""The domains of the portal, in dependency order: the one list that app, CLI, demo, i18n and Piccolo read.

Each domain describes its front door in one record (:class:`Domain`), kept in its own ``manifest.py``:
its Piccolo apps, its route handlers, its CLI commands, its demo loader and whether it has a message
catalogue. Adding a domain means writing its manifest and adding it to :func:`registered`; nothing else
lists domains (``tests/foundation/test_domains.py`` checks pyproject and the Makefile against it).

Loaders are functions so that a command that needs no web routes (``portal migrate``) does not import
them; every import below is a plain ``import`` an IDE can follow.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Domain:
    """One domain's front door."""

    name: str  # the package, its templates/ and tests/ folders and its locale catalogue
    piccolo_apps: tuple[str, ...] = ()  # Piccolo's AppRegistry takes dotted paths (its own API)
    routes: Callable[[], Sequence[Any]] | None = None
    commands: Callable[[], Sequence[Any]] | None = None
    demo: Callable[[dict[str, Any]], Awaitable[None]] | None = None
    catalogue: bool = True
    # extra context for the staff home (/staf): an async function of the request returning a dict
    staff_home: Callable[[Any], Awaitable[dict[str, Any]]] | None = None
    # extra context for a public service page: an async function of the unit (a dict) returning a dict
    # (surveys adds whether the unit's SKM survey takes answers: the catalogue sits below surveys)
    service_page: Callable[[dict[str, Any]], Awaitable[dict[str, Any]]] | None = None
    # reactions to lower domains' events (portal/events.py): a function returning (event name, async handler)
    # pairs, called once at the first emit
    reactions: Callable[[], Sequence[tuple[str, Callable[..., Awaitable[Any]]]]] | None = None


# ml imports no other package, so its record is written here. Its commands (`portal ml`) are registered by
# the complaints manifest, which connects their learning loop to the officers' corrections it keeps.
ML = Domain(name="ml")


@cache
def registered() -> tuple[Domain, ...]:
    """Every domain, kernel first; the order is the order of migrations, routes and demo data."""
    # cycle: every manifest imports this module (its Domain record), so they are imported when first asked for
    import catalogue.manifest
    import complaints.manifest
    import evaluation_link.manifest
    import portal.manifest
    import surveys.manifest

    return (
        portal.manifest.DOMAIN,
        ML,
        catalogue.manifest.DOMAIN,
        complaints.manifest.DOMAIN,
        surveys.manifest.DOMAIN,
        evaluation_link.manifest.DOMAIN,
    )


def piccolo_apps() -> list[str]:
    return [app for domain in registered() for app in domain.piccolo_apps]


def route_handlers() -> list[Any]:
    return [handler for domain in registered() if domain.routes for handler in domain.routes()]


def cli_commands() -> list[Any]:
    return [command for domain in registered() if domain.commands for command in domain.commands()]


def demo_loaders() -> list[Callable[[dict[str, Any]], Awaitable[None]]]:
    return [domain.demo for domain in registered() if domain.demo]


async def staff_home_context(request: Any) -> dict[str, Any]:
    """What every domain adds to the staff home's context (its _staff_links.html reads it)."""
    context: dict[str, Any] = {}
    for domain in registered():
        if domain.staff_home:
            context.update(await domain.staff_home(request))
    return context


async def service_page_context(unit: dict[str, Any]) -> dict[str, Any]:
    """What every domain adds to a public service page of `unit`."""
    context: dict[str, Any] = {}
    for domain in registered():
        if domain.service_page:
            context.update(await domain.service_page(unit))
    return context


def reactions() -> list[tuple[str, Callable[..., Awaitable[Any]]]]:
    """Every domain's reactions to events (portal.events registers them)."""
    return [pair for domain in registered() if domain.reactions for pair in domain.reactions()]


def catalogue_packages() -> tuple[str, ...]:
    return tuple(domain.name for domain in registered() if domain.catalogue)
