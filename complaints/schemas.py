"""JSON API structures (documented in the OpenAPI schema)."""

from datetime import date, datetime
from typing import Annotated

import msgspec
from litestar.params import KwargDefinition

from complaints.services.intake import MAX_ATTACHMENTS, MAX_DESCRIPTION, MAX_DURATION_DAYS, MAX_FEE
from portal.params import JsonId

# Declared as base64 for generated clients: format "byte" (OpenAPI 3.0) and contentEncoding (3.1).
Base64 = Annotated[
    str,
    KwargDefinition(
        description="The file's bytes, base64-encoded (RFC 4648, standard alphabet, with padding).",
        format="byte",  # type: ignore[arg-type]  (OpenAPIFormat has no BYTE member)
        content_encoding="base64",
    ),
]


class AttachmentIn(msgspec.Struct, kw_only=True):
    """One file, base64-encoded: JPEG, PNG or PDF of at most 5 MB once decoded, checked by its content
    (the name is kept for display only); image metadata is removed before it is stored."""

    filename: Annotated[str, msgspec.Meta(max_length=255)]
    content_base64: Base64


class ComplaintIn(msgspec.Struct, kw_only=True):
    """A new complaint. privacy: normal | anonim | rahasia | anonim_rahasia. Up to 3 attachments."""

    kind: str = "pengaduan"
    title: Annotated[str, msgspec.Meta(max_length=200)]
    description: Annotated[str, msgspec.Meta(max_length=MAX_DESCRIPTION)]
    unit_id: JsonId | None = None
    service_id: JsonId | None = None
    service_date: date | None = None
    location_text: str = ""
    latitude: Annotated[float, msgspec.Meta(ge=-90, le=90)] | None = None
    longitude: Annotated[float, msgspec.Meta(ge=-180, le=180)] | None = None
    privacy: str = "normal"
    fully_anonymous: bool = False
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    # Channels for news about the case: "email" and/or "whatsapp" (default: each one an address is given for).
    notify_channels: list[str] | None = None
    reporter_whatsapp: str = ""
    fee_paid: Annotated[int, msgspec.Meta(ge=0, le=MAX_FEE)] | None = None
    duration_days: Annotated[int, msgspec.Meta(ge=0, le=MAX_DURATION_DAYS)] | None = None
    confirm_duplicate: bool = False
    attachments: Annotated[list[AttachmentIn], msgspec.Meta(max_length=MAX_ATTACHMENTS)] = msgspec.field(
        default_factory=list
    )


class ComplaintFiled(msgspec.Struct):
    tracking_code: str
    status: str
    topic: str
    needs_triage: bool
    tracking_url: str
    private_url: str


class TimelineEntry(msgspec.Struct):
    occurred_at: datetime
    event_type: str
    status: str
    note: str


class ComplaintStatusOut(msgspec.Struct):
    tracking_code: str
    kind: str
    status: str
    status_label: str
    unit: str | None
    created_at: datetime
    resolve_due_at: datetime | None
    timeline: list[TimelineEntry]


class DuplicateOut(msgspec.Struct):
    """The shared error body plus the tracking code of the near-identical complaint."""

    status_code: int
    detail: str
    tracking_code: str
