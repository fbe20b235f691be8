"""JSON API structures (documented in the OpenAPI schema)."""

from datetime import date, datetime

import msgspec


class AttachmentIn(msgspec.Struct, kw_only=True):
    """One file, base64-encoded: JPEG, PNG or PDF of at most 5 MB once decoded, checked by its content
    (the name is kept for display only); image metadata is removed before it is stored."""

    filename: str
    content_base64: str


class ComplaintIn(msgspec.Struct, kw_only=True):
    """A new complaint. privacy: normal | anonim | rahasia | anonim_rahasia. Up to 3 attachments."""

    kind: str = "pengaduan"
    title: str
    description: str
    unit_id: int | None = None
    service_id: int | None = None
    service_date: date | None = None
    location_text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    privacy: str = "normal"
    fully_anonymous: bool = False
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    fee_paid: int | None = None
    duration_days: int | None = None
    confirm_duplicate: bool = False
    attachments: list[AttachmentIn] = msgspec.field(default_factory=list)


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
    status_code: int
    detail: str
    tracking_code: str


class InvalidOut(msgspec.Struct):
    """The shared API error body; `extra` maps each invalid field to its message."""

    status_code: int
    detail: str
    extra: dict[str, str]
