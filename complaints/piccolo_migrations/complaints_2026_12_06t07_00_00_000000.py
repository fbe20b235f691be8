from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSON, Boolean, Integer, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T07:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "SP4N-LAPOR! provenance (lapor_import table, complaint.lapor_import/row/as_of); holiday corrections"


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

    manager.add_table(class_name="LaporImport", tablename="lapor_import", schema=None, columns=None)
    columns = [
        ("kind", Varchar, _params(length=20, default="export")),
        ("filename", Varchar, _params(length=255, default="")),
        ("sha256", Varchar, _params(length=64, default="")),
        ("sheet", Varchar, _params(length=100, default="")),
        ("file_as_of", Timestamptz, _params(default=None, null=True)),
        ("imported_at", Timestamptz, _params(default=TimestamptzNow())),
        ("actor_id", Integer, _params(default=None, null=True)),
        ("actor_name", Varchar, _params(length=200, default="")),
        ("storage_name", Varchar, _params(length=255, default="")),
        ("summary", JSON, _params(default="{}")),
    ]
    for name, column_class, params in columns:
        manager.add_column(
            table_class_name="LaporImport",
            tablename="lapor_import",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params=params,
            schema=None,
        )

    complaint_columns = [
        ("lapor_import", Integer, _params(default=None, null=True)),
        ("lapor_row", Integer, _params(default=None, null=True)),
        ("lapor_as_of", Timestamptz, _params(default=None, null=True)),
    ]
    for name, column_class, params in complaint_columns:
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

    holiday_columns = [
        ("source", Varchar, _params(length=200, default="")),
        ("removed", Boolean, _params(default=False)),
    ]
    for name, column_class, params in holiday_columns:
        manager.add_column(
            table_class_name="Holiday",
            tablename="holiday",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params=params,
            schema=None,
        )
    return manager
