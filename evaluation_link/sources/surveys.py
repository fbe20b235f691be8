"""SKM facts from the surveys domain's published read (`surveys.pekppp.pekppp_inputs`)."""

from __future__ import annotations

from typing import Any

from surveys.pekppp import pekppp_inputs

EMPTY_SKM: dict[str, Any] = {
    "available": False,
    "survey_done": False,
    "per_regulation": False,
    "published_portal": False,
    "other_media": [],
    "rtl_total": 0,
    "rtl_done": 0,
    "rtl_completion_pct": None,
    "months_to_complete_all": None,
    "evidence": [],
}


async def skm_facts(unit_id: int, year: int) -> dict[str, Any]:
    inputs = await pekppp_inputs(unit_id, year)
    return {**EMPTY_SKM, **inputs, "available": True}
