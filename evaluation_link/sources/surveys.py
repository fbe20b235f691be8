"""SKM facts from the surveys domain (`surveys.pekppp.pekppp_inputs`), imported lazily.

Until the surveys domain provides it, the figures say "not available" and the SKM indicators get no
suggestion (the evaluator scores them from the unit's evidence).
"""

from __future__ import annotations

import importlib
from typing import Any

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
    try:
        module = importlib.import_module("surveys.pekppp")
    except ModuleNotFoundError as exc:
        if exc.name not in ("surveys.pekppp", "surveys"):
            raise
        return dict(EMPTY_SKM)
    inputs = await module.pekppp_inputs(unit_id, year)
    return {**EMPTY_SKM, **inputs, "available": True}
