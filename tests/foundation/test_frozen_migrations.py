"""Past migrations carry their own SQL: editing live code cannot change what they do on a new database.

Each frozen migration is compared with the live definition it was frozen from. When this test fails, the
live definition changed: add a NEW migration that installs the new statements (and point this test at
it); never edit the old one.
"""

import ast
import importlib
from pathlib import Path

import pytest

from complaints.timing_projection import install_statements
from portal.db import append_only_statements

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


ROOT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests", "benchmarks", "deploy"}
# The database kernel a migration may use: the engine, its dialect, the write transaction.
KERNEL = {("portal.db", name) for name in ("get_engine", "is_sqlite", "write_transaction")}
# The one justified exception, a data backfill rather than a schema change: it builds the masked public copy of
# the complaints filed before `complaint_public` existed, with the masking of the day it runs (the same code as
# `portal complaints remask`, which a change of the masking rules asks for anyway). On a new database there is
# nothing to mask, so live code cannot change what it does there; freezing the masking rules would freeze a
# copy of complaints.redaction that would mask old complaints worse than the live rules.
BACKFILL = {"complaints_2026_12_06t04_00_00_000001.py": ("complaints.public_copy", "remask")}


def _migrations() -> list[Path]:
    found = sorted(path for path in ROOT.rglob("piccolo_migrations/*.py") if ".venv" not in path.parts)
    assert len(found) > 20  # every domain's and Open311's migrations, at any depth
    return found


def _project_imports(path: Path) -> set[tuple[str, str]]:
    """(module, name) of every import of project code in a migration, at module level or in a function."""
    imports = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PROJECT_PACKAGES:
            imports |= {(node.module, alias.name) for alias in node.names}
        elif isinstance(node, ast.Import):
            imports |= {(alias.name, "") for alias in node.names if alias.name.split(".")[0] in PROJECT_PACKAGES}
    return imports


def test_no_migration_imports_project_code_beyond_the_database_kernel() -> None:
    offenders = []
    for path in _migrations():
        allowed = KERNEL | ({BACKFILL[path.name]} if path.name in BACKFILL else set())
        offenders += [f"{path.relative_to(ROOT)}: {module} {name}" for module, name in _project_imports(path) - allowed]
    assert offenders == []


def test_the_one_backfill_exception_is_still_there_and_still_resolves() -> None:
    """A stale exception would excuse the next import; a moved `remask` would break new databases' migrate."""
    paths = {path.name: path for path in _migrations()}
    for file_name, (module, name) in BACKFILL.items():
        assert (module, name) in _project_imports(paths[file_name])
        assert callable(getattr(importlib.import_module(module), name))
