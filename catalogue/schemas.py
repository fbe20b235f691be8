"""JSON API response shapes (msgspec Structs): only published data and public components."""

from datetime import date
from typing import Any

import msgspec


class ComplaintChannel(msgspec.Struct):
    label: str
    value: str


class UnitOut(msgspec.Struct):
    id: int
    slug: str
    name: str
    unit_type: str
    address: str
    opening_hours: str
    phone: str
    email: str
    website: str
    complaint_channels: list[ComplaintChannel]
    url: str


class ServiceSummaryOut(msgspec.Struct):
    id: int
    slug: str
    name: str
    summary: str
    unit_slug: str
    unit_name: str
    fee_amount: int
    is_free: bool
    duration_value: int
    duration_unit: str
    effective_from: date
    url: str


class VersionOut(msgspec.Struct):
    version_no: int
    effective_from: date
    fee_amount: int
    change_note: str


class ServiceDetailOut(msgspec.Struct):
    id: int
    slug: str
    name: str
    summary: str
    unit_slug: str
    unit_name: str
    version_no: int
    effective_from: date
    requirements: list[str]
    procedure: list[str]
    duration_value: int
    duration_unit: str
    fee_amount: int
    is_free: bool
    fee_note: str
    fee_legal_basis: str
    product: str
    complaint_handling: str
    adopted_on: date | None
    decree_number: str
    reviewed_on: date | None
    accepts_complaints: bool
    url: str
    history: list[VersionOut]


class UnitPage(msgspec.Struct):
    items: list[UnitOut]
    page: int
    per_page: int
    total: int


class ServicePage(msgspec.Struct):
    items: list[ServiceSummaryOut]
    page: int
    per_page: int
    total: int


def unit_out(unit: dict[str, Any]) -> UnitOut:
    return UnitOut(
        id=unit["id"],
        slug=unit["slug"],
        name=unit["name"],
        unit_type=unit["unit_type"],
        address=unit["address"],
        opening_hours=unit["opening_hours"],
        phone=unit["phone"],
        email=unit["email"],
        website=unit["website"],
        complaint_channels=[
            ComplaintChannel(label=c.get("label", ""), value=c.get("value", ""))
            for c in unit["complaint_channels"] or []
        ],
        url=f"/unit/{unit['slug']}",
    )


def service_summary_out(service: dict[str, Any]) -> ServiceSummaryOut:
    version = service["current"]
    return ServiceSummaryOut(
        id=service["id"],
        slug=service["slug"],
        name=service["name"],
        summary=service["summary"],
        unit_slug=service["unit_slug"],
        unit_name=service["unit_name"],
        fee_amount=version["fee_amount"],
        is_free=version["fee_amount"] == 0,
        duration_value=version["duration_value"],
        duration_unit=version["duration_unit"],
        effective_from=version["effective_from"],
        url=f"/layanan/{service['unit_slug']}/{service['slug']}",
    )


def service_detail_out(service: dict[str, Any]) -> ServiceDetailOut:
    version = service["current"]
    return ServiceDetailOut(
        id=service["id"],
        slug=service["slug"],
        name=service["name"],
        summary=service["summary"],
        unit_slug=service["unit_slug"],
        unit_name=service["unit_name"],
        version_no=version["version_no"],
        effective_from=version["effective_from"],
        requirements=list(version["requirements"]),
        procedure=list(version["procedure"]),
        duration_value=version["duration_value"],
        duration_unit=version["duration_unit"],
        fee_amount=version["fee_amount"],
        is_free=version["fee_amount"] == 0,
        fee_note=version["fee_note"],
        fee_legal_basis=version["fee_legal_basis"],
        product=version["product"],
        complaint_handling=version["complaint_handling"],
        adopted_on=version["adopted_on"],
        decree_number=version["decree_number"],
        reviewed_on=version["reviewed_on"],
        accepts_complaints=service["accepts_complaints"],
        url=f"/layanan/{service['unit_slug']}/{service['slug']}",
        history=[
            VersionOut(
                version_no=v["version_no"],
                effective_from=v["effective_from"],
                fee_amount=v["fee_amount"],
                change_note=v["change_note"],
            )
            for v in service["versions"]
        ],
    )
