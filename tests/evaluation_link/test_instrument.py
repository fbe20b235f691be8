"""The instrument is data: the F-02 Kode A file is complete, and another version needs no code."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from evaluation_link import instrument as instrument_module
from evaluation_link import scoring
from evaluation_link.instrument import INSTRUMENT_DIR, InstrumentError, load_instrument, parse_instrument

RAW = json.loads((INSTRUMENT_DIR / "pekppp-2023-f02-kode-a.json").read_text(encoding="utf-8"))


def test_kode_a_has_the_six_weighted_aspects_and_31_indicators_with_evidence():
    kode_a = load_instrument()
    assert {a.code: a.weight for a in kode_a.scored_aspects} == {
        "a": 0.24,
        "b": 0.25,
        "c": 0.18,
        "d": 0.11,
        "e": 0.10,
        "f": 0.12,
    }
    assert len(kode_a.indicators) == 31
    assert all(len(i.levels) == 6 and i.evidence and i.status for i in kode_a.indicators)
    assert kode_a.indicator(28).weight == 0.30 and kode_a.indicator(28).rule == "complaint_followup"
    assert [b.category for b in kode_a.bands] == ["A", "A-", "B", "B-", "C", "C-", "D", "E", "F"]
    assert kode_a.combination_status == "unconfirmed" and (kode_a.evaluator_weight, kode_a.users_weight) == (0.75, 0.25)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["indicators"][0].update(weight=0.5),  # in-aspect weights no longer sum to 1
        lambda d: d["aspects"][0].update(weight=0.5),  # aspect weights no longer sum to 1
        lambda d: d["indicators"][0]["levels"].pop(),  # a level text is missing
        lambda d: d["indicators"][0].update(aspect="z"),  # unknown aspect
        lambda d: d["indicators"][1].update(no=1),  # duplicate number
    ],
)
def test_a_malformed_definition_is_refused(mutate):
    data = copy.deepcopy(RAW)
    mutate(data)
    with pytest.raises(InstrumentError):
        parse_instrument(data)


def test_another_version_is_a_new_file_with_its_own_weights_and_thresholds(tmp_path, monkeypatch):
    data = copy.deepcopy(RAW)
    data["version"] = "pekppp-2099-uji"
    data["combination"]["evaluator_weight"], data["combination"]["users_weight"] = 0.6, 0.4
    for item in data["indicators"]:
        if item["no"] == 28:
            item["auto"]["params"]["lapor_high"] = 0.95
    for name in ("pekppp-2023-f02-kode-a.json",):
        (tmp_path / name).write_text(json.dumps(RAW), encoding="utf-8")
    (tmp_path / "pekppp-2099-uji.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(instrument_module, "INSTRUMENT_DIR", tmp_path)
    load_instrument.cache_clear()
    try:
        assert instrument_module.available_versions() == ["pekppp-2023-f02-kode-a", "pekppp-2099-uji"]
        new = load_instrument("pekppp-2099-uji")
        figure = {"received": 100, "resolved": 92, "lapor_recorded": 100, "lapor_resolved": 92}
        assert scoring.complaint_followup(figure, new.indicator(28).params).score == 4  # 92 % < 95 %
        assert scoring.complaint_followup(figure, load_instrument().indicator(28).params).score == 5
        fours = {i.no: 4 for i in new.indicators}
        assert scoring.compute_index(new, fours, f03=5).combined == Decimal("4.40")
        with pytest.raises(InstrumentError):
            load_instrument("tidak-ada")
    finally:
        load_instrument.cache_clear()
