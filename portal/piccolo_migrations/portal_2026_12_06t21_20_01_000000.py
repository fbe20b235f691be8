from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T21:20:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "staff_user: one-time password link (reset_token_hash, reset_expires_at) and password_changed_at"


def _params(**extra):
    return {
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
    manager = MigrationManager(migration_id=ID, app_name="portal", description=DESCRIPTION)
    columns = (
        ("reset_token_hash", Varchar, "Varchar", _params(default="", null=False, length=64)),
        ("reset_expires_at", Timestamptz, "Timestamptz", _params(default=None, null=True)),
        ("password_changed_at", Timestamptz, "Timestamptz", _params(default=None, null=True)),
    )
    for name, column_class, class_name, params in columns:
        manager.add_column(
            table_class_name="StaffUser",
            tablename="staff_user",
            column_name=name,
            db_column_name=name,
            column_class_name=class_name,
            column_class=column_class,
            params=params,
            schema=None,
        )
    return manager
