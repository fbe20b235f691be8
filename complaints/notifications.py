"""Mail to the reporter: the tracking code and the private link, sent after the response."""

import logging
from typing import Any

from complaints.tracking_codes import display_code
from portal.i18n import _

log = logging.getLogger("complaints.notifications")


def private_link(base_url: str, code: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/pengaduan/lacak/{code}?t={token}"


async def send_filed_mail(settings: Any, *, to: str, code: str, token: str, title: str) -> None:
    from portal.mail import send_mail

    body = _(
        "Terima kasih. Pengaduan Anda “%(title)s” telah kami terima.\n\n"
        "Kode pelacakan: %(code)s\n"
        "Ikuti perkembangannya di: %(public)s\n\n"
        "Tautan pribadi (jangan dibagikan) untuk menanggapi jawaban dan memberi penilaian:\n%(private)s\n"
    ) % {
        "title": title,
        "code": display_code(code),
        "public": f"{settings.base_url.rstrip('/')}/pengaduan/lacak/{code}",
        "private": private_link(settings.base_url, code, token),
    }
    subject = _("Pengaduan diterima: %(code)s") % {"code": display_code(code)}
    try:
        await send_mail(settings, to=to, subject=subject, body=body)
    except Exception as exc:  # mail trouble must never undo or hide a filed complaint
        # Neither the code nor the address: together they would say who filed it.
        log.error("could not send a confirmation mail (%s)", type(exc).__name__)
