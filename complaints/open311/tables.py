"""Tables of the open311 app: API keys of client systems and request tokens."""

from piccolo.columns import Boolean, ForeignKey, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from complaints.tables import Complaint


class ApiKey(Table, tablename="open311_api_key"):
    """An Open311 client (a mobile app, a civic tool, a national system); only the key's hash is kept."""

    name = Varchar(length=120, unique=True, index=True)
    key_prefix = Varchar(length=16, default="")
    key_hash = Varchar(length=64, unique=True, index=True)
    rate_limit = Varchar(length=20, default="60/minute")
    active = Boolean(default=True)
    created_at = Timestamptz()
    last_used_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)


class RequestToken(Table, tablename="open311_request_token"):
    """A GeoReport token: maps to the service request created by one POST (intake is synchronous)."""

    token = Varchar(length=64, unique=True, index=True)
    complaint = ForeignKey(references=Complaint, on_delete=OnDelete.restrict, null=False, index=True)
    api_key = ForeignKey(references=ApiKey, on_delete=OnDelete.restrict, null=True, default=None)
    created_at = Timestamptz()
