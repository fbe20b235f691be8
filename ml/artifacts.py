"""Saving and safely loading model artefacts.

Layout of a model directory::

    model.skops      skops archive of {"topic": Pipeline, "aspects": Pipeline, ...}
    metadata.json    model_version, corpus hash, metrics, sklearn version, artefact SHA-256

Loading never unpickles: the archive is read with :func:`skops.io.load` and only the types in
:data:`TRUSTED_TYPES` (reviewed by hand) are allowed. Before that, the archive's SHA-256 must equal
the hash recorded in ``metadata.json`` at training time, and the scikit-learn version must match.
"""

import hashlib
import json
import os
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import skops.io as sio

MODEL_FILE = "model.skops"
METADATA_FILE = "metadata.json"
ENV_MODEL_DIR = "PORTAL_MODEL_DIR"

# Types skops does not trust by default but that our pipelines legitimately contain. Anything else
# in an archive makes loading fail.
TRUSTED_TYPES: tuple[str, ...] = (
    "builtins.dict",
    "ml.pipeline.TopicLexicon",
    "builtins.list",
    "builtins.tuple",
    "numpy.dtype",
    "numpy.float32",
    "numpy.float64",
    "numpy.int64",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._stochastic_gradient.SGDClassifier",
    "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._label.LabelBinarizer",
    "sklearn.svm._classes.LinearSVC",
)


class ArtefactError(RuntimeError):
    """The model directory is missing, corrupted, untrusted or from another sklearn version."""


def default_model_dir() -> Path:
    """``$PORTAL_MODEL_DIR`` or ``var/models`` (relative to the current directory)."""
    return Path(os.environ.get(ENV_MODEL_DIR) or "var/models")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _vectorizers(models: dict[str, Any]) -> list[tuple[str, Any]]:
    features = models.get("features")
    return [(name, vec) for name, vec in getattr(features, "transformer_list", [])]


def _dumps(models: dict[str, Any]) -> bytes:
    """skops-serialise ``models``; vocabularies are stored as numpy string arrays.

    skops writes every dict entry as its own node, which makes a 30k-term vocabulary slow to save
    and load; a ``<U`` numpy array (saved with ``np.save``, no pickle) is fast and equally safe.
    """
    vocabularies: dict[str, np.ndarray] = {}
    detached: list[tuple[Any, dict[str, int]]] = []
    for name, vec in _vectorizers(models):
        vocab = getattr(vec, "vocabulary_", None)
        if isinstance(vocab, dict):
            terms = sorted(vocab, key=vocab.__getitem__)
            vocabularies[name] = np.array(terms, dtype=str)
            detached.append((vec, vocab))
            del vec.vocabulary_
    try:
        return sio.dumps({**models, "vocabularies": vocabularies}, compression=zipfile.ZIP_DEFLATED)
    finally:
        for vec, vocab in detached:
            vec.vocabulary_ = vocab


def _reattach_vocabularies(models: dict[str, Any]) -> None:
    vocabularies = models.pop("vocabularies", {})
    for name, vec in _vectorizers(models):
        if name in vocabularies:
            vec.vocabulary_ = {str(term): i for i, term in enumerate(vocabularies[name].tolist())}


def save_artefacts(model_dir: Path, models: dict[str, Any], metadata: dict[str, Any]) -> dict[str, Any]:
    """Write the skops archive then the metadata (with the archive's SHA-256); return metadata."""
    model_dir.mkdir(parents=True, exist_ok=True)
    blob = _dumps(models)
    untrusted = sorted(set(sio.get_untrusted_types(data=blob)) - set(TRUSTED_TYPES))
    if untrusted:
        raise ArtefactError(f"model contains types not in TRUSTED_TYPES: {untrusted}")
    _atomic_write(model_dir / MODEL_FILE, blob)
    metadata = {**metadata, "artefact_file": MODEL_FILE, "artefact_sha256": hashlib.sha256(blob).hexdigest()}
    _atomic_write(
        model_dir / METADATA_FILE, json.dumps(metadata, indent=2, ensure_ascii=False, sort_keys=True).encode("utf-8")
    )
    return metadata


def read_metadata(model_dir: Path) -> dict[str, Any]:
    path = model_dir / METADATA_FILE
    if not path.is_file():
        raise ArtefactError(f"no {METADATA_FILE} in {model_dir}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArtefactError(f"unreadable {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ArtefactError(f"{path} is not a JSON object")
    return data


# The vendored word lists (ml/data/) are part of the normalisation: editing them needs a new model too.
FEATURE_CODE = ("normalize.py", "lexicon.py", "pipeline.py", "data/indonlp_slang.json", "data/indonlp_stopwords.txt",
               "data/project_wordlists.toml")  # fmt: skip


@lru_cache(maxsize=1)
def feature_code_sha256() -> str:
    """Hash of the code that turns text into features: a normalisation or lexicon change needs a new model."""
    digest = hashlib.sha256()
    for name in FEATURE_CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def load_artefacts(model_dir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Verify and load ``(models, metadata)`` from ``model_dir``; raise :class:`ArtefactError`."""
    import sklearn

    metadata = read_metadata(model_dir)
    path = model_dir / MODEL_FILE
    if not path.is_file():
        raise ArtefactError(f"no {MODEL_FILE} in {model_dir}")
    blob = path.read_bytes()
    if hashlib.sha256(blob).hexdigest() != metadata.get("artefact_sha256"):
        raise ArtefactError(f"{path} does not match the SHA-256 recorded in {METADATA_FILE}")
    if metadata.get("feature_code_sha256") != feature_code_sha256():
        raise ArtefactError(f"{path} was trained with other normalisation, lexicon or pipeline code")
    if metadata.get("sklearn_version") != sklearn.__version__:
        raise ArtefactError(
            f"model trained with scikit-learn {metadata.get('sklearn_version')}, "
            f"running {sklearn.__version__}: retrain with `portal ml train`"
        )
    untrusted = sorted(set(sio.get_untrusted_types(data=blob)) - set(TRUSTED_TYPES))
    if untrusted:
        raise ArtefactError(f"{path} contains untrusted types: {untrusted}")
    models = sio.loads(blob, trusted=list(TRUSTED_TYPES))
    if not isinstance(models, dict) or not {"features", "topic", "aspects"} <= set(models):
        raise ArtefactError(f"{path} has an unexpected structure")
    _reattach_vocabularies(models)
    return models, metadata
