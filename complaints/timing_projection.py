"""complaint_timing: each complaint's milestones, projected from its append-only events by the database.

One row per complaint: its unit and creation time (copied from `complaint`), the first "filed" event,
the first transition (verification), the first public reply and the first transition to "closed"
(each the earliest such event, whatever order events are inserted in, e.g. by an SP4N-LAPOR! import),
and the whole hours from filing (falling back to created_at) to the first reply and to closing,
rounded up. Triggers keep it in step inside the same transaction as the event or complaint write, on
SQLite and PostgreSQL alike, so no code path can forget it. It is a projection, not a source of truth:
`rebuild_sql()` recomputes the same rows from the events, and a test checks that both agree after
every kind of transition.

Why: the PEKPPP figures for a unit-year need the milestones of every complaint. Deriving them from
a million complaints' events at query time (join + GROUP BY over ~3.4 million events) took about 5 s
on SQLite; reading this table takes a fraction of that (benchmarks/pekppp_indicators.py).
"""

from __future__ import annotations

from complaints.states import CLOSED
from portal.db import get_engine, is_sqlite, write_transaction

# The first response is the first public reply: the final answer ("reply") or an interim update
# ("interim_update", issue 16; before it interim updates were stored as "reply" too).
RESPONSE_EVENTS = "('reply', 'interim_update')"
PROJECTED_EVENTS = "('filed', 'transition', 'reply', 'interim_update')"


def _hours_up(start: str, end: str, *, sqlite: bool) -> str:
    """Whole hours from start to end, rounded up (exact: via integer seconds, no float edge at 24 h)."""
    if sqlite:
        seconds = f"CAST(ROUND((julianday({end}) - julianday({start})) * 86400) AS INTEGER)"
    else:
        seconds = f"CAST(ROUND(EXTRACT(EPOCH FROM ({end} - {start}))) AS BIGINT)"
    return f"(({seconds}) + 3599) / 3600"


def _hours_assignments(*, sqlite: bool) -> str:
    filed = "COALESCE(filed_at, created_at)"
    return (
        f"response_hours = {_hours_up(filed, 'replied_at', sqlite=sqlite)}, "
        f"resolution_hours = {_hours_up(filed, 'closed_at', sqlite=sqlite)}"
    )


def _earliest(column: str, condition: str, new: str = "NEW.occurred_at") -> str:
    return f"{column} = CASE WHEN {condition} AND ({column} IS NULL OR {new} < {column}) THEN {new} ELSE {column} END"


def _milestone_assignments(*, sqlite: bool) -> str:
    public = "NEW.is_public = 1" if sqlite else "NEW.is_public"
    return ", ".join(
        [
            _earliest("filed_at", "NEW.event_type = 'filed'"),
            _earliest("verified_at", "NEW.event_type = 'transition'"),
            _earliest("replied_at", f"NEW.event_type IN {RESPONSE_EVENTS} AND {public}"),
            _earliest("closed_at", f"NEW.event_type = 'transition' AND NEW.to_status = '{CLOSED.value}'"),
        ]
    )


TABLE_DDL = [
    """CREATE TABLE IF NOT EXISTS complaint_timing (
  complaint INTEGER PRIMARY KEY REFERENCES complaint (id) ON DELETE CASCADE,
  unit INTEGER,
  created_at TIMESTAMPTZ,
  filed_at TIMESTAMPTZ,
  verified_at TIMESTAMPTZ,
  replied_at TIMESTAMPTZ,
  closed_at TIMESTAMPTZ,
  response_hours INTEGER,
  resolution_hours INTEGER
)""",
    "CREATE INDEX IF NOT EXISTS complaint_timing_response ON complaint_timing (unit, response_hours, created_at)",
    "CREATE INDEX IF NOT EXISTS complaint_timing_resolution ON complaint_timing (unit, resolution_hours, created_at)",
    "CREATE INDEX IF NOT EXISTS complaint_unit_created_at ON complaint (unit, created_at)",
]


def _sqlite_triggers() -> list[str]:
    return [
        """CREATE TRIGGER IF NOT EXISTS complaint_timing_on_complaint AFTER INSERT ON complaint BEGIN
  INSERT INTO complaint_timing (complaint, unit, created_at) VALUES (NEW.id, NEW.unit, NEW.created_at);
END""",
        f"""CREATE TRIGGER IF NOT EXISTS complaint_timing_on_routing AFTER UPDATE OF unit, created_at ON complaint
WHEN OLD.unit IS NOT NEW.unit OR OLD.created_at IS NOT NEW.created_at BEGIN
  UPDATE complaint_timing SET unit = NEW.unit, created_at = NEW.created_at WHERE complaint = NEW.id;
  UPDATE complaint_timing SET {_hours_assignments(sqlite=True)} WHERE complaint = NEW.id;
END""",
        f"""CREATE TRIGGER IF NOT EXISTS complaint_timing_on_event AFTER INSERT ON complaint_event
WHEN NEW.event_type IN {PROJECTED_EVENTS} BEGIN
  UPDATE complaint_timing SET {_milestone_assignments(sqlite=True)} WHERE complaint = NEW.complaint;
  UPDATE complaint_timing SET {_hours_assignments(sqlite=True)} WHERE complaint = NEW.complaint;
END""",
    ]


def _postgres_triggers() -> list[str]:
    return [
        """CREATE OR REPLACE FUNCTION complaint_timing_on_complaint() RETURNS trigger AS $$
BEGIN
  INSERT INTO complaint_timing (complaint, unit, created_at) VALUES (NEW.id, NEW.unit, NEW.created_at);
  RETURN NULL;
END; $$ LANGUAGE plpgsql""",
        "DROP TRIGGER IF EXISTS complaint_timing_on_complaint ON complaint",
        "CREATE TRIGGER complaint_timing_on_complaint AFTER INSERT ON complaint "
        "FOR EACH ROW EXECUTE FUNCTION complaint_timing_on_complaint()",
        f"""CREATE OR REPLACE FUNCTION complaint_timing_on_routing() RETURNS trigger AS $$
BEGIN
  UPDATE complaint_timing SET unit = NEW.unit, created_at = NEW.created_at WHERE complaint = NEW.id;
  UPDATE complaint_timing SET {_hours_assignments(sqlite=False)} WHERE complaint = NEW.id;
  RETURN NULL;
END; $$ LANGUAGE plpgsql""",
        "DROP TRIGGER IF EXISTS complaint_timing_on_routing ON complaint",
        "CREATE TRIGGER complaint_timing_on_routing AFTER UPDATE OF unit, created_at ON complaint FOR EACH ROW "
        "WHEN (OLD.unit IS DISTINCT FROM NEW.unit OR OLD.created_at IS DISTINCT FROM NEW.created_at) "
        "EXECUTE FUNCTION complaint_timing_on_routing()",
        f"""CREATE OR REPLACE FUNCTION complaint_timing_on_event() RETURNS trigger AS $$
BEGIN
  UPDATE complaint_timing SET {_milestone_assignments(sqlite=False)} WHERE complaint = NEW.complaint;
  UPDATE complaint_timing SET {_hours_assignments(sqlite=False)} WHERE complaint = NEW.complaint;
  RETURN NULL;
END; $$ LANGUAGE plpgsql""",
        "DROP TRIGGER IF EXISTS complaint_timing_on_event ON complaint_event",
        "CREATE TRIGGER complaint_timing_on_event AFTER INSERT ON complaint_event FOR EACH ROW "
        f"WHEN (NEW.event_type IN {PROJECTED_EVENTS}) EXECUTE FUNCTION complaint_timing_on_event()",
    ]


def derived_rows_sql(*, sqlite: bool) -> str:
    """The projection computed from scratch: complaint + its events (the definition the triggers keep)."""
    public = "e.is_public = 1" if sqlite else "e.is_public"
    return f"""
SELECT c.id AS complaint, c.unit, c.created_at,
       MIN(CASE WHEN e.event_type = 'filed' THEN e.occurred_at END) AS filed_at,
       MIN(CASE WHEN e.event_type = 'transition' THEN e.occurred_at END) AS verified_at,
       MIN(CASE WHEN e.event_type IN {RESPONSE_EVENTS} AND {public} THEN e.occurred_at END) AS replied_at,
       MIN(CASE WHEN e.event_type = 'transition' AND e.to_status = '{CLOSED.value}' THEN e.occurred_at END) AS closed_at
FROM complaint c LEFT JOIN complaint_event e ON e.complaint = c.id
GROUP BY c.id, c.unit, c.created_at
"""


def rebuild_statements(*, sqlite: bool) -> list[str]:
    """Recompute every row from the events (used once by the migration, and by `portal complaints
    rebuild-timing` should the table ever be doubted)."""
    return [
        "DELETE FROM complaint_timing",
        "INSERT INTO complaint_timing (complaint, unit, created_at, filed_at, verified_at, replied_at, closed_at) "
        + derived_rows_sql(sqlite=sqlite),
        f"UPDATE complaint_timing SET {_hours_assignments(sqlite=sqlite)}",
    ]


def install_statements(*, sqlite: bool) -> list[str]:
    """What migration complaints_2026_11_23t14_00_00 runs (frozen there; tests/complaints/test_frozen_migrations.py)."""
    triggers = _sqlite_triggers() if sqlite else _postgres_triggers()
    return [*TABLE_DDL, *triggers, *rebuild_statements(sqlite=sqlite)]


async def rebuild() -> int:
    """Recompute the projection from the events; returns the number of complaints."""
    engine = get_engine()
    async with write_transaction(engine):
        for statement in rebuild_statements(sqlite=is_sqlite(engine)):
            await engine.run_ddl(statement)
        rows = await engine.run_ddl("SELECT COUNT(*) AS n FROM complaint_timing")
    return int(rows[0]["n"])
