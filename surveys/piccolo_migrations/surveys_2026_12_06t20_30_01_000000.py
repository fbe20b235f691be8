from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-06T20:30:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Survey periods get a questionnaire kind: 'skm' (existing periods) or 'f03' (PEKPPP users' perception)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="surveys", description=DESCRIPTION)

    async def add_kind():
        from portal.db import get_engine

        await get_engine().run_ddl("ALTER TABLE survey_period ADD COLUMN kind VARCHAR(10) NOT NULL DEFAULT 'skm'")

    manager.add_raw(add_kind)
    return manager
