"""PEKPPP Mandiri cycle with asistensi and the coordination view (issue 15).

- assessment.returned_at: when the evaluator last returned the F-01 to the unit;
- indicator_score.evaluator_comment: the evaluator's comment on one indicator (asistensi);
- mandiri_schedule: the deadlines of each stage per year;
- coordination_figure: the stored figures per assessment that the coordination view reads.

Hand-written: the tables are declared here as they are at this migration (not imported from
evaluation_link.tables, which may change later) and created with Piccolo's own DDL, so the same file
works on SQLite and PostgreSQL.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import JSON, Date, ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

ID = "2026-12-06T20:20:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "PEKPPP Mandiri cycle (returned stage, comments, deadlines) and stored coordination figures"


class Assessment(Table, tablename="assessment"):
    id = Serial(primary_key=True)


class MandiriSchedule(Table, tablename="mandiri_schedule"):
    year = Integer(unique=True)
    submit_due = Date(null=True, default=None)
    review_due = Date(null=True, default=None)
    revision_due = Date(null=True, default=None)
    lock_due = Date(null=True, default=None)
    updated_at = Timestamptz()


class CoordinationFigure(Table, tablename="coordination_figure"):
    assessment = ForeignKey(references=Assessment, on_delete=OnDelete.cascade, null=False, unique=True)
    unit = Integer(index=True)
    year = Integer(index=True)
    status = Varchar(length=20, default="draft")
    ipp = Varchar(length=12, default="0.00")
    f02 = Varchar(length=12, default="0.00")
    category = Varchar(length=4, default="")
    aspect_scores = JSON(default={})
    indicator_scores = JSON(default={})
    service_count = Integer(default=0)
    computed_at = Timestamptz()


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="evaluation_link", description=DESCRIPTION)

    async def add():
        from portal.db import get_engine

        engine = get_engine()
        await engine.run_ddl("ALTER TABLE assessment ADD COLUMN returned_at TIMESTAMPTZ NULL DEFAULT NULL")
        await engine.run_ddl("ALTER TABLE indicator_score ADD COLUMN evaluator_comment TEXT NOT NULL DEFAULT ''")
        await MandiriSchedule.create_table(if_not_exists=True)
        await CoordinationFigure.create_table(if_not_exists=True)

    async def remove():
        await CoordinationFigure.alter().drop_table(if_exists=True)
        await MandiriSchedule.alter().drop_table(if_exists=True)

    manager.add_raw(add)
    manager.add_raw_backwards(remove)
    return manager
