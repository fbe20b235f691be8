"""Tables of the complaints app (the data contract other domains build on)."""

from enum import StrEnum

from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Real,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from complaints.states import ComplaintStatus
from portal.tables import Service, ServiceVersion, Unit


class ComplaintKind(StrEnum):
    pengaduan = "pengaduan"
    aspirasi = "aspirasi"
    permintaan_informasi = "permintaan_informasi"


KINDS = tuple(kind.value for kind in ComplaintKind)  # the one list of complaint kinds (form, API, Open311)


class ArchiveReason(StrEnum):
    none = ""
    tidak_jelas = "tidak_jelas"
    sara = "sara"
    bukan_pelayanan_publik = "bukan_pelayanan_publik"
    permintaan_pelapor = "permintaan_pelapor"
    kedaluwarsa = "kedaluwarsa"


class ClosedBy(StrEnum):
    none = ""
    unit = "unit"
    reporter = "reporter"
    system = "system"
    lapor = "lapor"


class EventType(StrEnum):
    filed = "filed"
    transition = "transition"
    reply = "reply"
    note = "note"
    reroute = "reroute"
    topic = "topic"
    attachment = "attachment"
    rating = "rating"
    lapor_sync = "lapor_sync"
    # The conversation (docs/complaints.md "Conversation and escalation"); names fixed: notifications map them.
    info_requested = "info_requested"
    info_provided = "info_provided"
    interim_update = "interim_update"
    escalated = "escalated"
    sent_back = "sent_back"
    deadline_missed = "deadline_missed"


class ActorRole(StrEnum):
    reporter = "reporter"
    unit_officer = "unit_officer"
    unit_admin = "unit_admin"
    system_admin = "system_admin"
    system = "system"
    import_ = "import"


class Complaint(Table):
    """A pengaduan, aspirasi or permintaan informasi filed by a citizen (any channel)."""

    tracking_code = Varchar(length=20, unique=True, index=True)
    kind = Varchar(length=30, default=ComplaintKind.pengaduan.value)
    status = Varchar(length=20, default=ComplaintStatus.received.value, index=True)
    archive_reason = Varchar(length=40, default="")
    closed_by = Varchar(length=20, default="")
    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=True, default=None, index=True)
    suggested_unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=True, default=None)
    service = ForeignKey(references=Service, on_delete=OnDelete.restrict, null=True, default=None)
    service_version = ForeignKey(references=ServiceVersion, on_delete=OnDelete.restrict, null=True, default=None)
    title = Varchar(length=200)
    description = Text()
    service_date = Date(null=True, default=None)
    location_text = Text(default="")
    latitude = Real(null=True, default=None)
    longitude = Real(null=True, default=None)
    # Privacy: anonim hides identity from unit and public, rahasia never publishes the report,
    # identity_stored=False is the fully anonymous mode (no identity kept at all).
    is_anonymous = Boolean(default=False)
    is_confidential = Boolean(default=False)
    identity_stored = Boolean(default=True)
    reporter_name = Varchar(length=200, default="")
    reporter_email = Varchar(length=200, default="", index=True)
    reporter_phone = Varchar(length=40, default="", index=True)
    reporter_token_hash = Varchar(length=64, default="")
    # How the reporter wants to hear about the case (complaints.channels): "email", "whatsapp" or both,
    # comma-separated; the WhatsApp number in E.164 digits (no "+"). Personal data like reporter_phone.
    notify_channels = Varchar(length=40, default="email")
    reporter_whatsapp = Varchar(length=20, default="")
    # SHA-256 of what proves who filed it (the browser's CSRF cookie, an API Idempotency-Key, an Open311
    # key + device): the duplicate check names an earlier complaint only to the one who filed it.
    filer_hash = Varchar(length=64, default="", index=True)
    # Classification.
    topic = Varchar(length=40, default="", index=True)
    topic_confidence = Real(default=0.0)
    topic_model_version = Varchar(length=80, default="")
    topic_source = Varchar(length=20, default="")
    needs_triage = Boolean(default=False)
    aspects = JSON(default=[])
    # Link to the broken promise of the service standard.
    fee_charged = Integer(null=True, default=None)
    fee_mismatch = Boolean(default=False)
    duration_exceeded = Boolean(default=False)
    channel = Varchar(length=20, default="web")
    # SP4N-LAPOR!
    lapor_tracking_id = Varchar(length=40, null=True, default=None, unique=True)
    lapor_status = Varchar(length=60, default="")
    # Provenance of the LAPOR! facts (docs/lapor-import.md): the LaporImport run (national export or the
    # system admin's uploaded document) and the export row that last set them, and the file's own date.
    # Figures count LAPOR! facts only when lapor_import is set; lapor_import set implies lapor_tracking_id set.
    lapor_import = Integer(null=True, default=None)  # index (lapor_import, unit, created_at) by the migration
    lapor_row = Integer(null=True, default=None)
    lapor_as_of = Timestamptz(null=True, default=None)
    # Reporter's verdict.
    rating = Integer(null=True, default=None)
    rating_comment = Text(default="")
    reporter_confirmed = Boolean(null=True, default=None)
    escalated = Boolean(default=False)
    # A disputed case waits for the supervising unit ("pending"), which sends it back with instructions
    # ("returned") or answers it itself ("answered"); "" when never disputed.
    escalation_state = Varchar(length=20, default="")
    # The conversation: set while an officer's question waits for the reporter (the deadline clock is
    # paused), and the working days all answered waits added to the deadlines (complaints.conversation).
    awaiting_reporter_since = Timestamptz(null=True, default=None)
    info_wait_days = Integer(default=0)
    # Deadline cache for listings (computed by complaints.deadlines).
    verify_due_at = Timestamptz(null=True, default=None)
    followup_due_at = Timestamptz(null=True, default=None)
    resolve_due_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(index=True)
    updated_at = Timestamptz()
    closed_at = Timestamptz(null=True, default=None)
    # Open311 extras.
    device_id = Varchar(length=200, default="")
    account_id = Varchar(length=200, default="")
    media_url = Varchar(length=500, default="")
    address_id = Varchar(length=200, default="")


class ComplaintEvent(Table):
    """Append-only history of a complaint (a database trigger forbids UPDATE and DELETE)."""

    complaint = ForeignKey(references=Complaint, on_delete=OnDelete.restrict, null=False, index=True)
    occurred_at = Timestamptz(index=True)
    event_type = Varchar(length=20, index=True)
    from_status = Varchar(length=20, default="")
    to_status = Varchar(length=20, default="")
    actor_id = Integer(null=True, default=None)
    actor_role = Varchar(length=20, default="")
    actor_name = Varchar(length=200, default="")
    note = Text(default="")
    is_public = Boolean(default=False)
    unit_id = Integer(null=True, default=None, index=True)


class Attachment(Table):
    """A file attached by the reporter or by staff; stored outside the web root."""

    complaint = ForeignKey(references=Complaint, on_delete=OnDelete.restrict, null=False, index=True)
    event = ForeignKey(references=ComplaintEvent, on_delete=OnDelete.restrict, null=True, default=None)
    original_name = Varchar(length=255, default="")
    content_type = Varchar(length=100, default="")
    size = Integer(default=0)
    sha256 = Varchar(length=64, default="")
    storage_name = Varchar(length=255)
    uploaded_by = Varchar(length=20, default="reporter")
    created_at = Timestamptz()


class Holiday(Table):
    """A national holiday or cuti bersama (not a working day)."""

    day = Date(unique=True, index=True)
    name = Varchar(length=200, default="")
    kind = Varchar(length=20, default="nasional")
    # A correction of the `holidays` package's calendar (docs/deadlines.md): an added or corrected day
    # (removed=False) or a day the package lists that is a working day after all (removed=True).
    source = Varchar(length=200, default="")
    removed = Boolean(default=False)


class LaporImport(Table):
    """One source of SP4N-LAPOR! facts: an import of the national export, or a document uploaded by the
    system admin for one complaint. Its file name, hash, time and author are the facts' provenance."""

    kind = Varchar(length=20, default="export")  # "export" | "document"
    filename = Varchar(length=255, default="")
    sha256 = Varchar(length=64, default="")
    sheet = Varchar(length=100, default="")
    file_as_of = Timestamptz(null=True, default=None)
    imported_at = Timestamptz()
    actor_id = Integer(null=True, default=None)
    actor_name = Varchar(length=200, default="")
    storage_name = Varchar(length=255, default="")
    summary = JSON(default={})


class DeadlinePolicy(Table):
    """Handling deadlines per unit and kind; unit=None is the default, kind="" applies to all kinds."""

    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=True, default=None)
    kind = Varchar(length=30, default="")
    verify_days = Integer(default=3)
    followup_days = Integer(default=5)
    resolve_days = Integer(default=60)
    resolve_day_type = Varchar(length=20, default="calendar")
    auto_close_days = Integer(default=10)


class TopicCorrection(Table):
    """An officer's confirmation or correction of the classifier's topic: training feedback."""

    complaint_id = Integer(index=True)
    text = Text()
    predicted_topic = Varchar(length=40, default="")
    corrected_topic = Varchar(length=40)
    model_version = Varchar(length=80, default="")
    confidence = Integer(default=0)  # per mille
    officer_id = Integer(null=True, default=None)
    created_at = Timestamptz()


class TopicRoute(Table, tablename="topic_route"):
    """The system administrator's choice of unit for one topic, overriding the routing file.

    ``unit`` NULL sends the topic to manual triage. Topics without a row follow ``PORTAL_TOPIC_ROUTING``
    (default ``ml/topic_routing.json``); see ``complaints.topic_routes``.
    """

    topic = Varchar(length=40, unique=True)
    unit = ForeignKey(references=Unit, on_delete=OnDelete.set_null, null=True, default=None)
    updated_at = Timestamptz()
    updated_by = Integer(null=True, default=None)


class ClassifierModelVersion(Table):
    """Every model the learning loop trained or restored, with its figures (append-only history).

    ``event``: ``promoted`` (became current), ``rejected`` (worse than the current model on held-out
    corrections), ``unchanged`` (same model as the current one), ``too_few`` (too few held-out corrections
    to check it), ``rolled_back`` (an earlier model restored by ``portal ml rollback``).
    """

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


class ComplaintPublic(Table, tablename="complaint_public"):
    """The masked public copy of one complaint (complaints.public_copy), made once when it is filed and
    rebuilt when its public history grows or the masking rules change. Every public reader (board,
    search and its counts, tracking page, JSON API, Open311) reads only this table for texts and places."""

    complaint = ForeignKey(references=Complaint, on_delete=OnDelete.cascade, null=False, unique=True)  # indexed
    title = Text(default="")
    description = Text(default="")
    location_text = Text(default="")  # masked; empty for anonim complaints
    latitude = Real(null=True, default=None)  # rounded to 3 decimals (about 100 m)
    longitude = Real(null=True, default=None)
    timeline = JSON(default=[])  # public events with masked notes
    latest_answer = Text(default="")
    rules_version = Integer(default=0)
    masked_at = Timestamptz()


class OutboxMessage(Table, tablename="complaint_outbox"):
    """A message to the reporter, written in the same transaction as the event that causes it and sent
    by the outbox worker (complaints.outbox): pending -> sending -> sent, or back to pending with a backoff,
    or failed after the last attempt; "skipped" when there is nothing left to send (docs/complaints.md)."""

    complaint = ForeignKey(references=Complaint, on_delete=OnDelete.restrict, null=False, index=True)
    event_id = Integer(null=True, default=None)
    unit_id = Integer(null=True, default=None, index=True)
    kind = Varchar(length=30)  # the message template (complaints.notifications.MESSAGES)
    channel = Varchar(length=20)  # "email" | "whatsapp"
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


class InboundMessage(Table, tablename="complaint_inbound_message"):
    """An incoming reply (WhatsApp) that was recorded as the reporter's answer: its provider id is
    unique, so a webhook retry records nothing twice (complaints.services.inbound)."""

    provider_message_id = Varchar(length=200, unique=True)
    channel = Varchar(length=20)
    complaint = ForeignKey(references=Complaint, on_delete=OnDelete.restrict, null=False, index=True)
    received_at = Timestamptz()
