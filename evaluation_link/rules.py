"""The PEKPPP rule registry: every auto-filled indicator's rule (the `auto.rule` of an instrument file)
is one entry here, naming the facts it reads, the figure builder (evaluation_link.figures) and the
scorer (evaluation_link.scoring) that turns the figure into the suggested score.

Adding an auto-filled indicator: its entry in the instrument file(s) in evaluation_link/instruments/
(`auto: {rule, source, params}`) and, for a new rule, one entry in RULES (with its builder in figures.py
and its scorer in scoring.py when no existing one fits). tests/evaluation_link/test_rules.py checks that
every rule an instrument names is registered here with the same source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from evaluation_link import figures, scoring
from evaluation_link.instrument import Indicator
from evaluation_link.scoring import Suggestion
from portal.i18n import _

FigureBuilder = Callable[[Mapping[str, Any], Mapping[str, Any]], figures.Figure]
Scorer = Callable[[Mapping[str, Any], Mapping[str, Any] | None], Suggestion]


@dataclass(frozen=True, slots=True)
class Rule:
    source: str  # the facts it reads: "standards" (catalogue), "surveys" (SKM) or "complaints"
    figure: FigureBuilder
    score: Scorer


@dataclass(frozen=True, slots=True)
class AutoResult:
    figure: dict[str, Any]
    evidence: list[dict[str, str]]
    suggestion: Suggestion


def needs_skm(scorer: Scorer) -> Scorer:
    """SKM rules score nothing while the surveys domain has no SKM for the unit-year."""

    def score(figure: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
        if not figure.get("available"):
            return Suggestion(None, _("Data SKM dari portal belum tersedia."))
        return scorer(figure, params)

    return score


RULES: dict[str, Rule] = {
    "sp_components": Rule("standards", figures.standards, scoring.sp_components),  # 1.a
    "sp_community": Rule("standards", figures.standards, scoring.sp_community),  # 2.a
    "sp_publication": Rule("standards", figures.standards, scoring.sp_publication),  # 3.a
    "sp_review": Rule("standards", figures.standards, scoring.sp_review),  # 4.a
    "maklumat": Rule("standards", figures.maklumat, scoring.maklumat),  # 5.a
    "skm_done": Rule("surveys", figures.skm, needs_skm(scoring.skm_done)),  # 6.a
    "skm_media": Rule("surveys", figures.skm, needs_skm(scoring.skm_media)),  # 7.a
    "skm_rtl_pct": Rule("surveys", figures.skm, needs_skm(scoring.skm_rtl_pct)),  # 8.a
    "skm_rtl_speed": Rule("surveys", figures.skm, needs_skm(scoring.skm_rtl_speed)),  # 9.a
    "sipp_info": Rule("standards", figures.standards, scoring.sipp_info),  # 21.d
    "sipp_operational": Rule("standards", figures.sipp_operational, scoring.sipp_operational),  # 22.d
    "sipp_updates": Rule("standards", figures.sipp_updates, scoring.sipp_updates),  # 24.d
    "complaint_channels": Rule("complaints", figures.complaint_channels, scoring.complaint_channels),  # 26.e
    "complaint_accountability": Rule(
        "complaints", figures.complaint_accountability, scoring.complaint_accountability
    ),  # 27.e
    "complaint_followup": Rule("complaints", figures.complaint_followup, scoring.complaint_followup),  # 28.e
}


def rule_of(indicator: Indicator) -> Rule:
    try:
        return RULES[indicator.rule or ""]
    except KeyError:
        raise KeyError(f"no figure builder for rule {indicator.rule!r}") from None


def suggest(rule: str, figure: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    return RULES[rule].score(figure, params)


def build_auto(indicator: Indicator, facts: Mapping[str, Any], year: int) -> AutoResult:
    """The figure, evidence links and suggested score of one auto-filled indicator.

    `facts` come from figures.gather_facts for the same unit and year."""
    rule = rule_of(indicator)
    figure, evidence = rule.figure(facts, indicator.params)
    return AutoResult(figure, evidence, rule.score(figure, indicator.params))
