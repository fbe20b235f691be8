"""Auto-filled indicators: gather the portal's facts for a unit and year (`gather_facts`), and the figure
builders: each turns the facts into one indicator's figure (plain values) and evidence links. Which
rule uses which builder and scorer is the registry in evaluation_link.rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from evaluation_link import scoring
from evaluation_link.instrument import Instrument
from evaluation_link.period import Period
from evaluation_link.sources.catalogue import maklumat_facts, standards_facts, update_cadence, update_dates
from evaluation_link.sources.complaints import complaint_metrics
from evaluation_link.sources.surveys import skm_facts
from portal.i18n import _

Figure = tuple[dict[str, Any], list[dict[str, str]]]  # (figure, evidence links)


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
        "year": year,
        "response_speed_hours": instrument.response_speed_hours,
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


# --- figure builders: (facts, params) -> (figure, evidence) ----------------------------------------


def standards(facts: Mapping[str, Any], params: Mapping[str, Any]) -> Figure:
    """1.a–4.a, 21.d: the unit's Standar Pelayanan, one evidence link per service."""
    return _standards_figure(facts["standards"]), _service_links(facts["standards"])


def maklumat(facts: Mapping[str, Any], params: Mapping[str, Any]) -> Figure:
    figure = dict(facts["maklumat"])
    evidence = [{"label": _("Maklumat di halaman unit"), "url": figure["url"]}] if figure.get("exists") else []
    return figure, evidence


def skm(facts: Mapping[str, Any], params: Mapping[str, Any]) -> Figure:
    """6.a–9.a: the surveys domain's SKM facts (`available` is False when it has none)."""
    skm = facts["skm"]
    return dict(skm), [{"label": e.get("label", ""), "url": e.get("url", "")} for e in skm.get("evidence", [])]


def sipp_operational(facts: Mapping[str, Any], params: Mapping[str, Any]) -> Figure:
    standards = facts["standards"]
    figure = {
        "published": standards["published"],
        "lapor_recorded": facts["complaints"]["lapor_recorded"],
        "survey_done": bool(facts["skm"].get("survey_done")),
    }
    return figure, _service_links(standards)[:5]


def sipp_updates(facts: Mapping[str, Any], params: Mapping[str, Any]) -> Figure:
    return dict(facts["updates"]), [{"label": _("Halaman unit"), "url": f"/unit/{facts['unit']['slug']}"}]


def complaint_channels(facts: Mapping[str, Any], params: Mapping[str, Any]) -> Figure:
    unit = facts["unit"]
    figure = {**channel_facts(unit, params), "lapor_recorded": facts["complaints"]["lapor_recorded"]}
    return figure, [{"label": _("Saluran pengaduan di halaman unit"), "url": f"/unit/{unit['slug']}"}]


def complaint_accountability(facts: Mapping[str, Any], params: Mapping[str, Any]) -> Figure:
    complaints = facts["complaints"]
    figure = {
        "received": complaints["received"],
        "archived": complaints["received"] > 0,
        "reported": None,
        "monitored": None,
        "followed_up": complaints["resolved"] > 0,
        "published": complaints["public_count"] > 0,
        "public_count": complaints["public_count"],
    }
    return figure, _complaint_links(facts["unit"], facts["year"])


def complaint_followup(facts: Mapping[str, Any], params: Mapping[str, Any]) -> Figure:
    """28.e: the complaint metrics, plus the Kode B response-speed score (a figure only, never scored)."""
    complaints = facts["complaints"]
    figure = dict(complaints)
    figure["kode_b_speed_score"] = scoring.response_speed_band(
        complaints["first_response"]["p90_hours"], facts["response_speed_hours"]
    )
    return figure, _complaint_links(facts["unit"], facts["year"])
