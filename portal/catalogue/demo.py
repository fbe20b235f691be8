"""Demo catalogue: the units and services of a fictional kabupaten."""

from __future__ import annotations

from typing import Any

from portal.tables import Unit

DEMO_UNITS = [
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "dinas"),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas"),
    ("dinkes", "Dinas Kesehatan", "dinas"),
    ("disdik", "Dinas Pendidikan", "dinas"),
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas"),
    ("dishub", "Dinas Perhubungan", "dinas"),
    ("dlh", "Dinas Lingkungan Hidup", "dinas"),
    ("perumda-air-minum", "Perumda Air Minum Tirta Sukamaju", "bumd"),
    ("dinsos", "Dinas Sosial", "dinas"),
    ("satpolpp", "Satuan Polisi Pamong Praja", "badan"),
    ("disnaker", "Dinas Tenaga Kerja", "dinas"),
    ("inspektorat", "Inspektorat Daerah", "inspektorat"),
    ("puskesmas-sukamaju", "Puskesmas Sukamaju", "puskesmas"),
    ("rsud-sukamaju", "RSUD Sukamaju", "rsud"),
    ("kecamatan-sukamaju", "Kecamatan Sukamaju", "kecamatan"),
]


async def load_catalogue_demo(context: dict[str, Any]) -> None:
    units: dict[str, int] = {}
    for slug, name, unit_type in DEMO_UNITS:
        rows = await Unit.insert(
            Unit(slug=slug, name=f"{name} Kabupaten Sukamaju", unit_type=unit_type, parent_agency="Pemerintah Kabupaten Sukamaju")
        ).returning(Unit.id)
        units[slug] = rows[0]["id"]
    context["units"] = units
    context["services"] = {}
