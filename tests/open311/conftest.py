"""Open311 fixtures: a small catalogue, an API key, complaints in every state, a fake classifier."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ml.classifier import Prediction

BASE = "/open311/v2"
NOW = datetime.now(UTC)


class FakeClassifier:
    """Deterministic stand-in for the TF-IDF model: every text is about roads."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    async def predict(self, text: str) -> Prediction:
        self.texts.append(text)
        return Prediction(
            topic="jalan_jembatan", confidence=0.9, aspects=("sarana",), needs_triage=False, model_version="fake-1"
        )


@pytest.fixture
def classifier(app) -> FakeClassifier:
    fake = FakeClassifier()
    app.state["complaint_classifier"] = fake
    return fake


@pytest.fixture
async def catalogue(db) -> dict[str, Any]:
    from portal.tables import Service, Unit

    now = datetime.now(UTC)
    units = {}
    for slug, name, offset, published in (
        ("dinas-pupr", "Dinas Pekerjaan Umum", "+07:00", True),
        ("dinas-wita", "Dinas di Zona WITA", "+08:00", True),
        ("dinas-tertutup", "Dinas Belum Terbit", "+07:00", False),
    ):
        rows = await Unit.insert(
            Unit(slug=slug, name=name, utc_offset=offset, published=published, created_at=now, updated_at=now)
        ).returning(Unit.id)
        units[slug] = rows[0]["id"]
    services = {}
    for unit, slug, name, published, accepts in (
        ("dinas-pupr", "izin-bangunan", "Persetujuan Bangunan Gedung", True, True),
        ("dinas-pupr", "rahasia-internal", "Layanan Belum Terbit", False, True),
        ("dinas-pupr", "tanpa-pengaduan", "Layanan Tanpa Pengaduan", True, False),
        ("dinas-wita", "air-bersih", "Sambungan Air Bersih", True, True),
        ("dinas-tertutup", "layanan-x", "Layanan Unit Tertutup", True, True),
    ):
        rows = await Service.insert(
            Service(
                unit=units[unit],
                slug=slug,
                name=name,
                summary=f"Ringkasan {name}",
                published=published,
                accepts_complaints=accepts,
                created_at=now,
                updated_at=now,
            )
        ).returning(Service.id)
        services[f"{unit}.{slug}"] = rows[0]["id"]
    return {"units": units, "services": services}


@pytest.fixture
async def api_key(db) -> str:
    from complaints.open311.apikeys import create_key

    _, raw = await create_key("aplikasi-warga", rate_limit="100/minute")
    return raw


_counter = {"n": 0}


async def make_complaint(**fields: Any) -> str:
    """Insert a complaint directly (states the intake cannot produce); returns its tracking code."""
    from complaints.tables import Complaint
    from complaints.tracking_codes import new_tracking_code

    _counter["n"] += 1
    created = fields.pop("created_at", NOW - timedelta(days=1))
    values = dict(
        tracking_code=new_tracking_code(),
        status="in_progress",
        title="Jalan rusak",
        description="Jalan berlubang di depan pasar sejak sebulan.",
        topic="jalan_jembatan",
        created_at=created,
        updated_at=created + timedelta(hours=2),
        resolve_due_at=created + timedelta(days=60),
    )
    values.update(fields)
    [row] = await Complaint.insert(Complaint(**values)).returning(Complaint.id)
    await refresh_public_copy(row["id"])  # as every write path does (complaints.public_copy)
    return values["tracking_code"]


async def refresh_public_copy(complaint_id: int) -> None:
    from complaints.public_copy import refresh

    await refresh(complaint_id)


def parse_xml(response: Any) -> ET.Element:
    assert response.headers["content-type"].startswith("text/xml")
    assert response.text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)


def xml_records(root: ET.Element) -> list[dict[str, str | None]]:
    return [{child.tag: child.text for child in record} for record in root]
