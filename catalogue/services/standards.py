"""Service standards: a new service with its first version, a new version, publishing.

Service standards are never updated in place: a change appends a new ServiceVersion with its own
effective date, so the past (an old fee, an old procedure) stays visible. Every write runs inside
`write_transaction()` with its audit entry (before/after snapshots); the public pages and the search
index are refreshed once it has committed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from catalogue.queries import SERVICE_FIELDS, VERSION_FIELDS, NotFoundError, get_service, local_today
from catalogue.services.common import CatalogueError, catalogue_changed, slugify, snapshot
from portal import audit
from portal.db import write_transaction
from portal.i18n import _
from portal.tables import Service, ServiceVersion

if TYPE_CHECKING:
    from litestar import Request

    from portal.security import CurrentUser


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
    await catalogue_changed(request)
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
                **snapshot(before, SERVICE_FIELDS),
                "version_no": latest and latest["version_no"],
                "version": snapshot(latest, VERSION_FIELDS),
            },
            after={**changes, "version_no": version_no, "version": version},
        )
    await catalogue_changed(request)
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
    await catalogue_changed(request)
