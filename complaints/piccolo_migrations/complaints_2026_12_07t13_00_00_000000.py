"""The public board's counts kept by the database (issue 17): no COUNT(*) on a request.

Frozen SQL (not imported from live code). Table complaint_board_count holds, per (unit, topic), how many
complaints the board shows (not rahasia, status verified..closed: the same rows as the board, and the same
conditions as the complaint_board_version triggers of migration complaints_2026_12_07t08_00_00); unit 0
stands for "no unit yet". Triggers on complaint move the counts when a shown complaint is inserted or
deleted, when a complaint enters or leaves the shown set (verified, rahasia set or cleared, archived), and
when a shown complaint changes unit or topic (PostgreSQL: a TRUNCATE of complaint empties them). The board's page indicator sums these rows (all of them,
one unit's or one topic's) instead of counting the table: the first request after a start costs what
the rows of this small table cost. The counts are filled here from the table, and again by
`portal complaints reindex` (complaints.services.board.recount).

PostgreSQL fires a table's triggers in the order of their names: complaint_visible_count_* come after
complaint_board_version_*, so a transaction takes the version's row before any count row (no deadlock
between two transactions that move counts in opposite orders).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-07T13:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint_board_count: the board's counts per unit and topic, kept by triggers"

SHOWN = "('verified', 'routed', 'in_progress', 'answered', 'closed')"
COLUMNS = "is_confidential, status, unit, topic"


def _visible(row: str, false: str) -> str:
    return f"({row}.is_confidential = {false} AND {row}.status IN {SHOWN})"


def _same_place(false: str) -> str:
    """A shown complaint that stays shown, in the same unit and topic: its count does not move."""
    return (
        f"({_visible('OLD', false)} AND {_visible('NEW', false)} "
        "AND coalesce(OLD.unit, 0) = coalesce(NEW.unit, 0) AND OLD.topic = NEW.topic)"
    )


def _add(row: str) -> str:
    return (
        "INSERT INTO complaint_board_count (unit, topic, n) "
        f"VALUES (coalesce({row}.unit, 0), coalesce({row}.topic, ''), 1) "
        "ON CONFLICT (unit, topic) DO UPDATE SET n = complaint_board_count.n + 1;"
    )


def _subtract(row: str) -> str:
    return (
        "UPDATE complaint_board_count SET n = n - 1 "
        f"WHERE unit = coalesce({row}.unit, 0) AND topic = coalesce({row}.topic, '');"
    )


BACKFILL = [
    "DELETE FROM complaint_board_count",
    "INSERT INTO complaint_board_count (unit, topic, n) "
    "SELECT coalesce(c.unit, 0), coalesce(c.topic, ''), count(*) FROM complaint c "
    f"WHERE c.is_confidential = false AND c.status IN {SHOWN} "
    "GROUP BY coalesce(c.unit, 0), coalesce(c.topic, '')",
]
SQLITE = [
    "CREATE TABLE IF NOT EXISTS complaint_board_count (unit INTEGER NOT NULL, topic TEXT NOT NULL, "
    "n INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (unit, topic)) WITHOUT ROWID",
    "CREATE TRIGGER IF NOT EXISTS complaint_visible_count_insert AFTER INSERT ON complaint "
    f"WHEN {_visible('NEW', '0')} BEGIN {_add('NEW')} END",
    f"CREATE TRIGGER IF NOT EXISTS complaint_visible_count_leave AFTER UPDATE OF {COLUMNS} ON complaint "
    f"WHEN {_visible('OLD', '0')} AND NOT {_same_place('0')} BEGIN {_subtract('OLD')} END",
    f"CREATE TRIGGER IF NOT EXISTS complaint_visible_count_enter AFTER UPDATE OF {COLUMNS} ON complaint "
    f"WHEN {_visible('NEW', '0')} AND NOT {_same_place('0')} BEGIN {_add('NEW')} END",
    "CREATE TRIGGER IF NOT EXISTS complaint_visible_count_delete AFTER DELETE ON complaint "
    f"WHEN {_visible('OLD', '0')} BEGIN {_subtract('OLD')} END",
    *BACKFILL,
]
POSTGRES = [
    "CREATE TABLE IF NOT EXISTS complaint_board_count (unit INTEGER NOT NULL, topic VARCHAR(40) NOT NULL, "
    "n BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (unit, topic))",
    "CREATE OR REPLACE FUNCTION complaint_visible_count_move() RETURNS trigger AS $$\n"
    "BEGIN\n"
    "  IF TG_OP = 'INSERT' THEN\n"
    f"    {_add('NEW')}\n"
    "  ELSIF TG_OP = 'DELETE' THEN\n"
    f"    {_subtract('OLD')}\n"
    f"  ELSIF {_visible('OLD', 'false')} AND {_visible('NEW', 'false')} THEN\n"
    "    -- moved to another unit or topic: the two rows in key order\n"
    "    IF (coalesce(OLD.unit, 0), OLD.topic) < (coalesce(NEW.unit, 0), NEW.topic) THEN\n"
    f"      {_subtract('OLD')}\n"
    f"      {_add('NEW')}\n"
    "    ELSE\n"
    f"      {_add('NEW')}\n"
    f"      {_subtract('OLD')}\n"
    "    END IF;\n"
    f"  ELSIF {_visible('OLD', 'false')} THEN\n"
    f"    {_subtract('OLD')}\n"
    "  ELSE\n"
    f"    {_add('NEW')}\n"
    "  END IF;\n"
    "  RETURN NULL;\n"
    "END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS complaint_visible_count_insert ON complaint",
    "CREATE TRIGGER complaint_visible_count_insert AFTER INSERT ON complaint FOR EACH ROW "
    f"WHEN {_visible('NEW', 'false')} EXECUTE FUNCTION complaint_visible_count_move()",
    "DROP TRIGGER IF EXISTS complaint_visible_count_update ON complaint",
    f"CREATE TRIGGER complaint_visible_count_update AFTER UPDATE OF {COLUMNS} ON complaint FOR EACH ROW "
    f"WHEN (({_visible('OLD', 'false')} OR {_visible('NEW', 'false')}) AND NOT {_same_place('false')}) "
    "EXECUTE FUNCTION complaint_visible_count_move()",
    "DROP TRIGGER IF EXISTS complaint_visible_count_delete ON complaint",
    "CREATE TRIGGER complaint_visible_count_delete AFTER DELETE ON complaint FOR EACH ROW "
    f"WHEN {_visible('OLD', 'false')} EXECUTE FUNCTION complaint_visible_count_move()",
    "CREATE OR REPLACE FUNCTION complaint_visible_count_clear() RETURNS trigger AS $$\n"
    "BEGIN\n  DELETE FROM complaint_board_count;\n  RETURN NULL;\nEND; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS complaint_visible_count_truncate ON complaint",
    "CREATE TRIGGER complaint_visible_count_truncate AFTER TRUNCATE ON complaint FOR EACH STATEMENT "
    "EXECUTE FUNCTION complaint_visible_count_clear()",
    "LOCK TABLE complaint_board_count IN EXCLUSIVE MODE",
    *BACKFILL,
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS complaint_visible_count_insert",
    "DROP TRIGGER IF EXISTS complaint_visible_count_leave",
    "DROP TRIGGER IF EXISTS complaint_visible_count_enter",
    "DROP TRIGGER IF EXISTS complaint_visible_count_delete",
    "DROP TABLE IF EXISTS complaint_board_count",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS complaint_visible_count_insert ON complaint",
    "DROP TRIGGER IF EXISTS complaint_visible_count_update ON complaint",
    "DROP TRIGGER IF EXISTS complaint_visible_count_delete ON complaint",
    "DROP TRIGGER IF EXISTS complaint_visible_count_truncate ON complaint",
    "DROP FUNCTION IF EXISTS complaint_visible_count_move()",
    "DROP FUNCTION IF EXISTS complaint_visible_count_clear()",
    "DROP TABLE IF EXISTS complaint_board_count",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def create():
        from portal.db import get_engine, is_sqlite, write_transaction

        engine = get_engine()
        async with write_transaction(engine):  # the triggers and the counts they start from, at once
            for statement in SQLITE if is_sqlite(engine) else POSTGRES:
                await engine.run_ddl(statement)

    async def drop():
        from portal.db import get_engine, is_sqlite

        engine = get_engine()
        for statement in SQLITE_DOWN if is_sqlite(engine) else POSTGRES_DOWN:
            await engine.run_ddl(statement)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
