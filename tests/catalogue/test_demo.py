"""The demo catalogue (catalogue/demo_data/*.json) loads the same Kabupaten Sukamaju as before."""

from __future__ import annotations

from datetime import date

from catalogue import queries
from catalogue.demo import load_catalogue_demo
from portal.tables import Maklumat, Service, ServiceVersion, Unit


async def test_demo_catalogue_has_its_units_services_and_standards(db: None) -> None:
    context: dict = {}
    await load_catalogue_demo(context)

    assert await Unit.count() == 15 == len(context["units"])
    assert await Maklumat.count() == 15
    assert await Service.count() == 50 == len(context["services"])
    assert await ServiceVersion.count() == 53  # three services changed their fee once
    assert len({row["unit_type"] for row in await Unit.select(Unit.unit_type)}) == 7

    service = await queries.get_service(unit_slug="disdukcapil", slug="akta-kelahiran", today=date(2026, 1, 1))
    assert service["name"] == "Penerbitan akta kelahiran"
    assert service["unit_name"] == "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sukamaju"
    version = service["current"]
    assert version["fee_amount"] == 0
    assert (version["duration_value"], version["duration_unit"]) == (1, "working_days")
    assert version["effective_from"] == date(2025, 1, 2)
    assert version["requirements"][0] == "Surat keterangan lahir dari dokter, bidan, atau kepala desa"
    assert version["fee_legal_basis"].startswith("UU No. 24 Tahun 2013")
    assert version["facilities"].startswith("Ruang tunggu ber-AC")

    unit = await queries.get_unit("disdukcapil")
    assert unit["email"] == "disdukcapil@sukamajukab.go.id"
    assert unit["complaint_channels"][-1] == {"label": "Portal pengaduan", "value": "/pengaduan/baru"}
    maklumat = await queries.current_maklumat(unit["id"])
    assert maklumat["signed_by"] == "Drs. Agus Setiawan, M.Si."
