"""The topic classifier, loaded once per application (lazily) and run off the event loop.

Predictions are micro-batched (portal.batching): while one batch runs in a worker, new texts queue up
and go into the next `predict_many` call, which costs about as much as a single prediction. This keeps
intake fast under concurrent load without any artificial waiting.
"""

from __future__ import annotations

import asyncio
import os
import time
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import anyio

from portal.batching import MicroBatcher
from portal.tables import Unit

if TYPE_CHECKING:
    from litestar import Litestar

    from ml.classifier import Prediction

STATE_KEY = "complaint_classifier"
LOCK_KEY = "complaint_classifier_lock"
UNIT_CACHE_KEY = "complaint_topic_units"
UNIT_CACHE_SECONDS = 300
MAX_BATCH = 64

# Loaded models per (model_dir, threshold): loading takes seconds, so an app created again in the
# same process (tests, reloads) reuses it.
_LOADED: dict[tuple[str, float], Any] = {}


class BatchingClassifier:
    """Wraps a ComplaintClassifier (anything with `predict_many`) and batches concurrent calls.

    `predict_many` runs in a worker thread, or, with `in_process=False`, in a worker process (the
    model is CPU-bound Python/NumPy work: a second core keeps the event loop free for requests).
    """

    def __init__(self, classifier: Any, max_batch: int = MAX_BATCH, *, model_dir: Any = None,
                 threshold: float = 0.0, in_process: bool = True) -> None:
        self.classifier = classifier
        self.model_dir = model_dir
        self.threshold = threshold
        self.in_process = in_process
        self._batcher: MicroBatcher[str, Prediction] = MicroBatcher(self._predict_batch, max_batch)

    async def predict(self, text: str) -> Prediction:
        return await self._batcher.submit(text)

    async def _predict_batch(self, texts: list[str]) -> list[Prediction]:
        if self.in_process:
            return await anyio.to_thread.run_sync(self.classifier.predict_many, texts)
        return await anyio.to_process.run_sync(predict_in_worker, str(self.model_dir), self.threshold, texts,
                                               cancellable=True)  # fmt: skip


def predict_in_worker(model_dir: str, threshold: float, texts: list[str]) -> list[Prediction]:
    """Runs in an anyio worker process, which loads the model once and keeps it."""
    return _load(model_dir, threshold).predict_many(texts)


def use_worker_process() -> bool:
    """A worker process pays off with a spare core (the model load is paid once per process)."""
    return (os.cpu_count() or 1) > 1


def _load(model_dir: Any, threshold: float) -> Any:
    from ml.classifier import load_or_train

    key = (str(model_dir), threshold)
    if key not in _LOADED:
        _LOADED[key] = load_or_train(model_dir=model_dir, triage_threshold=threshold)
    return _LOADED[key]


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
                await anyio.to_process.run_sync(predict_in_worker, str(settings.model_dir),
                                                settings.triage_threshold, ["pemanasan"], cancellable=True)
                classifier = BatchingClassifier(None, model_dir=settings.model_dir,
                                                threshold=settings.triage_threshold, in_process=False)
            else:
                model = await anyio.to_thread.run_sync(_load, settings.model_dir, settings.triage_threshold)
                classifier = BatchingClassifier(model)
            app.state[STATE_KEY] = classifier
    return classifier


async def classify(app: Litestar, text: str) -> Prediction:
    classifier = await get_classifier(app)
    return await classifier.predict(text)


@lru_cache(maxsize=1)
def topic_routing() -> dict[str, str | None]:
    from ml.routing import load_topic_routing

    return load_topic_routing()


async def unit_for_topic(app: Litestar, topic: str) -> int | None:
    """The unit that handles `topic` (ml/topic_routing.json), or None when no unit does."""
    slug = topic_routing().get(topic)
    if not slug:
        return None
    cache: dict[str, tuple[float, int | None]] = app.state.setdefault(UNIT_CACHE_KEY, {})
    hit = cache.get(slug)
    if hit and time.monotonic() - hit[0] < UNIT_CACHE_SECONDS:
        return hit[1]
    row = await Unit.select(Unit.id).where(Unit.slug == slug).first()
    cache[slug] = (time.monotonic(), row["id"] if row else None)
    return cache[slug][1]
