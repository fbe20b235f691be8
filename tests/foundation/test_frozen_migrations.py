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

FROZEN = [
    ("complaints.piccolo_migrations.complaints_2026_11_23t14_00_00_000000",
     lambda sqlite: install_statements(sqlite=sqlite)),
    ("complaints.piccolo_migrations.complaints_2026_11_23t10_47_50_000000",
     lambda sqlite: append_only_statements("complaint_event", sqlite=sqlite)),
    ("portal.piccolo_migrations.portal_2026_11_23t10_40_00_000000",
     lambda sqlite: append_only_statements("audit_log", sqlite=sqlite)),
]  # fmt: skip


@pytest.mark.parametrize(("module", "live"), FROZEN, ids=[m.rsplit(".", 1)[1] for m, _ in FROZEN])
def test_the_live_definition_still_matches_its_latest_migration(module, live) -> None:
    migration = importlib.import_module(module)
    assert live(True) == migration.SQLITE
    assert live(False) == migration.POSTGRES


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
