"""What the reporter is told, and when: the event → message mapping and the message texts.

`REPORTER_MESSAGES` maps an event kind (a ComplaintEvent's event_type, or for a transition the workflow
action) to the messages it causes. complaints.outbox.enqueue_for_event() reads it where events are
appended, so a new reporter-facing event needs one entry here and one text in `MESSAGES`.

Every message carries the private link and the one-tap "selesai" / "sanggah" links. The private link's
token is derived from the tracking code with the secret key (`link_token`), so a message written days
after filing can carry it although only its hash is stored; the texts are rendered when the message is
sent, so no link is kept in the outbox table.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from complaints.states import S
from complaints.tracking_codes import display_code
from portal.i18n import N_, _
from portal.settings import get_settings

REPORTER_MESSAGES: dict[str, tuple[str, ...]] = {
    "filed": (S.received,),
    "route": (S.routed,),
    "request_info": ("info_requested",),
    "info_requested": ("info_requested",),  # the unit's question (conversation events, issue 16)
    "provide_info": ("info_provided",),
    "info_provided": ("info_provided",),
    "reply": ("interim_update",),
    "interim_update": ("interim_update",),
    "answer": (S.answered,),
    "close": (S.closed,),  # + the SKM invitation, queued by surveys (complaints.published_events)
    "confirm": (S.closed,),
    "auto_close": (S.closed,),
    "dispute": ("reopened",),
    "escalated": ("escalated",),
    "sent_back": ("sent_back",),
    "deadline_missed": ("deadline_missed",),
    "archive": (S.archived,),
    "expire": (S.archived,),
}

# kind -> (subject, body). Placeholders: code, title, note, date, survey (skm_invitation only).
MESSAGES: dict[str, tuple[str, str]] = {
    S.received: (
        N_("Pengaduan diterima: %(code)s"),
        N_("Terima kasih. Pengaduan Anda “%(title)s” telah kami terima dan akan diverifikasi."),
    ),
    S.routed: (
        N_("Pengaduan %(code)s diverifikasi dan diteruskan"),
        N_("Pengaduan Anda telah diverifikasi dan diteruskan ke unit yang berwenang.\n%(note)s"),
    ),
    "info_requested": (
        N_("Pertanyaan tentang pengaduan %(code)s"),
        N_("Petugas meminta keterangan tambahan:\n%(note)s\n\nJawab melalui tautan pribadi di bawah."),
    ),
    "info_provided": (
        N_("Keterangan Anda diterima: %(code)s"),
        N_("Terima kasih, keterangan tambahan Anda sudah kami terima dan diteruskan ke petugas."),
    ),
    "interim_update": (
        N_("Perkembangan pengaduan %(code)s"),
        N_("Ada perkembangan penanganan pengaduan Anda:\n%(note)s"),
    ),
    S.answered: (
        N_("Pengaduan %(code)s sudah dijawab"),
        N_(
            "Unit telah menjawab pengaduan Anda:\n%(note)s\n\n"
            "Jika jawaban ini menyelesaikan masalah, pilih “Selesai”. Jika tidak, pilih “Sanggah”."
        ),
    ),
    S.closed: (
        N_("Pengaduan %(code)s selesai"),
        N_("Penanganan pengaduan Anda telah ditutup. Terima kasih atas laporan Anda."),
    ),
    "reopened": (
        N_("Pengaduan %(code)s dibuka kembali"),
        N_("Sanggahan Anda kami terima. Pengaduan dibuka kembali dan ditinjau oleh unit pengawas."),
    ),
    "escalated": (
        N_("Pengaduan %(code)s dieskalasi"),
        N_("Pengaduan Anda diteruskan ke unit pengawas untuk ditangani.\n%(note)s"),
    ),
    "sent_back": (
        N_("Pengaduan %(code)s dikembalikan ke unit"),
        N_("Unit pengawas telah mengembalikan pengaduan Anda ke unit dengan arahan untuk diselesaikan."),
    ),
    "deadline_missed": (
        N_("Maaf, pengaduan %(code)s belum selesai tepat waktu"),
        N_(
            "Kami mohon maaf: pengaduan Anda belum selesai dalam batas waktu yang dijanjikan. "
            "Kami menargetkan penyelesaian paling lambat %(date)s."
        ),
    ),
    S.archived: (
        N_("Pengaduan %(code)s diarsipkan"),
        N_("Pengaduan Anda diarsipkan dan tidak ditindaklanjuti.\n%(note)s"),
    ),
    "skm_invitation": (
        N_("Survei kepuasan layanan: %(code)s"),
        N_("Bantu kami memperbaiki layanan: isi Survei Kepuasan Masyarakat (sekali pakai) di\n%(survey)s"),
    ),
}

FOOTER = N_(
    "Kode pelacakan: %(code)s\n"
    "Ikuti perkembangannya di: %(public)s\n"
    "Tautan pribadi (jangan dibagikan): %(private)s\n"
    "Jawaban menyelesaikan masalah? Selesai: %(confirm)s\n"
    "Belum selesai? Sanggah: %(dispute)s\n"
)
FOOTER_WITHOUT_LINK = N_(
    "Kode pelacakan: %(code)s\nIkuti perkembangannya di: %(public)s\n"
    "Gunakan tautan pribadi dari pesan pertama kami untuk menanggapi.\n"
)


def link_token(code: str, secret_key: str | None = None) -> str:
    """The private link's token for a tracking code: 32 URL-safe characters of HMAC-SHA256 with the
    secret key (the complaint stores only its SHA-256, as before)."""
    if secret_key is None:
        secret_key = get_settings().secret_key
    digest = hmac.new(secret_key.encode(), f"reporter-link:{code}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:32]


def private_link(base_url: str, code: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/pengaduan/lacak/{code}?t={token}"


def action_link(base_url: str, code: str, token: str, action: str) -> str:
    """The one-tap link: opens a confirmation page (GET changes nothing), whose button POSTs."""
    return f"{base_url.rstrip('/')}/pengaduan/lacak/{code}/{action}?t={token}"


def render(
    kind: str, complaint: dict[str, Any], params: dict[str, Any], settings: Any, *, survey_url: str = ""
) -> tuple[str, str]:
    """(subject, body) of one message in the portal's default language."""
    code = complaint["tracking_code"]
    subject_text, body_text = MESSAGES[kind]
    values = {
        "code": display_code(code),
        "title": complaint.get("title", ""),
        "note": params.get("note", ""),
        "date": params.get("date", ""),
        "survey": survey_url,
    }
    base = settings.base_url or ""
    token = link_token(code)
    public = f"{base.rstrip('/')}/pengaduan/lacak/{code}"
    # cycle: complaints.services.intake imports this module (cycle notifications <-> services.intake)
    from complaints.services.intake import hash_token

    if hmac.compare_digest(hash_token(token), complaint.get("reporter_token_hash") or ""):
        footer = _(FOOTER) % {
            "code": values["code"],
            "public": public,
            "private": private_link(base, code, token),
            "confirm": action_link(base, code, token, "selesai"),
            "dispute": action_link(base, code, token, "sanggah"),
        }
    else:  # filed before links were derived (or after the secret key changed): no working link to give
        footer = _(FOOTER_WITHOUT_LINK) % {"code": values["code"], "public": public}
    body = (_(body_text) % values).rstrip() + "\n\n" + footer
    return _(subject_text) % values, body
