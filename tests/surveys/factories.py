"""Small builders for survey tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from portal.tables import Service
from surveys import queries
from surveys.questionnaire import STANDARD_CODES
from surveys.responses import ParsedResponse
from surveys.services import periods as period_service
from surveys.services.responses import record_response


async def make_service(unit_id: int, slug: str = "ktp-el", name: str = "Penerbitan KTP-el") -> int:
    rows = await Service.insert(Service(unit=unit_id, slug=slug, name=name, published=True)).returning(Service.id)
    return rows[0]["id"]


async def make_period(
    unit_id: int,
    *,
    population: int | None = 100,
    start: date = date(2026, 1, 1),
    end: date = date(2026, 12, 31),
    period_type: str = "year",
    **extra: Any,
) -> dict[str, Any]:
    period_id = await period_service.create_period(
        unit_id=unit_id, period_type=period_type, start=start, end=end, population=population, **extra
    )
    return await queries.get_period(period_id)


def answer_form(values: list[int] | int = 4, **extra: Any) -> dict[str, Any]:
    row = values if isinstance(values, list) else [values] * 9
    return {code: str(v) for code, v in zip(STANDARD_CODES, row, strict=True)} | extra


async def add_responses(
    period: dict[str, Any], rows: list[list[int]], service_id: int | None = None, channel: str = "paper"
) -> None:
    for row in rows:
        parsed = ParsedResponse(answers=dict(zip(STANDARD_CODES, row, strict=True)), service_id=service_id)
        await record_response(period, parsed, channel=channel)
