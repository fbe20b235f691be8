from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-23T10:47:50:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint_event is append-only (triggers refuse UPDATE and DELETE)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def make_append_only():
        from piccolo.engine.finder import engine_finder
        from piccolo.engine.sqlite import SQLiteEngine

        from complaints.tables import APPEND_ONLY_POSTGRES, APPEND_ONLY_SQLITE

        engine = engine_finder()
        statements = APPEND_ONLY_SQLITE if isinstance(engine, SQLiteEngine) else APPEND_ONLY_POSTGRES
        for statement in statements:
            await engine.run_ddl(statement)

    manager.add_raw(make_append_only)
    return manager
