from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-06T06:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint.escalation_state: a disputed case waits for the supervising unit (issue 21)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def add_escalation_state():
        from portal.db import get_engine

        await get_engine().run_ddl("ALTER TABLE complaint ADD COLUMN escalation_state VARCHAR(20) NOT NULL DEFAULT ''")
        # Cases already disputed and still open wait for the supervising unit like new ones.
        await get_engine().run_ddl(
            "UPDATE complaint SET escalation_state = 'pending' "
            "WHERE escalated = TRUE AND status IN ('in_progress', 'routed')"
        )

    manager.add_raw(add_escalation_state)
    return manager
