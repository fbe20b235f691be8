from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from portal.db import get_engine, is_sqlite

ID = "2026-11-23T10:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "audit_log is append-only (triggers refuse UPDATE and DELETE)"

# Frozen at the time of this migration (issue 18): editing live code must never change what a past
# migration does on a new database. A later change to these statements needs a migration of its own.
SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, "
    "'audit_log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, "
    "'audit_log is append-only'); END",
]

POSTGRES = [
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION "
    "'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION "
    "audit_log_append_only()",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="portal", description=DESCRIPTION)

    async def make_append_only():
        engine = get_engine()
        for statement in SQLITE if is_sqlite(engine) else POSTGRES:
            await engine.run_ddl(statement)

    manager.add_raw(make_append_only)
    return manager
