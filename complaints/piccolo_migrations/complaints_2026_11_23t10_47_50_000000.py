from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from portal.db import get_engine, is_sqlite

ID = "2026-11-23T10:47:50:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint_event is append-only (triggers refuse UPDATE and DELETE)"

# Frozen at the time of this migration (issue 18): editing live code must never change what a past
# migration does on a new database. A later change to these statements needs a migration of its own.
SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS complaint_event_no_update BEFORE UPDATE ON complaint_event BEGIN SELECT "
    "RAISE(ABORT, 'complaint_event is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS complaint_event_no_delete BEFORE DELETE ON complaint_event BEGIN SELECT "
    "RAISE(ABORT, 'complaint_event is append-only'); END",
]

POSTGRES = [
    "CREATE OR REPLACE FUNCTION complaint_event_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION "
    "'complaint_event is append-only'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS complaint_event_no_change ON complaint_event",
    "CREATE TRIGGER complaint_event_no_change BEFORE UPDATE OR DELETE ON complaint_event FOR EACH ROW "
    "EXECUTE FUNCTION complaint_event_append_only()",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def make_append_only():
        engine = get_engine()
        for statement in SQLITE if is_sqlite(engine) else POSTGRES:
            await engine.run_ddl(statement)

    manager.add_raw(make_append_only)
    return manager
