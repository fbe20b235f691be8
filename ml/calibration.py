"""Confidence calibration and the triage threshold, fitted on real complaints (not on the corpus).

The topic model's probabilities come from a sigmoid calibration fitted on the generated corpus, where
the model is right 99 % of the time; on real complaints it is right far less often, so its confidence
is too high. A single **temperature** ``T`` softens the probability vector (``p_i ** (1/T)``,
renormalised): the ranking of topics and of complaints by confidence is unchanged, only the numbers
become honest. ``T`` and the default triage threshold ship in ``ml/calibration.json`` (a few numbers,
no text), fitted by ``python -m ml.calibrate`` on data that looks like what the portal will see (the
calibration half of real complaints) and documented there and in docs/ml.md. A deployment can fit its
own on its officers' corrections and point ``PORTAL_ML_CALIBRATION`` at the file; the learning loop
(``ml.loop``) fits one for each model it trains once enough held-out corrections exist and stores it in
the model's metadata, which then takes precedence.

Pure NumPy: no web framework, no database.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ml.taxonomy import FALLBACK_TOPIC

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
ENV_CALIBRATION = "PORTAL_ML_CALIBRATION"
ECE_BINS = 10
MIN_ROUTED_ACCURACY = 0.90
# Fewer routed complaints than this make a routed accuracy too noisy to choose a threshold on.
MIN_ROUTED = 30
TEMPERATURE_GRID = tuple(round(float(t), 3) for t in np.exp(np.linspace(np.log(0.5), np.log(20.0), 121)))


@dataclass(frozen=True)
class Calibration:
    """Temperature applied to the topic probabilities and the default triage threshold."""

    temperature: float = 1.0
    threshold: float = 0.45
    source: str = "uncalibrated"

    def as_dict(self) -> dict[str, Any]:
        return {"temperature": self.temperature, "threshold": self.threshold, "source": self.source}


def calibration_from_dict(raw: Any) -> Calibration:
    if not isinstance(raw, dict):
        raise ValueError("calibration must be a JSON object")
    temperature = float(raw.get("temperature", 1.0))
    threshold = float(raw.get("threshold", 0.45))
    if not 0.05 <= temperature <= 100.0:
        raise ValueError(f"temperature {temperature} out of range")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold {threshold} out of range")
    return Calibration(temperature=temperature, threshold=threshold, source=str(raw.get("source", "")))


def load_calibration(path: str | os.PathLike[str] | None = None) -> Calibration:
    """The file at ``path``, else ``$PORTAL_ML_CALIBRATION``, else the shipped ``ml/calibration.json``."""
    chosen = Path(path or os.environ.get(ENV_CALIBRATION) or CALIBRATION_FILE)
    return calibration_from_dict(json.loads(chosen.read_text(encoding="utf-8")))


def apply_temperature(proba: np.ndarray, temperature: float) -> np.ndarray:
    """``p ** (1/T)`` per row, renormalised (softmax of log-probabilities divided by T)."""
    if temperature == 1.0:
        return proba
    logp = np.log(np.clip(proba, 1e-12, 1.0)) / temperature
    logp -= logp.max(axis=1, keepdims=True)
    out = np.exp(logp)
    out /= out.sum(axis=1, keepdims=True)
    return out


def top_confidence(proba: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(index of the top topic, its probability) per row."""
    best = proba.argmax(axis=1)
    return best, proba[np.arange(len(proba)), best]


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool], bins: int = ECE_BINS) -> float:
    """ECE with ``bins`` equal-width confidence bins: Σ (n_bin / n) · |accuracy_bin − mean confidence_bin|."""
    conf = np.asarray(confidence, dtype=float)
    hit = np.asarray(correct, dtype=float)
    if conf.size == 0:
        return 0.0
    # bin k holds (k/bins, (k+1)/bins]; confidence 0 goes to the first bin
    index = np.clip(np.ceil(conf * bins).astype(int) - 1, 0, bins - 1)
    total = 0.0
    for k in range(bins):
        mask = index == k
        if mask.any():
            total += mask.sum() / conf.size * abs(hit[mask].mean() - conf[mask].mean())
    return float(total)


def routing_figures(
    confidence: Sequence[float], correct: Sequence[bool], routable: Sequence[bool], threshold: float
) -> dict[str, float]:
    """``coverage`` (share routed automatically: routable and confidence ≥ threshold) and the
    ``routed_accuracy`` of those (1.0 when nothing is routed)."""
    conf = np.asarray(confidence, dtype=float)
    hit = np.asarray(correct, dtype=bool)
    routed = np.asarray(routable, dtype=bool) & (conf >= threshold)
    n = max(len(conf), 1)
    return {
        "threshold": float(threshold),
        "coverage": float(routed.sum() / n),
        "routed_accuracy": float(hit[routed].mean()) if routed.any() else 1.0,
        "routed": int(routed.sum()),
    }


def choose_threshold(
    confidence: Sequence[float],
    correct: Sequence[bool],
    routable: Sequence[bool],
    min_accuracy: float = MIN_ROUTED_ACCURACY,
    min_routed: int = MIN_ROUTED,
) -> dict[str, float]:
    """The stated rule: the lowest threshold (= highest coverage) whose routed accuracy is still
    ≥ ``min_accuracy``, among thresholds that route at least ``min_routed`` complaints. Thresholds are
    rounded to 0.01 (the figure an administrator would type). When no threshold qualifies, 1.0 (route
    nothing automatically) is returned with ``met: False``."""
    best: dict[str, float] | None = None
    for t in np.round(np.arange(0.0, 1.0001, 0.01), 2):
        figures = routing_figures(confidence, correct, routable, float(t))
        if figures["routed"] >= min_routed and figures["routed_accuracy"] >= min_accuracy:
            best = figures
            break
    if best is None:
        return {**routing_figures(confidence, correct, routable, 1.0), "met": False}
    return {**best, "met": True}


def fit_temperature(proba: np.ndarray, correct_of: Any) -> float:
    """The temperature whose top-topic confidence best predicts being right (binary log loss).

    ``correct_of(best_index) -> bool array`` says, for the top topic of every row, whether it is
    right (in the dataset's labels when topics are folded). The top topic does not depend on the
    temperature, so correctness is computed once.
    """
    best_idx, _ = top_confidence(proba)
    hit = np.asarray(correct_of(best_idx), dtype=float)
    best_t, best_loss = 1.0, np.inf
    for t in TEMPERATURE_GRID:
        _, conf = top_confidence(apply_temperature(proba, t))
        conf = np.clip(conf, 1e-6, 1 - 1e-6)
        loss = -np.mean(hit * np.log(conf) + (1 - hit) * np.log(1 - conf))
        if loss < best_loss - 1e-12:
            best_t, best_loss = t, loss
    return float(best_t)


def fit_on_pairs(
    raw: np.ndarray,
    topics: Sequence[str],
    gold: Sequence[str],
    routable_text: Sequence[bool],
    min_accuracy: float = MIN_ROUTED_ACCURACY,
) -> dict[str, Any]:
    """Temperature and threshold (by the stated rule) from ``(raw probabilities, gold topic)`` pairs."""

    def correct_of(idx: np.ndarray) -> np.ndarray:
        return np.array([topics[j] == g for j, g in zip(idx, gold, strict=True)])

    temperature = fit_temperature(raw, correct_of)
    best, conf = top_confidence(apply_temperature(raw, temperature))
    hit = correct_of(best)
    routable = [topics[j] != FALLBACK_TOPIC and ok for j, ok in zip(best, routable_text, strict=True)]
    chosen = choose_threshold(conf, hit, routable, min_accuracy)
    return {
        "temperature": round(temperature, 3),
        "threshold": chosen["threshold"],
        "rule_met": chosen["met"],
        "coverage": round(chosen["coverage"], 4),
        "routed_accuracy": round(chosen["routed_accuracy"], 4),
        "ece": round(expected_calibration_error(conf, hit), 4),
        "n": len(gold),
    }


def calibration_split(text: str) -> str:
    """Deterministic half of a real-complaint set: ``"calibration"`` or ``"test"`` by SHA-256 of the text.

    The calibration half is used to fit the temperature and choose the threshold, the test half only to
    report them (on the Purbalingga set the calibration half is the half earlier rounds read).
    """
    digest = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
    return "calibration" if int(digest, 16) % 2 == 0 else "test"
