"""Outgoing e-mail: SMTP when PORTAL_SMTP_HOST is set, otherwise a console backend for development.

send_mail() never raises: a failure is logged (logger "portal.mail") and the request goes on, because
a notification must not undo the change it reports. The console backend keeps the last MAX_KEPT messages
in memory (`sent_messages()`), which development pages and tests can read.

Logs never carry a recipient, a subject or a body: next to a tracking code an address tells who filed an
anonymous complaint, and a body holds the reporter's private link (issue 13). A line says that a message
was handled, with its random Message-ID to match it with the mail server's own log.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import TYPE_CHECKING

import anyio

if TYPE_CHECKING:
    from portal.settings import Settings

log = logging.getLogger("portal.mail")

MAX_KEPT = 50
SMTP_TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class SentMessage:
    to: str
    subject: str
    body: str
    sent_at: datetime
    message_id: str = ""


_sent: deque[SentMessage] = deque(maxlen=MAX_KEPT)


def sent_messages() -> list[SentMessage]:
    """Messages handled by the console backend in this process, oldest first."""
    return list(_sent)


def clear_sent_messages() -> None:
    _sent.clear()


def _clean_header(value: str) -> str:
    """No header injection: line breaks in a subject or address become spaces."""
    return " ".join(value.replace("\r", " ").replace("\n", " ").split())


def build_message(settings: Settings, *, to: str, subject: str, body: str, message_id: str = "") -> EmailMessage:
    message = EmailMessage()
    message["From"] = _clean_header(settings.mail_from)
    message["To"] = _clean_header(to)
    message["Subject"] = _clean_header(subject)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id or make_msgid(domain=settings.mail_from.rpartition("@")[2] or None)
    message.set_content(body)
    return message


def _send_smtp(settings: Settings, to: str, subject: str, body: str, message_id: str = "") -> str:
    message = build_message(settings, to=to, subject=subject, body=body, message_id=message_id)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(message)
    return str(message["Message-ID"])


async def send_mail(settings: Settings, *, to: str, subject: str, body: str) -> None:
    """Send one plain-text message; failures are logged, never raised.

    The MIME message is built only for SMTP, in the worker thread that sends it: building one costs more
    CPU than filing a complaint's database rows, and the console backend does not need it."""
    to, subject = _clean_header(to), _clean_header(subject)
    if not to or "@" not in to:
        log.warning("mail not sent: invalid recipient")
        return
    if not settings.smtp_host:
        _sent.append(SentMessage(to=to, subject=subject, body=body, sent_at=datetime.now(UTC)))
        log.info("mail kept by the console backend (%d in memory; read them with sent_messages())", len(_sent))
        return
    try:
        message_id = await anyio.to_thread.run_sync(_send_smtp, settings, to, subject, body)
    except (OSError, smtplib.SMTPException, ValueError, TypeError) as exc:
        # No traceback: an SMTP error's text can quote the recipient.
        log.error("mail via %s:%s failed (%s)", settings.smtp_host, settings.smtp_port, type(exc).__name__)
    else:
        log.info("mail sent, Message-ID %s", message_id)


class MailNotSent(Exception):
    """deliver() could not hand the message over; `permanent` when retrying cannot help."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent


async def deliver(settings: Settings, *, to: str, subject: str, body: str, message_id: str) -> str:
    """Send one message with a fixed Message-ID (the outbox's idempotency key) and return it; raises
    MailNotSent instead of logging, so that the outbox worker can retry. Same backends as send_mail()."""
    to, subject = _clean_header(to), _clean_header(subject)
    if not to or "@" not in to:
        raise MailNotSent("invalid recipient", permanent=True)
    if not settings.smtp_host:
        _sent.append(SentMessage(to=to, subject=subject, body=body, sent_at=datetime.now(UTC), message_id=message_id))
        log.info("mail kept by the console backend (%d in memory; read them with sent_messages())", len(_sent))
        return message_id
    try:
        sent_id = await anyio.to_thread.run_sync(_send_smtp, settings, to, subject, body, message_id)
    except smtplib.SMTPRecipientsRefused as exc:
        log.error("mail via %s:%s refused (%s)", settings.smtp_host, settings.smtp_port, type(exc).__name__)
        raise MailNotSent(type(exc).__name__, permanent=True) from exc
    except (OSError, smtplib.SMTPException, ValueError, TypeError) as exc:
        log.error("mail via %s:%s failed (%s)", settings.smtp_host, settings.smtp_port, type(exc).__name__)
        raise MailNotSent(type(exc).__name__) from exc
    log.info("mail sent, Message-ID %s", sent_id)
    return sent_id
