"""scikit-learn pipelines: word + character n-gram TF-IDF with linear models.

Inputs are texts already passed through :func:`ml.normalize.normalize`.
"""

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from ml.normalize import STOPWORDS

RANDOM_STATE = 20261123
WORD_REGEX = r"(?u)\b[a-z][a-z]+\b"


def build_features() -> FeatureUnion:
    """Word uni/bi-grams (stopwords removed, complaint words kept) + char_wb 3-5-grams."""
    word = TfidfVectorizer(
        token_pattern=WORD_REGEX,
        stop_words=sorted(STOPWORDS),
        ngram_range=(1, 2),
        min_df=2,
        max_df=0.5,
        sublinear_tf=True,
        dtype=np.float32,
    )
    char = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        min_df=2,
        max_df=0.8,
        sublinear_tf=True,
        max_features=60_000,
        dtype=np.float32,
    )
    return FeatureUnion([("word", word), ("char", char)])


def build_topic_model() -> CalibratedClassifierCV:
    """Sigmoid-calibrated linear SVM: one-vs-rest margins turned into probabilities."""
    svm = LinearSVC(C=0.5, class_weight="balanced", random_state=RANDOM_STATE)
    return CalibratedClassifierCV(svm, method="sigmoid", cv=5, ensemble=False)


def build_aspect_model() -> OneVsRestClassifier:
    """Multi-label SKM aspects: one-vs-rest logistic regression (probability per unsur).

    Fitted with SGD (log loss): as accurate as lbfgs on these features and ~20x faster.
    """
    lr = SGDClassifier(
        loss="log_loss", alpha=1e-5, class_weight="balanced", max_iter=100, tol=1e-4, random_state=RANDOM_STATE
    )
    return OneVsRestClassifier(lr)


def build_topic_pipeline() -> Pipeline:
    """Features + topic model in one estimator (used for cross-validation)."""
    return Pipeline([("features", build_features()), ("model", build_topic_model())])
