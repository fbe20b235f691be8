"""The topic classifier, loaded once per application (lazily) and run off the event loop."""

from __future__ import annotations

import asyncio
from functools import lru_cache
from typing import TYPE_CHECKING

import anyio

from portal.tables import Unit

if TYPE_CHECKING:
    from litestar import Litestar

    from ml.classifier import ComplaintClassifier, Prediction

STATE_KEY = "complaint_classifier"
LOCK_KEY = "complaint_classifier_lock"
UNIT_CACHE_KEY = "complaint_topic_units"


async def get_classifier(app: Litestar) -> ComplaintClassifier:
    """The app's classifier; the first call loads (or trains) it in a worker thread."""
    classifier = app.state.get(STATE_KEY)
    if classifier is not None:
        return classifier
    lock = app.state.setdefault(LOCK_KEY, asyncio.Lock())
    async with lock:
        classifier = app.state.get(STATE_KEY)
        if classifier is None:
            from ml.classifier import load_or_train

            settings = app.state.settings
            classifier = await anyio.to_thread.run_sync(
                lambda: load_or_train(model_dir=settings.model_dir, triage_threshold=settings.triage_threshold)
            )
            app.state[STATE_KEY] = classifier
    return classifier


async def classify(app: Litestar, text: str) -> Prediction:
    classifier = await get_classifier(app)
    return await anyio.to_thread.run_sync(classifier.predict, text)


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
