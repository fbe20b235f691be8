"""ML fixtures: one model trained per session from the shipped corpus, plus a small corpus."""

import csv
from pathlib import Path

import pytest

from ml.classifier import ComplaintClassifier
from ml.taxonomy import TOPIC_CODES
from ml.train import DEFAULT_CORPUS, train

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO_ROOT / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default model, trained once (without the CV report, to keep the suite fast)."""
    target = tmp_path_factory.mktemp("model")
    train(target, cv_folds=0)
    return target


@pytest.fixture(scope="session")
def classifier(model_dir: Path) -> ComplaintClassifier:
    return ComplaintClassifier.load(model_dir, triage_threshold=0.45)


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 40 rows of every topic of the shipped corpus (for quick retraining tests)."""
    with DEFAULT_CORPUS.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    kept, seen = [], dict.fromkeys(TOPIC_CODES, 0)
    for row in rows:
        if seen[row["topic"]] < 40:
            seen[row["topic"]] += 1
            kept.append(row)
    path = tmp_path_factory.mktemp("corpus") / "small.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    return path


@pytest.fixture(scope="session")
def small_model_dir(tmp_path_factory: pytest.TempPathFactory, small_corpus: Path) -> Path:
    """A model trained once on the small corpus; copy it before tampering with it."""
    target = tmp_path_factory.mktemp("small-model")
    train(target, corpus_path=small_corpus, cv_folds=0)
    return target
