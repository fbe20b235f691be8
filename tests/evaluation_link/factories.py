"""Small builders for the evaluation tests: services with standards, a maklumat, complaints with events."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

_counter = itertools.count(1)

FULL_COMPONENTS: dict[str, Any] = {
    "requirements": ["KTP"],
    "procedure": ["Datang", "Ambil nomor"],
    "duration_value": 3,
    "fee_amount": 0,
    "fee_note": "Gratis",
    "product": "Akta",
    "complaint_handling": "Portal",
    "legal_basis": "UU 23/2006",
    "facilities": "Loket",
    "competence": "D3",
    "internal_supervision": "Kepala",
    "staff_count": "4 orang",
    "service_guarantee": "Tepat waktu",
    "security_guarantee": "Data aman",
    "performance_evaluation": "Triwulan",
}


async def make_service(
    unit_id: int,
    *,
    slug: str | None = None,
    published: bool = True,
    adopted_on: date | None = date(2026, 2, 1),
    reviewed_on: date | None = None,
    community: list[str] | None = None,
    effective_from: date = date(2026, 1, 1),
    **overrides: Any,
) -> int:
    from portal.tables import Service, ServiceVersion

    slug = slug or f"layanan-{next(_counter)}"
    now = datetime(2026, 3, 1, tzinfo=UTC)
    rows = await Service.insert(
        Service(unit=unit_id, slug=slug, name=f"Layanan {slug}", published=published, created_at=now, updated_at=now)
    ).returning(Service.id)
    service_id = rows[0]["id"]
    await ServiceVersion.insert(
        ServiceVersion(
            service=service_id,
            version_no=1,
            effective_from=effective_from,
            adopted_on=adopted_on,
            decree_number="SK-1/2026" if adopted_on else "",
            reviewed_on=reviewed_on,
            community_involvement=community or [],
            created_at=now,
            **{**FULL_COMPONENTS, **overrides},
        )
    )
    return service_id


async def make_complaint(
    unit_id: int,
    filed: datetime,
    *,
    status: str = "received",
    reply_after: float | None = None,
    close_after: float | None = None,
    lapor_id: str | None = None,
    lapor_status: str = "",
    confidential: bool = False,
    followup_due_hours: float | None = None,
) -> int:
    """A complaint filed at `filed`, with a public reply and a closing transition after N hours. With `lapor_id`
    its LAPOR! facts come from an import (a LaporImport row), as figures require."""
    from complaints.tables import Complaint, ComplaintEvent, LaporImport

    number = next(_counter)
    lapor_import = None
    if lapor_id is not None:
        source = await LaporImport.insert(
            LaporImport(
                kind="export",
                filename="ekspor-uji.xlsx",
                sha256="0" * 64,
                sheet="Laporan Ringkas",
                imported_at=filed,
                actor_name="uji",
            )
        ).returning(LaporImport.id)
        lapor_import = source[0]["id"]
    rows = await Complaint.insert(
        Complaint(
            tracking_code=f"UJI-{number:06d}",
            unit=unit_id,
            title="Uji",
            description="Uji pengaduan",
            status=status,
            lapor_tracking_id=lapor_id,
            lapor_status=lapor_status,
            is_confidential=confidential,
            lapor_import=lapor_import,
            lapor_row=number if lapor_id is not None else None,
            created_at=filed,
            updated_at=filed,
            followup_due_at=filed + timedelta(hours=followup_due_hours) if followup_due_hours else None,
        )
    ).returning(Complaint.id)
    complaint_id = rows[0]["id"]
    events = [ComplaintEvent(complaint=complaint_id, occurred_at=filed, event_type="filed", to_status="received")]
    if reply_after is not None:
        events.append(
            ComplaintEvent(
                complaint=complaint_id,
                occurred_at=filed + timedelta(hours=reply_after),
                event_type="reply",
                is_public=True,
            )
        )
    if close_after is not None:
        events.append(
            ComplaintEvent(
                complaint=complaint_id,
                occurred_at=filed + timedelta(hours=close_after),
                event_type="transition",
                from_status="answered",
                to_status="closed",
            )
        )
    await ComplaintEvent.insert(*events)
    return complaint_id
