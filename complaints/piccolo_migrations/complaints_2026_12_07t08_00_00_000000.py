"""The public board's version (issue 17): one counter that every change the public lists show moves.

Frozen SQL (not imported from live code). Table complaint_board_version holds one row (id 1, n); triggers
add 1 to n when a complaint the public sees (not rahasia, status verified..closed, the same rows as the
board and Open311 lists) is inserted, updated or deleted, when a complaint enters or leaves that set, when
the public copy of a visible complaint changes, and when a unit or a service is renamed. The public board
and the Open311 list keep rendered pages keyed by n (complaints.services.board.PageCache): a page is
never served after the data under it changed. New complaints (status received) do not move n, so intake
never waits on the counter's row.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-07T08:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint_board_version: a counter moved by every change of what the public lists show"

SHOWN = "('verified', 'routed', 'in_progress', 'answered', 'closed')"


def _visible(row: str, false: str) -> str:
    return f"({row}.is_confidential = {false} AND {row}.status IN {SHOWN})"


SQLITE_BUMP = "UPDATE complaint_board_version SET n = n + 1 WHERE id = 1;"
SQLITE_PUBLIC_VISIBLE = "EXISTS (SELECT 1 FROM complaint c WHERE c.id = {row}.complaint AND " + _visible("c", "0") + ")"  # noqa: S608
SQLITE = [
    "CREATE TABLE IF NOT EXISTS complaint_board_version (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)",
    "INSERT OR IGNORE INTO complaint_board_version (id, n) VALUES (1, 0)",
    "CREATE TRIGGER IF NOT EXISTS complaint_board_version_insert AFTER INSERT ON complaint "
    f"WHEN {_visible('NEW', '0')} BEGIN {SQLITE_BUMP} END",
    "CREATE TRIGGER IF NOT EXISTS complaint_board_version_update AFTER UPDATE ON complaint "
    f"WHEN {_visible('OLD', '0')} OR {_visible('NEW', '0')} BEGIN {SQLITE_BUMP} END",
    "CREATE TRIGGER IF NOT EXISTS complaint_board_version_delete AFTER DELETE ON complaint "
    f"WHEN {_visible('OLD', '0')} BEGIN {SQLITE_BUMP} END",
    "CREATE TRIGGER IF NOT EXISTS complaint_public_board_version_insert AFTER INSERT ON complaint_public "
    f"WHEN {SQLITE_PUBLIC_VISIBLE.format(row='NEW')} BEGIN {SQLITE_BUMP} END",
    "CREATE TRIGGER IF NOT EXISTS complaint_public_board_version_update AFTER UPDATE ON complaint_public "
    f"WHEN {SQLITE_PUBLIC_VISIBLE.format(row='NEW')} BEGIN {SQLITE_BUMP} END",
    "CREATE TRIGGER IF NOT EXISTS complaint_public_board_version_delete AFTER DELETE ON complaint_public "
    f"WHEN {SQLITE_PUBLIC_VISIBLE.format(row='OLD')} BEGIN {SQLITE_BUMP} END",
    f"CREATE TRIGGER IF NOT EXISTS unit_board_version_update AFTER UPDATE ON unit BEGIN {SQLITE_BUMP} END",
    f"CREATE TRIGGER IF NOT EXISTS service_board_version_update AFTER UPDATE ON service BEGIN {SQLITE_BUMP} END",
]
POSTGRES = [
    "CREATE TABLE IF NOT EXISTS complaint_board_version (id INTEGER PRIMARY KEY, n BIGINT NOT NULL DEFAULT 0)",
    "INSERT INTO complaint_board_version (id, n) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",
    "CREATE OR REPLACE FUNCTION complaint_board_version_bump() RETURNS trigger AS $$\n"
    "BEGIN\n  UPDATE complaint_board_version SET n = n + 1 WHERE id = 1;\n  RETURN NULL;\nEND; $$ LANGUAGE plpgsql",
    "CREATE OR REPLACE FUNCTION complaint_public_board_version_bump() RETURNS trigger AS $$\n"  # noqa: S608
    "DECLARE target INTEGER;\nBEGIN\n"
    "  IF TG_OP = 'DELETE' THEN target := OLD.complaint; ELSE target := NEW.complaint; END IF;\n"
    "  IF EXISTS (SELECT 1 FROM complaint c WHERE c.id = target AND " + _visible("c", "false") + ") THEN\n"
    "    UPDATE complaint_board_version SET n = n + 1 WHERE id = 1;\n  END IF;\n  RETURN NULL;\n"
    "END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS complaint_board_version_insert ON complaint",
    "CREATE TRIGGER complaint_board_version_insert AFTER INSERT ON complaint FOR EACH ROW "
    f"WHEN {_visible('NEW', 'false')} EXECUTE FUNCTION complaint_board_version_bump()",
    "DROP TRIGGER IF EXISTS complaint_board_version_update ON complaint",
    "CREATE TRIGGER complaint_board_version_update AFTER UPDATE ON complaint FOR EACH ROW "
    f"WHEN ({_visible('OLD', 'false')} OR {_visible('NEW', 'false')}) "
    "EXECUTE FUNCTION complaint_board_version_bump()",
    "DROP TRIGGER IF EXISTS complaint_board_version_delete ON complaint",
    "CREATE TRIGGER complaint_board_version_delete AFTER DELETE ON complaint FOR EACH ROW "
    f"WHEN {_visible('OLD', 'false')} EXECUTE FUNCTION complaint_board_version_bump()",
    "DROP TRIGGER IF EXISTS complaint_public_board_version ON complaint_public",
    "CREATE TRIGGER complaint_public_board_version AFTER INSERT OR UPDATE OR DELETE ON complaint_public "
    "FOR EACH ROW EXECUTE FUNCTION complaint_public_board_version_bump()",
    "DROP TRIGGER IF EXISTS unit_board_version_update ON unit",
    "CREATE TRIGGER unit_board_version_update AFTER UPDATE ON unit FOR EACH STATEMENT "
    "EXECUTE FUNCTION complaint_board_version_bump()",
    "DROP TRIGGER IF EXISTS service_board_version_update ON service",
    "CREATE TRIGGER service_board_version_update AFTER UPDATE ON service FOR EACH STATEMENT "
    "EXECUTE FUNCTION complaint_board_version_bump()",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS complaint_board_version_insert",
    "DROP TRIGGER IF EXISTS complaint_board_version_update",
    "DROP TRIGGER IF EXISTS complaint_board_version_delete",
    "DROP TRIGGER IF EXISTS complaint_public_board_version_insert",
    "DROP TRIGGER IF EXISTS complaint_public_board_version_update",
    "DROP TRIGGER IF EXISTS complaint_public_board_version_delete",
    "DROP TRIGGER IF EXISTS unit_board_version_update",
    "DROP TRIGGER IF EXISTS service_board_version_update",
    "DROP TABLE IF EXISTS complaint_board_version",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS complaint_board_version_insert ON complaint",
    "DROP TRIGGER IF EXISTS complaint_board_version_update ON complaint",
    "DROP TRIGGER IF EXISTS complaint_board_version_delete ON complaint",
    "DROP TRIGGER IF EXISTS complaint_public_board_version ON complaint_public",
    "DROP TRIGGER IF EXISTS unit_board_version_update ON unit",
    "DROP TRIGGER IF EXISTS service_board_version_update ON service",
    "DROP FUNCTION IF EXISTS complaint_board_version_bump()",
    "DROP FUNCTION IF EXISTS complaint_public_board_version_bump()",
    "DROP TABLE IF EXISTS complaint_board_version",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def create():
        from portal.db import get_engine, is_sqlite

        engine = get_engine()
        for statement in SQLITE if is_sqlite(engine) else POSTGRES:
            await engine.run_ddl(statement)

    async def drop():
        from portal.db import get_engine, is_sqlite

        engine = get_engine()
        for statement in SQLITE_DOWN if is_sqlite(engine) else POSTGRES_DOWN:
            await engine.run_ddl(statement)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
