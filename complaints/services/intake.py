"""Filing a complaint: validation (shared by the form and the API), duplicate check, the link to the
service standard, classification, and one write transaction per complaint."""

from __future__ import annotations

import asyncio
import hashlib
import math
import re
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

import anyio

from complaints import public_copy, states
from complaints.calendar import local_date
from complaints.channels import normalise_whatsapp
from complaints.classification import classify, unit_for_topic
from complaints.deadlines import compute_deadlines
from complaints.notifications import link_token
from complaints.services.events import NewEvent, append_events
from complaints.tables import KINDS, Attachment, Complaint, ComplaintPublic
from complaints.tracking_codes import new_tracking_code
from portal.batching import MicroBatcher
from portal.db import insert_rows, is_sqlite, write_transaction
from portal.forms import FormValidator, clean_text
from portal.i18n import _, get_language
from portal.tables import Service, ServiceVersion, Unit
from portal.uploads import CheckedUpload, UploadRejected, check_upload, save_upload

if TYPE_CHECKING:
    from litestar import Litestar

    from complaints.deadlines import Deadlines
    from complaints.redaction import PublishedContacts
    from ml.classifier import Prediction

PRIVACY_CHOICES = ("normal", "anonim", "rahasia", "anonim_rahasia")
MAX_DESCRIPTION = 4000
MAX_ATTACHMENTS = 3
MAX_FEE = 1_000_000_000  # rupiah
MAX_DURATION_DAYS = 3650
DUPLICATE_WINDOW = timedelta(hours=24)
DUPLICATE_SIMILARITY = 0.9
PHONE_RE = re.compile(r"^\+?[0-9][0-9 .-]{6,18}[0-9]$")
HONEYPOT_FIELD = "website"


@dataclass
class Draft:
    kind: str
    title: str
    description: str
    unit_id: int | None = None
    service_id: int | None = None
    service_date: date | None = None
    location_text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    is_anonymous: bool = False
    is_confidential: bool = False
    identity_stored: bool = True
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    notify_channels: str = "email"
    reporter_whatsapp: str = ""
    fee_paid: int | None = None
    duration_days: int | None = None
    channel: str = "web"
    confirm_duplicate: bool = False
    uploads: list[CheckedUpload] = field(default_factory=list)
    upload_names: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # Open311 extras (device_id, ...)

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.description}"


@dataclass(frozen=True)
class Filed:
    id: int
    tracking_code: str
    token: str
    status: str
    topic: str
    needs_triage: bool
    suggested_unit_id: int | None


class DuplicateSuspected(Exception):
    def __init__(self, tracking_code: str) -> None:
        super().__init__(tracking_code)
        self.tracking_code = tracking_code


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _float(v: FormValidator, name: str, low: float, high: float) -> float | None:
    raw = v._raw(name).replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        v.errors[name] = _("Harus berupa angka.")
        return None
    if not math.isfinite(value) or not low <= value <= high:
        v.errors[name] = _("Di luar rentang yang sah (%(low)s sampai %(high)s).") % {"low": low, "high": high}
        return None
    return value


def too_long(length: int, limit: int) -> str:
    """The message for a text over its limit: how long it is and how much to cut (nothing is cut silently)."""
    from babel.numbers import format_decimal

    def number(n: int) -> str:
        return format_decimal(n, locale=get_language())

    return _("Terlalu panjang: %(n)s karakter, paling banyak %(limit)s. Persingkat %(over)s karakter.") % {
        "n": number(length),
        "limit": number(limit),
        "over": number(length - limit),
    }


def channel_fields(channels: list[str] | None) -> dict[str, str]:
    """The API's `notify_channels` list as the form's fields; InvalidComplaint for an unknown channel."""
    if channels is None:
        return {}
    unknown = [c for c in channels if c not in ("email", "whatsapp")]
    if unknown:
        raise InvalidComplaint(
            {
                "notify_channels": _("Saluran pemberitahuan tidak dikenal: %(names)s (pilih email dan/atau whatsapp).")
                % {"names": ", ".join(unknown)}
            }
        )
    return {
        "notify_choice": "1",
        "notify_email": "1" if "email" in channels else "",
        "notify_whatsapp": "1" if "whatsapp" in channels else "",
    }


def _notify_choice(v: FormValidator, email: str) -> tuple[str, str]:
    """The reporter's channels ("email", "whatsapp", comma-separated) and WhatsApp number (E.164 digits).

    The form says it made a choice with `notify_choice=form`; a client that sends no choice (older API and
    Open311 clients) gets e-mail when it gave an address and WhatsApp when it gave a WhatsApp number."""
    raw_number = v.text("reporter_whatsapp", max_length=40)
    if v._raw("notify_choice") or v._raw("notify_email") or v._raw("notify_whatsapp"):
        wants_email, wants_whatsapp = v.boolean("notify_email"), v.boolean("notify_whatsapp")
    else:
        wants_email, wants_whatsapp = bool(email), bool(raw_number)
    number = normalise_whatsapp(raw_number) if raw_number else ""
    if raw_number and not number and "reporter_whatsapp" not in v.errors:
        v.errors["reporter_whatsapp"] = _(
            "Nomor WhatsApp tidak valid: tulis dengan kode negara, misalnya +6281234567890 atau 081234567890."
        )
    elif wants_whatsapp and not raw_number:
        v.errors["reporter_whatsapp"] = _("Isi nomor WhatsApp untuk menerima pemberitahuan lewat WhatsApp.")
    # The form's e-mail box is ticked by default: there, no address simply means no e-mail. A client that
    # asks for e-mail explicitly (API `notify_channels`) without an address is told.
    if wants_email and not email and v._raw("notify_choice") != "form" and "reporter_email" not in v.errors:
        v.errors["reporter_email"] = _("Isi alamat email untuk menerima pemberitahuan lewat email.")
    wants_email = wants_email and bool(email)
    channels = [name for name, wanted in (("email", wants_email), ("whatsapp", wants_whatsapp)) if wanted]
    return ",".join(channels), number if wants_whatsapp else ""


def validate_draft(data: Mapping[str, Any], *, today: date, channel: str = "web") -> tuple[Draft, dict[str, str]]:
    """Check every field; returns the draft and the field errors (empty when valid)."""
    v = FormValidator(data)
    kind = v.choice("kind", KINDS)
    title = v.text("title", required=True, max_length=200, min_length=5)
    description = v.text("description", required=True, max_length=MAX_DESCRIPTION, min_length=10)
    if len(description) > MAX_DESCRIPTION:
        v.errors["description"] = too_long(len(description), MAX_DESCRIPTION)
    if len(title) > 200:
        v.errors["title"] = too_long(len(title), 200)
    unit_id = v.integer("unit_id", minimum=1)
    service_id = v.integer("service_id", minimum=1)
    service_date = v.date("service_date")
    if service_date and service_date > today:
        v.errors["service_date"] = _("Tanggal layanan tidak boleh di masa depan.")
    location_text = v.text("location_text", max_length=500)
    latitude = _float(v, "latitude", -90.0, 90.0)
    longitude = _float(v, "longitude", -180.0, 180.0)
    if (latitude is None) != (longitude is None) and "latitude" not in v.errors and "longitude" not in v.errors:
        v.errors["latitude"] = _("Isi lintang dan bujur bersama-sama.")
    privacy = v.choice("privacy", PRIVACY_CHOICES, required=False) or "normal"
    fully_anonymous = v.boolean("fully_anonymous")
    name = v.text("reporter_name", max_length=200)
    email = v.email("reporter_email")
    phone = v.text("reporter_phone", max_length=40)
    if phone and "reporter_phone" not in v.errors and not PHONE_RE.match(phone):
        v.errors["reporter_phone"] = _("Nomor telepon tidak valid.")
    notify_channels, whatsapp = _notify_choice(v, email)
    fee_paid = v.integer("fee_paid", minimum=0, maximum=MAX_FEE)
    duration_days = v.integer("duration_days", minimum=0, maximum=MAX_DURATION_DAYS)
    if fully_anonymous:  # no address kept: no message can reach this reporter
        name = email = phone = whatsapp = notify_channels = ""
    draft = Draft(
        kind=kind,
        title=title,
        description=description,
        unit_id=unit_id,
        service_id=service_id,
        service_date=service_date,
        location_text=location_text,
        latitude=latitude,
        longitude=longitude,
        is_anonymous=privacy in ("anonim", "anonim_rahasia") or fully_anonymous,
        is_confidential=privacy in ("rahasia", "anonim_rahasia"),
        identity_stored=not fully_anonymous,
        reporter_name=name,
        reporter_email=email.lower(),
        reporter_phone=phone,
        notify_channels=notify_channels,
        reporter_whatsapp=whatsapp,
        fee_paid=fee_paid,
        duration_days=duration_days,
        channel=channel,
        confirm_duplicate=v.boolean("confirm_duplicate"),
    )
    return draft, v.errors


async def check_catalogue_choice(draft: Draft, errors: dict[str, str]) -> None:
    """The chosen unit and service must exist, be published and belong together."""
    if draft.unit_id is not None:
        unit = await Unit.select(Unit.id).where((Unit.id == draft.unit_id) & Unit.published.eq(True)).first()
        if unit is None:
            errors["unit_id"] = _("Unit tidak ditemukan.")
    if draft.service_id is not None:
        service = (
            await Service.select(Service.id, Service.unit)
            .where((Service.id == draft.service_id) & Service.published.eq(True) & Service.accepts_complaints.eq(True))
            .first()
        )
        if service is None:
            errors["service_id"] = _("Layanan tidak ditemukan atau tidak menerima pengaduan.")
        elif draft.unit_id is not None and service["unit"] != draft.unit_id:
            errors["service_id"] = _("Layanan ini bukan milik unit yang dipilih.")
        elif draft.unit_id is None:
            draft.unit_id = service["unit"]


# --- the broken promise: compare with the service's current standard ----------------------------


@dataclass(frozen=True)
class StandardCheck:
    service_version_id: int | None = None
    fee_mismatch: bool = False
    duration_exceeded: bool = False


def standard_days(duration_value: int, duration_unit: str) -> int:
    """The standard's completion time in days (hours round up to whole days)."""
    if duration_unit == "hours":
        return math.ceil(duration_value / 24)
    return duration_value


async def check_against_standard(
    service_id: int | None, fee_paid: int | None, duration_days: int | None, today: date
) -> StandardCheck:
    if service_id is None:
        return StandardCheck()
    version = (
        await ServiceVersion.select(
            ServiceVersion.id, ServiceVersion.fee_amount, ServiceVersion.duration_value, ServiceVersion.duration_unit
        )
        .where((ServiceVersion.service == service_id) & (ServiceVersion.effective_from <= today))
        .order_by(ServiceVersion.version_no, ascending=False)
        .first()
    )
    if version is None:
        return StandardCheck()
    fee_mismatch = fee_paid is not None and fee_paid != (version["fee_amount"] or 0)
    exceeded = (
        duration_days is not None
        and version["duration_value"] > 0
        and duration_days > standard_days(version["duration_value"], version["duration_unit"])
    )
    return StandardCheck(version["id"], fee_mismatch, exceeded)


# --- duplicates ---------------------------------------------------------------------------------


def _normalized(text: str) -> str:
    return " ".join(clean_text(text).lower().split())


def similar(a: str, b: str) -> bool:
    """Text similarity (difflib ratio) of at least 0.9; cheap word-overlap and length checks first."""
    words_a, words_b = set(a.split()), set(b.split())
    if not words_a or not words_b or len(words_a & words_b) / len(words_a | words_b) < 0.6:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < DUPLICATE_SIMILARITY or matcher.quick_ratio() < DUPLICATE_SIMILARITY:
        return False
    return matcher.ratio() >= DUPLICATE_SIMILARITY


def filer_hash(proof: str) -> str:
    """What is stored of a filer's proof ("" when there is none)."""
    return hashlib.sha256(proof.encode()).hexdigest() if proof else ""


async def find_duplicate(draft: Draft, *, now: datetime, filer: str) -> str | None:
    """The tracking code of a near-identical complaint filed with the same proof in the last 24 h.

    Only the filer's own earlier complaints are compared (the same browser, API idempotency key or Open311
    key + device): a match by e-mail, phone or client address would tell anyone who types a guessed e-mail
    and a text copied from the board that this person filed it, when, and under which code (issue 13).
    """
    if not filer:
        return None
    return await _filed_before(filer, _normalized(draft.text), now)


async def _filed_before(filer: str, text: str, now: datetime) -> str | None:
    rows = (
        await Complaint.select(Complaint.tracking_code, Complaint.title, Complaint.description)
        .where((Complaint.filer_hash == filer) & (Complaint.created_at >= now - DUPLICATE_WINDOW))
        .order_by(Complaint.id, ascending=False)
        .limit(20)
    )
    for row in rows:
        if similar(text, _normalized(f"{row['title']}\n{row['description']}")):
            return row["tracking_code"]
    return None


# --- the write --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pending:
    values: dict[str, Any]
    uploads: list[tuple[Any, str, str]]
    now: datetime
    public: dict[str, Any] = field(default_factory=dict)  # the masked copy (complaints.public_copy.intake_copy)
    dedupe: str = ""  # the normalised text when the filer's earlier complaints must be checked again


async def _duplicates_in_transaction(items: list[_Pending], codes: list[str]) -> dict[int, str]:
    """Index -> tracking code of the items that repeat a complaint of the same filer.

    Checked again inside the write transaction: a retry sent while the first submission was still being
    classified (a slow phone connection timing out) passed the check before the write and would otherwise
    be stored twice. SQLite's write transaction already serialises writers; on PostgreSQL a transaction
    lock per filer does (pg_advisory_xact_lock)."""
    checked = [(i, item) for i, item in enumerate(items) if item.dedupe and item.values.get("filer_hash")]
    if not checked:
        return {}
    if not is_sqlite():
        for filer in sorted({item.values["filer_hash"] for _i, item in checked}):
            await Complaint.raw("SELECT pg_advisory_xact_lock(hashtext({}))", filer)
    found: dict[int, str] = {}
    for i, item in checked:
        filer = item.values["filer_hash"]
        earlier_in_batch = next((codes[j] for j, other in checked if j < i and j not in found
                                 and other.values["filer_hash"] == filer and similar(item.dedupe, other.dedupe)),
                                None)  # fmt: skip
        code = earlier_in_batch or await _filed_before(filer, item.dedupe, item.now)
        if code:
            found[i] = code
    return found


async def _write(every: list[_Pending]) -> list[tuple[int, str] | DuplicateSuspected]:
    """One transaction: the complaints, their "filed" events, public copies and attachments.
    Returns (id, code) each, or DuplicateSuspected for a repeat of the same filer's complaint."""
    every_code = [new_tracking_code() for _ in every]
    async with write_transaction():
        repeats = await _duplicates_in_transaction(every, every_code)
        items = [item for i, item in enumerate(every) if i not in repeats]
        codes = [code for i, code in enumerate(every_code) if i not in repeats]
        if not items:
            return [DuplicateSuspected(repeats[i]) for i in range(len(every))]
        rows = await insert_rows(
            Complaint,
            [
                {"tracking_code": code, **item.values, "reporter_token_hash": hash_token(link_token(code))}
                for code, item in zip(codes, items, strict=True)
            ],
            returning=("id", "tracking_code"),
        )
        ids = {row["tracking_code"]: row["id"] for row in rows}
        filed = [  # each with its "received" message, in the same transaction
            NewEvent(complaint=ids[code], occurred_at=item.now, event_type="filed", to_status=states.INITIAL,
                     actor_role="reporter", is_public=True, message="filed")
            for code, item in zip(codes, items, strict=True)
        ]  # fmt: skip
        event_of = dict(zip((e.complaint for e in filed), await append_events(filed), strict=True))
        await insert_rows(
            ComplaintPublic,
            [
                {"complaint": ids[code], "masked_at": item.now, **item.public}
                for code, item in zip(codes, items, strict=True)
            ],
        )
        attachments = [
            Attachment(
                complaint=ids[code],
                event=event_of[ids[code]],
                original_name=original[:255],
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                storage_name=storage_name,
                uploaded_by="reporter",
                created_at=item.now,
            )
            for code, item in zip(codes, items, strict=True)
            for checked, original, storage_name in item.uploads
        ]
        if attachments:
            await Attachment.insert(*attachments)
    return [DuplicateSuspected(repeats[i]) if i in repeats else (ids[code], code) for i, code in enumerate(every_code)]


async def _write_alone(item: _Pending) -> tuple[int, str]:
    for _attempt in range(2):  # a tracking-code collision (60 random bits) gets a new code, up to 3 tries
        try:
            return _result((await _write([item]))[0])
        except DuplicateSuspected:
            raise
        except Exception as exc:
            if "tracking_code" not in str(exc).lower():
                raise
    return _result((await _write([item]))[0])


def _result(outcome: tuple[int, str] | DuplicateSuspected) -> tuple[int, str]:
    if isinstance(outcome, DuplicateSuspected):
        raise outcome
    return outcome


async def _group_commit(items: list[_Pending]) -> list[tuple[int, str] | BaseException]:
    """SQLite group commit: complaints that arrived while a commit was running are written together,
    so many complaints share one fsync. Each is still written atomically with its event and
    attachments, and acknowledged only after its commit. A batch that fails is retried complaint by
    complaint, so one bad row never takes others down."""
    try:
        return list(await _write(items))
    except Exception:
        results: list[tuple[int, str] | BaseException] = []
        for item in items:
            try:
                results.append(await _write_alone(item))
            except Exception as exc:
                results.append(exc)
        return results


GROUP_COMMIT_MAX = 100
_WRITERS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, MicroBatcher] = weakref.WeakKeyDictionary()


async def _store(values: dict[str, Any], uploads: list, now: datetime, public: dict[str, Any],
                 dedupe: str = "") -> tuple[int, str]:  # fmt: skip
    item = _Pending(values, uploads, now, public, dedupe)
    if not is_sqlite():  # PostgreSQL commits concurrent transactions in parallel
        return await _write_alone(item)
    loop = asyncio.get_running_loop()
    writer = _WRITERS.get(loop)
    if writer is None:
        writer = _WRITERS[loop] = MicroBatcher(_group_commit, GROUP_COMMIT_MAX)
    return await writer.submit(item)


async def file_complaint(
    draft: Draft,
    *,
    prediction: Prediction | None,
    suggested_unit_id: int | None,
    deadlines: Deadlines,
    standard: StandardCheck,
    stored_uploads: list[tuple[CheckedUpload, str, str]] = (),  # (checked, original name, storage name)
    now: datetime | None = None,
    filer: str = "",
    contacts: PublishedContacts | None = None,
) -> Filed:
    """Store the complaint with its "filed" event, masked public copy and attachments atomically;
    returns its tracking code. `contacts`: the catalogue's published contacts (loaded when not given)."""
    now = now or datetime.now(UTC)
    topic = prediction.topic if prediction else ""
    needs_triage = prediction.needs_triage if prediction else True
    if draft.unit_id is not None:
        suggested_unit_id = draft.unit_id
    values = dict(
        kind=draft.kind,
        status=states.INITIAL,
        service=draft.service_id,
        service_version=standard.service_version_id,
        suggested_unit=suggested_unit_id,
        title=draft.title,
        description=draft.description,
        service_date=draft.service_date,
        location_text=draft.location_text,
        latitude=draft.latitude,
        longitude=draft.longitude,
        is_anonymous=draft.is_anonymous,
        is_confidential=draft.is_confidential,
        identity_stored=draft.identity_stored,
        reporter_name=draft.reporter_name,
        reporter_email=draft.reporter_email,
        reporter_phone=draft.reporter_phone,
        notify_channels=draft.notify_channels,
        reporter_whatsapp=draft.reporter_whatsapp,
        filer_hash=filer,
        topic=topic,
        topic_confidence=prediction.confidence if prediction else 0.0,
        topic_model_version=prediction.model_version if prediction else "",
        topic_source="classifier" if prediction else "",
        needs_triage=needs_triage or suggested_unit_id is None,
        aspects=list(prediction.aspects) if prediction else [],
        fee_charged=draft.fee_paid,
        fee_mismatch=standard.fee_mismatch,
        duration_exceeded=standard.duration_exceeded,
        channel=draft.channel,
        verify_due_at=deadlines.verify_due,
        followup_due_at=deadlines.followup_due,
        resolve_due_at=deadlines.resolve_due,
        created_at=now,
        updated_at=now,
        **draft.extra,
    )
    if contacts is None:
        contacts = await public_copy.published_contacts()
    public = public_copy.intake_copy(values, now, contacts)
    dedupe = "" if draft.confirm_duplicate or not filer else _normalized(draft.text)
    complaint_id, code = await _store(values, list(stored_uploads), now, public, dedupe)
    return Filed(
        complaint_id, code, link_token(code), states.INITIAL, topic, bool(values["needs_triage"]), suggested_unit_id
    )


# --- the whole intake, as the form, the API and Open311 call it ----------------------------------


class InvalidComplaint(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


DEADLINE_CACHE_KEY = "complaint_intake_deadlines"
DEADLINE_CACHE_SECONDS = 60


async def deadlines_for_intake(app: Litestar, kind: str, received_at: datetime) -> Deadlines:
    """complaints.deadlines for a new (unrouted) complaint, cached briefly per kind and local day:
    deadlines count whole local days, so every complaint of the same day gets the same ones."""
    cache: dict[tuple[str, date], tuple[float, Deadlines]] = app.state.setdefault(DEADLINE_CACHE_KEY, {})
    key = (kind, local_date(received_at))
    hit = cache.get(key)
    if hit and time.monotonic() - hit[0] < DEADLINE_CACHE_SECONDS:
        return hit[1]
    deadlines = await compute_deadlines(None, kind, received_at)
    cache.clear()
    cache[key] = (time.monotonic(), deadlines)
    return deadlines


def check_files(files: list[tuple[str, bytes]], max_bytes: int, errors: dict[str, str], kept: int = 0) -> list:
    """The uploads that pass portal.uploads.check_upload, as (checked, name); a refused one and a
    count over MAX_ATTACHMENTS (with `kept` files already held from an earlier try) are field errors."""

    if len(files) + kept > MAX_ATTACHMENTS:
        errors["attachments"] = _("Paling banyak %(n)d lampiran.") % {"n": MAX_ATTACHMENTS}
        return []
    checked = []
    for name, data in files:
        try:
            checked.append((check_upload(name, data, max_bytes=max_bytes), name))
        except UploadRejected as exc:
            errors["attachments"] = f"{name}: {exc}"
    return checked


def _save_files(checked: list, upload_dir: Any) -> list[tuple[Any, str, str]]:
    return [(upload, name, save_upload(upload, upload_dir)) for upload, name in checked]


async def submit(
    app: Litestar,
    data: Mapping[str, Any],
    *,
    files: list[tuple[str, bytes]] = (),  # type: ignore[assignment]
    checked_files: list[tuple[CheckedUpload, str]] = (),  # type: ignore[assignment]  # already checked
    filer_proof: str = "",
    channel: str = "web",
    extra: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Filed:
    """Validate, check duplicates, classify and store one complaint.

    Raises InvalidComplaint (field errors, nothing stored) or DuplicateSuspected (only for a complaint
    filed with the same `filer_proof`: a secret of the filer's browser, API client or Open311 device).
    """
    settings = app.state.settings
    now = now or datetime.now(UTC)
    today = local_date(now)
    draft, errors = validate_draft(data, today=today, channel=channel)
    checked = list(checked_files) + (
        await anyio.to_thread.run_sync(check_files, list(files), settings.max_upload_bytes, errors, len(checked_files))
        if files
        else []
    )
    if len(checked) > MAX_ATTACHMENTS:
        errors["attachments"] = _("Paling banyak %(n)d lampiran.") % {"n": MAX_ATTACHMENTS}
    if not errors:
        await check_catalogue_choice(draft, errors)
    if errors:
        raise InvalidComplaint(errors)
    draft.extra = extra or {}
    filer = filer_hash(filer_proof)
    if not draft.confirm_duplicate:
        duplicate = await find_duplicate(draft, now=now, filer=filer)
        if duplicate:
            raise DuplicateSuspected(duplicate)
    prediction = await classify(app, draft.text)
    suggested = draft.unit_id or await unit_for_topic(app, prediction.topic)
    deadlines = await deadlines_for_intake(app, draft.kind, now)
    standard = await check_against_standard(draft.service_id, draft.fee_paid, draft.duration_days, today)
    stored = await anyio.to_thread.run_sync(_save_files, checked, settings.upload_dir) if checked else []
    filed = await file_complaint(
        draft,
        prediction=prediction,
        suggested_unit_id=suggested,
        deadlines=deadlines,
        standard=standard,
        stored_uploads=stored,
        now=now,
        filer=filer,
        contacts=await public_copy.contacts_for(app),
    )
    return filed
