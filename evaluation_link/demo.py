"""Demo data of the evaluation_link domain, loaded by `portal demo` after the catalogue.

Assessments for 2026 (in progress) and 2025 (locked by the evaluator, with recommendations and the
units' follow-up actions in every state: evaluation_link.follow_up_demo) for four units, with the
portal's figures pulled and some self-assessment (F-01) answers. No API tokens: those come only from
`portal evaluation token`.
"""

from __future__ import annotations

from typing import Any

from evaluation_link.follow_up_demo import load_follow_up_demo
from evaluation_link.services import assessments as services

DEMO_UNITS = ("disdukcapil", "dpmptsp", "puskesmas-sukamaju", "kecamatan-sukamaju")
DEMO_SELF_SCORES = {
    "disdukcapil": {
        10: (4, "Layanan Sabtu pagi dan jemput bola."),
        11: (3, ""),
        14: (5, ""),
        16: (4, ""),
        18: (3, "Kursi roda, ramp, loket prioritas."),
        29: (4, "Inovasi antar akta ke rumah."),
    },
    "dpmptsp": {10: (3, ""), 12: (4, ""), 20: (4, ""), 23: (4, "Situs .go.id."), 30: (3, "")},
    "puskesmas-sukamaju": {14: (4, ""), 15: (2, ""), 17: (3, ""), 25: (2, "Kotak saran dan petugas khusus.")},
    "kecamatan-sukamaju": {10: (3, ""), 16: (3, "Ruang tunggu 20 kursi."), 18: (2, ""), 20: (3, "")},
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
            answers = {
                no: services.ScoreInput(max(score - (2026 - year), 0), note)
                for no, (score, note) in DEMO_SELF_SCORES[slug].items()
            }
            await services.save_self_assessment(assessment["id"], answers, {}, actor=None)
    await load_follow_up_demo({slug: units[slug] for slug in DEMO_UNITS if slug in units})
