"""Topic -> handling unit mapping, configurable per deployment."""

import json
import os
from pathlib import Path

from ml.taxonomy import TOPICS

DEFAULT_ROUTING_PATH = Path(__file__).with_name("topic_routing.json")
ENV_VAR = "PORTAL_TOPIC_ROUTING"


def load_topic_routing(path: str | os.PathLike[str] | None = None) -> dict[str, str | None]:
    """Return ``{topic: unit slug or None}`` for every topic of the taxonomy.

    The file is a JSON object topic -> unit slug (``null`` = manual triage). The path is, in order:
    the ``path`` argument, the ``PORTAL_TOPIC_ROUTING`` environment variable, the shipped
    ``ml/topic_routing.json``. Topics missing from the file map to ``None``; unknown topics or
    non-string slugs raise ``ValueError``.
    """
    chosen = Path(path or os.environ.get(ENV_VAR) or DEFAULT_ROUTING_PATH)
    raw = json.loads(chosen.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError(f"{chosen}: expected a JSON object topic -> unit slug")
    unknown = sorted(set(raw) - set(TOPICS))
    if unknown:
        raise ValueError(f"{chosen}: unknown topics {unknown}")
    routing: dict[str, str | None] = {}
    for topic in TOPICS:
        slug = raw.get(topic)
        if slug is not None and (not isinstance(slug, str) or not slug.strip()):
            raise ValueError(f"{chosen}: unit for {topic!r} must be a non-empty string or null")
        routing[topic] = slug.strip() if isinstance(slug, str) else None
    return routing
