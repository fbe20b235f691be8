from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-23T10:47:50:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint_event is append-only (triggers refuse UPDATE and DELETE)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def make_append_only():
        from portal.db import make_append_only as append_only

        await append_only("complaint_event")

    manager.add_raw(make_append_only)
    return manager
