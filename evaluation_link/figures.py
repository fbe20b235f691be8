"""Auto-filled indicators: gather the portal's facts for a unit and year, then build each indicator's
figure (plain values), the suggested score from the instrument's rule, and the evidence links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evaluation_link import scoring
from evaluation_link.instrument import Indicator, Instrument
from evaluation_link.period import Period
from evaluation_link.sources.catalogue import maklumat_facts, standards_facts, update_cadence, update_dates
from evaluation_link.sources.complaints import complaint_metrics
from evaluation_link.sources.surveys import skm_facts
from portal.i18n import _


@dataclass(frozen=True, slots=True)
class AutoResult:
    figure: dict[str, Any]
    evidence: list[dict[str, str]]
    suggestion: scoring.Suggestion


async def gather_facts(unit: Mapping[str, Any], year: int, instrument: Instrument) -> dict[str, Any]:
    """Every fact the auto rules need, with one query (or a few) per source."""
    period = Period(year)
    maklumat_params = next((i.params for i in instrument.indicators if i.rule == "maklumat"), {})
    days = await update_dates(unit["id"], period)
    return {
        "unit": dict(unit),
        "standards": await standards_facts(unit["id"], unit["slug"], bool(unit["published"]), period),
        "maklumat": await maklumat_facts(
            unit["id"], unit["slug"], bool(unit["published"]), period, maklumat_params.get("required_phrases")
        ),
        "updates": update_cadence(days, period.cutoff()),
        "complaints": await complaint_metrics(unit["id"], period),
        "skm": await skm_facts(unit["id"], year),
    }


def _service_links(standards: Mapping[str, Any]) -> list[dict[str, str]]:
    return [{"label": row["service"], "url": row["url"]} for row in standards.get("rows", [])]


def _standards_figure(standards: Mapping[str, Any]) -> dict[str, Any]:
    figure = {k: v for k, v in standards.items() if k != "rows"}
    figure["services_detail"] = [
        {
            k: row.get(k)
            for k in (
                "service",
                "version_no",
                "missing",
                "adopted_on",
                "decree_number",
                "reviewed_on",
                "unsur",
                "published",
            )
        }
        for row in standards.get("rows", [])
    ]
    return figure


def _complaint_links(unit: Mapping[str, Any], year: int) -> list[dict[str, str]]:
    base = f"/staf/pengaduan?unit_id={unit['id']}"
    return [
        {"label": _("Kotak masuk pengaduan unit"), "url": base},
        {"label": _("Pengaduan selesai"), "url": f"{base}&status=closed"},
        {"label": _("Papan pengaduan publik"), "url": "/pengaduan"},
    ]


def _channel_text(channel: Any) -> str:
    if isinstance(channel, Mapping):
        return " ".join(str(channel.get(k) or "") for k in ("label", "value", "kind")).lower()
    return str(channel).lower()


def channel_facts(unit: Mapping[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    texts = [_channel_text(c) for c in unit.get("complaint_channels") or []]
    offline = [t for t in texts if any(w in t for w in params.get("offline_words", []))]
    return {
        "channels": texts,
        "offline": bool(offline),
        "offline_separate": any(any(w in t for w in params.get("separate_words", [])) for t in offline),
        "online": bool(unit.get("published")),
    }


def build_auto(indicator: Indicator, facts: Mapping[str, Any], year: int) -> AutoResult:
    """The figure, evidence links and suggested score of one auto-filled indicator."""
    rule, params = indicator.rule or "", indicator.params
    unit, standards, complaints, skm = facts["unit"], facts["standards"], facts["complaints"], facts["skm"]
    evidence: list[dict[str, str]] = []
    if rule in {"sp_components", "sp_community", "sp_publication", "sp_review", "sipp_info"}:
        figure = _standards_figure(standards)
        evidence = _service_links(standards)
    elif rule == "maklumat":
        figure = dict(facts["maklumat"])
        if figure.get("exists"):
            evidence = [{"label": _("Maklumat di halaman unit"), "url": figure["url"]}]
    elif rule.startswith("skm_"):
        figure = dict(skm)
        evidence = [{"label": e.get("label", ""), "url": e.get("url", "")} for e in skm.get("evidence", [])]
        if not skm.get("available"):
            return AutoResult(figure, evidence, scoring.Suggestion(None, _("Data SKM dari portal belum tersedia.")))
    elif rule == "sipp_operational":
        figure = {
            "published": standards["published"],
            "lapor_recorded": complaints["lapor_recorded"],
            "survey_done": bool(skm.get("survey_done")),
        }
        evidence = _service_links(standards)[:5]
    elif rule == "sipp_updates":
        figure = dict(facts["updates"])
        evidence = [{"label": _("Halaman unit"), "url": f"/unit/{unit['slug']}"}]
    elif rule == "complaint_channels":
        figure = {**channel_facts(unit, params), "lapor_recorded": complaints["lapor_recorded"]}
        evidence = [{"label": _("Saluran pengaduan di halaman unit"), "url": f"/unit/{unit['slug']}"}]
    elif rule == "complaint_accountability":
        figure = {
            "received": complaints["received"],
            "archived": complaints["received"] > 0,
            "reported": None,
            "monitored": None,
            "followed_up": complaints["resolved"] > 0,
            "published": complaints["public_count"] > 0,
            "public_count": complaints["public_count"],
        }
        evidence = _complaint_links(unit, year)
    elif rule == "complaint_followup":
        figure = dict(complaints)
        evidence = _complaint_links(unit, year)
    else:
        raise KeyError(f"no figure builder for rule {rule!r}")
    return AutoResult(figure, evidence, scoring.suggest(rule, figure, params))


def response_speed_score(instrument: Instrument, complaints: Mapping[str, Any]) -> int | None:
    """Kode B response-speed score of the 90th-percentile first response (shown as a figure only)."""
    return scoring.response_speed_band(complaints["first_response"]["p90_hours"], instrument.response_speed_hours)
