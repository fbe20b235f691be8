"""Catalogue reads: units, Maklumat Pelayanan and service standards with their current version.

Read-only: every write is in catalogue.services. A service's standard is a list of immutable versions;
`choose_version` picks the one in effect today (and the next upcoming one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from portal.formatting import LOCAL_TZ
from portal.tables import Maklumat, Service, ServiceVersion, Unit

# The six service-delivery components are public; the eight manufacturing ones are internal.
PUBLIC_VERSION_FIELDS = (
    "requirements",
    "procedure",
    "duration_value",
    "duration_unit",
    "fee_amount",
    "fee_note",
    "fee_legal_basis",
    "product",
    "complaint_handling",
)
INTERNAL_VERSION_FIELDS = (
    "legal_basis",
    "facilities",
    "competence",
    "internal_supervision",
    "staff_count",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
)
ADOPTION_FIELDS = ("adopted_on", "decree_number", "reviewed_on", "effective_from", "change_note")
VERSION_FIELDS = PUBLIC_VERSION_FIELDS + INTERNAL_VERSION_FIELDS + ADOPTION_FIELDS
SERVICE_FIELDS = ("name", "slug", "summary", "accepts_complaints", "featured")
UNIT_FIELDS = ("name", "unit_type", "address", "opening_hours", "phone", "email", "website", "complaint_channels")


class NotFoundError(Exception):
    """The unit, service or version does not exist (or is not visible to this viewer)."""


def local_today() -> date:
    return datetime.now(LOCAL_TZ).date()


@dataclass(frozen=True, slots=True)
class VersionChoice:
    current: dict[str, Any] | None
    upcoming: dict[str, Any] | None


def choose_version(versions: list[dict[str, Any]], today: date | None = None) -> VersionChoice:
    """The current version is the newest one already in effect; the next future one is 'upcoming'.

    A service whose first version is not yet in effect shows that version as current, so a newly
    published standard is never an empty page.
    """
    today = today or local_today()
    ordered = sorted(versions, key=lambda v: v["version_no"])
    in_effect = [v for v in ordered if v["effective_from"] <= today]
    future = [v for v in ordered if v["effective_from"] > today]
    if in_effect:
        return VersionChoice(current=in_effect[-1], upcoming=future[-1] if future else None)
    if future:
        return VersionChoice(current=future[0], upcoming=future[-1] if len(future) > 1 else None)
    return VersionChoice(current=None, upcoming=None)


async def list_units(*, published_only: bool = True) -> list[dict[str, Any]]:
    query = Unit.select().order_by(Unit.name).output(load_json=True)
    if published_only:
        query = query.where(Unit.published.eq(True))
    return await query


async def get_unit(slug: str, *, published_only: bool = True) -> dict[str, Any]:
    query = Unit.select().where(Unit.slug == slug).output(load_json=True)
    if published_only:
        query = query.where(Unit.published.eq(True))
    unit = await query.first()
    if unit is None:
        raise NotFoundError(slug)
    return unit


async def get_unit_by_id(unit_id: int) -> dict[str, Any]:
    unit = await Unit.select().where(Unit.id == unit_id).output(load_json=True).first()
    if unit is None:
        raise NotFoundError(unit_id)
    return unit


async def current_maklumat(unit_id: int) -> dict[str, Any] | None:
    return await (
        Maklumat.select()
        .where((Maklumat.unit == unit_id) & (Maklumat.published.eq(True)))
        .order_by(Maklumat.adopted_on, ascending=False)
        .order_by(Maklumat.id, ascending=False)
        .first()
    )


async def versions_by_service(service_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    if not service_ids:
        return {}
    rows = await (
        ServiceVersion.select()
        .where(ServiceVersion.service.is_in(service_ids))
        .order_by(ServiceVersion.version_no)
        .output(load_json=True)
    )
    grouped: dict[int, list[dict[str, Any]]] = {sid: [] for sid in service_ids}
    for row in rows:
        grouped[row["service"]].append(row)
    return grouped


SERVICE_COLUMNS = (
    Service.all_columns(),
    Service.unit.slug.as_alias("unit_slug"),
    Service.unit.name.as_alias("unit_name"),
    Service.unit.published.as_alias("unit_published"),
)


async def list_services(
    *, unit_id: int | None = None, published_only: bool = True, today: date | None = None
) -> list[dict[str, Any]]:
    """Services with their current and upcoming version (two queries, no N+1)."""
    query = Service.select(*SERVICE_COLUMNS).order_by(Service.unit.name).order_by(Service.name)
    if unit_id is not None:
        query = query.where(Service.unit == unit_id)
    if published_only:
        query = query.where(Service.published.eq(True) & Service.unit.published.eq(True))
    services = await query
    versions = await versions_by_service([s["id"] for s in services])
    result = []
    for service in services:
        choice = choose_version(versions[service["id"]], today)
        if published_only and choice.current is None:
            continue
        result.append(
            {
                **service,
                "current": choice.current,
                "upcoming": choice.upcoming,
                "version_count": len(versions[service["id"]]),
            }
        )
    return result


async def get_service(
    *,
    service_id: int | None = None,
    unit_slug: str | None = None,
    slug: str | None = None,
    published_only: bool = True,
    today: date | None = None,
) -> dict[str, Any]:
    """One service with all its versions, its current and upcoming version."""
    query = Service.select(*SERVICE_COLUMNS)
    if service_id is not None:
        query = query.where(Service.id == service_id)
    else:
        query = query.where((Service.slug == slug) & (Service.unit.slug == unit_slug))
    if published_only:
        query = query.where(Service.published.eq(True) & Service.unit.published.eq(True))
    service = await query.first()
    if service is None:
        raise NotFoundError(service_id or f"{unit_slug}/{slug}")
    versions = (await versions_by_service([service["id"]]))[service["id"]]
    choice = choose_version(versions, today)
    if published_only and choice.current is None:
        raise NotFoundError(service["id"])
    return {**service, "versions": versions, "current": choice.current, "upcoming": choice.upcoming}


def find_version(service: dict[str, Any], version_no: int) -> dict[str, Any]:
    for version in service["versions"]:
        if version["version_no"] == version_no:
            return version
    raise NotFoundError(version_no)
