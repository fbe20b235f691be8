"""Evaluate a classifier on any labelled CSV, optionally folding topics onto another label set."""

import csv
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

from ml.classifier import ComplaintClassifier
from ml.normalize import normalize
from ml.taxonomy import TOPICS

LABEL_MAPS_DIR = Path(__file__).with_name("label_maps")


def read_labelled_csv(
    path: str | os.PathLike[str], *, text_col: str = "text", label_col: str = "label"
) -> tuple[list[str], list[str]]:
    """Return ``(texts, labels)``; rows with an empty text or label are skipped."""
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = reader.fieldnames or []
        for col in (text_col, label_col):
            if col not in fields:
                raise ValueError(f"{path}: column {col!r} not found (columns: {', '.join(fields)})")
        texts, labels = [], []
        for row in reader:
            text, label = (row.get(text_col) or "").strip(), (row.get(label_col) or "").strip()
            if text and label:
                texts.append(text)
                labels.append(label)
    return texts, labels


def load_label_map(path: str | os.PathLike[str]) -> dict[str, str | None]:
    """Topic -> dataset label (``null`` = the topic has no counterpart in the dataset)."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or set(raw) - set(TOPICS):
        raise ValueError(f"{path}: expected a JSON object keyed by portal topics")
    return {topic: (raw.get(topic) or None) for topic in TOPICS}


def fold_predictions(proba: np.ndarray, topics: Sequence[str], label_map: dict[str, str | None]) -> list[str]:
    """Marginalise topic probabilities onto the dataset's labels and take the most probable label.

    P(label) = sum of P(topic) over the topics mapped to that label; unmapped topics (``null``,
    e.g. ``lainnya``) are dropped. Ties go to the label listed first in the map.
    """
    labels = list(dict.fromkeys(v for v in label_map.values() if v))
    fold = np.zeros((len(topics), len(labels)))
    for i, topic in enumerate(topics):
        target = label_map.get(topic)
        if target:
            fold[i, labels.index(target)] = 1.0
    folded = proba @ fold
    return [labels[j] for j in folded.argmax(axis=1)]


def evaluate_predictions(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    labels = sorted(set(gold) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    gold_labels = sorted(set(gold))
    return {
        "n": len(gold),
        "accuracy": float(accuracy_score(gold, predicted)),
        # macro-F1 over the dataset's own labels (predicted-only labels count as errors only)
        "macro_f1": float(f1_score(gold, predicted, labels=gold_labels, average="macro", zero_division=0)),
        "per_class": {
            label: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
            for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
        },
        "labels": labels,
        "confusion_matrix": confusion_matrix(gold, predicted, labels=labels).tolist(),
    }


def evaluate_classifier(
    classifier: ComplaintClassifier,
    texts: Sequence[str],
    gold: Sequence[str],
    label_map: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """Predict ``texts`` and score against ``gold`` (portal topics, or dataset labels via map)."""
    proba = classifier.predict_proba_normalized([normalize(t) for t in texts])
    if label_map is None:
        predicted = [classifier.topics[j] for j in proba.argmax(axis=1)]
    else:
        predicted = fold_predictions(proba, classifier.topics, label_map)
    report = evaluate_predictions(gold, predicted)
    report["model_version"] = classifier.model_version
    return report


def format_report(report: dict[str, Any]) -> str:
    labels: list[str] = report["labels"]
    width = max(12, *(len(label) for label in labels)) + 2
    lines = [
        f"model {report.get('model_version', '?')}  n={report['n']}",
        f"accuracy  {report['accuracy']:.4f}",
        f"macro-F1  {report['macro_f1']:.4f}",
        "",
        f"{'label':<{width}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}",
    ]
    for label in labels:
        m = report["per_class"][label]
        lines.append(f"{label:<{width}}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>10.3f}{m['support']:>9}")
    lines += ["", "confusion matrix (rows = true, columns = predicted):"]
    short = [label[:6] for label in labels]
    lines.append(" " * width + "".join(f"{s:>8}" for s in short))
    for label, row in zip(labels, report["confusion_matrix"], strict=True):
        lines.append(f"{label:<{width}}" + "".join(f"{v:>8}" for v in row))
    return "\n".join(lines)
