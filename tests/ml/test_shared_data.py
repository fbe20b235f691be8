"""Measurement on real complaints from ../shared/data (absent in a fresh clone: skipped)."""

from pathlib import Path

import pytest

from ml.classifier import ComplaintClassifier
from ml.evaluate import LABEL_MAPS_DIR, evaluate_classifier, load_label_map, read_labelled_csv

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
PURBALINGGA = SHARED / "purbalingga-complaints.csv"


@pytest.mark.skipif(not PURBALINGGA.is_file(), reason="../shared/data/purbalingga-complaints.csv not present")
def test_purbalingga_folded_evaluation(classifier: ComplaintClassifier) -> None:
    texts, labels = read_labelled_csv(PURBALINGGA, label_col="kategori")
    report = evaluate_classifier(classifier, texts, labels, load_label_map(LABEL_MAPS_DIR / "purbalingga.json"))
    assert report["n"] == len(texts) > 0
    assert set(report["labels"]) == set(labels)
    # regression floor only; the measured figures are in docs/ml.md
    assert report["accuracy"] >= 0.65
    assert report["macro_f1"] >= 0.6
