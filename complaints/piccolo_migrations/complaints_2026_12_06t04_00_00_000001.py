from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-06T04:00:00:000001"
VERSION = "1.38.0"
DESCRIPTION = "complaint_public: copies for the complaints filed before the table existed"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def build_public_copies():
        # The same code as `portal complaints remask` (raw steps run before a migration's table changes,
        # hence a migration of its own after the one that creates complaint_public).
        from complaints.public_copy import remask

        await remask()

    manager.add_raw(build_public_copies)
    return manager
