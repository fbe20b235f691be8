"""Replies to a notification answer the question (issue 16): the table complaint_inbound_message, one
row per incoming WhatsApp message recorded as the reporter's answer (unique provider id: a webhook retry
records nothing twice).

Hand-written: the table is declared here as it was at this migration (not imported from
complaints.tables) and created with Piccolo's own DDL, so the same file works on SQLite and PostgreSQL.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import ForeignKey, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

ID = "2026-12-06T21:40:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint_inbound_message: incoming replies recorded as the reporter's answer"


class Complaint(Table, tablename="complaint"):
    pass


class InboundMessage(Table, tablename="complaint_inbound_message"):
    provider_message_id = Varchar(length=200, unique=True)
    channel = Varchar(length=20)
    complaint = ForeignKey(references=Complaint, on_delete=OnDelete.restrict, null=False, index=True)
    received_at = Timestamptz()


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def create_table():
        await InboundMessage.create_table(if_not_exists=True)

    async def drop_table():
        await InboundMessage.alter().drop_table(if_exists=True)

    manager.add_raw(create_table)
    manager.add_raw_backwards(drop_table)
    return manager
