"""Builders for complaint tests: units with a service standard, staff, and complaints in any state."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from complaints.actors import Actor
from complaints.services import handling
from portal.security import load_user
from portal.tables import Service, ServiceVersion, StaffUser
from tests.helpers import TEST_PASSWORD, make_unit


@lru_cache(maxsize=1)
def _password_hash() -> str:
    from portal.security import hash_password

    return hash_password(TEST_PASSWORD)


async def make_user(username: str, role: str, unit_id: int | None = None) -> int:
    """A staff account with the test password (hashed once per session: argon2 is slow on purpose)."""
    rows = await StaffUser.insert(
        StaffUser(username=username, full_name=username, password_hash=_password_hash(), role=role, unit=unit_id)
    ).returning(StaffUser.id)
    return rows[0]["id"]


async def make_service(
    unit_id: int, *, slug: str = "ktp-el", fee: int = 0, duration: int = 14, duration_unit: str = "working_days"
) -> tuple[int, int]:
    rows = await Service.insert(
        Service(unit=unit_id, slug=slug, name=f"Layanan {slug}", published=True, accepts_complaints=True)
    ).returning(Service.id)
    service_id = rows[0]["id"]
    version = await ServiceVersion.insert(
        ServiceVersion(
            service=service_id,
            version_no=1,
            effective_from=date(2025, 1, 1),
            fee_amount=fee,
            duration_value=duration,
            duration_unit=duration_unit,
        )
    ).returning(ServiceVersion.id)
    return service_id, version[0]["id"]


async def world() -> dict[str, Any]:
    """Two units with staff, an evaluator and a system admin."""
    a = await make_unit("disdukcapil", "Dinas Dukcapil")
    b = await make_unit("dinkes", "Dinas Kesehatan")
    ids = {
        "unit_a": a,
        "unit_b": b,
        "officer_a": await make_user("petugas.a", "unit_officer", a),
        "admin_a": await make_user("admin.a", "unit_admin", a),
        "officer_b": await make_user("petugas.b", "unit_officer", b),
        "admin_b": await make_user("admin.b", "unit_admin", b),
        "evaluator": await make_user("evaluator", "evaluator"),
        "sysadmin": await make_user("admin", "system_admin"),
    }
    ids["service_a"], ids["version_a"] = await make_service(a)
    return ids


async def actor(user_id: int) -> Actor:
    user = await load_user(user_id)
    assert user is not None
    return Actor.staff(user)


def complaint_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "pengaduan",
        "title": "KTP elektronik belum jadi",
        "description": "Sudah tiga minggu menunggu KTP elektronik di kantor Dukcapil tetapi belum juga dicetak.",
        "reporter_name": "Budi Santoso",
        "reporter_email": "budi@example.org",
        "reporter_phone": "081234567890",
        "privacy": "normal",
    }
    data.update(overrides)
    return data


async def file(app: Any, now: datetime | None = None, **overrides: Any):
    from complaints.services import intake

    return await intake.submit(app, complaint_data(**overrides), now=now or datetime.now(UTC))


async def routed_case(app: Any, ids: dict[str, Any], **overrides: Any) -> int:
    """A complaint verified and routed to unit A."""
    filed = await file(app, **overrides)
    await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
    return filed.id
