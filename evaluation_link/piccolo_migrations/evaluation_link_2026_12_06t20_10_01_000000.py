"""pekppp_recommendation and pekppp_follow_up: the PEKPPP follow-up loop (issue 15).

Hand-written: the tables are declared here as they were at this migration (not imported from
evaluation_link.tables, which may change later) and created with Piccolo's own DDL, so the same file
works on SQLite and PostgreSQL.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import JSON, Boolean, Date, ForeignKey, Integer, Serial, SmallInt, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

ID = "2026-12-06T20:10:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "pekppp_recommendation and pekppp_follow_up (tindak lanjut hasil evaluasi)"


class Unit(Table, tablename="unit", schema=None):
    id = Serial(primary_key=True)


class Assessment(Table, tablename="assessment", schema=None):
    id = Serial(primary_key=True)


class PekpppRecommendation(Table, tablename="pekppp_recommendation", schema=None):
    assessment = ForeignKey(references=Assessment, on_delete=OnDelete.cascade, null=False, index=True)
    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=False, index=True)
    year = Integer(index=True)
    indicator_no = SmallInt(null=True, default=None)
    aspect = Varchar(length=10, default="")
    text = Text(default="")
    priority = Boolean(default=False)
    created_by = Integer(null=True, default=None)
    created_by_name = Varchar(length=200, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()


class PekpppFollowUp(Table, tablename="pekppp_follow_up", schema=None):
    recommendation = ForeignKey(references=PekpppRecommendation, on_delete=OnDelete.cascade, null=False, index=True)
    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=False, index=True)
    year = Integer(index=True)
    what = Text(default="")
    owner = Varchar(length=200, default="")
    due_date = Date(null=True, default=None)
    expected_evidence = Text(default="")
    status = Varchar(length=20, default="planned", index=True)
    evidence = JSON(default=[])
    return_reason = Text(default="")
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz()
    started_at = Timestamptz(null=True, default=None)
    completed_on = Date(null=True, default=None)
    completed_at = Timestamptz(null=True, default=None)
    verified_at = Timestamptz(null=True, default=None)
    verified_by = Integer(null=True, default=None)
    verified_by_name = Varchar(length=200, default="")
    updated_at = Timestamptz()


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="evaluation_link", description=DESCRIPTION)

    async def create_tables():
        await PekpppRecommendation.create_table(if_not_exists=True)
        await PekpppFollowUp.create_table(if_not_exists=True)

    async def drop_tables():
        await PekpppFollowUp.alter().drop_table(if_exists=True)
        await PekpppRecommendation.alter().drop_table(if_exists=True)

    manager.add_raw(create_tables)
    manager.add_raw_backwards(drop_tables)
    return manager
