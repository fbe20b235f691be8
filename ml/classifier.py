"""The classifier the web layer calls: topic + confidence + SKM aspects + triage flag."""

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ml.artifacts import ArtefactError, default_model_dir, load_artefacts
from ml.normalize import normalize
from ml.taxonomy import ASPECT_CODES, FALLBACK_TOPIC

DEFAULT_TRIAGE_THRESHOLD = 0.45


@dataclass(frozen=True)
class Prediction:
    topic: str
    confidence: float
    aspects: tuple[str, ...]
    needs_triage: bool
    model_version: str
    probabilities: dict[str, float] = field(default_factory=dict)


class ComplaintClassifier:
    """Loaded topic + aspect models. Thread-safe for prediction (read-only after load).

    ``needs_triage`` is true when the top topic's probability is below ``triage_threshold``, when
    the top topic is ``lainnya`` (no unit handles it), or when the text is empty after
    normalisation.
    """

    def __init__(
        self,
        features: Any,
        topic_model: Any,
        aspect_model: Any,
        metadata: dict[str, Any],
        *,
        triage_threshold: float = DEFAULT_TRIAGE_THRESHOLD,
    ) -> None:
        if not 0.0 <= triage_threshold <= 1.0:
            raise ValueError("triage_threshold must be between 0 and 1")
        self.features = features
        self.topic_model = topic_model
        self.aspect_model = aspect_model
        self.metadata = metadata
        self.model_version: str = str(metadata["model_version"])
        self.triage_threshold = float(triage_threshold)
        self.aspect_threshold = float(metadata.get("aspect_threshold", 0.5))
        self.topics: tuple[str, ...] = tuple(str(c) for c in topic_model.classes_)

    @classmethod
    def load(
        cls,
        model_dir: str | os.PathLike[str] | None = None,
        *,
        triage_threshold: float = DEFAULT_TRIAGE_THRESHOLD,
    ) -> "ComplaintClassifier":
        """Load verified artefacts from ``model_dir`` (default ``$PORTAL_MODEL_DIR`` or var/models)."""
        models, metadata = load_artefacts(Path(model_dir) if model_dir else default_model_dir())
        return cls(models["features"], models["topic"], models["aspects"], metadata, triage_threshold=triage_threshold)

    def predict(self, text: str) -> Prediction:
        return self.predict_many([text])[0]

    def predict_proba_normalized(self, normalized: Sequence[str]) -> np.ndarray:
        """Topic probabilities (columns in ``self.topics`` order) for already-normalised texts."""
        return np.asarray(self.topic_model.predict_proba(self.features.transform(list(normalized))))

    def predict_many(self, texts: Sequence[str]) -> list[Prediction]:
        if not texts:
            return []
        normalized = [normalize(t or "") for t in texts]
        x = self.features.transform(normalized)
        topic_proba = np.asarray(self.topic_model.predict_proba(x))
        aspect_proba = np.asarray(self.aspect_model.predict_proba(x))
        results: list[Prediction] = []
        for i, norm in enumerate(normalized):
            probs = {topic: round(float(p), 4) for topic, p in zip(self.topics, topic_proba[i], strict=True)}
            best = int(np.argmax(topic_proba[i]))
            topic, confidence = self.topics[best], float(topic_proba[i][best])
            if not norm:
                topic, confidence = FALLBACK_TOPIC, 0.0
            aspects = tuple(
                a for a, p in zip(ASPECT_CODES, aspect_proba[i], strict=True) if p >= self.aspect_threshold and norm
            )
            results.append(
                Prediction(
                    topic=topic,
                    confidence=round(confidence, 4),
                    aspects=aspects,
                    needs_triage=(confidence < self.triage_threshold or topic == FALLBACK_TOPIC),
                    model_version=self.model_version,
                    probabilities=probs,
                )
            )
        return results


def load_or_train(
    model_dir: str | os.PathLike[str] | None = None,
    triage_threshold: float = DEFAULT_TRIAGE_THRESHOLD,
) -> ComplaintClassifier:
    """Load the model, training it from the shipped corpus first when no usable artefact exists.

    A missing, corrupted or other-sklearn-version artefact is replaced by a fresh deterministic
    training run (without the cross-validation report, to keep first start fast).
    """
    target = Path(model_dir) if model_dir else default_model_dir()
    try:
        return ComplaintClassifier.load(target, triage_threshold=triage_threshold)
    except ArtefactError:
        from ml.train import train

        train(target, cv_folds=0)
        return ComplaintClassifier.load(target, triage_threshold=triage_threshold)
