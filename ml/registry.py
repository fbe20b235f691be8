"""Model versions on disk: promote a candidate, keep the previous models, roll back in one step.

Layout of a model directory::

    model.skops, metadata.json      the current model (what the portal loads)
    history/<model_version>/        earlier current models (model.skops + metadata.json)
    history/index.json              versions that were current before, oldest first

:func:`promote` moves the current model into ``history/`` and installs the candidate; :func:`rollback`
puts the most recent earlier model back (the one it replaces goes to the history too, so a rollback can
itself be undone by another promote). At most ``keep`` earlier models are kept.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ml.artifacts import METADATA_FILE, MODEL_FILE, ArtefactError, _atomic_write, read_metadata

HISTORY_DIR = "history"
INDEX_FILE = "index.json"
KEEP_PREVIOUS = 5


def _index_path(model_dir: Path) -> Path:
    return model_dir / HISTORY_DIR / INDEX_FILE


def history(model_dir: Path) -> list[str]:
    """Versions that were current before, oldest first (only those whose files are still there)."""
    path = _index_path(model_dir)
    if not path.is_file():
        return []
    versions = json.loads(path.read_text(encoding="utf-8"))
    return [v for v in versions if (model_dir / HISTORY_DIR / v / MODEL_FILE).is_file()]


def _write_index(model_dir: Path, versions: list[str]) -> None:
    (model_dir / HISTORY_DIR).mkdir(parents=True, exist_ok=True)
    _atomic_write(_index_path(model_dir), json.dumps(versions, indent=2).encode("utf-8"))


def current_version(model_dir: Path) -> str | None:
    try:
        return str(read_metadata(model_dir)["model_version"])
    except (ArtefactError, KeyError):
        return None


def _archive_current(model_dir: Path, versions: list[str]) -> list[str]:
    version = current_version(model_dir)
    if version is None or not (model_dir / MODEL_FILE).is_file():
        return versions
    target = model_dir / HISTORY_DIR / version
    target.mkdir(parents=True, exist_ok=True)
    for name in (MODEL_FILE, METADATA_FILE):
        shutil.copy2(model_dir / name, target / name)
    return [v for v in versions if v != version] + [version]


def _install(source: Path, model_dir: Path) -> None:
    """Copy a model's two files into ``model_dir`` (archive first, metadata last)."""
    model_dir.mkdir(parents=True, exist_ok=True)
    _atomic_write(model_dir / MODEL_FILE, (source / MODEL_FILE).read_bytes())
    _atomic_write(model_dir / METADATA_FILE, (source / METADATA_FILE).read_bytes())


def _prune(model_dir: Path, versions: list[str], keep: int) -> list[str]:
    current = current_version(model_dir)
    kept = versions[-keep:] if keep else []
    for version in set(versions) - set(kept):
        if version != current:
            shutil.rmtree(model_dir / HISTORY_DIR / version, ignore_errors=True)
    return kept


def promote(candidate_dir: Path, model_dir: Path, keep: int = KEEP_PREVIOUS) -> dict[str, Any]:
    """Make the candidate current; the model it replaces is kept for :func:`rollback`."""
    new_version = str(read_metadata(candidate_dir)["model_version"])
    previous = current_version(model_dir)
    versions = _archive_current(model_dir, history(model_dir))
    versions = [v for v in versions if v != new_version]
    _install(candidate_dir, model_dir)
    _write_index(model_dir, _prune(model_dir, versions, keep))
    return {"promoted": new_version, "previous": previous}


def rollback(model_dir: Path) -> dict[str, Any]:
    """Put the most recent earlier model back; raise :class:`ArtefactError` when there is none."""
    versions = history(model_dir)
    current = current_version(model_dir)
    candidates = [v for v in versions if v != current]
    if not candidates:
        raise ArtefactError(f"no earlier model in {model_dir / HISTORY_DIR} to roll back to")
    target = candidates[-1]
    remaining = [v for v in versions if v != target]
    # the model being replaced goes to the history, before the one restored (so it is not restored next)
    if current is not None and (model_dir / MODEL_FILE).is_file():
        archived = model_dir / HISTORY_DIR / current
        archived.mkdir(parents=True, exist_ok=True)
        for name in (MODEL_FILE, METADATA_FILE):
            shutil.copy2(model_dir / name, archived / name)
        remaining = [v for v in remaining if v != current]
        remaining = [current, *remaining]
    _install(model_dir / HISTORY_DIR / target, model_dir)
    shutil.rmtree(model_dir / HISTORY_DIR / target, ignore_errors=True)
    _write_index(model_dir, remaining)
    return {"restored": target, "replaced": current}
