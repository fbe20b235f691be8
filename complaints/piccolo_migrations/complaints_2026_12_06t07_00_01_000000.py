from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-06T07:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "index complaint (lapor_import, unit, created_at) for the LAPOR! provenance of PEKPPP figures"


async def forwards():
    # A migration of its own: raw steps run before add_column, and the column comes from 07:00:00.
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def provenance_index():
        from portal.db import get_engine

        # Evidence of 28.e: per import, the unit's complaints of a period, read from the index alone.
        await get_engine().run_ddl(
            "CREATE INDEX IF NOT EXISTS complaint_lapor_import_unit_created ON complaint (lapor_import, unit, created_at)"
        )

    manager.add_raw(provenance_index)
    return manager
