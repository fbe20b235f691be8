"""Demo data of the evaluation_link domain, loaded by `portal demo` after the catalogue.

Assessments for 2026 (and 2025, to compare periods) for three units, with the portal's figures pulled
and some self-assessment (F-01) answers. No API tokens: those come only from `portal evaluation token`.
"""

from __future__ import annotations

from typing import Any

from evaluation_link import services

DEMO_UNITS = ("disdukcapil", "dpmptsp", "puskesmas-sukamaju")
DEMO_SELF_SCORES = {
    "disdukcapil": {10: (4, "Layanan Sabtu pagi dan jemput bola."), 11: (3, ""), 14: (5, ""), 16: (4, ""),
                    18: (3, "Kursi roda, ramp, loket prioritas."), 29: (4, "Inovasi antar akta ke rumah.")},
    "dpmptsp": {10: (3, ""), 12: (4, ""), 20: (4, ""), 23: (4, "Situs .go.id."), 30: (3, "")},
    "puskesmas-sukamaju": {14: (4, ""), 15: (2, ""), 17: (3, ""), 25: (2, "Kotak saran dan petugas khusus.")},
}


async def load_demo(context: dict[str, Any]) -> None:
    """context holds what earlier loaders created (e.g. context["units"] by slug)."""
    units = context.get("units", {})
    for slug in DEMO_UNITS:
        unit_id = units.get(slug)
        if unit_id is None:
            continue
        for year in (2025, 2026):
            assessment = await services.get_or_create_assessment(unit_id, year)
            await services.pull_portal_data(assessment["id"])
            answers = {no: services.ScoreInput(max(score - (2026 - year), 0), note)
                       for no, (score, note) in DEMO_SELF_SCORES[slug].items()}
            await services.save_self_assessment(assessment["id"], answers, {}, actor=None)
