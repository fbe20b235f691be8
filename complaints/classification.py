"""The topic classifier, loaded once per application (lazily) and run off the event loop.

Predictions are micro-batched (portal.batching): while one batch runs in a worker, new texts queue up
and go into the next `predict_many` call, which costs about as much as a single prediction. This keeps
intake fast under concurrent load without any artificial waiting.

A model promoted or rolled back on disk (``portal ml retrain`` / ``rollback``) is picked up without a
restart: every batch compares the model directory's ``metadata.json`` (written last, atomically, by
``ml.registry``) with the one the loaded model came from and loads the new files when it changed. A
model that fails to load (half-copied by hand, another scikit-learn) is logged and the working one
kept; only a first start with no usable model trains one.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio

from complaints.topic_routes import routed_unit
from ml.routing import load_topic_routing
from portal.batching import MicroBatcher

if TYPE_CHECKING:
    from litestar import Litestar

    from ml.classifier import Prediction

STATE_KEY = "complaint_classifier"
LOCK_KEY = "complaint_classifier_lock"
UNIT_CACHE_KEY = "complaint_topic_units"
UNIT_CACHE_SECONDS = 300
MAX_BATCH = 64

log = logging.getLogger("complaints.classification")

# Loaded models per (model_dir, threshold) with the stamp of the files they came from: loading takes
# seconds, so an app created again in the same process (tests, reloads) reuses it.
_LOADED: dict[tuple[str, float], tuple[int, Any]] = {}


class BatchingClassifier:
    """Wraps a ComplaintClassifier (anything with `predict_many`) and batches concurrent calls.

    `predict_many` runs in a worker thread, or, with `in_process=False`, in a worker process (the
    model is CPU-bound Python/NumPy work: a second core keeps the event loop free for requests).
    """

    def __init__(
        self,
        classifier: Any = None,
        max_batch: int = MAX_BATCH,
        *,
        model_dir: Any = None,
        threshold: float = 0.0,
        in_process: bool = True,
    ) -> None:
        self.classifier = classifier
        self.model_dir = model_dir
        self.threshold = threshold
        self.in_process = in_process
        self._batcher: MicroBatcher[str, Prediction] = MicroBatcher(self._predict_batch, max_batch)

    async def predict(self, text: str) -> Prediction:
        return await self._batcher.submit(text)

    async def _predict_batch(self, texts: list[str]) -> list[Prediction]:
        if self.in_process:
            return await anyio.to_thread.run_sync(self._predict_here, texts)
        return await anyio.to_process.run_sync(predict_in_worker, str(self.model_dir), self.threshold, texts,
                                               cancellable=True)  # fmt: skip

    def _predict_here(self, texts: list[str]) -> list[Prediction]:
        model = self.classifier if self.classifier is not None else _load(self.model_dir, self.threshold)
        return model.predict_many(texts)


def predict_in_worker(model_dir: str, threshold: float, texts: list[str]) -> list[Prediction]:
    """Runs in an anyio worker process, which loads the model once and keeps it."""
    return _load(model_dir, threshold).predict_many(texts)


def use_worker_process() -> bool:
    """A worker process pays off with a spare core (the model load is paid once per process)."""
    return (os.cpu_count() or 1) > 1


def model_stamp(model_dir: Any) -> int:
    """Changes whenever a model is installed in ``model_dir`` (its metadata file is written last)."""
    # lazy: ml.artifacts/ml.classifier load scikit-learn, which a web process needs only once it
    # classifies (classification may run in a worker process)
    from ml.artifacts import METADATA_FILE, default_model_dir

    try:
        return (Path(model_dir or default_model_dir()) / METADATA_FILE).stat().st_mtime_ns
    except OSError:
        return 0


def _load(model_dir: Any, threshold: float) -> Any:
    """The model in ``model_dir``, loaded once and again whenever the files on disk change."""
    # lazy: ml.artifacts/ml.classifier load scikit-learn, which a web process needs only once it
    # classifies (classification may run in a worker process)
    from ml.artifacts import ArtefactError
    from ml.classifier import ComplaintClassifier, load_or_train

    key = (str(model_dir), threshold)
    stamp = model_stamp(model_dir)
    loaded = _LOADED.get(key)
    if loaded is None:
        model = load_or_train(model_dir=model_dir, triage_threshold=threshold)
        _LOADED[key] = (model_stamp(model_dir), model)
        return model
    if loaded[0] == stamp:
        return loaded[1]
    try:
        model = ComplaintClassifier.load(model_dir, triage_threshold=threshold)
    except ArtefactError as exc:
        log.warning("model in %s changed but does not load (%s); keeping %s", model_dir, exc, loaded[1].model_version)
        _LOADED[key] = (stamp, loaded[1])
        return loaded[1]
    log.info("model %s replaced by %s (files changed on disk)", loaded[1].model_version, model.model_version)
    _LOADED[key] = (stamp, model)
    return model


async def get_classifier(app: Litestar) -> BatchingClassifier:
    """The app's classifier; the first call loads (or trains) the model in a worker thread."""
    classifier = app.state.get(STATE_KEY)
    if classifier is not None:
        return classifier
    lock = app.state.setdefault(LOCK_KEY, asyncio.Lock())
    async with lock:
        classifier = app.state.get(STATE_KEY)
        if classifier is None:
            settings = app.state.settings
            if use_worker_process():
                # Load (or train) in the worker now, so the first complaint does not wait for it.
                await anyio.to_process.run_sync(
                    predict_in_worker,
                    str(settings.model_dir),
                    settings.triage_threshold,
                    ["pemanasan"],
                    cancellable=True,
                )
                classifier = BatchingClassifier(
                    None, model_dir=settings.model_dir, threshold=settings.triage_threshold, in_process=False
                )
            else:
                await anyio.to_thread.run_sync(_load, settings.model_dir, settings.triage_threshold)
                classifier = BatchingClassifier(model_dir=settings.model_dir, threshold=settings.triage_threshold)
            app.state[STATE_KEY] = classifier
    return classifier


async def classify(app: Litestar, text: str) -> Prediction:
    classifier = await get_classifier(app)
    return await classifier.predict(text)


@lru_cache(maxsize=1)
def topic_routing() -> dict[str, str | None]:
    return load_topic_routing()


async def unit_for_topic(app: Litestar, topic: str) -> int | None:
    """The unit that handles `topic`, or None when no unit does (manual triage).

    The system administrator's choice (``topic_route``, /staf/admin/rute-topik) comes first, then the
    routing file (ml/topic_routing.json or PORTAL_TOPIC_ROUTING). Answers are cached per process for
    ``UNIT_CACHE_SECONDS``: a change clears the cache of the worker that made it; other workers of a
    multi-worker deployment follow within that time.
    """
    cache: dict[str, tuple[float, int | None]] = app.state.setdefault(UNIT_CACHE_KEY, {})
    hit = cache.get(topic)
    if hit and time.monotonic() - hit[0] < UNIT_CACHE_SECONDS:
        return hit[1]
    unit_id = await routed_unit(topic)
    cache[topic] = (time.monotonic(), unit_id)
    return unit_id
