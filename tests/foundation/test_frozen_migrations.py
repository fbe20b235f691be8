"""Past migrations carry their own SQL: editing live code cannot change what they do on a new database.

Each frozen migration is compared with the live definition it was frozen from. When this test fails, the
live definition changed: add a NEW migration that installs the new statements (and point this test at
it); never edit the old one.
"""

import importlib

import pytest

from complaints.timing_projection import install_statements
from portal.db import append_only_statements
from portal.domains import registered

EVENT_TRIGGER = "complaint_timing_on_event"  # replaced by complaints_2026_12_06t20_50_01 (interim updates)


def _kept(statement: str) -> bool:
    """Schema of the projection as first installed, minus the event trigger that a later migration replaced
    (the rows it computed then are data, recomputed with the live rules by `timing_projection.rebuild()`)."""
    return statement.startswith(("CREATE", "DROP")) and EVENT_TRIGGER not in statement


def _timing_install(sqlite: bool) -> list[str]:
    return [statement for statement in install_statements(sqlite=sqlite) if _kept(statement)]


FROZEN = [
    ("complaints.piccolo_migrations.complaints_2026_11_23t14_00_00_000000", _timing_install),
    ("complaints.piccolo_migrations.complaints_2026_11_23t10_47_50_000000",
     lambda sqlite: append_only_statements("complaint_event", sqlite=sqlite)),
    ("portal.piccolo_migrations.portal_2026_11_23t10_40_00_000000",
     lambda sqlite: append_only_statements("audit_log", sqlite=sqlite)),
]  # fmt: skip


@pytest.mark.parametrize(("module", "live"), FROZEN, ids=[m.rsplit(".", 1)[1] for m, _ in FROZEN])
def test_the_live_definition_still_matches_its_latest_migration(module, live) -> None:
    migration = importlib.import_module(module)
    keep = _kept if live is _timing_install else (lambda _statement: True)
    assert live(True) == [statement for statement in migration.SQLITE if keep(statement)]
    assert live(False) == [statement for statement in migration.POSTGRES if keep(statement)]


def test_the_timing_event_trigger_matches_the_migration_that_last_replaced_it() -> None:
    from complaints.timing_projection import _postgres_triggers, _sqlite_triggers

    migration = importlib.import_module("complaints.piccolo_migrations.complaints_2026_12_06t20_50_01_000000")
    live_sqlite = [statement for statement in _sqlite_triggers() if EVENT_TRIGGER in statement]
    assert live_sqlite == [statement for statement in migration.SQLITE_TRIGGER if not statement.startswith("DROP")]
    assert [statement for statement in _postgres_triggers() if EVENT_TRIGGER in statement] == migration.POSTGRES_TRIGGER


PROJECT_IMPORTS = tuple(f"{kind} {domain.name}" for domain in registered() for kind in ("from", "import"))


def test_no_migration_imports_project_code_beyond_the_database_kernel() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    allowed = {"from portal.db import get_engine", "from portal.db import get_engine, is_sqlite",
               "from portal.db import write_transaction"}  # fmt: skip
    offenders = []
    for path in sorted(root.glob("*/piccolo_migrations/*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            project = stripped.startswith(PROJECT_IMPORTS)
            # the one data backfill: it must mask old complaints with the masking of the day it runs
            backfill = "public_copy import remask" in stripped
            if project and stripped not in allowed and not backfill:
                offenders.append(f"{path.name}: {stripped}")
    assert offenders == []
