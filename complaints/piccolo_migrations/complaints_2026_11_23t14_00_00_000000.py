from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from portal.db import get_engine, is_sqlite

ID = "2026-11-23T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint_timing: per-complaint milestones projected from complaint_event by triggers"

# Frozen at the time of this migration (issue 18): editing live code must never change what a past
# migration does on a new database. A later change to these statements needs a migration of its own.
SQLITE = [
    "CREATE TABLE IF NOT EXISTS complaint_timing (\n"
    "  complaint INTEGER PRIMARY KEY REFERENCES complaint (id) ON DELETE CASCADE,\n"
    "  unit INTEGER,\n"
    "  created_at TIMESTAMPTZ,\n"
    "  filed_at TIMESTAMPTZ,\n"
    "  verified_at TIMESTAMPTZ,\n"
    "  replied_at TIMESTAMPTZ,\n"
    "  closed_at TIMESTAMPTZ,\n"
    "  response_hours INTEGER,\n"
    "  resolution_hours INTEGER\n"
    ")",
    "CREATE INDEX IF NOT EXISTS complaint_timing_response ON complaint_timing (unit, response_hours, created_at)",
    "CREATE INDEX IF NOT EXISTS complaint_timing_resolution ON complaint_timing (unit, resolution_hours, created_at)",
    "CREATE INDEX IF NOT EXISTS complaint_unit_created_at ON complaint (unit, created_at)",
    "CREATE TRIGGER IF NOT EXISTS complaint_timing_on_complaint AFTER INSERT ON complaint BEGIN\n"
    "  INSERT INTO complaint_timing (complaint, unit, created_at) VALUES (NEW.id, NEW.unit, "
    "NEW.created_at);\n"
    "END",
    "CREATE TRIGGER IF NOT EXISTS complaint_timing_on_routing AFTER UPDATE OF unit, created_at ON complaint\n"
    "WHEN OLD.unit IS NOT NEW.unit OR OLD.created_at IS NOT NEW.created_at BEGIN\n"
    "  UPDATE complaint_timing SET unit = NEW.unit, created_at = NEW.created_at WHERE complaint = NEW.id;\n"
    "  UPDATE complaint_timing SET response_hours = ((CAST(ROUND((julianday(replied_at) - "
    "julianday(COALESCE(filed_at, created_at))) * 86400) AS INTEGER)) + 3599) / 3600, resolution_hours = "
    "((CAST(ROUND((julianday(closed_at) - julianday(COALESCE(filed_at, created_at))) * 86400) AS INTEGER)) + "
    "3599) / 3600 WHERE complaint = NEW.id;\n"
    "END",
    "CREATE TRIGGER IF NOT EXISTS complaint_timing_on_event AFTER INSERT ON complaint_event\n"
    "WHEN NEW.event_type IN ('filed', 'transition', 'reply') BEGIN\n"
    "  UPDATE complaint_timing SET filed_at = CASE WHEN NEW.event_type = 'filed' AND (filed_at IS NULL OR "
    "NEW.occurred_at < filed_at) THEN NEW.occurred_at ELSE filed_at END, verified_at = CASE WHEN "
    "NEW.event_type = 'transition' AND (verified_at IS NULL OR NEW.occurred_at < verified_at) THEN "
    "NEW.occurred_at ELSE verified_at END, replied_at = CASE WHEN NEW.event_type = 'reply' AND NEW.is_public "
    "= 1 AND (replied_at IS NULL OR NEW.occurred_at < replied_at) THEN NEW.occurred_at ELSE replied_at END, "
    "closed_at = CASE WHEN NEW.event_type = 'transition' AND NEW.to_status = 'closed' AND (closed_at IS NULL "
    "OR NEW.occurred_at < closed_at) THEN NEW.occurred_at ELSE closed_at END WHERE complaint = "
    "NEW.complaint;\n"
    "  UPDATE complaint_timing SET response_hours = ((CAST(ROUND((julianday(replied_at) - "
    "julianday(COALESCE(filed_at, created_at))) * 86400) AS INTEGER)) + 3599) / 3600, resolution_hours = "
    "((CAST(ROUND((julianday(closed_at) - julianday(COALESCE(filed_at, created_at))) * 86400) AS INTEGER)) + "
    "3599) / 3600 WHERE complaint = NEW.complaint;\n"
    "END",
    "DELETE FROM complaint_timing",
    "INSERT INTO complaint_timing (complaint, unit, created_at, filed_at, verified_at, replied_at, "
    "closed_at) \n"
    "SELECT c.id AS complaint, c.unit, c.created_at,\n"
    "       MIN(CASE WHEN e.event_type = 'filed' THEN e.occurred_at END) AS filed_at,\n"
    "       MIN(CASE WHEN e.event_type = 'transition' THEN e.occurred_at END) AS verified_at,\n"
    "       MIN(CASE WHEN e.event_type = 'reply' AND e.is_public = 1 THEN e.occurred_at END) AS replied_at,\n"
    "       MIN(CASE WHEN e.event_type = 'transition' AND e.to_status = 'closed' THEN e.occurred_at END) AS "
    "closed_at\n"
    "FROM complaint c LEFT JOIN complaint_event e ON e.complaint = c.id\n"
    "GROUP BY c.id, c.unit, c.created_at\n",
    "UPDATE complaint_timing SET response_hours = ((CAST(ROUND((julianday(replied_at) - "
    "julianday(COALESCE(filed_at, created_at))) * 86400) AS INTEGER)) + 3599) / 3600, resolution_hours = "
    "((CAST(ROUND((julianday(closed_at) - julianday(COALESCE(filed_at, created_at))) * 86400) AS INTEGER)) + "
    "3599) / 3600",
]

POSTGRES = [
    "CREATE TABLE IF NOT EXISTS complaint_timing (\n"
    "  complaint INTEGER PRIMARY KEY REFERENCES complaint (id) ON DELETE CASCADE,\n"
    "  unit INTEGER,\n"
    "  created_at TIMESTAMPTZ,\n"
    "  filed_at TIMESTAMPTZ,\n"
    "  verified_at TIMESTAMPTZ,\n"
    "  replied_at TIMESTAMPTZ,\n"
    "  closed_at TIMESTAMPTZ,\n"
    "  response_hours INTEGER,\n"
    "  resolution_hours INTEGER\n"
    ")",
    "CREATE INDEX IF NOT EXISTS complaint_timing_response ON complaint_timing (unit, response_hours, created_at)",
    "CREATE INDEX IF NOT EXISTS complaint_timing_resolution ON complaint_timing (unit, resolution_hours, created_at)",
    "CREATE INDEX IF NOT EXISTS complaint_unit_created_at ON complaint (unit, created_at)",
    "CREATE OR REPLACE FUNCTION complaint_timing_on_complaint() RETURNS trigger AS $$\n"
    "BEGIN\n"
    "  INSERT INTO complaint_timing (complaint, unit, created_at) VALUES (NEW.id, NEW.unit, "
    "NEW.created_at);\n"
    "  RETURN NULL;\n"
    "END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS complaint_timing_on_complaint ON complaint",
    "CREATE TRIGGER complaint_timing_on_complaint AFTER INSERT ON complaint FOR EACH ROW EXECUTE FUNCTION "
    "complaint_timing_on_complaint()",
    "CREATE OR REPLACE FUNCTION complaint_timing_on_routing() RETURNS trigger AS $$\n"
    "BEGIN\n"
    "  UPDATE complaint_timing SET unit = NEW.unit, created_at = NEW.created_at WHERE complaint = NEW.id;\n"
    "  UPDATE complaint_timing SET response_hours = ((CAST(ROUND(EXTRACT(EPOCH FROM (replied_at - "
    "COALESCE(filed_at, created_at)))) AS BIGINT)) + 3599) / 3600, resolution_hours = "
    "((CAST(ROUND(EXTRACT(EPOCH FROM (closed_at - COALESCE(filed_at, created_at)))) AS BIGINT)) + 3599) / "
    "3600 WHERE complaint = NEW.id;\n"
    "  RETURN NULL;\n"
    "END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS complaint_timing_on_routing ON complaint",
    "CREATE TRIGGER complaint_timing_on_routing AFTER UPDATE OF unit, created_at ON complaint FOR EACH ROW "
    "WHEN (OLD.unit IS DISTINCT FROM NEW.unit OR OLD.created_at IS DISTINCT FROM NEW.created_at) EXECUTE "
    "FUNCTION complaint_timing_on_routing()",
    "CREATE OR REPLACE FUNCTION complaint_timing_on_event() RETURNS trigger AS $$\n"
    "BEGIN\n"
    "  UPDATE complaint_timing SET filed_at = CASE WHEN NEW.event_type = 'filed' AND (filed_at IS NULL OR "
    "NEW.occurred_at < filed_at) THEN NEW.occurred_at ELSE filed_at END, verified_at = CASE WHEN "
    "NEW.event_type = 'transition' AND (verified_at IS NULL OR NEW.occurred_at < verified_at) THEN "
    "NEW.occurred_at ELSE verified_at END, replied_at = CASE WHEN NEW.event_type = 'reply' AND NEW.is_public "
    "AND (replied_at IS NULL OR NEW.occurred_at < replied_at) THEN NEW.occurred_at ELSE replied_at END, "
    "closed_at = CASE WHEN NEW.event_type = 'transition' AND NEW.to_status = 'closed' AND (closed_at IS NULL "
    "OR NEW.occurred_at < closed_at) THEN NEW.occurred_at ELSE closed_at END WHERE complaint = "
    "NEW.complaint;\n"
    "  UPDATE complaint_timing SET response_hours = ((CAST(ROUND(EXTRACT(EPOCH FROM (replied_at - "
    "COALESCE(filed_at, created_at)))) AS BIGINT)) + 3599) / 3600, resolution_hours = "
    "((CAST(ROUND(EXTRACT(EPOCH FROM (closed_at - COALESCE(filed_at, created_at)))) AS BIGINT)) + 3599) / "
    "3600 WHERE complaint = NEW.complaint;\n"
    "  RETURN NULL;\n"
    "END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS complaint_timing_on_event ON complaint_event",
    "CREATE TRIGGER complaint_timing_on_event AFTER INSERT ON complaint_event FOR EACH ROW WHEN "
    "(NEW.event_type IN ('filed', 'transition', 'reply')) EXECUTE FUNCTION complaint_timing_on_event()",
    "DELETE FROM complaint_timing",
    "INSERT INTO complaint_timing (complaint, unit, created_at, filed_at, verified_at, replied_at, "
    "closed_at) \n"
    "SELECT c.id AS complaint, c.unit, c.created_at,\n"
    "       MIN(CASE WHEN e.event_type = 'filed' THEN e.occurred_at END) AS filed_at,\n"
    "       MIN(CASE WHEN e.event_type = 'transition' THEN e.occurred_at END) AS verified_at,\n"
    "       MIN(CASE WHEN e.event_type = 'reply' AND e.is_public THEN e.occurred_at END) AS replied_at,\n"
    "       MIN(CASE WHEN e.event_type = 'transition' AND e.to_status = 'closed' THEN e.occurred_at END) AS "
    "closed_at\n"
    "FROM complaint c LEFT JOIN complaint_event e ON e.complaint = c.id\n"
    "GROUP BY c.id, c.unit, c.created_at\n",
    "UPDATE complaint_timing SET response_hours = ((CAST(ROUND(EXTRACT(EPOCH FROM (replied_at - "
    "COALESCE(filed_at, created_at)))) AS BIGINT)) + 3599) / 3600, resolution_hours = "
    "((CAST(ROUND(EXTRACT(EPOCH FROM (closed_at - COALESCE(filed_at, created_at)))) AS BIGINT)) + 3599) / "
    "3600",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def install_timing_projection():
        engine = get_engine()
        from portal.db import write_transaction

        async with write_transaction(engine):
            for statement in SQLITE if is_sqlite(engine) else POSTGRES:
                await engine.run_ddl(statement)

    manager.add_raw(install_timing_projection)
    return manager
