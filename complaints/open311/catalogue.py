"""Service codes and their attributes (GeoReport "services" and "service definitions").

Codes: `<unit_slug>.<service_slug>` for every published service that accepts complaints, and
`topik.<topic>` (ml.taxonomy.TOPICS) for complaints not tied to one service. Service codes never
contain "_" in the unit part and topic codes always start with "topik.", so the two never collide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from complaints.open311.errors import Open311Error
from complaints.open311.params import parse_datetime
from complaints.tables import KINDS, ComplaintKind
from ml.taxonomy import ASPECTS, TOPICS
from portal.tables import Service

TOPIC_PREFIX = "topik."
KIND_NAMES = {
    ComplaintKind.pengaduan: "Pengaduan (complaint)",
    ComplaintKind.aspirasi: "Aspirasi (suggestion)",
    ComplaintKind.permintaan_informasi: "Permintaan informasi (information request)",
}


@dataclass(frozen=True)
class ServiceCode:
    code: str
    name: str
    description: str
    group: str
    keywords: str
    service_id: int | None = None
    unit_id: int | None = None
    topic: str | None = None

    @property
    def is_topic(self) -> bool:
        return self.topic is not None


def _attribute(
    code: str,
    datatype: str,
    order: int,
    description: str,
    *,
    required: bool = False,
    datatype_description: str | None = None,
    values: list[dict[str, str]] | None = None,
) -> dict:
    """Keys in the order of the spec's example."""
    attribute: dict[str, Any] = {
        "variable": True,
        "code": code,
        "datatype": datatype,
        "required": required,
        "datatype_description": datatype_description,
        "order": order,
        "description": description,
    }
    if values is not None:
        attribute["values"] = values
    return attribute


SERVICE_ATTRIBUTES = [
    _attribute("nomor_berkas", "string", 1, "Application, receipt or queue number, if any"),
    _attribute(
        "tanggal_layanan",
        "datetime",
        2,
        "When the service was received",
        datatype_description="ISO 8601, e.g. 2026-11-20T09:30:00+07:00; not in the future",
    ),
    _attribute(
        "biaya_dibayar",
        "number",
        3,
        "Amount actually paid for the service, in rupiah",
        datatype_description="A whole number of rupiah, 0 or more",
    ),
    _attribute(
        "aspek",
        "multivaluelist",
        4,
        "Which parts of the service standard were not met",
        values=[{"key": key, "name": label["id"]} for key, label in ASPECTS.items()],
    ),
]
TOPIC_ATTRIBUTES = [
    _attribute(
        "jenis",
        "singlevaluelist",
        1,
        "Kind of report",
        required=True,
        values=[{"key": key, "name": KIND_NAMES[ComplaintKind(key)]} for key in KINDS],
    ),
    _attribute("patokan", "text", 2, "Landmark or directions to the location"),
]


def topic_codes() -> list[ServiceCode]:
    return [
        ServiceCode(
            code=f"{TOPIC_PREFIX}{topic}",
            name=labels["id"],
            description=f"Reports about: {labels['en']} (not tied to one service; the portal routes them)",
            group="Topik",
            keywords=", ".join(dict.fromkeys([topic.replace("_", " "), labels["en"].lower()])),
            topic=topic,
        )
        for topic, labels in TOPICS.items()
    ]


async def service_codes() -> list[ServiceCode]:
    rows = (
        await Service.select(
            Service.id,
            Service.slug,
            Service.name,
            Service.summary,
            Service.unit,
            Service.unit.slug,
            Service.unit.name,
        )
        .where(Service.published.eq(True) & Service.accepts_complaints.eq(True) & Service.unit.published.eq(True))
        .order_by(Service.unit.name)
        .order_by(Service.name)
    )
    return [
        ServiceCode(
            code=f"{row['unit.slug']}.{row['slug']}",
            name=row["name"],
            description=row["summary"] or row["name"],
            group=row["unit.name"],
            keywords=row["slug"].replace("-", " "),
            service_id=row["id"],
            unit_id=row["unit"],
        )
        for row in rows
    ]


async def all_codes() -> list[ServiceCode]:
    return [*await service_codes(), *topic_codes()]


async def find(code: str) -> ServiceCode | None:
    if code.startswith(TOPIC_PREFIX):
        return next((entry for entry in topic_codes() if entry.code == code), None)
    unit_slug, dot, service_slug = code.partition(".")
    if not dot:
        return None
    return next((entry for entry in await service_codes() if entry.code == f"{unit_slug}.{service_slug}"), None)


def service_json(entry: ServiceCode) -> dict[str, Any]:
    return {
        "service_code": entry.code,
        "service_name": entry.name,
        "description": entry.description,
        "metadata": True,
        "type": "realtime",
        "keywords": entry.keywords,
        "group": entry.group,
    }


def attributes_of(entry: ServiceCode) -> list[dict[str, Any]]:
    return TOPIC_ATTRIBUTES if entry.is_topic else SERVICE_ATTRIBUTES


def definition_json(entry: ServiceCode) -> dict[str, Any]:
    return {"service_code": entry.code, "attributes": attributes_of(entry)}


def check_attributes(entry: ServiceCode, given: dict[str, list[str]], default_offset: timezone) -> dict[str, Any]:
    """Validate attribute[CODE] values against the definition; returns code -> typed value.

    Unknown attribute codes are ignored (clients may send attributes of other services).
    """
    cleaned: dict[str, Any] = {}
    for attribute in attributes_of(entry):
        code, datatype = attribute["code"], attribute["datatype"]
        values = given.get(code, [])
        if not values:
            if attribute["required"]:
                raise Open311Error(400, f"attribute[{code}] is required for service_code {entry.code}")
            continue
        if datatype != "multivaluelist" and len(values) > 1:
            raise Open311Error(400, f"attribute[{code}] takes one value")
        cleaned[code] = _typed(code, datatype, values, attribute.get("values"), default_offset)
    return cleaned


def _typed(code: str, datatype: str, values: list[str], choices: list[dict] | None, default_offset: timezone) -> Any:
    name = f"attribute[{code}]"
    if datatype in ("string", "text"):
        limit = 200 if datatype == "string" else 1000
        if len(values[0]) > limit:
            raise Open311Error(400, f"{name} may have at most {limit} characters")
        return values[0]
    if datatype == "number":
        try:
            number = float(values[0])
        except ValueError:
            raise Open311Error(400, f"{name} must be a number") from None
        if not (0 <= number <= 1_000_000_000) or number != int(number):
            raise Open311Error(400, f"{name} must be a whole number between 0 and 1000000000")
        return int(number)
    if datatype == "datetime":
        moment = parse_datetime(values[0], name, default_offset)
        if moment > datetime.now(moment.tzinfo):
            raise Open311Error(400, f"{name} must not be in the future")
        return moment
    keys = [str(choice["key"]) for choice in choices or []]
    unknown = [value for value in values if value not in keys]
    if unknown:
        raise Open311Error(400, f"{name} must be one of: {', '.join(keys)}")
    return values[0] if datatype == "singlevaluelist" else list(dict.fromkeys(values))
