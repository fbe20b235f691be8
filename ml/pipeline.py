"""scikit-learn pipelines: word + character n-gram TF-IDF with linear models.

Inputs are texts already passed through :func:`ml.normalize.normalize`.
"""

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from ml.normalize import STOPWORDS

RANDOM_STATE = 20261123
WORD_TOKEN_PATTERN = r"(?u)\b[a-z][a-z]+\b"


def build_features() -> FeatureUnion:
    """Word uni/bi-grams (stopwords removed, complaint words kept) + char_wb 2-5-grams."""
    word = TfidfVectorizer(
        token_pattern=WORD_TOKEN_PATTERN,
        stop_words=sorted(STOPWORDS),
        ngram_range=(1, 2),
        min_df=2,
        max_df=0.5,
        sublinear_tf=True,
        dtype=np.float32,
    )
    char = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(2, 5),
        min_df=2,
        max_df=0.8,
        sublinear_tf=True,
        max_features=120_000,
        dtype=np.float32,
    )
    return FeatureUnion([("word", word), ("char", char)])


def build_topic_pipeline() -> Pipeline:
    """Topic classifier: TF-IDF features + sigmoid-calibrated linear SVM (probabilities)."""
    svm = LinearSVC(C=0.5, class_weight="balanced", random_state=RANDOM_STATE)
    model = CalibratedClassifierCV(svm, method="sigmoid", cv=5, ensemble=True)
    return Pipeline([("features", build_features()), ("model", model)])


def build_aspect_pipeline() -> Pipeline:
    """Multi-label SKM aspects: one-vs-rest logistic regression on the same kind of features."""
    lr = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, random_state=RANDOM_STATE)
    return Pipeline([("features", build_features()), ("model", OneVsRestClassifier(lr))])
