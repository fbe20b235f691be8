"""Reporter notifications (issue 16): complaint.notify_channels / reporter_whatsapp and the outbox table
complaint_outbox.

Hand-written: the table is declared here as it was at this migration (not imported from
complaints.tables, which may change later) and created with Piccolo's own DDL, so the same file works
on SQLite and PostgreSQL.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import JSON, ForeignKey, Integer, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-06T20:40:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "reporter notification channels and the complaint_outbox table"


class Complaint(Table, tablename="complaint"):
    pass


class OutboxMessage(Table, tablename="complaint_outbox"):
    complaint = ForeignKey(references=Complaint, on_delete=OnDelete.restrict, null=False, index=True)
    event_id = Integer(null=True, default=None)
    unit_id = Integer(null=True, default=None, index=True)
    kind = Varchar(length=30)
    channel = Varchar(length=20)
    recipient = Varchar(length=200, default="")
    idempotency_key = Varchar(length=64, unique=True)
    status = Varchar(length=12, default="pending", index=True)
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz(index=True)
    claimed_until = Timestamptz(null=True, default=None)
    claim_token = Varchar(length=32, default="")
    provider_message_id = Varchar(length=200, default="", index=True)
    delivery_status = Varchar(length=20, default="")
    last_error = Varchar(length=300, default="")
    params = JSON(default={})
    created_at = Timestamptz()
    sent_at = Timestamptz(null=True, default=None)


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

    for name, params in (
        ("notify_channels", _params(length=40, default="email")),
        ("reporter_whatsapp", _params(length=20, default="")),
    ):
        manager.add_column(
            table_class_name="Complaint",
            tablename="complaint",
            column_name=name,
            db_column_name=name,
            column_class_name="Varchar",
            column_class=Varchar,
            params=params,
            schema=None,
        )

    async def create_table():
        await OutboxMessage.create_table(if_not_exists=True)

    async def drop_table():
        await OutboxMessage.alter().drop_table(if_exists=True)

    manager.add_raw(create_table)
    manager.add_raw_backwards(drop_table)
    return manager
