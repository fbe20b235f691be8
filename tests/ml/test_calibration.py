"""Calibration on real complaints: temperature, ECE, the stated threshold rule, and what evaluate reports."""

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from ml.calibration import (
    CALIBRATION_FILE,
    apply_temperature,
    choose_threshold,
    expected_calibration_error,
    fit_temperature,
    load_calibration,
    routing_figures,
)
from ml.classifier import DEFAULT_TRIAGE_THRESHOLD, ComplaintClassifier
from ml.cli import ml_group


def test_ece_of_ten_bins() -> None:
    # 0.95 confident and right half of the time: |0.5 - 0.95| = 0.45
    assert expected_calibration_error([0.95] * 4, [True, False, True, False]) == pytest.approx(0.45)
    # perfectly calibrated bins
    assert expected_calibration_error([0.25] * 4 + [0.75] * 4, [1, 0, 0, 0, 1, 1, 1, 0]) == pytest.approx(0.0)
    # two bins weighted by their size: 0.6 -> all right (0.4 gap), 0.9 -> all right (0.1 gap)
    assert expected_calibration_error([0.6, 0.9, 0.9, 0.9], [1, 1, 1, 1]) == pytest.approx(0.25 * 0.4 + 0.75 * 0.1)


def test_temperature_softens_without_changing_the_ranking() -> None:
    proba = np.array([[0.9, 0.08, 0.02], [0.5, 0.3, 0.2]])
    soft = apply_temperature(proba, 2.0)
    assert np.allclose(soft.sum(axis=1), 1.0)
    assert (soft.argmax(axis=1) == proba.argmax(axis=1)).all()
    assert (soft.max(axis=1) < proba.max(axis=1)).all()
    assert apply_temperature(proba, 1.0) is proba


def test_fitted_temperature_makes_an_overconfident_model_honest() -> None:
    rng = np.random.default_rng(0)
    n = 2000
    # top probability ~0.95 but right only ~70 % of the time
    top = rng.uniform(0.9, 0.99, n)
    proba = np.column_stack([top, (1 - top) / 2, (1 - top) / 2])
    right = rng.uniform(size=n) < 0.7
    before = expected_calibration_error(proba.max(axis=1), right)
    temperature = fit_temperature(proba, lambda idx: right)
    after = expected_calibration_error(apply_temperature(proba, temperature).max(axis=1), right)
    assert temperature > 1.5 and before > 0.2 and after < 0.05


def test_threshold_rule_is_the_highest_coverage_that_keeps_routed_accuracy() -> None:
    # 100 complaints; confidence i/100; the 40 most confident are right, then every other one
    confidence = [i / 100 for i in range(100)]
    correct = [i >= 60 or i % 2 == 0 for i in range(100)]
    routable = [True] * 100
    chosen = choose_threshold(confidence, correct, routable, min_accuracy=0.9)
    assert chosen["met"] and chosen["routed_accuracy"] >= 0.9
    lower = routing_figures(confidence, correct, routable, chosen["threshold"] - 0.01)
    assert lower["routed_accuracy"] < 0.9  # one step more coverage breaks the rule
    assert chosen["coverage"] == pytest.approx(1 - chosen["threshold"], abs=0.011)
    # nothing reaches the bar: route nothing automatically
    never = choose_threshold([0.9] * 50, [False] * 50, [True] * 50)
    assert not never["met"] and never["threshold"] == 1.0 and never["coverage"] == 0.0
    # complaints that cannot be routed (lainnya) never count as routed
    assert routing_figures([0.99, 0.99], [True, True], [False, True], 0.5)["coverage"] == 0.5


def test_shipped_calibration_is_documented_and_used_by_default(model_dir: Path) -> None:
    shipped = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    assert {"temperature", "threshold", "source", "rule"} <= set(shipped)
    assert "calibration half" in shipped["source"] and "routed accuracy >= 0.90" in shipped["rule"]
    calibration = load_calibration()
    assert calibration.threshold == DEFAULT_TRIAGE_THRESHOLD
    clf = ComplaintClassifier.load(model_dir)
    assert clf.triage_threshold == calibration.threshold
    raw = clf.raw_proba_normalized(["jalan desa rusak parah"])
    shown = clf.predict_proba_normalized(["jalan desa rusak parah"])
    assert np.allclose(shown, apply_temperature(raw, calibration.temperature))
    if calibration.temperature > 1:
        assert shown.max() < raw.max()  # the corpus-fitted confidence is softened for real text


def test_deployment_calibration_file_overrides_the_shipped_one(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "calibration.json"
    own.write_text(json.dumps({"temperature": 3.0, "threshold": 0.3, "source": "our corrections"}))
    monkeypatch.setenv("PORTAL_ML_CALIBRATION", str(own))
    clf = ComplaintClassifier.load(model_dir)
    assert clf.triage_threshold == 0.3 and clf.calibration.temperature == 3.0
    own.write_text(json.dumps({"temperature": 0.0, "threshold": 0.3}))
    with pytest.raises(ValueError, match="temperature"):
        ComplaintClassifier.load(model_dir)


def test_evaluate_json_reports_coverage_routed_accuracy_and_ece(model_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_text(
        "text,label\n"
        "jalan desa berlubang parah,jalan_jembatan\n"
        "lampu pju mati sebulan,penerangan_jalan\n"
        "ktp belum jadi tiga bulan,adminduk\n"
        "sampah menumpuk di tps bau,lingkungan_sampah\n"
        "tagihan pln naik terus,lainnya\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        ml_group,
        ["evaluate", "--json", "--data", str(data), "--model-dir", str(model_dir)],
        env={"PORTAL_TRIAGE_THRESHOLD": "0.2"},
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["threshold"] == 0.2
    assert 0 <= report["ece"] <= 1 and 0 < report["mean_confidence"] <= 1
    # 'lainnya' always goes to triage: at most 4 of 5 are routed, and these easy ones are right
    assert report["coverage"] == pytest.approx(0.8) and report["routed_accuracy"] == 1.0
    text = CliRunner().invoke(ml_group, ["evaluate", "--data", str(data), "--model-dir", str(model_dir)])
    assert "cakupan" in text.output and "ECE" in text.output  # the report in the help's language (Indonesian)
