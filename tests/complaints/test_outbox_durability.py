"""Outbox durability (short version of benchmarks/outbox_durability.py): a child process commits an event
with its outbox row and is SIGKILLed before sending, or after the fake WhatsApp API accepted the message but
before it was marked sent; the worker then runs. Nothing is lost and nothing is sent twice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.outbox_durability import run


@pytest.mark.slow
def test_no_message_lost_or_duplicated_when_processes_are_killed(db, tmp_path: Path, settings) -> None:
    report = run(kills=4, database_url=os.environ["DATABASE_URL"], data_dir=tmp_path, settings=settings)
    print("\n" + report.lines())
    assert report.kills == 4 and report.modes == {"after_commit": 2, "after_send": 2}
    assert report.expected_messages == 8  # "received" and "routed" for each of the 4 complaints
    assert report.lost == 0
    assert report.duplicated == 0


@pytest.mark.slow
def test_without_status_webhooks_a_send_interrupted_after_the_api_accepted_it_is_repeated(
    db, tmp_path: Path, settings
) -> None:
    """The documented limit: at-least-once when the webhook that names the message never arrives."""
    report = run(kills=2, database_url=os.environ["DATABASE_URL"], data_dir=tmp_path, settings=settings, webhook=False)
    assert report.lost == 0
    assert report.duplicated == 1  # the one "after_send" kill
