"""The board's newest-first windows read one index only (issue 17).

Frozen SQL (not imported from live code). complaint_board_cover orders the rows the board shows (not
rahasia, status verified..closed) newest first and carries their topic, so a search's window of the newest
rows (complaints.services.board.WINDOWS: id, created_at, topic) and the board's count never read the
table; it replaces complaint_board_order (same order, same rows).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-07T08:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint_board_cover: the board's order index carrying the topic"

BOARD = "is_confidential = false AND status IN ('verified', 'routed', 'in_progress', 'answered', 'closed')"
UP = [
    f"CREATE INDEX IF NOT EXISTS complaint_board_cover ON complaint (created_at DESC, id DESC, topic) WHERE {BOARD}",
    "DROP INDEX IF EXISTS complaint_board_order",
]
DOWN = [
    f"CREATE INDEX IF NOT EXISTS complaint_board_order ON complaint (created_at DESC, id DESC) WHERE {BOARD}",
    "DROP INDEX IF EXISTS complaint_board_cover",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def create():
        from portal.db import get_engine

        engine = get_engine()
        for statement in UP:
            await engine.run_ddl(statement)

    async def drop():
        from portal.db import get_engine

        engine = get_engine()
        for statement in DOWN:
            await engine.run_ddl(statement)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
