"""The topic classifier, loaded once per application (lazily) and run off the event loop.

Predictions are micro-batched: while one batch runs in a worker thread, new texts queue up and go
into the next `predict_many` call, which costs about as much as a single prediction. This keeps
intake fast under concurrent load without any artificial waiting.
"""

from __future__ import annotations

import asyncio
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import anyio

from portal.tables import Unit

if TYPE_CHECKING:
    from litestar import Litestar

    from ml.classifier import Prediction

STATE_KEY = "complaint_classifier"
LOCK_KEY = "complaint_classifier_lock"
UNIT_CACHE_KEY = "complaint_topic_units"
MAX_BATCH = 64

# Loaded models per (model_dir, threshold): loading takes seconds, so an app created again in the
# same process (tests, reloads) reuses it.
_LOADED: dict[tuple[str, float], Any] = {}


class BatchingClassifier:
    """Wraps a ComplaintClassifier (anything with `predict_many`) and batches concurrent calls."""

    def __init__(self, classifier: Any, max_batch: int = MAX_BATCH) -> None:
        self.classifier = classifier
        self.max_batch = max_batch
        self._pending: list[tuple[str, asyncio.Future[Prediction]]] = []
        self._worker: asyncio.Task[None] | None = None

    async def predict(self, text: str) -> Prediction:
        future: asyncio.Future[Prediction] = asyncio.get_running_loop().create_future()
        self._pending.append((text, future))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[: self.max_batch], self._pending[self.max_batch :]
            try:
                results = await anyio.to_thread.run_sync(self.classifier.predict_many, [t for t, _ in batch])
            except Exception as exc:  # every waiting request gets the error, none hangs
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)


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
    cache: dict[str, int] = app.state.setdefault(UNIT_CACHE_KEY, {})
    if slug in cache:
        return cache[slug]
    row = await Unit.select(Unit.id).where(Unit.slug == slug).first()
    if row is None:
        return None
    cache[slug] = row["id"]
    return row["id"]
