"""Demo catalogue: the units, Maklumat Pelayanan and service standards of the fictional Kabupaten Sukamaju.

The content lives in ``catalogue/demo_data/`` (JSON): ``units.json`` (15 units with their profile and head),
``services.json`` (50 services; ``history`` lists the older versions of the 3 whose fee changed) and
``common.json`` (the maklumat text, the complaint-handling text and the internal components every demo
standard shares). The unit slugs are relied on by the classifier's topic routing and by other domains'
demo data: keep them. Fees follow the usual pattern of Indonesian regencies: civil registration is free by
law (UU 24/2013 as amended), licences through OSS/DPMPTSP mostly free, health and hospital services
charged by a retribution Perda.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from portal.demo import create_demo_accounts
from portal.tables import Maklumat, Service, ServiceVersion, Unit

DATA = Path(__file__).resolve().parent / "demo_data"
PARENT_AGENCY = "Pemerintah Kabupaten Sukamaju"
DEFAULT_LEGAL_BASIS = "UU No. 25 Tahun 2009 tentang Pelayanan Publik"
COMMUNITY = ["masyarakat pengguna layanan", "organisasi masyarakat sipil", "instansi terkait"]
# The current version of every demo standard.
CURRENT_EFFECTIVE, CURRENT_ADOPTED, CURRENT_REVIEWED = date(2025, 1, 2), date(2024, 12, 16), date(2025, 11, 20)


@cache
def demo_data(name: str) -> Any:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def unit_rows() -> list[dict[str, Any]]:
    """The Unit columns of every demo unit, plus its head (who signs the maklumat) under "head"."""
    common = demo_data("common")
    portal_channel = {"label": "Portal pengaduan", "value": "/pengaduan/baru"}
    return [
        {
            "slug": unit["slug"],
            "name": f"{unit['name']} Kabupaten Sukamaju",
            "unit_type": unit["unit_type"],
            "parent_agency": PARENT_AGENCY,
            "address": unit["address"],
            "opening_hours": unit["opening_hours"],
            "phone": unit["phone"],
            "email": f"{unit['email_local_part']}@sukamajukab.go.id",
            "website": f"https://{unit['slug']}.sukamajukab.go.id",
            "complaint_channels": [*unit["complaint_channels"], common["lapor_channel"], portal_channel],
            "head": unit["head"],
        }
        for unit in demo_data("units")["units"]
    ]


def service_versions(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The ServiceVersion columns of one demo service, oldest first (version_no = position + 1)."""
    common = demo_data("common")
    shared = {
        "requirements": spec["requirements"],
        "procedure": spec["procedure"],
        "duration_value": spec["duration"]["value"],
        "duration_unit": spec["duration"]["unit"],
        "fee_note": spec["fee_note"],
        "product": spec["product"],
        "complaint_handling": common["complaint_handling"],
        "legal_basis": spec["legal"] or DEFAULT_LEGAL_BASIS,
        **common["internal_defaults"],
        "community_involvement": COMMUNITY,
    }
    versions = [
        {
            **shared,
            "fee_amount": old["fee"],
            "fee_legal_basis": old["fee_basis"],
            "effective_from": date.fromisoformat(old["effective"]),
            "adopted_on": date.fromisoformat(old["adopted"]),
            "decree_number": old["decree"],
            "reviewed_on": date.fromisoformat(old["adopted"]),
            "change_note": old["note"],
        }
        for old in spec["history"]
    ]
    versions.append(
        {
            **shared,
            "fee_amount": spec["fee"],
            "fee_legal_basis": spec["fee_basis"],
            "effective_from": CURRENT_EFFECTIVE,
            "adopted_on": CURRENT_ADOPTED,
            "decree_number": f"Keputusan Kepala {spec['unit'].upper()} No. 800/{len(spec['slug']) * 7:03d}/2024",
            "reviewed_on": CURRENT_REVIEWED,
            "change_note": "Penyesuaian tarif dengan Perda Pajak dan Retribusi Daerah 2024."
            if spec["history"]
            else "Penetapan standar pelayanan.",
        }
    )
    return versions


def service_specs() -> list[dict[str, Any]]:
    return demo_data("services")["services"]


async def _insert_service(spec: dict[str, Any], unit_id: int, now: datetime) -> int:
    rows = await Service.insert(
        Service(
            unit=unit_id,
            slug=spec["slug"],
            name=spec["name"],
            summary=spec["summary"],
            published=True,
            accepts_complaints=True,
            featured=spec["featured"],
            created_at=now,
            updated_at=now,
        )
    ).returning(Service.id)
    service_id = rows[0]["id"]
    for number, version in enumerate(service_versions(spec), start=1):
        await ServiceVersion.insert(ServiceVersion(service=service_id, version_no=number, created_at=now, **version))
    return service_id


async def load_catalogue_demo(context: dict[str, Any]) -> None:
    """Units (with their maklumat) and services; sets context["units"] and context["services"] (slug -> id)."""
    now = datetime.now(UTC)
    units: dict[str, int] = {}
    for row in unit_rows():
        head = row.pop("head")
        rows = await Unit.insert(Unit(**row, created_at=now, updated_at=now)).returning(Unit.id)
        units[row["slug"]] = rows[0]["id"]
        await Maklumat.insert(
            Maklumat(
                unit=units[row["slug"]],
                text=demo_data("common")["maklumat_text"],
                adopted_on=CURRENT_ADOPTED,
                signed_by=head,
                decree_number=f"Maklumat Pelayanan No. 065/{rows[0]['id']:02d}/2024",
                created_at=now,
            )
        )
    services: dict[str, int] = {}
    for spec in service_specs():
        services[spec["slug"]] = await _insert_service(spec, units[spec["unit"]], now)
    context["units"] = units
    context["services"] = services


async def load_demo(context: dict[str, Any]) -> None:
    """The catalogue, then the staff accounts (an admin and an officer per unit): every later domain's demo
    data refers to both."""
    await load_catalogue_demo(context)
    context["accounts"] = await create_demo_accounts(context["units"])
