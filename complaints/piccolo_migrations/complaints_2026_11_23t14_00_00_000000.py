from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-23T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint_timing: per-complaint milestones projected from complaint_event by triggers"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def install_timing_projection():
        from complaints.timing_projection import install

        await install()

    manager.add_raw(install_timing_projection)
    return manager
