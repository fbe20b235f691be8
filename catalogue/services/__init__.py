"""Catalogue domain logic: units, Maklumat Pelayanan and versioned service standards.

Every write goes through this module, inside `write_transaction()`, and leaves an audit entry with
before/after snapshots. Service standards are never updated in place: a change appends a new
ServiceVersion with its own effective date, so the past (an old fee, an old procedure) stays visible.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from portal import audit
from portal.db import write_transaction
from portal.formatting import LOCAL_TZ
from portal.i18n import _
from portal.tables import Maklumat, Service, ServiceVersion, Unit

if TYPE_CHECKING:
    from litestar import Request

    from portal.security import CurrentUser

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


class CatalogueError(Exception):
    """A change the catalogue refuses; `errors` maps form field -> message in the user's language."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class NotFoundError(Exception):
    """The unit, service or version does not exist (or is not visible to this viewer)."""


def local_today() -> date:
    return datetime.now(LOCAL_TZ).date()


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:120]


# --- reading ---------------------------------------------------------------------------------


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


# --- writing ---------------------------------------------------------------------------------


def _snapshot(row: dict[str, Any] | None, fields: tuple[str, ...]) -> dict[str, Any] | None:
    return None if row is None else {f: row.get(f) for f in fields}


async def _slug_taken(unit_id: int, slug: str, *, except_id: int | None = None) -> bool:
    query = Service.exists().where((Service.unit == unit_id) & (Service.slug == slug))
    if except_id is not None:
        query = query.where(Service.id != except_id)
    return await query


def _check_version(version: dict[str, Any], *, previous: dict[str, Any] | None, published: bool) -> None:
    errors: dict[str, str] = {}
    effective = version["effective_from"]
    if previous is not None:
        if effective < previous["effective_from"]:
            errors["effective_from"] = _("Tanggal berlaku tidak boleh sebelum versi sebelumnya (%(date)s).") % {
                "date": previous["effective_from"].isoformat()
            }
        elif published and effective < local_today():
            errors["effective_from"] = _(
                "Perubahan standar yang sudah terbit berlaku mulai hari ini atau nanti; masa lalu tidak diubah."
            )
    if errors:
        raise CatalogueError(errors)


async def create_service(
    *,
    actor: CurrentUser,
    unit_id: int,
    service: dict[str, Any],
    version: dict[str, Any],
    request: Request | None = None,
) -> int:
    """A new (unpublished) service with its first version."""
    slug = service.get("slug") or slugify(service["name"])
    now = datetime.now(UTC)
    async with write_transaction():
        if await _slug_taken(unit_id, slug):
            raise CatalogueError({"slug": _("Alamat (slug) ini sudah dipakai layanan lain di unit yang sama.")})
        rows = await Service.insert(
            Service(
                unit=unit_id,
                slug=slug,
                name=service["name"],
                summary=service.get("summary", ""),
                accepts_complaints=service.get("accepts_complaints", True),
                featured=service.get("featured", False),
                published=False,
                created_at=now,
                updated_at=now,
            )
        ).returning(Service.id)
        service_id = rows[0]["id"]
        await ServiceVersion.insert(
            ServiceVersion(
                service=service_id,
                version_no=1,
                created_by=actor.id,
                created_at=now,
                **{f: version[f] for f in VERSION_FIELDS},
            )
        )
        await audit.record(
            "service_created",
            "service",
            service_id,
            actor=actor,
            unit_id=unit_id,
            request=request,
            after={**service, "slug": slug, "version_no": 1, "version": version},
        )
    return service_id


async def add_version(
    *,
    actor: CurrentUser,
    service_id: int,
    service: dict[str, Any],
    version: dict[str, Any],
    request: Request | None = None,
) -> int:
    """Append a version (never updating an old one) and update the service's name/summary."""
    now = datetime.now(UTC)
    async with write_transaction():
        before = await get_service(service_id=service_id, published_only=False)
        latest = before["versions"][-1] if before["versions"] else None
        _check_version(version, previous=latest, published=before["published"])
        slug = service.get("slug") or before["slug"]
        if await _slug_taken(before["unit"], slug, except_id=service_id):
            raise CatalogueError({"slug": _("Alamat (slug) ini sudah dipakai layanan lain di unit yang sama.")})
        version_no = (latest["version_no"] if latest else 0) + 1
        await ServiceVersion.insert(
            ServiceVersion(
                service=service_id,
                version_no=version_no,
                created_by=actor.id,
                created_at=now,
                **{f: version[f] for f in VERSION_FIELDS},
            )
        )
        changes = {f: service[f] for f in SERVICE_FIELDS if f in service}
        changes["slug"] = slug
        await Service.update({**changes, Service.updated_at: now}).where(Service.id == service_id)
        await audit.record(
            "service_version_added",
            "service",
            service_id,
            actor=actor,
            unit_id=before["unit"],
            request=request,
            before={
                **_snapshot(before, SERVICE_FIELDS),
                "version_no": latest and latest["version_no"],
                "version": _snapshot(latest, VERSION_FIELDS),
            },
            after={**changes, "version_no": version_no, "version": version},
        )
    return version_no


async def set_published(
    *, actor: CurrentUser, service_id: int, published: bool, request: Request | None = None
) -> None:
    async with write_transaction():
        row = await Service.select(Service.published, Service.unit).where(Service.id == service_id).first()
        if row is None:
            raise NotFoundError(service_id)
        if row["published"] == published:
            return
        await Service.update({Service.published: published, Service.updated_at: datetime.now(UTC)}).where(
            Service.id == service_id
        )
        await audit.record(
            "service_published" if published else "service_unpublished",
            "service",
            service_id,
            actor=actor,
            unit_id=row["unit"],
            request=request,
            before={"published": row["published"]},
            after={"published": published},
        )


async def update_unit(
    *, actor: CurrentUser, unit_id: int, data: dict[str, Any], request: Request | None = None
) -> None:
    async with write_transaction():
        before = await get_unit_by_id(unit_id)
        if all(before.get(f) == data[f] for f in UNIT_FIELDS if f in data):
            return  # nothing changed: no write, so a re-saved profile is not an "update" (PEKPPP 24.d)
        await Unit.update({**{f: data[f] for f in UNIT_FIELDS if f in data}, Unit.updated_at: datetime.now(UTC)}).where(
            Unit.id == unit_id
        )
        await audit.record(
            "unit_updated",
            "unit",
            unit_id,
            actor=actor,
            unit_id=unit_id,
            request=request,
            before=_snapshot(before, UNIT_FIELDS),
            after={f: data[f] for f in UNIT_FIELDS if f in data},
        )


REGISTRATION_FIELDS = ("name", "unit_type", "parent_agency", "published")


async def create_unit(
    *, actor: CurrentUser | None, data: dict[str, Any], request: Request | None = None, actor_name: str = "cli"
) -> int:
    """A new unit (system admins): name, slug, type, parent agency, published. Its profile (address, hours,
    channels, maklumat) is filled in on the unit's own profile page."""
    async with write_transaction():
        if await Unit.exists().where(Unit.slug == data["slug"]):
            raise CatalogueError({"slug": _("Alamat (slug) ini sudah dipakai unit lain.")})
        now = datetime.now(UTC)
        rows = await Unit.insert(
            Unit(**{f: data[f] for f in REGISTRATION_FIELDS}, slug=data["slug"], created_at=now, updated_at=now)
        ).returning(Unit.id)
        unit_id = rows[0]["id"]
        await audit.record(
            "unit_created", "unit", unit_id, actor=actor, actor_name=None if actor else actor_name, unit_id=unit_id,
            request=request, after={"slug": data["slug"], **{f: data[f] for f in REGISTRATION_FIELDS}},
        )  # fmt: skip
    return unit_id


async def update_unit_registration(
    *, actor: CurrentUser | None, unit_id: int, data: dict[str, Any], request: Request | None = None
) -> bool:
    """Name, type, parent agency and whether the unit is published; False when nothing changed."""
    async with write_transaction():
        before = await get_unit_by_id(unit_id)
        if all(before.get(f) == data[f] for f in REGISTRATION_FIELDS):
            return False
        await Unit.update({**{f: data[f] for f in REGISTRATION_FIELDS}, Unit.updated_at: datetime.now(UTC)}).where(
            Unit.id == unit_id
        )
        await audit.record(
            "unit_updated", "unit", unit_id, actor=actor, unit_id=unit_id, request=request,
            before=_snapshot(before, REGISTRATION_FIELDS), after={f: data[f] for f in REGISTRATION_FIELDS},
        )  # fmt: skip
    return True


async def adopt_maklumat(
    *, actor: CurrentUser, unit_id: int, data: dict[str, Any], request: Request | None = None
) -> int:
    """A new Maklumat Pelayanan; the previous one stays in the table as history."""
    async with write_transaction():
        before = await current_maklumat(unit_id)
        rows = await Maklumat.insert(
            Maklumat(
                unit=unit_id,
                text=data["text"],
                adopted_on=data["adopted_on"],
                signed_by=data["signed_by"],
                decree_number=data.get("decree_number", ""),
                published=True,
                created_at=datetime.now(UTC),
            )
        ).returning(Maklumat.id)
        fields = ("text", "adopted_on", "signed_by", "decree_number")
        await audit.record(
            "maklumat_adopted",
            "maklumat",
            rows[0]["id"],
            actor=actor,
            unit_id=unit_id,
            request=request,
            before=_snapshot(before, fields),
            after={f: data.get(f, "") for f in fields},
        )
    return rows[0]["id"]
