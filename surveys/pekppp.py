"""Inputs for PEKPPP indicators 6–9 (SKM done per the Permen, publication media, RTL completion and speed).

Conventions (see docs/skm.md):
* "ikm"/"mutu" pool every response of the unit's periods that start in `year` (9 standard unsur,
  weights per PORTAL_SKM_WEIGHTING unless all periods share custom weights).
* "per_regulation": the 9 unsur on the 1–4 scale (always so in this portal) and at least one period
  of the year whose responses reach the Krejcie–Morgan sample for its population.
* "report_date": the latest report date of the year's periods; "months_to_complete_all": when every
  RTL item of the year is done, the slowest period's months from its report date to its last completion.
"""

from __future__ import annotations

from typing import Any

from portal.settings import get_settings
from portal.tables import Unit
from surveys import formula
from surveys.followup import completion
from surveys.queries import actions_for, counted_responses, media_for, mode_counts
from surveys.questionnaire import MEDIA
from surveys.results import combined_result
from surveys.tables import SurveyPeriod


async def pekppp_inputs(unit_id: int, year: int) -> dict:
    unit = await Unit.select(Unit.slug).where(Unit.id == unit_id).first()
    periods = (
        await SurveyPeriod.select()
        .where((SurveyPeriod.unit == unit_id) & (SurveyPeriod.year == year) & (SurveyPeriod.kind == "skm"))
        .order_by(SurveyPeriod.start_date)
        .output(load_json=True)
    )
    counts = {p["id"]: await counted_responses(p["id"]) for p in periods}
    modes = await mode_counts([p["id"] for p in periods])
    answered = [p for p in periods if counts[p["id"]]]
    adequate = any(p["population"] and counts[p["id"]] >= formula.krejcie_morgan(p["population"]) for p in answered)
    result = await combined_result(answered, with_services=False) if answered else None
    actions = await actions_for([p["id"] for p in periods])
    report_dates = [p["report_date"] for p in periods if p["report_date"]]
    summary = completion(actions, max(report_dates) if report_dates else None)
    months = _slowest_months(periods, actions) if summary["total"] and summary["done"] == summary["total"] else None
    labels = dict(MEDIA)
    media = []
    for row in await media_for([p["id"] for p in periods]):
        label = labels.get(row["medium"], row["medium"])
        if label not in media:
            media.append(label)
    published = [p for p in periods if p["published"]]
    return {
        "survey_done": bool(answered),
        "per_regulation": bool(answered) and adequate,
        "ikm": float(result.konversi) if result and result.konversi is not None else None,
        "mutu": result.mutu[0] if result and result.mutu else None,
        "responses": sum(counts.values()),
        # How the counted responses came in (receipt code, complaint invitation, open, paper) and how
        # many are held in a quarantine (left out of every figure).
        "responses_by_mode": modes["modes"],
        "responses_held": modes["held"],
        "required_sample": result.required_sample if result else None,
        "published_portal": bool(published),
        "other_media": media,
        "report_date": max(report_dates) if report_dates else None,
        "rtl_total": summary["total"],
        "rtl_done": summary["done"],
        "rtl_completion_pct": summary["pct"],
        "months_to_complete_all": months,
        "evidence": _evidence(unit["slug"] if unit else "", published),
    }


def _slowest_months(periods: list[dict[str, Any]], actions: list[dict[str, Any]]) -> float | None:
    slowest: float | None = None
    for period in periods:
        own = [a for a in actions if a["period"] == period["id"]]
        if not own:
            continue
        if period["report_date"] is None:
            return None
        months = completion(own, period["report_date"])["months_to_complete_all"]
        if months is None:
            return None
        slowest = months if slowest is None else max(slowest, months)
    return slowest


def _evidence(slug: str, published: list[dict[str, Any]]) -> list[dict[str, str]]:
    if not published or not slug:
        return []
    base = get_settings().base_url.rstrip("/")
    latest = published[-1]
    page = f"{base}/survei/hasil/{slug}?periode={latest['id']}"
    return [
        {"label": "Halaman hasil SKM", "url": page},
        {"label": "Laporan SKM (PDF)", "url": f"{base}/survei/hasil/{slug}/{latest['id']}.pdf"},
        {"label": "Rencana tindak lanjut", "url": f"{page}#rtl-title"},
    ]


__all__ = ["pekppp_inputs"]
