"""Short CI version of benchmarks/durability.py: SIGKILL the server during concurrent submissions.

Runs on the suite's database (SQLite, or PostgreSQL when DATABASE_URL says so). Figures are printed
and written to test-artifacts/durability-<engine>.json.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest

from benchmarks.durability import run
from tests.helpers import ROOT


@pytest.mark.slow
def test_every_acknowledged_complaint_survives_sigkill_exactly_once(db, tmp_path: Path) -> None:
    from complaints.classification import _load
    from portal.settings import get_settings

    settings = get_settings()
    _load(settings.model_dir, settings.triage_threshold)  # train once up front (shared with other tests)
    report = run(seconds=8, clients=4, kills=3, data_dir=tmp_path / "data",
                 database_url=os.environ["DATABASE_URL"], prepare=False)  # fmt: skip
    artefacts = ROOT / "test-artifacts"
    artefacts.mkdir(exist_ok=True)
    (artefacts / f"durability-{report.engine}.json").write_text(json.dumps(asdict(report), indent=2))
    print("\n" + report.lines())
    assert report.kills == 3
    assert report.acknowledged >= 8 and report.with_photo >= 1, report.lines()
    assert report.lost == 0, report.problems
    assert report.duplicated == 0, report.problems
    assert report.integrity == "ok"
