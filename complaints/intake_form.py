"""The citizen's complaint form around complaints.services.intake: the service preselected from a service
page, the promised standard next to "what you paid", attachments kept across errors
(complaints.pending_uploads) and the one-time confirmation after Post/Redirect/Get."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from complaints import pending_uploads
from complaints.calendar import local_date
from complaints.services import intake
from complaints.tables import Complaint
from complaints.tracking_codes import normalize_code
from portal.params import parse_id
from portal.tables import Service, ServiceVersion

if TYPE_CHECKING:
    from litestar import Request

    from portal.settings import Settings
    from portal.uploads import CheckedUpload

PENDING_FIELDS = ("pending_attachments", "drop_attachments")
FILED_SESSION_KEY = "filed_complaint"


async def preselected(raw_service: str) -> dict[str, str]:
    """Form values for `?layanan=<id>`: the service and its unit, when it is published and takes complaints;
    anything else preselects nothing (the form still opens)."""
    service_id = parse_id(raw_service)
    if service_id is None:
        return {}
    row = (
        await Service.select(Service.id, Service.unit)
        .where(
            (Service.id == service_id)
            & Service.published.eq(True)
            & Service.accepts_complaints.eq(True)
            & Service.unit.published.eq(True)
        )
        .first()
    )
    if row is None:
        return {}
    return {"service_id": str(row["id"]), "unit_id": str(row["unit"])}


async def promised_standard(service_id: int | None) -> dict[str, Any] | None:
    """The service's current standard (name, fee, completion time) the citizen compares with what happened."""
    if service_id is None:
        return None
    today = datetime.now(UTC).date()
    row = await ServiceVersion.select(
        ServiceVersion.service.name, ServiceVersion.fee_amount, ServiceVersion.duration_value,
        ServiceVersion.duration_unit,
    ).where(
        (ServiceVersion.service == service_id) & (ServiceVersion.effective_from <= today)
        & ServiceVersion.service.published.eq(True)
    ).order_by(ServiceVersion.version_no, ascending=False).first()  # fmt: skip
    if row is None:
        return None
    return {"name": row["service.name"], "fee_amount": row["fee_amount"] or 0,
            "duration_value": row["duration_value"], "duration_unit": row["duration_unit"]}  # fmt: skip


def field_errors(values: dict[str, str]) -> dict[str, str]:
    """The field errors of the form's texts (used when an upload already failed, so all are shown at once)."""
    return intake.validate_draft(values, today=local_date(datetime.now(UTC)))[1]


@dataclass
class Kept:
    checked: list[tuple[CheckedUpload, str]] = field(default_factory=list)
    pending: list[pending_uploads.PendingUpload] = field(default_factory=list)


def kept_uploads(form: Any, settings: Settings, errors: dict[str, str]) -> Kept:
    """Attachments held from an earlier try (signed tokens in the form), minus those the citizen removed."""
    getall = form.getall if hasattr(form, "getall") else (lambda _name, default: default)
    dropped = set(getall("drop_attachments", []))
    kept = Kept()
    for token in getall("pending_attachments", [])[: intake.MAX_ATTACHMENTS]:
        if not isinstance(token, str):
            continue
        if token in dropped:
            pending_uploads.release(token, data_dir=settings.data_dir, secret=settings.secret_key)
            continue
        try:
            checked, name = pending_uploads.redeem(
                token, data_dir=settings.data_dir, secret=settings.secret_key, max_bytes=settings.max_upload_bytes
            )
        except pending_uploads.PendingUploadInvalid as exc:
            errors["attachments"] = str(exc)
            continue
        kept.checked.append((checked, name))
        kept.pending.append(pending_uploads.PendingUpload(token=token, name=name, size=checked.size))
    return kept


def hold_all(fresh: list[tuple[CheckedUpload, str]], settings: Settings) -> list[pending_uploads.PendingUpload]:
    return [pending_uploads.hold(checked, name, data_dir=settings.data_dir, secret=settings.secret_key)
            for checked, name in fresh]  # fmt: skip


def release_all(pending: list[pending_uploads.PendingUpload], settings: Settings) -> None:
    for item in pending:
        pending_uploads.release(item.token, data_dir=settings.data_dir, secret=settings.secret_key)


# --- Post/Redirect/Get: the private link shown once ------------------------------------------------


def remember_filed(request: Request, filed: intake.Filed, private_url: str, email: str) -> None:
    """Keep the new complaint's private link in this browser's (server-side) session until it is shown."""
    session = dict(request.session or {}) if isinstance(request.scope.get("session"), dict) else {}
    session[FILED_SESSION_KEY] = {"code": filed.tracking_code, "private_url": private_url, "email": email}
    request.set_session(session)


def take_filed(request: Request, code: str) -> dict[str, str] | None:
    """What this browser filed under `code`: the private link the first time only (it is then removed from
    the session, leaving a note that it was shown); None for a code this browser did not just file."""
    session = request.scope.get("session")
    if not isinstance(session, dict):
        return None
    entry = session.get(FILED_SESSION_KEY)
    if not isinstance(entry, dict) or entry.get("code") != normalize_code(code):
        return None
    shown = dict(entry)
    if entry.get("private_url"):
        request.set_session({**session, FILED_SESSION_KEY: {**entry, "private_url": "", "shown": True}})
    return shown


async def filed_summary(code: str) -> dict[str, Any] | None:
    """What the confirmation page tells: the handling (or suggested) unit and the deadlines."""
    row = await Complaint.select(
        Complaint.tracking_code, Complaint.kind, Complaint.status, Complaint.unit.name,
        Complaint.suggested_unit.name, Complaint.needs_triage, Complaint.verify_due_at, Complaint.followup_due_at,
        Complaint.resolve_due_at,
    ).where(Complaint.tracking_code == code).first()  # fmt: skip
    if row is None:
        return None
    return {**row, "unit_name": row["unit.name"] or row["suggested_unit.name"] or ""}
