"""A model promoted or rolled back on disk is served without restarting the portal."""

import shutil
from pathlib import Path

import anyio
import pytest

from complaints import classification
from complaints.classification import BatchingClassifier
from ml.classifier import ComplaintClassifier
from ml.registry import promote, rollback

TEXT = "jalan rusak berlubang di depan sekolah belum diperbaiki"


@pytest.fixture
def served_dir(small_model_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "models"
    shutil.copytree(small_model_dir, target)
    yield target
    classification._LOADED.pop((str(target), 0.5), None)


def _served_version(served: Path) -> str:
    batching = BatchingClassifier(model_dir=served, threshold=0.5)
    prediction = anyio.run(batching.predict, TEXT)
    assert prediction.topic
    return classification._LOADED[(str(served), 0.5)][1].model_version


def test_a_promoted_model_is_served_from_the_next_prediction_and_rollback_too(
    served_dir: Path, model_dir: Path
) -> None:
    small = ComplaintClassifier.load(served_dir).model_version
    full = ComplaintClassifier.load(model_dir).model_version
    assert small != full
    assert _served_version(served_dir) == small

    promote(model_dir, served_dir)
    assert _served_version(served_dir) == full

    rollback(served_dir)
    assert _served_version(served_dir) == small


def test_a_broken_install_keeps_the_working_model_instead_of_retraining(served_dir: Path) -> None:
    working = _served_version(served_dir)
    model_file = served_dir / "model.skops"
    model_file.write_bytes(model_file.read_bytes()[:100])  # half-copied by hand
    (served_dir / "metadata.json").touch()
    metadata_before = (served_dir / "metadata.json").read_bytes()

    assert _served_version(served_dir) == working
    assert (served_dir / "metadata.json").read_bytes() == metadata_before  # nothing was retrained over it
