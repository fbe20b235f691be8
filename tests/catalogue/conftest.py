"""Catalogue fixtures: services created through the real service layer (with versions and audit)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

import pytest

from catalogue import queries, services
from portal.security import CurrentUser, hash_password
from portal.tables import StaffUser
from tests.helpers import TEST_PASSWORD, make_unit

SYSTEM = CurrentUser(
    id=0, username="fixture", full_name="Fixture", role="system_admin", unit_id=None, unit_slug=None, unit_name=None
)


@cache
def test_password_hash() -> str:
    return hash_password(TEST_PASSWORD)


async def make_user(username: str, role: str, unit_id: int | None = None) -> int:
    """Like tests.helpers.make_user, but argon2 runs once per session instead of once per account."""
    rows = await StaffUser.insert(
        StaffUser(
            username=username,
            full_name=username.title(),
            password_hash=test_password_hash(),
            role=role,
            unit=unit_id,
            created_at=datetime.now(UTC),
        )
    ).returning(StaffUser.id)
    return rows[0]["id"]


def version_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "requirements": ["Fotokopi Kartu Keluarga", "Surat keterangan lahir dari bidan"],
        "procedure": ["Ambil nomor antrean", "Serahkan berkas", "Terima dokumen"],
        "duration_value": 3,
        "duration_unit": "working_days",
        "fee_amount": 0,
        "fee_note": "",
        "fee_legal_basis": "UU No. 24 Tahun 2013",
        "product": "Kutipan akta kelahiran",
        "complaint_handling": "Sampaikan di loket pengaduan.",
        "legal_basis": "DASAR-HUKUM-INTERNAL",
        "facilities": "Ruang tunggu",
        "competence": "Bimtek",
        "internal_supervision": "Atasan langsung",
        "staff_count": "3 orang",
        "service_guarantee": "Tepat waktu",
        "security_guarantee": "Data aman",
        "performance_evaluation": "SKM tahunan",
        "adopted_on": date(2024, 12, 1),
        "decree_number": "SK 800/1/2024",
        "reviewed_on": date(2025, 6, 1),
        "effective_from": date(2025, 1, 2),
        "change_note": "",
    }
    data.update(overrides)
    return data


async def add_service(
    unit_id: int,
    name: str,
    *,
    slug: str | None = None,
    published: bool = True,
    summary: str = "",
    featured: bool = False,
    **version: Any,
) -> int:
    service_id = await services.create_service(
        actor=SYSTEM,
        unit_id=unit_id,
        version=version_data(**version),
        service={
            "name": name,
            "slug": slug or services.slugify(name),
            "summary": summary,
            "accepts_complaints": True,
            "featured": featured,
        },
    )
    if published:
        await services.set_published(actor=SYSTEM, service_id=service_id, published=True)
    return service_id


@pytest.fixture
async def catalogue(db: None) -> dict[str, Any]:
    """Two units with staff; a free and a paid service in unit A, one service in unit B, one draft."""
    unit_a = await make_unit(
        "dukcapil-uji",
        "Dinas Dukcapil Uji",
        unit_type="dinas",
        address="Jl. Merdeka 1",
        opening_hours="Senin–Jumat 08.00–15.00",
        complaint_channels=[{"label": "SP4N-LAPOR!", "value": "https://www.lapor.go.id"}],
    )
    unit_b = await make_unit("puskesmas-uji", "Puskesmas Uji", unit_type="puskesmas")
    ids = {
        "akta": await add_service(unit_a, "Akta kelahiran", fee_amount=0),
        "ktp": await add_service(
            unit_a,
            "Penerbitan KTP-el",
            fee_amount=0,
            featured=True,
            requirements=["Kartu Keluarga", "Berusia 17 tahun"],
        ),
        "draft": await add_service(unit_a, "Layanan rahasia draf", published=False),
        "lab": await add_service(
            unit_b,
            "Pemeriksaan laboratorium",
            fee_amount=50_000,
            fee_legal_basis="Perda No. 1 Tahun 2024",
            fee_note="Per jenis pemeriksaan",
        ),
    }
    await make_user("admin.a", "unit_admin", unit_a)
    await make_user("petugas.a", "unit_officer", unit_a)
    await make_user("admin.b", "unit_admin", unit_b)
    await make_user("evaluator", "evaluator")
    await make_user("root", "system_admin")
    return {"unit_a": unit_a, "unit_b": unit_b, "services": ids}


def tomorrow() -> date:
    return queries.local_today() + timedelta(days=1)
