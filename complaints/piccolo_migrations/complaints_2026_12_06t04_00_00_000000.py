from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import JSON, ForeignKey, Integer, Real, Serial, Text, Timestamptz
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-06T04:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint_public: the masked public copy every public reader uses (issue 13)"


class Complaint(Table, tablename="complaint", schema=None):
    id = Serial(
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name="id",
        secret=False,
    )


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
    manager.add_table(class_name="ComplaintPublic", tablename="complaint_public", schema=None, columns=None)
    columns = [
        (
            "complaint",
            ForeignKey,
            _params(
                references=Complaint,
                on_delete=OnDelete.cascade,
                on_update=OnUpdate.cascade,
                target_column=None,
                unique=True,
            ),
        ),
        ("title", Text, _params(default="")),
        ("description", Text, _params(default="")),
        ("location_text", Text, _params(default="")),
        ("latitude", Real, _params(default=None, null=True)),
        ("longitude", Real, _params(default=None, null=True)),
        ("timeline", JSON, _params(default="[]")),
        ("latest_answer", Text, _params(default="")),
        ("rules_version", Integer, _params(default=0)),
        ("masked_at", Timestamptz, _params(default=TimestamptzNow())),
    ]
    for name, column_class, params in columns:
        manager.add_column(
            table_class_name="ComplaintPublic",
            tablename="complaint_public",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params=params,
            schema=None,
        )

    return manager
