"""Officers' topic corrections, read back by `portal ml train --include-feedback`."""

from __future__ import annotations

from complaints.tables import TopicCorrection


async def load_topic_corrections() -> list[tuple[str, str]]:
    """(text, corrected topic) of every correction, the latest per complaint, oldest first."""
    rows = await TopicCorrection.select(
        TopicCorrection.complaint_id, TopicCorrection.text, TopicCorrection.corrected_topic
    ).order_by(TopicCorrection.id)
    latest: dict[int, tuple[str, str]] = {}
    for row in rows:
        latest[row["complaint_id"]] = (row["text"], row["corrected_topic"])
    return list(latest.values())


def load_topic_corrections_sync() -> list[tuple[str, str]]:
    from piccolo.utils.sync import run_sync

    return run_sync(load_topic_corrections())
