"""In-process domain events: how a lower domain lets a higher one react without importing it.

A domain publishes an event name (e.g. complaints.services.events.COMPLAINT_CLOSED) and emits it with
`await emit(name, **payload)`; a domain above it lists its reactions in its manifest
(`Domain.reactions`, pairs of name and async handler) and portal.domains registers them here on first use.
Handlers run one after the other, awaited in the caller's task, so a write they make belongs to the
caller's transaction (and rolls back with it); an exception propagates to the caller. `emit` returns the
handlers' results in registration order (for a question such as "which link does this message carry?").
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

from portal.domains import reactions

Handler = Callable[..., Awaitable[Any]]

_handlers: dict[str, list[Handler]] = {}
_domains_loaded = False


def subscribe(name: str, handler: Handler) -> None:
    """Run `handler(**payload)` whenever `name` is emitted."""
    _handlers.setdefault(name, []).append(handler)


def unsubscribe(name: str, handler: Handler) -> None:
    _handlers.get(name, []).remove(handler)


@contextmanager
def subscribed(name: str, handler: Handler) -> Iterator[None]:
    """A reaction for the duration of a block (tests)."""
    _load_domains()
    subscribe(name, handler)
    try:
        yield
    finally:
        unsubscribe(name, handler)


def _load_domains() -> None:
    global _domains_loaded
    if _domains_loaded:
        return
    _domains_loaded = True
    for name, handler in reactions():
        subscribe(name, handler)


def handlers(name: str) -> list[Handler]:
    _load_domains()
    return list(_handlers.get(name, ()))


async def emit(name: str, **payload: Any) -> list[Any]:
    """Run every reaction to `name` in the caller's task (and transaction); their results, in order."""
    return [await handler(**payload) for handler in handlers(name)]
