"""The conversation (issue 16): complaint.awaiting_reporter_since and complaint.info_wait_days, and the
complaint_timing trigger that also counts a public "interim_update" as the first response.

Hand-written; the trigger SQL is frozen here as it was at this migration (hence its long lines).
"""
# ruff: noqa: E501

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer, Timestamptz
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T20:50:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "conversation: awaiting_reporter_since, info_wait_days; interim updates count as first response"

SQLITE_TRIGGER = [
    "DROP TRIGGER IF EXISTS complaint_timing_on_event",
    "CREATE TRIGGER IF NOT EXISTS complaint_timing_on_event AFTER INSERT ON complaint_event\nWHEN NEW.event_type IN ('filed', 'transition', 'reply', 'interim_update') BEGIN\n  UPDATE complaint_timing SET filed_at = CASE WHEN NEW.event_type = 'filed' AND (filed_at IS NULL OR NEW.occurred_at < filed_at) THEN NEW.occurred_at ELSE filed_at END, verified_at = CASE WHEN NEW.event_type = 'transition' AND (verified_at IS NULL OR NEW.occurred_at < verified_at) THEN NEW.occurred_at ELSE verified_at END, replied_at = CASE WHEN NEW.event_type IN ('reply', 'interim_update') AND NEW.is_public = 1 AND (replied_at IS NULL OR NEW.occurred_at < replied_at) THEN NEW.occurred_at ELSE replied_at END, closed_at = CASE WHEN NEW.event_type = 'transition' AND NEW.to_status = 'closed' AND (closed_at IS NULL OR NEW.occurred_at < closed_at) THEN NEW.occurred_at ELSE closed_at END WHERE complaint = NEW.complaint;\n  UPDATE complaint_timing SET response_hours = ((CAST(ROUND((julianday(replied_at) - julianday(COALESCE(filed_at, created_at))) * 86400) AS INTEGER)) + 3599) / 3600, resolution_hours = ((CAST(ROUND((julianday(closed_at) - julianday(COALESCE(filed_at, created_at))) * 86400) AS INTEGER)) + 3599) / 3600 WHERE complaint = NEW.complaint;\nEND",
]
POSTGRES_TRIGGER = [
    "CREATE OR REPLACE FUNCTION complaint_timing_on_event() RETURNS trigger AS $$\nBEGIN\n  UPDATE complaint_timing SET filed_at = CASE WHEN NEW.event_type = 'filed' AND (filed_at IS NULL OR NEW.occurred_at < filed_at) THEN NEW.occurred_at ELSE filed_at END, verified_at = CASE WHEN NEW.event_type = 'transition' AND (verified_at IS NULL OR NEW.occurred_at < verified_at) THEN NEW.occurred_at ELSE verified_at END, replied_at = CASE WHEN NEW.event_type IN ('reply', 'interim_update') AND NEW.is_public AND (replied_at IS NULL OR NEW.occurred_at < replied_at) THEN NEW.occurred_at ELSE replied_at END, closed_at = CASE WHEN NEW.event_type = 'transition' AND NEW.to_status = 'closed' AND (closed_at IS NULL OR NEW.occurred_at < closed_at) THEN NEW.occurred_at ELSE closed_at END WHERE complaint = NEW.complaint;\n  UPDATE complaint_timing SET response_hours = ((CAST(ROUND(EXTRACT(EPOCH FROM (replied_at - COALESCE(filed_at, created_at)))) AS BIGINT)) + 3599) / 3600, resolution_hours = ((CAST(ROUND(EXTRACT(EPOCH FROM (closed_at - COALESCE(filed_at, created_at)))) AS BIGINT)) + 3599) / 3600 WHERE complaint = NEW.complaint;\n  RETURN NULL;\nEND; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS complaint_timing_on_event ON complaint_event",
    "CREATE TRIGGER complaint_timing_on_event AFTER INSERT ON complaint_event FOR EACH ROW WHEN (NEW.event_type IN ('filed', 'transition', 'reply', 'interim_update')) EXECUTE FUNCTION complaint_timing_on_event()",
]


def _params(**extra):
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
        **extra,
    }


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)
    for name, column_class, params in (
        ("awaiting_reporter_since", Timestamptz, _params(default=None, null=True)),
        ("info_wait_days", Integer, _params(default=0)),
    ):
        manager.add_column(
            table_class_name="Complaint",
            tablename="complaint",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params=params,
            schema=None,
        )

    async def replace_trigger():
        from portal.db import get_engine, is_sqlite

        engine = get_engine()
        for statement in SQLITE_TRIGGER if is_sqlite(engine) else POSTGRES_TRIGGER:
            await engine.run_ddl(statement)

    manager.add_raw(replace_trigger)
    return manager
