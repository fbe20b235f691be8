"""Evaluate a classifier on any labelled CSV, optionally folding topics onto another label set."""

import csv
import json
import os
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

from ml.calibration import expected_calibration_error, routing_figures
from ml.classifier import ComplaintClassifier
from ml.normalize import normalize
from ml.taxonomy import FALLBACK_TOPIC, TOPICS

LABEL_MAPS_DIR = Path(__file__).with_name("label_maps")


def read_columns(path: str | os.PathLike[str], columns: Sequence[str]) -> list[list[str]]:
    """One list per column, keeping only rows where every column is non-empty."""
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = reader.fieldnames or []
        for col in columns:
            if col not in fields:
                raise ValueError(f"{path}: column {col!r} not found (columns: {', '.join(fields)})")
        out: list[list[str]] = [[] for _ in columns]
        for row in reader:
            values = [(row.get(col) or "").strip() for col in columns]
            if all(values):
                for bucket, value in zip(out, values, strict=True):
                    bucket.append(value)
    return out


def read_labelled_csv(
    path: str | os.PathLike[str], *, text_col: str = "text", label_col: str = "label"
) -> tuple[list[str], list[str]]:
    """Return ``(texts, labels)``; rows with an empty text or label are skipped."""
    texts, labels = read_columns(path, (text_col, label_col))
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
    annotations: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Predict ``texts`` and score against ``gold`` (portal topics, or dataset labels via map).

    ``annotations`` (optional, one portal topic per text) adds :func:`_annotation_report`.
    """
    if annotations is not None:
        check_annotations(annotations)
    normalized = [normalize(t) for t in texts]
    proba = classifier.predict_proba_normalized(normalized)
    topics = [classifier.topics[j] for j in proba.argmax(axis=1)]
    predicted = topics if label_map is None else fold_predictions(proba, classifier.topics, label_map)
    report = evaluate_predictions(gold, predicted)
    report["model_version"] = classifier.model_version
    report.update(triage_report(classifier, proba, normalized, topics, gold, label_map))
    if annotations is not None:
        report["annotations"] = _annotation_report(annotations, gold, topics, label_map)
    return report


def triage_report(
    classifier: ComplaintClassifier,
    proba: np.ndarray,
    normalized: Sequence[str],
    topics: Sequence[str],
    gold: Sequence[str],
    label_map: dict[str, str | None] | None,
) -> dict[str, Any]:
    """What the portal does with these predictions at the configured threshold.

    A suggestion is the top topic with its (calibrated) probability as confidence, as the triage UI
    shows it; it is right when the topic (folded by the label map, when given) equals the gold label.
    ``coverage``: share routed automatically (confidence ≥ threshold, not ``lainnya``, text not empty);
    ``routed_accuracy``: share of those that are right; ``ece``: expected calibration error of the
    confidence over all rows (10 bins); ``mean_confidence`` next to ``top_accuracy`` shows the direction.
    """
    confidence = proba.max(axis=1)
    correct = [(label_map.get(t) if label_map is not None else t) == g for t, g in zip(topics, gold, strict=True)]
    routable = [t != FALLBACK_TOPIC and bool(n) for t, n in zip(topics, normalized, strict=True)]
    figures = routing_figures(confidence, correct, routable, classifier.triage_threshold)
    return {
        "threshold": figures["threshold"],
        "coverage": figures["coverage"],
        "routed_accuracy": figures["routed_accuracy"],
        "ece": expected_calibration_error(confidence, correct),
        "mean_confidence": float(confidence.mean()) if len(confidence) else 0.0,
        "top_accuracy": float(np.mean(correct)) if correct else 0.0,
        "calibration": classifier.calibration.as_dict(),
    }


def check_annotations(annotations: Sequence[str]) -> None:
    unknown = sorted(set(annotations) - set(TOPICS))
    if unknown:
        raise ValueError(f"annotations that are not portal topics: {', '.join(unknown)}")


def _annotation_report(
    annotations: Sequence[str],
    gold: Sequence[str],
    predicted_topics: Sequence[str],
    label_map: dict[str, str | None] | None,
) -> dict[str, Any]:
    """Compare with people's annotations of the same rows in the portal's own topics.

    ``topic_accuracy`` / ``topic_macro_f1``: the classifier against the annotations (what it is built
    to do). With a label map, ``ceiling_accuracy`` / ``ceiling_macro_f1``: the annotations themselves
    folded onto the dataset's labels, i.e. the score of a classifier that is always right in the
    portal's taxonomy; ``best_map_ceiling``: the same with the best possible topic -> label map
    chosen after seeing the labels (an upper bound for any map). ``annotations`` are already checked.
    """
    report: dict[str, Any] = {
        "annotated": len(annotations),
        "topic_accuracy": float(accuracy_score(annotations, predicted_topics)),
        "topic_macro_f1": float(
            f1_score(annotations, predicted_topics, labels=sorted(set(annotations)), average="macro", zero_division=0)
        ),
    }
    if label_map is not None:
        folded = [label_map.get(topic) or "" for topic in annotations]
        # for each annotated topic, the dataset label it most often carries
        best_per_topic: Counter[str] = Counter()
        for (topic, _label), n in Counter(zip(annotations, gold, strict=True)).items():
            best_per_topic[topic] = max(best_per_topic[topic], n)
        report["ceiling_accuracy"] = float(accuracy_score(gold, folded))
        report["ceiling_macro_f1"] = float(
            f1_score(gold, folded, labels=sorted(set(gold)), average="macro", zero_division=0)
        )
        report["best_map_ceiling"] = sum(best_per_topic.values()) / len(annotations)
    return report


def _same(message: str) -> str:
    return message


def format_report(report: dict[str, Any], _: Callable[[str], str] = _same) -> str:
    """The report as text; `_` translates its words (the portal's gettext from `portal ml evaluate`; ml itself
    stays framework-free, so by default the Indonesian source words are printed)."""
    labels: list[str] = report["labels"]
    width = max(12, *(len(label) for label in labels)) + 2
    lines = [
        f"model {report.get('model_version', '?')}  n={report['n']}",
        f"{_('akurasi')}  {report['accuracy']:.4f}",
        f"macro-F1  {report['macro_f1']:.4f}",
        _(
            "triase pada ambang {threshold}: cakupan {coverage}, akurasi yang dirutekan {routed}, ECE {ece} "
            "(rata-rata keyakinan {confidence}, akurasi topik teratas {top})"
        ).format(
            threshold=f"{report['threshold']:.2f}",
            coverage=f"{report['coverage']:.3f}",
            routed=f"{report['routed_accuracy']:.3f}",
            ece=f"{report['ece']:.3f}",
            confidence=f"{report['mean_confidence']:.3f}",
            top=f"{report['top_accuracy']:.3f}",
        ),
        "",
        f"{_('label'):<{width}}{_('presisi'):>10}{_('recall'):>10}{'f1':>10}{_('jumlah'):>9}",
    ]
    for label in labels:
        m = report["per_class"][label]
        lines.append(f"{label:<{width}}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>10.3f}{m['support']:>9}")
    lines += ["", _("matriks kebingungan (baris = label sebenarnya, kolom = prediksi):")]
    short = [label[:6] for label in labels]
    lines.append(" " * width + "".join(f"{s:>8}" for s in short))
    for label, row in zip(labels, report["confusion_matrix"], strict=True):
        lines.append(f"{label:<{width}}" + "".join(f"{v:>8}" for v in row))
    notes = report.get("annotations")
    if notes:
        lines += [
            "",
            _("terhadap {n} anotasi dalam topik portal:").format(n=notes["annotated"]),
            _("akurasi topik {accuracy}   macro-F1 topik {f1}").format(
                accuracy=f"{notes['topic_accuracy']:.4f}", f1=f"{notes['topic_macro_f1']:.4f}"
            ),
        ]
        if "ceiling_accuracy" in notes:
            lines.append(
                _(
                    "batas atas (anotasi dilipat oleh peta)  akurasi {accuracy}  macro-F1 {f1}  peta terbaik {best}"
                ).format(
                    accuracy=f"{notes['ceiling_accuracy']:.4f}",
                    f1=f"{notes['ceiling_macro_f1']:.4f}",
                    best=f"{notes['best_map_ceiling']:.4f}",
                )
            )
    return "\n".join(lines)
