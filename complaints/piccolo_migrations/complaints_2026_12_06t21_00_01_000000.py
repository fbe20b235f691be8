"""The public board at scale (issue 17): keyset indexes and the full-text index of the public copy.

Frozen SQL (not imported from live code):
- partial indexes on complaint for the board's order (created_at DESC, id DESC) over the rows the board
  shows (not rahasia, status verified..closed), also per unit and per topic, and one for Open311 lists;
- SQLite: an FTS5 table `complaint_fts` (trigram tokenizer: substring matches, so roots and typos in
  longer words still meet) over the masked title, description and latest answer of complaint_public,
  kept by triggers on complaint_public;
- PostgreSQL: the pg_trgm extension (the migration fails with a clear message when the server does not
  have it) and a GIN trigram index over the same text.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.sqlite import SQLiteEngine

ID = "2026-12-06T21:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint board keyset indexes and full-text index of complaint_public"

BOARD = "is_confidential = false AND status IN ('verified', 'routed', 'in_progress', 'answered', 'closed')"
OPEN311 = "is_confidential = false AND status NOT IN ('received', 'needs_info', 'archived')"
COMMON = [
    f"CREATE INDEX IF NOT EXISTS complaint_board_order ON complaint (created_at DESC, id DESC) WHERE {BOARD}",
    f"CREATE INDEX IF NOT EXISTS complaint_board_unit ON complaint (unit, created_at DESC, id DESC) WHERE {BOARD}",
    f"CREATE INDEX IF NOT EXISTS complaint_board_topic ON complaint (topic, created_at DESC, id DESC) WHERE {BOARD}",
    f"CREATE INDEX IF NOT EXISTS complaint_open311_order ON complaint (created_at DESC, id DESC) WHERE {OPEN311}",
]
SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS complaint_fts USING fts5(body, tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS complaint_public_fts_insert AFTER INSERT ON complaint_public BEGIN "
    "INSERT INTO complaint_fts (rowid, body) VALUES "
    "(new.complaint, new.title || ' ' || new.description || ' ' || new.latest_answer); END",
    "CREATE TRIGGER IF NOT EXISTS complaint_public_fts_update AFTER UPDATE ON complaint_public BEGIN "
    "DELETE FROM complaint_fts WHERE rowid = old.complaint; "
    "INSERT INTO complaint_fts (rowid, body) VALUES "
    "(new.complaint, new.title || ' ' || new.description || ' ' || new.latest_answer); END",
    "CREATE TRIGGER IF NOT EXISTS complaint_public_fts_delete AFTER DELETE ON complaint_public BEGIN "
    "DELETE FROM complaint_fts WHERE rowid = old.complaint; END",
    "DELETE FROM complaint_fts",
    "INSERT INTO complaint_fts (rowid, body) "
    "SELECT complaint, title || ' ' || description || ' ' || latest_answer FROM complaint_public",
]
POSTGRES = [
    "CREATE INDEX IF NOT EXISTS complaint_public_text_trgm ON complaint_public "
    "USING gin (lower(title || ' ' || description || ' ' || latest_answer) gin_trgm_ops)",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS complaint_public_fts_insert",
    "DROP TRIGGER IF EXISTS complaint_public_fts_update",
    "DROP TRIGGER IF EXISTS complaint_public_fts_delete",
    "DROP TABLE IF EXISTS complaint_fts",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS complaint_public_text_trgm"]
COMMON_DOWN = [
    "DROP INDEX IF EXISTS complaint_board_order",
    "DROP INDEX IF EXISTS complaint_board_unit",
    "DROP INDEX IF EXISTS complaint_board_topic",
    "DROP INDEX IF EXISTS complaint_open311_order",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def create():
        from portal.db import get_engine

        engine = get_engine()
        sqlite = isinstance(engine, SQLiteEngine)
        if not sqlite:
            try:
                await engine.run_ddl("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception as exc:
                raise RuntimeError(
                    "PostgreSQL extension pg_trgm is not available: install the server's contrib package "
                    "(e.g. postgresql-contrib) or run CREATE EXTENSION pg_trgm as a superuser, then migrate again. "
                    f"({exc})"
                ) from exc
        for statement in COMMON + (SQLITE if sqlite else POSTGRES):
            await engine.run_ddl(statement)

    async def drop():
        from portal.db import get_engine

        engine = get_engine()
        sqlite = isinstance(engine, SQLiteEngine)
        for statement in (SQLITE_DOWN if sqlite else POSTGRES_DOWN) + COMMON_DOWN:
            await engine.run_ddl(statement)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
