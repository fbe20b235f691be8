"""The classifier the web layer calls: topic + confidence + SKM aspects + triage flag."""

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import sklearn
from scipy.special import expit
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from ml.artifacts import ArtefactError, default_model_dir, load_artefacts
from ml.aspect_cues import aspect_cues_in
from ml.calibration import Calibration, apply_temperature, calibration_from_dict, load_calibration
from ml.normalize import normalize
from ml.taxonomy import ASPECT_CODES, FALLBACK_TOPIC
from ml.train import train

# The shipped default, chosen on real complaints by the rule in ml/calibration.py (docs/ml.md).
DEFAULT_TRIAGE_THRESHOLD = load_calibration().threshold


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
    normalisation. Topic probabilities are calibrated for real complaints (:mod:`ml.calibration`): with
    the calibration in the model's metadata when the learning loop fitted one on officers' held-out
    corrections, else ``$PORTAL_ML_CALIBRATION`` or the shipped ``ml/calibration.json``;
    ``triage_threshold=None`` takes that calibration's threshold.
    """

    def __init__(
        self,
        features: Any,
        topic_model: Any,
        aspect_model: Any,
        metadata: dict[str, Any],
        *,
        triage_threshold: float | None = None,
    ) -> None:
        self.calibration: Calibration = (
            calibration_from_dict(metadata["calibration"]) if metadata.get("calibration") else load_calibration()
        )
        if triage_threshold is None:
            triage_threshold = self.calibration.threshold
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
        self._fast = _FastLinear.build(topic_model, aspect_model)
        if self._fast is not None and not self._fast.agrees_with(features, topic_model, aspect_model):
            self._fast = None
        self._direct_union = _direct_union_agrees(features)

    @classmethod
    def load(
        cls,
        model_dir: str | os.PathLike[str] | None = None,
        *,
        triage_threshold: float | None = None,
    ) -> "ComplaintClassifier":
        """Load verified artefacts from ``model_dir`` (default ``$PORTAL_MODEL_DIR`` or var/models)."""
        models, metadata = load_artefacts(Path(model_dir) if model_dir else default_model_dir())
        return cls(models["features"], models["topic"], models["aspects"], metadata, triage_threshold=triage_threshold)

    def predict(self, text: str) -> Prediction:
        return self.predict_many([text])[0]

    def _probabilities(self, x: Any) -> tuple[np.ndarray, np.ndarray]:
        if self._fast is not None:
            topic, aspects = self._fast.topic_proba(x), self._fast.aspect_proba(x)
        else:
            topic = np.asarray(self.topic_model.predict_proba(x))
            aspects = np.asarray(self.aspect_model.predict_proba(x))
        return apply_temperature(topic, self.calibration.temperature), aspects

    def _transform(self, normalized: list[str]) -> Any:
        """The feature matrix. scikit-learn's FeatureUnion.transform goes through joblib and input
        validation on every call, which costs more than the vectorising itself for the small batches
        the server sends; the same blocks are stacked directly when that gives identical output
        (checked at load), with validation skipped (the input is our own list of strings)."""
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            if self._direct_union:
                return _stack_union(self.features, normalized)
            return self.features.transform(normalized)

    def raw_proba_normalized(self, normalized: Sequence[str]) -> np.ndarray:
        """Topic probabilities before the temperature (the model's own sigmoid calibration)."""
        x = self._transform(list(normalized))
        return self._fast.topic_proba(x) if self._fast is not None else np.asarray(self.topic_model.predict_proba(x))

    def predict_proba_normalized(self, normalized: Sequence[str]) -> np.ndarray:
        """Calibrated topic probabilities (columns in ``self.topics`` order) for already-normalised texts."""
        return self._probabilities(self._transform(list(normalized)))[0]

    def predict_many(self, texts: Sequence[str]) -> list[Prediction]:
        if not texts:
            return []
        normalized = [normalize(t or "") for t in texts]
        topic_proba, aspect_proba = self._probabilities(self._transform(normalized))
        results: list[Prediction] = []
        for i, norm in enumerate(normalized):
            probs = {topic: round(float(p), 4) for topic, p in zip(self.topics, topic_proba[i], strict=True)}
            best = int(np.argmax(topic_proba[i]))
            topic, confidence = self.topics[best], float(topic_proba[i][best])
            if not norm:
                topic, confidence = FALLBACK_TOPIC, 0.0
            cued = aspect_cues_in(norm)
            aspects = tuple(
                a
                for a, p in zip(ASPECT_CODES, aspect_proba[i], strict=True)
                if norm and (p >= self.aspect_threshold or a in cued)
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


@dataclass(frozen=True)
class _FastLinear:
    """The fitted models' probability maths as two sparse-dense products.

    scikit-learn's ``predict_proba`` of a sigmoid-calibrated SVM and of a one-vs-rest classifier loop
    over per-class Python objects (about 2 ms per call); this computes the same numbers in ~0.2 ms.
    It is only used when it reproduces scikit-learn's output on probe texts (checked at load).
    """

    topic_w: np.ndarray  # (n_features, n_classes)
    topic_b: np.ndarray
    cal_a: np.ndarray
    cal_b: np.ndarray
    columns: np.ndarray  # calibrator i -> probability column
    n_classes: int
    aspect_w: np.ndarray  # (n_features, n_aspects)
    aspect_b: np.ndarray

    @classmethod
    def build(cls, topic_model: Any, aspect_model: Any) -> "_FastLinear | None":
        try:
            (calibrated,) = topic_model.calibrated_classifiers_
            svm = calibrated.estimator
            classes = list(topic_model.classes_)
            if calibrated.method != "sigmoid" or len(classes) < 3:
                return None
            aspect_estimators = aspect_model.estimators_
            return cls(
                topic_w=np.ascontiguousarray(svm.coef_.T),
                topic_b=np.asarray(svm.intercept_),
                cal_a=np.array([float(c.a_) for c in calibrated.calibrators]),
                cal_b=np.array([float(c.b_) for c in calibrated.calibrators]),
                columns=np.array([classes.index(c) for c in svm.classes_]),
                n_classes=len(classes),
                aspect_w=np.ascontiguousarray(np.vstack([e.coef_ for e in aspect_estimators]).T),
                aspect_b=np.concatenate([e.intercept_ for e in aspect_estimators]),
            )
        except (AttributeError, ValueError, TypeError):
            return None

    def topic_proba(self, x: Any) -> np.ndarray:
        scores = np.asarray(x @ self.topic_w) + self.topic_b
        calibrated = expit(-(self.cal_a * scores + self.cal_b))
        proba = np.zeros((scores.shape[0], self.n_classes))
        proba[:, self.columns] = calibrated
        total = proba.sum(axis=1, keepdims=True)
        uniform = np.full_like(proba, 1.0 / self.n_classes)
        proba = np.divide(proba, total, out=uniform, where=total != 0)
        proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba

    def aspect_proba(self, x: Any) -> np.ndarray:
        return expit(np.asarray(x @ self.aspect_w) + self.aspect_b)

    def agrees_with(self, features: Any, topic_model: Any, aspect_model: Any) -> bool:
        probe = features.transform(["jalan desa rusak parah", "petugas minta uang", "", "ktp belum jadi"])
        try:
            return bool(
                np.allclose(self.topic_proba(probe), topic_model.predict_proba(probe), atol=1e-9)
                and np.allclose(self.aspect_proba(probe), aspect_model.predict_proba(probe), atol=1e-9)
            )
        except ValueError:
            return False


def _tfidf(vectorizer: TfidfVectorizer, texts: list[str]) -> Any:
    """TfidfVectorizer.transform without its per-call input validation: the counts, then the fitted
    transformer's own steps (sublinear tf, idf, L2 row normalisation) as scikit-learn performs them."""
    x = CountVectorizer.transform(vectorizer, texts)  # in the vectorizer's dtype, as scikit-learn keeps it
    tfidf = vectorizer._tfidf
    if tfidf.sublinear_tf:
        np.log(x.data, x.data)
        x.data += 1.0
    if hasattr(tfidf, "idf_"):
        x.data *= tfidf.idf_[x.indices]
    if tfidf.norm == "l2":
        inplace_csr_row_normalize_l2(x)
    elif tfidf.norm is not None:
        raise ValueError(tfidf.norm)
    return x


def _stack_union(union: Any, texts: list[str]) -> Any:
    weights = union.transformer_weights or {}
    blocks = []
    for name, transformer in union.transformer_list:
        block = _tfidf(transformer, texts) if type(transformer) is TfidfVectorizer else transformer.transform(texts)
        blocks.append(block * weights[name] if name in weights else block)
    return sp.hstack(blocks, format="csr")


def _direct_union_agrees(union: Any) -> bool:
    """True when stacking the union's blocks directly reproduces FeatureUnion.transform exactly."""
    if not hasattr(union, "transformer_list") or any(t in (None, "drop", "passthrough")
                                                     for _, t in union.transformer_list):  # fmt: skip
        return False
    probe = ["jalan desa rusak parah", "petugas minta uang", "", "ktp belum jadi sejak bulan lalu"]
    try:
        expected, direct = union.transform(probe), _stack_union(union, probe)
    except (ValueError, TypeError, AttributeError):
        return False
    return expected.shape == direct.shape and abs(sp.csr_matrix(expected) - direct).max() == 0


def load_or_train(
    model_dir: str | os.PathLike[str] | None = None,
    triage_threshold: float | None = None,
) -> ComplaintClassifier:
    """Load the model, training it from the shipped corpus first when no usable artefact exists.

    A missing, corrupted or other-sklearn-version artefact is replaced by a fresh deterministic
    training run (without the cross-validation report, to keep first start fast).
    """
    target = Path(model_dir) if model_dir else default_model_dir()
    try:
        return ComplaintClassifier.load(target, triage_threshold=triage_threshold)
    except ArtefactError:
        train(target, cv_folds=0)
        return ComplaintClassifier.load(target, triage_threshold=triage_threshold)
