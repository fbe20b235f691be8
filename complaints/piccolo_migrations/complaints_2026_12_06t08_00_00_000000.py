"""classifier_model_version: every model the learning loop trained or restored, with its figures.

Hand-written: the table is declared here as it was at this migration (not imported from
complaints.tables, which may change later) and created with Piccolo's own DDL, so the same file works
on SQLite and PostgreSQL.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import JSON, Integer, Real, Text, Timestamptz, Varchar
from piccolo.table import Table

ID = "2026-12-06T08:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "classifier_model_version: model history of the learning loop"


class ClassifierModelVersion(Table, tablename="classifier_model_version"):
    model_version = Varchar(length=80, index=True)
    event = Varchar(length=20)
    previous_version = Varchar(length=80, default="")
    corpus_rows = Integer(default=0)
    added_rows = Integer(default=0)
    corrections_train = Integer(default=0)
    corrections_holdout = Integer(default=0)
    holdout_accuracy = Real(null=True, default=None)
    holdout_macro_f1 = Real(null=True, default=None)
    previous_accuracy = Real(null=True, default=None)
    previous_macro_f1 = Real(null=True, default=None)
    figures = JSON(default={})
    note = Text(default="")
    created_at = Timestamptz()


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def create_table():
        await ClassifierModelVersion.create_table(if_not_exists=True)

    async def drop_table():
        await ClassifierModelVersion.alter().drop_table(if_exists=True)

    manager.add_raw(create_table)
    manager.add_raw_backwards(drop_table)
    return manager
