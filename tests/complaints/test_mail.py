"""Outgoing mail through a real local SMTP server (aiosmtpd) and the console backend."""

import logging
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from portal.mail import clear_sent_messages, send_mail, sent_messages
from tests.helpers import free_port


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("ditolak@"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"portal" and auth_data.password == b"rahasia"
    return AuthResult(success=ok)


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticator,
        auth_required=False,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


async def test_message_arrives_over_smtp(settings, smtp_server) -> None:
    controller, inbox = smtp_server
    config = settings.with_overrides(
        smtp_host="127.0.0.1", smtp_port=controller.port, mail_from="pengaduan@kab.example.go.id"
    )
    await send_mail(
        config,
        to="warga@example.id",
        subject="Pengaduan LPR-ABC123 sudah dijawab",
        body="Jawaban petugas: jalan akan diperbaiki minggu depan.\nTerima kasih.",
    )
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["Subject"] == "Pengaduan LPR-ABC123 sudah dijawab"
    assert message["From"] == "pengaduan@kab.example.go.id"
    assert inbox.envelopes[0].rcpt_tos == ["warga@example.id"]
    assert "jalan akan diperbaiki minggu depan" in message.get_payload(decode=True).decode()


async def test_login_when_a_user_is_configured(settings, smtp_server) -> None:
    controller, inbox = smtp_server
    config = settings.with_overrides(
        smtp_host="127.0.0.1", smtp_port=controller.port, smtp_user="portal", smtp_password="rahasia"
    )
    await send_mail(config, to="a@example.id", subject="Uji", body="Isi")
    assert len(inbox.messages) == 1


async def test_failures_are_logged_not_raised(settings, smtp_server, caplog) -> None:
    controller, inbox = smtp_server
    config = settings.with_overrides(smtp_host="127.0.0.1", smtp_port=controller.port)
    nobody_listens = settings.with_overrides(smtp_host="127.0.0.1", smtp_port=free_port())
    with caplog.at_level(logging.ERROR, logger="portal.mail"):
        await send_mail(config, to="ditolak@example.id", subject="Uji", body="Isi")
        await send_mail(nobody_listens, to="a@example.id", subject="Uji", body="Isi")
    assert inbox.messages == []
    assert len([r for r in caplog.records if r.name == "portal.mail"]) == 2
    assert "ditolak@example.id" not in caplog.text and "a@example.id" not in caplog.text  # no address in logs


async def test_header_injection_is_neutralised(settings, smtp_server) -> None:
    controller, inbox = smtp_server
    config = settings.with_overrides(smtp_host="127.0.0.1", smtp_port=controller.port)
    await send_mail(config, to="a@example.id", subject="Halo\r\nBcc: korban@example.id", body="Isi")
    assert inbox.envelopes[0].rcpt_tos == ["a@example.id"]
    assert inbox.messages[0]["Bcc"] is None


async def test_console_backend_keeps_messages_and_logs_no_address_subject_or_body(settings, caplog) -> None:
    clear_sent_messages()
    with caplog.at_level(logging.INFO, logger="portal.mail"):
        await send_mail(settings.with_overrides(smtp_host=""), to="b@example.id", subject="Kode", body="123")
    [sent] = sent_messages()
    assert (sent.to, sent.subject, sent.body) == ("b@example.id", "Kode", "123")
    assert "portal.mail" in caplog.text
    assert "b@example.id" not in caplog.text and "Kode" not in caplog.text and "123" not in caplog.text
    await send_mail(settings, to="bukan-alamat", subject="x", body="y")
    assert len(sent_messages()) == 1
