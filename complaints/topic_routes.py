"""Topic -> unit routing as the system administrator sets it (issue 20).

The routing file (``PORTAL_TOPIC_ROUTING``, default ``ml/topic_routing.json``, read by
``complaints.classification.topic_routing``) is the default; a row of ``topic_route`` overrides it for
one topic (``unit`` NULL = manual triage). ``complaints.classification.unit_for_topic`` asks
`routed_unit` and caches the answer per process for ``UNIT_CACHE_SECONDS``; a change made here clears
that cache in the process that made it (`forget_cached_units`), other workers follow within 300 s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from complaints.tables import TopicRoute
from ml.taxonomy import TOPICS
from portal import audit
from portal.db import write_transaction
from portal.i18n import _
from portal.tables import Unit

if TYPE_CHECKING:
    from litestar import Litestar, Request

    from portal.security import CurrentUser

TRIAGE = "triase"  # the form value for "no unit: manual triage"
DEFAULT = "bawaan"  # the form value for "follow the routing file again"


class RouteError(ValueError):
    """A change that cannot be made; the message is for the user."""


@dataclass(frozen=True)
class Route:
    topic: str
    unit_id: int | None
    unit_name: str | None
    file_slug: str | None  # the routing file's unit for this topic
    overridden: bool  # True: set by the system administrator (topic_route); False: the routing file
    missing_unit: bool  # the routing file names a unit that does not exist


def _file_routing() -> dict[str, str | None]:
    # cycle: complaints.classification imports this module (cycle classification <-> topic_routes)
    from complaints.classification import topic_routing

    try:
        return topic_routing()
    except (OSError, ValueError):  # a broken routing file is reported by `portal ml`; here: no defaults
        return {}


async def list_routes() -> list[Route]:
    """Every topic of the taxonomy with the unit that receives it and where that choice comes from."""
    units = await Unit.select(Unit.id, Unit.slug, Unit.name)
    by_slug = {u["slug"]: u for u in units}
    by_id = {u["id"]: u for u in units}
    overrides = {r["topic"]: r["unit"] for r in await TopicRoute.select(TopicRoute.topic, TopicRoute.unit)}
    file_routing = _file_routing()
    routes = []
    for topic in TOPICS:
        slug = file_routing.get(topic)
        if topic in overrides:
            unit = by_id.get(overrides[topic])
            routes.append(Route(topic, unit and unit["id"], unit and unit["name"], slug, True, False))
        else:
            unit = by_slug.get(slug or "")
            routes.append(Route(topic, unit and unit["id"], unit and unit["name"], slug, False,
                                bool(slug) and unit is None))  # fmt: skip
    return routes


async def routed_unit(topic: str) -> int | None:
    """The unit that receives `topic`: the administrator's choice, else the routing file's; None = triage."""
    row = await TopicRoute.select(TopicRoute.unit).where(TopicRoute.topic == topic).first()
    if row is not None:
        return row["unit"]
    slug = _file_routing().get(topic)
    if not slug:
        return None
    unit = await Unit.select(Unit.id).where(Unit.slug == slug).first()
    return unit["id"] if unit else None


async def set_route(topic: str, choice: str, *, actor: CurrentUser, request: Request | None = None) -> None:
    """Send `topic` to a unit (its id as text), to triage (`TRIAGE`) or back to the file (`DEFAULT`).

    Raises `RouteError` (nothing changed) for an unknown topic or unit. The audit row is written in the
    same transaction as the change.
    """
    if topic not in TOPICS:
        raise RouteError(_("Topik tidak dikenal."))
    unit_id: int | None = None
    if choice not in (TRIAGE, DEFAULT):
        unit_id = int(choice) if choice.isdigit() and len(choice) < 10 else None
        if unit_id is None or not await Unit.exists().where(Unit.id == unit_id):
            raise RouteError(_("Unit tidak dikenal."))
    async with write_transaction():
        before = await TopicRoute.select(TopicRoute.id, TopicRoute.unit).where(TopicRoute.topic == topic).first()
        before_value = {"unit": before["unit"]} if before else {"unit": "file"}
        if choice == DEFAULT:
            if before is None:
                return
            await TopicRoute.delete().where(TopicRoute.id == before["id"])
            after: dict[str, Any] = {"unit": "file"}
        else:
            values = {TopicRoute.unit: unit_id, TopicRoute.updated_at: datetime.now(UTC),
                      TopicRoute.updated_by: actor.id}  # fmt: skip
            if before is None:
                await TopicRoute.insert(TopicRoute(topic=topic, **{c._meta.name: v for c, v in values.items()}))
            else:
                await TopicRoute.update(values).where(TopicRoute.id == before["id"])
            after = {"unit": unit_id}
        await audit.record("topic_route_set", "topic_route", topic, actor=actor, request=request,
                           before=before_value, after=after)  # fmt: skip


def forget_cached_units(app: Litestar) -> None:
    """Drop this process's cache of topic -> unit, so the next complaint sees a change at once."""
    # cycle: complaints.classification imports this module (cycle classification <-> topic_routes)
    from complaints.classification import UNIT_CACHE_KEY

    app.state.pop(UNIT_CACHE_KEY, None)
