"""Deterministic training from the shipped corpus (plus optional officer corrections)."""

import csv
import hashlib
import os
import platform
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
import skops
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from ml.artifacts import default_model_dir, feature_code_sha256, save_artefacts
from ml.normalize import normalize
from ml.pipeline import RANDOM_STATE, build_aspect_model, build_features, build_topic_model, build_topic_pipeline
from ml.taxonomy import ASPECT_CODES, TOPIC_CODES

DEFAULT_CORPUS = Path(__file__).with_name("corpus") / "complaints_id.csv"
FEEDBACK_WEIGHT = 5.0
MODEL_SERIES = "topic"


def load_corpus(path: str | os.PathLike[str] | None = None) -> list[dict[str, str]]:
    """Read the labelled corpus CSV (text, topic, aspects[, aspects_labelled]) and validate it."""
    chosen = Path(path) if path else DEFAULT_CORPUS
    with chosen.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows, start=2):
        if row.get("topic") not in TOPIC_CODES:
            raise ValueError(f"{chosen}:{i}: unknown topic {row.get('topic')!r}")
        for aspect in filter(None, (row.get("aspects") or "").split(";")):
            if aspect not in ASPECT_CODES:
                raise ValueError(f"{chosen}:{i}: unknown aspect {aspect!r}")
    return rows


def file_sha256(path: str | os.PathLike[str]) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def feedback_sha256(feedback: Iterable[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for text, topic in feedback:
        digest.update(text.encode("utf-8") + b"\x1f" + topic.encode("utf-8") + b"\x1e")
    return digest.hexdigest()


def _aspect_matrix(rows: Sequence[dict[str, str]]) -> np.ndarray:
    matrix = np.zeros((len(rows), len(ASPECT_CODES)), dtype=np.int64)
    for i, row in enumerate(rows):
        for aspect in filter(None, (row.get("aspects") or "").split(";")):
            matrix[i, ASPECT_CODES.index(aspect)] = 1
    return matrix


def cross_validate(texts: list[str], labels: list[str], folds: int = 5) -> dict[str, Any]:
    """Stratified k-fold CV of the topic pipeline on normalised texts."""
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=RANDOM_STATE)
    predicted = cross_val_predict(build_topic_pipeline(), texts, labels, cv=cv)
    return {
        "folds": folds,
        "accuracy": round(float(accuracy_score(labels, predicted)), 4),
        "macro_f1": round(float(f1_score(labels, predicted, average="macro")), 4),
    }


def train(
    model_dir: str | os.PathLike[str] | None = None,
    *,
    corpus_path: str | os.PathLike[str] | None = None,
    feedback: Sequence[tuple[str, str]] = (),
    cv_folds: int = 5,
) -> dict[str, Any]:
    """Train topic + aspect models and save them to ``model_dir``; return the metadata.

    ``feedback`` holds officers' corrections ``(text, topic)``; they are added to the corpus with
    weight :data:`FEEDBACK_WEIGHT` (a corrected text that is also in the corpus replaces the corpus
    label). Deterministic: the same corpus and feedback give the same model and predictions.
    ``cv_folds=0`` skips the cross-validation report (faster first-run training).
    """
    started = time.perf_counter()
    target = Path(model_dir) if model_dir else default_model_dir()
    corpus_file = Path(corpus_path) if corpus_path else DEFAULT_CORPUS
    rows = load_corpus(corpus_file)
    feedback = [(str(text), str(topic)) for text, topic in feedback]
    for _text, topic in feedback:
        if topic not in TOPIC_CODES:
            raise ValueError(f"feedback topic {topic!r} is not in the taxonomy")

    corrected = {normalize(text): topic for text, topic in feedback}
    texts = [normalize(row["text"]) for row in rows]
    labels = [corrected.get(t, row["topic"]) for t, row in zip(texts, rows, strict=True)]
    weights = [1.0] * len(texts)
    corpus_texts = set(texts)
    for text, topic in corrected.items():
        if text and text not in corpus_texts:
            texts.append(text)
            labels.append(topic)
            weights.append(FEEDBACK_WEIGHT)
        elif text:
            for i, t in enumerate(texts):
                if t == text:
                    weights[i] = FEEDBACK_WEIGHT

    cv_report: dict[str, Any] = {}
    if cv_folds:
        cv_report = cross_validate(texts, labels, cv_folds)

    fit_started = time.perf_counter()
    features = build_features()
    x_train = features.fit_transform(texts)
    _drop_stop_words(features)
    topic_model = build_topic_model()
    topic_model.fit(x_train, labels, sample_weight=np.asarray(weights))
    fit_seconds = time.perf_counter() - fit_started

    aspect_idx = [i for i, row in enumerate(rows) if row.get("aspects_labelled", "1") == "1"]
    aspect_rows = [rows[i] for i in aspect_idx]
    aspect_x = x_train[aspect_idx]
    aspect_y = _aspect_matrix(aspect_rows)
    aspect_model = build_aspect_model()
    aspect_model.fit(aspect_x, aspect_y)

    corpus_hash = file_sha256(corpus_file)
    fb_hash = feedback_sha256(feedback) if feedback else None
    code_hash = feature_code_sha256()
    version_hash = hashlib.sha256((corpus_hash + (fb_hash or "") + code_hash).encode()).hexdigest()[:8]
    now = datetime.now(UTC)
    metadata: dict[str, Any] = {
        "model_version": f"{MODEL_SERIES}-{now:%Y%m%d}-{version_hash}",
        "corpus_path": corpus_file.name,
        "corpus_sha256": corpus_hash,
        "feature_code_sha256": code_hash,
        "corpus_rows": len(rows),
        "aspect_rows": len(aspect_rows),
        "feedback_count": len(feedback),
        "feedback_sha256": fb_hash,
        "topics": [str(c) for c in topic_model.classes_],
        "aspects": list(ASPECT_CODES),
        "aspect_threshold": 0.5,
        "cv_topic": cv_report,
        "sklearn_version": sklearn.__version__,
        "skops_version": skops.__version__,
        "python_version": platform.python_version(),
        "trained_at": now.isoformat(timespec="seconds"),
        "training_seconds": round(time.perf_counter() - started, 2),
        "topic_fit_seconds": round(fit_seconds, 2),
    }
    models = {"features": features, "topic": topic_model, "aspects": aspect_model}
    return save_artefacts(target, models, metadata)


def _drop_stop_words(features: Any) -> None:
    """Remove the fitted vectorisers' ``stop_words_`` (terms cut by min_df/max_df/max_features).

    scikit-learn keeps them only for introspection; they would triple the artefact size.
    """
    for _, vectorizer in features.transformer_list:
        if hasattr(vectorizer, "stop_words_"):
            del vectorizer.stop_words_
