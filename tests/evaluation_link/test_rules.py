"""The rule registry (evaluation_link.rules): every auto rule of every instrument file is registered with
its source, and each entry scores like the scoring function of the same name."""

from __future__ import annotations

import pytest

from evaluation_link import rules, scoring
from evaluation_link.instrument import available_versions, load_instrument


@pytest.mark.parametrize("version", available_versions())
def test_every_auto_rule_of_an_instrument_is_registered_with_its_source(version: str) -> None:
    for indicator in load_instrument(version).indicators:
        if indicator.is_auto:
            assert indicator.rule in rules.RULES, f"{version} indicator {indicator.no}: {indicator.rule}"
            assert rules.RULES[indicator.rule].source == indicator.source


@pytest.mark.parametrize("name", sorted(rules.RULES))
def test_each_rule_scores_with_the_scoring_function_of_its_name(name: str) -> None:
    figure = {"available": True, "services": 2, "received": 4, "resolved": 3, "lapor_recorded": 4}
    assert rules.suggest(name, figure, {}) == getattr(scoring, name)(figure, {})


def test_skm_rules_leave_the_score_to_the_evaluator_while_the_surveys_domain_has_no_skm() -> None:
    for name in ("skm_done", "skm_media", "skm_rtl_pct", "skm_rtl_speed"):
        assert rules.suggest(name, {"available": False, "survey_done": True}).score is None


def test_an_indicator_with_an_unknown_rule_fails_loudly() -> None:
    indicator = load_instrument().indicator(1)
    with pytest.raises(KeyError, match="no figure builder"):
        rules.rule_of(type(indicator)(**{**{f: getattr(indicator, f) for f in indicator.__slots__}, "rule": "x"}))
