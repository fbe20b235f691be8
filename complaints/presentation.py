"""Helpers shared by the complaint pages: labels, file reading, redaction for publication."""

from typing import Any

from litestar import Request

from complaints import states
from complaints.event_names import actor_label, event_label
from complaints.tracking_codes import display_code
from complaints.workflow import ARCHIVE_REASONS, KIND_LABELS, STATUS_LABELS
from portal import flash
from portal.i18n import N_, _, get_language

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
    from ml.taxonomy import TOPICS

    if not code:
        return "-"
    names = TOPICS.get(code)
    return names.get(get_language(), names["id"]) if names else code


def topic_choices() -> list[tuple[str, str]]:
    from ml.taxonomy import TOPIC_CODES

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
    from portal.app import CSRF_COOKIE

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


async def read_uploads(form: Any, field: str, max_bytes: int) -> tuple[list[tuple[str, bytes]], str]:
    """The non-empty files of a multipart field; an oversize file gives a message instead."""
    from complaints.attachments import AttachmentRejected, read_limited

    files: list[tuple[str, bytes]] = []
    for upload in form.getall(field, []) if hasattr(form, "getall") else []:
        if not hasattr(upload, "read") or not getattr(upload, "filename", ""):
            continue
        try:
            data = await read_limited(upload, max_bytes)
        except AttachmentRejected as exc:
            return [], f"{upload.filename}: {exc}"
        if data:
            files.append((upload.filename, data))
    return files, ""


def redact_for_public(text: str, reporter_name: str = "") -> str:
    from complaints.redaction import redact

    return redact(text, [reporter_name] if reporter_name else [])
