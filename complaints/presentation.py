"""Helpers shared by the complaint pages: labels, file reading, redaction for publication."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from litestar import Request
from litestar.background_tasks import BackgroundTask
from litestar.exceptions import NotFoundException
from litestar.response import File

from complaints import outbox, states
from complaints.event_names import actor_label, event_label
from complaints.redaction import redact
from complaints.services.conversation import ASK_BEFORE_ROUTING, ASK_WHILE_HANDLED
from complaints.tracking_codes import display_code
from complaints.workflow import ARCHIVE_REASONS, KIND_LABELS, STATUS_LABELS, Transition, allowed_actions
from ml.taxonomy import TOPIC_CODES, TOPICS
from portal import flash, uploads
from portal.app import CSRF_COOKIE
from portal.i18n import N_, _, get_language
from portal.security import CurrentUser

if TYPE_CHECKING:
    from complaints.services import intake

# Confirmations shown once after a staff or reporter action (portal.flash): key -> message.
FLASH_MESSAGES = {
    "verify": N_("Pengaduan diverifikasi."),
    "verify_route": N_("Pengaduan diverifikasi dan didisposisikan ke unit."),
    "route": N_("Pengaduan didisposisikan ke unit."),
    "reroute": N_("Pengaduan didisposisikan ulang."),
    "request_info": N_("Pertanyaan terkirim kepada pelapor. Tenggat berhenti sampai pelapor menjawab."),
    "ask": N_("Pertanyaan terkirim kepada pelapor. Tenggat berhenti sampai pelapor menjawab."),
    "archive": N_("Pengaduan diarsipkan."),
    "start": N_("Tindak lanjut dimulai."),
    "answer": N_("Jawaban akhir terkirim kepada pelapor."),
    "close": N_("Pengaduan ditutup."),
    "reply": N_("Kabar perkembangan terkirim kepada pelapor."),
    "note": N_("Catatan internal disimpan."),
    "topic": N_("Topik disimpan."),
    "lapor": N_("Data SP4N-LAPOR! disimpan."),
    "sent_back": N_("Sanggahan dikembalikan ke unit dengan arahan."),
    "provide_info": N_("Terima kasih, jawaban Anda terkirim ke petugas."),
    "confirm": N_("Terima kasih, Anda menerima jawaban. Pengaduan selesai."),
    "dispute": N_("Sanggahan Anda terkirim dan diteruskan ke unit pengawas."),
    "rate": N_("Terima kasih, penilaian Anda tersimpan."),
}


def take_flash(request: Request[Any, Any, Any]) -> tuple[str, list[Any]]:
    """The pending confirmation (translated) and the cookie that clears it."""
    message, cookies = flash.take(request, FLASH_MESSAGES)
    return (_(message) if message else ""), cookies


def flash_redirect(request: Request[Any, Any, Any], path: str, key: str) -> Any:
    return flash.redirect(path, key if key in FLASH_MESSAGES else "", https=request.app.state.settings.https)


def topic_label(code: str) -> str:
    if not code:
        return "-"
    names = TOPICS.get(code)
    return names.get(get_language(), names["id"]) if names else code


def topic_choices() -> list[tuple[str, str]]:
    return [(code, topic_label(code)) for code in TOPIC_CODES]


def template_helpers() -> dict[str, Any]:
    return {
        "status_label": lambda s: _(STATUS_LABELS.get(s, s)) if s else "-",
        "kind_label": lambda k: _(KIND_LABELS.get(k, k)),
        "topic_label": topic_label,
        "archive_reasons": {k: _(v) for k, v in ARCHIVE_REASONS.items()},
        "display_code": display_code,
        "event_label": event_label,
        "actor_label": actor_label,
        "complaint_states": states.jinja_global(),
    }


MIN_IDEMPOTENCY_KEY = 16
MAX_IDEMPOTENCY_KEY = 200


def browser_proof(request: Request[Any, Any, Any]) -> str:
    """The browser's own secret (its CSRF cookie, checked against the form's token by the CSRF layer): what
    proves that an earlier complaint came from the same browser session. The client address does not
    (a whole campus or mobile carrier shares one)."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return f"web:{cookie}" if cookie else ""


def api_proof(idempotency_key: str | None) -> str:
    """The API client's `Idempotency-Key` header (a secret it chose for this submission and its retries).
    Raises ValueError when the key is too short to be a secret or too long."""
    key = (idempotency_key or "").strip()
    if not key:
        return ""
    if not MIN_IDEMPOTENCY_KEY <= len(key) <= MAX_IDEMPOTENCY_KEY:
        raise ValueError(key)
    return f"api:{key}"


def redact_for_public(text: str, reporter_name: str = "") -> str:
    return redact(text, [reporter_name] if reporter_name else [])


def filed_mail_task(request: Request[Any, Any, Any], filed: "intake.Filed", email: str, title: str) -> Any:
    """The "received" message was queued with the complaint (complaints.outbox): send it right after the
    response; the scheduled worker sends it if this pass fails."""
    return BackgroundTask(outbox.deliver_now, request.app.state.settings)


def attachment_file(request: Request[Any, Any, Any], row: dict[str, Any], name: str | None = None) -> File:
    """The stored attachment `row` as a download (404 when its file is missing); `name`: the file name shown
    (complaints.privacy may replace the original one)."""
    try:
        path = uploads.stored_path(row["storage_name"], request.app.state.settings.upload_dir)
    except ValueError as exc:
        raise NotFoundException() from exc
    if not path.is_file():
        raise NotFoundException()
    shown = row["original_name"] if name is None else name
    safe_name = "".join(ch for ch in shown if ch.isalnum() or ch in "._- ")[:100] or "lampiran"
    return File(
        path=path,
        filename=safe_name,
        media_type=row["content_type"],
        content_disposition_type="attachment",
        headers={"cache-control": "private, no-store"},
    )


BUTTON_ACTIONS = ("verify", "start", "close")  # transitions offered as one button (no note or choice)
REPLY_STATUSES = states.HANDLED  # progress replies to the reporter
SUPERVISOR_ANSWER_STATUSES = states.AT_UNIT  # the supervising unit may answer a disputed case


@dataclass(frozen=True)
class CaseView:
    """What the staff case page (templates/complaints/staff/case.html) offers its viewer, decided once here
    from the complaint's status and the viewer's role and unit; the template only reads these."""

    can_work: bool  # the viewer works on the case's unit (any unit: the system admin of an unrouted case)
    supervising: bool  # the viewer is the supervising unit of a disputed case
    buttons: list[Transition]  # one-click transitions (verify, start, close)
    close_disputed: bool  # close would be allowed, but the reporter disputed: the unit may not close
    can_route: bool  # the system admin verifies and routes (received) or routes (verified)
    route_action: str  # "verify_route" | "route"
    can_reroute: bool
    may_ask: bool  # ask the reporter (stops the clock)
    can_archive: bool
    can_reply: bool
    can_answer: bool
    can_set_lapor: bool  # record SP4N-LAPOR! facts with a document (system admin)
    supervisor_may_ask: bool  # the supervising unit's own question form (it does not work the case)
    escalation_pending: bool  # the dispute has not been sent back to the unit yet
    supervisor_can_answer: bool


def case_view(row: dict[str, Any], user: CurrentUser, *, supervising: bool) -> CaseView:
    status = row["status"]
    can_work = user.can_work_unit(row["unit"]) if row["unit"] else user.is_system_admin
    actions = allowed_actions(status, user.role) if can_work else []
    names = {t.action for t in actions}
    may_ask = (status in ASK_WHILE_HANDLED and (can_work or supervising)) or (
        status in ASK_BEFORE_ROUTING and user.is_system_admin
    )
    disputed = bool(row.get("escalated"))
    return CaseView(
        can_work=can_work,
        supervising=supervising,
        buttons=[t for t in actions if t.action in BUTTON_ACTIONS and not (t.action == "close" and disputed)],
        close_disputed="close" in names and disputed,
        can_route=can_work and status in states.ASK_BEFORE_ROUTING and user.is_system_admin,
        route_action="route" if status == states.S.verified else "verify_route",
        can_reroute="reroute" in names,
        may_ask=can_work and may_ask,
        can_archive="archive" in names,
        can_reply=can_work and status in REPLY_STATUSES,
        can_answer="answer" in names,
        can_set_lapor=can_work and user.is_system_admin,
        supervisor_may_ask=supervising and may_ask and not can_work,
        escalation_pending=row.get("escalation_state") == "pending",
        supervisor_can_answer=status in SUPERVISOR_ANSWER_STATUSES,
    )
