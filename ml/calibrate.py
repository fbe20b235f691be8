"""Fit the temperature and choose the default triage threshold on real complaints.

    python -m ml.calibrate --data ../shared/data/purbalingga-complaints.csv --label-col kategori \\
        --label-map ml/label_maps/purbalingga.json [--write]

Only the *calibration* half of the rows (:func:`ml.calibration.calibration_split`) is used to fit the
temperature and to choose the threshold by the stated rule (the highest coverage whose routed accuracy
stays ≥ 0.90); the other half is only scored and reported. With ``--write`` the result goes to
``ml/calibration.json`` (or ``--output``): a few numbers and their provenance, no text. A deployment can
run the same on its officers' corrections (``portal ml export-corrections`` gives ``text,topic``; no
label map then).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import numpy as np

from ml.calibration import (
    CALIBRATION_FILE,
    MIN_ROUTED_ACCURACY,
    apply_temperature,
    calibration_split,
    choose_threshold,
    expected_calibration_error,
    fit_temperature,
    routing_figures,
)
from ml.classifier import ComplaintClassifier, load_or_train
from ml.evaluate import load_label_map, read_columns
from ml.normalize import normalize
from ml.taxonomy import FALLBACK_TOPIC


def _raw_proba(classifier: ComplaintClassifier, texts: list[str]) -> np.ndarray:
    return classifier.raw_proba_normalized([normalize(t) for t in texts])


def calibrate(
    classifier: ComplaintClassifier,
    texts: list[str],
    gold: list[str],
    label_map: dict[str, str | None] | None = None,
    *,
    min_accuracy: float = MIN_ROUTED_ACCURACY,
) -> dict[str, Any]:
    """Fit on the calibration half, report both halves; returns the figures and the parameters."""
    topics = list(classifier.topics)
    halves = [calibration_split(t) for t in texts]
    normalized = [normalize(t) for t in texts]
    raw = _raw_proba(classifier, texts)

    def correct_of(idx: np.ndarray, rows: np.ndarray) -> np.ndarray:
        predicted = [topics[j] for j in idx]
        if label_map is not None:
            predicted = [label_map.get(t) or "" for t in predicted]
        return np.array([p == gold[r] for p, r in zip(predicted, rows, strict=True)])

    def figures(rows: np.ndarray, temperature: float, threshold: float | None) -> dict[str, Any]:
        proba = apply_temperature(raw[rows], temperature)
        best = proba.argmax(axis=1)
        conf = proba.max(axis=1)
        hit = correct_of(best, rows)
        routable = np.array(
            [topics[j] != FALLBACK_TOPIC and bool(normalized[r]) for j, r in zip(best, rows, strict=True)]
        )
        chosen = choose_threshold(conf, hit, routable, min_accuracy) if threshold is None else None
        at = routing_figures(conf, hit, routable, threshold if threshold is not None else chosen["threshold"])
        return {
            "n": len(rows),
            "accuracy_top_topic": round(float(hit.mean()), 4),
            "mean_confidence": round(float(conf.mean()), 4),
            "ece": round(expected_calibration_error(conf, hit), 4),
            "threshold": at["threshold"],
            "coverage": round(at["coverage"], 4),
            "routed_accuracy": round(at["routed_accuracy"], 4),
            "rule_met": chosen["met"] if chosen else None,
        }

    cal_rows = np.array([i for i, h in enumerate(halves) if h == "calibration"])
    test_rows = np.array([i for i, h in enumerate(halves) if h == "test"])
    temperature = fit_temperature(raw[cal_rows], lambda idx: correct_of(idx, cal_rows))
    on_calibration = figures(cal_rows, temperature, None)
    threshold = on_calibration["threshold"]
    return {
        "temperature": round(temperature, 3),
        "threshold": threshold,
        "model_version": classifier.model_version,
        "calibration_half": on_calibration,
        "calibration_half_uncalibrated": figures(cal_rows, 1.0, classifier.triage_threshold),
        "test_half": figures(test_rows, temperature, threshold),
        "test_half_uncalibrated": figures(test_rows, 1.0, classifier.triage_threshold),
    }


@click.command()
@click.option("--data", "data_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--text-col", default="text", show_default=True)
@click.option("--label-col", default="topic", show_default=True)
@click.option("--label-map", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
@click.option("--model-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--min-routed-accuracy", type=click.FloatRange(0.5, 1.0), default=MIN_ROUTED_ACCURACY, show_default=True)
@click.option("--write", is_flag=True, help="Write the parameters to --output.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=CALIBRATION_FILE)
@click.option("--source", default="", help="Provenance note stored with the parameters.")
def main(
    data_path: Path,
    text_col: str,
    label_col: str,
    label_map: Path | None,
    model_dir: Path | None,
    min_routed_accuracy: float,
    write: bool,
    output: Path,
    source: str,
) -> None:
    """Fit the temperature and the default threshold on the calibration half of DATA."""
    texts, labels = read_columns(data_path, (text_col, label_col))
    mapping = load_label_map(label_map) if label_map else None
    classifier = load_or_train(model_dir)
    result = calibrate(classifier, texts, labels, mapping, min_accuracy=min_routed_accuracy)
    click.echo(json.dumps(result, indent=2))
    if write:
        payload = {
            "temperature": result["temperature"],
            "threshold": result["threshold"],
            "source": source or f"{data_path.name}, calibration half",
            "rule": f"lowest threshold (highest coverage) with routed accuracy >= {min_routed_accuracy:.2f} "
            "on the calibration half",
            "fitted_at": datetime.now(UTC).date().isoformat(),
            "fitted_on_model": result["model_version"],
            "calibration_half": result["calibration_half"],
        }
        output.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        click.echo(f"written to {output}")


if __name__ == "__main__":
    main()
