"""The learning loop: retrain from corpus + officers' corrections, check, promote only when not worse.

One cycle (:func:`retrain_cycle`, run daily by ``portal ml retrain``):

1. split the corrections deterministically (SHA-256 of the normalised text) into a training part and a
   held-out part (:data:`HOLDOUT_SHARE`): the same correction always falls on the same side, so no model
   of the loop ever trains on a held-out correction;
2. train a candidate from the corpus, the added labelled data and the training corrections;
3. score the current model and the candidate on the held-out corrections;
4. promote the candidate only when it is not worse (accuracy and macro-F1 at least the current's) and
   no topic with at least :data:`GUARD_MIN_SUPPORT` held-out corrections loses more than
   :data:`GUARD_TOPIC_DROP` recall; the current model is kept in the history (``ml.registry``).

With at least :data:`MIN_CALIBRATION` held-out corrections the candidate also gets its own temperature
and triage threshold, fitted on them by the rule of ``ml.calibration`` and stored in its metadata: a
model trained on hard real complaints is less confident than the corpus-only model the shipped
``ml/calibration.json`` was fitted for. (The same corrections then score it: its accuracy and macro-F1
do not depend on the temperature, its ECE on them is optimistic.)

Framework-free: the caller loads the corrections and records the report.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sklearn.metrics import accuracy_score, f1_score

from ml.artifacts import METADATA_FILE, ArtefactError, _atomic_write, read_metadata
from ml.calibration import fit_on_pairs
from ml.classifier import ComplaintClassifier
from ml.normalize import normalize
from ml.registry import current_version, promote
from ml.train import train

HOLDOUT_SHARE = 0.3
MIN_HOLDOUT = 10
GUARD_MIN_SUPPORT = 5
GUARD_TOPIC_DROP = 0.10
MIN_CALIBRATION = 100


def is_holdout(text: str) -> bool:
    """True for the held-out side of the deterministic split (about :data:`HOLDOUT_SHARE` of texts)."""
    digest = hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 100 < HOLDOUT_SHARE * 100


def split_corrections(corrections: Sequence[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    train_part, holdout = [], []
    for text, topic in corrections:
        (holdout if is_holdout(text) else train_part).append((text, topic))
    return train_part, holdout


def score(classifier: ComplaintClassifier, pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Accuracy, macro-F1 (over the topics present) and per-topic recall on ``(text, topic)`` pairs."""
    if not pairs:
        return {"n": 0, "accuracy": None, "macro_f1": None, "per_topic": {}}
    gold = [topic for _, topic in pairs]
    predicted = [p.topic for p in classifier.predict_many([text for text, _ in pairs])]
    per_topic: dict[str, dict[str, float]] = {}
    for topic in sorted(set(gold)):
        rows = [i for i, g in enumerate(gold) if g == topic]
        per_topic[topic] = {"n": len(rows), "recall": sum(predicted[i] == topic for i in rows) / len(rows)}
    return {
        "n": len(pairs),
        "accuracy": float(accuracy_score(gold, predicted)),
        "macro_f1": float(f1_score(gold, predicted, labels=sorted(set(gold)), average="macro", zero_division=0)),
        "per_topic": per_topic,
    }


def compare(current: dict[str, Any], candidate: dict[str, Any]) -> list[str]:
    """Reasons the candidate is worse than the current model (empty: not worse)."""
    reasons = []
    if candidate["accuracy"] < current["accuracy"]:
        reasons.append(f"accuracy {candidate['accuracy']:.3f} < {current['accuracy']:.3f}")
    if candidate["macro_f1"] < current["macro_f1"]:
        reasons.append(f"macro-F1 {candidate['macro_f1']:.3f} < {current['macro_f1']:.3f}")
    for topic, figures in current["per_topic"].items():
        if figures["n"] < GUARD_MIN_SUPPORT:
            continue
        new = candidate["per_topic"][topic]["recall"]
        if new < figures["recall"] - GUARD_TOPIC_DROP:
            reasons.append(f"{topic}: recall {new:.2f} < {figures['recall']:.2f} - {GUARD_TOPIC_DROP:.2f}")
    return reasons


def calibrate_candidate(candidate_dir: Path, holdout: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Fit temperature + threshold on the held-out corrections; store them in the model's metadata."""
    model = ComplaintClassifier.load(candidate_dir)
    normalized = [normalize(text) for text, _ in holdout]
    fitted = fit_on_pairs(model.raw_proba_normalized(normalized), model.topics, [t for _, t in holdout],
                          [bool(n) for n in normalized])  # fmt: skip
    calibration = {
        "temperature": fitted["temperature"],
        "threshold": fitted["threshold"],
        "source": f"learning loop: {len(holdout)} held-out officers' corrections",
        "fitted": fitted,
    }
    metadata = {**read_metadata(candidate_dir), "calibration": calibration}
    _atomic_write(candidate_dir / METADATA_FILE, json.dumps(metadata, indent=2, sort_keys=True).encode("utf-8"))
    return calibration


def retrain_cycle(
    model_dir: Path,
    corrections: Sequence[tuple[str, str]],
    *,
    added: Sequence[tuple[str, str]] = (),
    corpus_path: Path | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> dict[str, Any]:
    """Run one cycle; returns the report (``decision``: promoted / rejected / unchanged / too_few, or
    would_promote with ``dry_run``, which trains and scores the candidate but changes no model)."""
    train_part, holdout = split_corrections(corrections)
    report: dict[str, Any] = {
        "corrections": len(corrections),
        "corrections_train": len(train_part),
        "corrections_holdout": len(holdout),
        "added_rows": len(added),
        "previous_version": current_version(model_dir),
    }
    try:
        current = ComplaintClassifier.load(model_dir)
    except ArtefactError:
        current = None
    with tempfile.TemporaryDirectory(
        prefix="candidate-", dir=model_dir.parent if model_dir.parent.exists() else None
    ) as tmp:
        candidate_dir = Path(tmp)
        meta = train(candidate_dir, corpus_path=corpus_path, feedback=[*added, *train_part], cv_folds=0)
        if len(holdout) >= MIN_CALIBRATION:
            report["calibration"] = calibrate_candidate(candidate_dir, holdout)
        candidate = ComplaintClassifier.load(candidate_dir)
        report["candidate_version"] = meta["model_version"]
        report["candidate_metadata"] = {k: meta.get(k) for k in ("corpus_rows", "feedback_count", "training_seconds")}
        report["candidate"] = score(candidate, holdout)
        report["current"] = score(current, holdout) if current is not None else None
        if current is not None and current.model_version == candidate.model_version:
            report["decision"], report["reasons"] = "unchanged", ["the candidate is the current model"]
            return report
        if current is None:
            reasons: list[str] = []
        elif len(holdout) < MIN_HOLDOUT and not force:
            report["decision"] = "too_few"
            report["reasons"] = [f"{len(holdout)} held-out corrections (< {MIN_HOLDOUT}): cannot check the candidate"]
            return report
        else:
            reasons = compare(report["current"], report["candidate"]) if holdout else []
        if reasons and not force:
            report["decision"], report["reasons"] = "rejected", reasons
            return report
        if dry_run:
            report["decision"], report["reasons"] = "would_promote", reasons
            return report
        report.update(promote(candidate_dir, model_dir))
        report["decision"], report["reasons"] = "promoted", reasons
        return report
