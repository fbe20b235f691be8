"""Units (registration by system admins, profile by the unit) and their Maklumat Pelayanan.

Every write runs inside `write_transaction()` with its audit entry; the public pages and the search
index are refreshed once it has committed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from catalogue.queries import UNIT_FIELDS, current_maklumat, get_unit_by_id
from catalogue.services.common import CatalogueError, catalogue_changed, snapshot
from portal import audit
from portal.db import write_transaction
from portal.i18n import _
from portal.tables import Maklumat, Unit

if TYPE_CHECKING:
    from litestar import Request

    from portal.security import CurrentUser


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
            before=snapshot(before, UNIT_FIELDS),
            after={f: data[f] for f in UNIT_FIELDS if f in data},
        )
    await catalogue_changed(request)


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
    await catalogue_changed(request)
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
            before=snapshot(before, REGISTRATION_FIELDS), after={f: data[f] for f in REGISTRATION_FIELDS},
        )  # fmt: skip
    await catalogue_changed(request)
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
            before=snapshot(before, fields),
            after={f: data.get(f, "") for f in fields},
        )
    await catalogue_changed(request)
    return rows[0]["id"]
