from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table

ID = "2026-12-06T06:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "SKM open-mode ballots, held responses and quarantines (issue 21)"


class SurveyPeriod(Table, tablename="survey_period", schema=None):
    id = Serial(primary_key=True)


class SurveyQuarantine(Table, tablename="survey_quarantine", schema=None):
    """Frozen copy of surveys.tables.SurveyQuarantine as of this migration."""

    period = ForeignKey(references=SurveyPeriod, on_delete=OnDelete.restrict, null=False, index=True)
    kind = Varchar(length=10, default="staff")
    reason = Text(default="")
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz()
    last_held_at = Timestamptz()
    released_at = Timestamptz(null=True, default=None)
    released_by = Integer(null=True, default=None)
    release_reason = Text(default="")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="surveys", description=DESCRIPTION)

    async def ballots_and_quarantine():
        from portal.db import get_engine

        engine = get_engine()
        for statement in (
            "ALTER TABLE survey_response ADD COLUMN ballot VARCHAR(40) NULL DEFAULT NULL",
            "CREATE UNIQUE INDEX survey_response_ballot_unique ON survey_response (ballot)",
            "ALTER TABLE survey_response ADD COLUMN held BOOLEAN NOT NULL DEFAULT FALSE",
            "CREATE INDEX survey_response_held ON survey_response (held)",
            "ALTER TABLE survey_response ADD COLUMN quarantine INTEGER NULL DEFAULT NULL",
            # Responses per mode for every report: an index-only count, in index order (no sort).
            "CREATE INDEX survey_response_period_mode ON survey_response (period, channel, held)",
        ):
            await engine.run_ddl(statement)
        await SurveyQuarantine.create_table(if_not_exists=True)

    manager.add_raw(ballots_and_quarantine)
    return manager
