"""Logs link nobody to a complaint: through a whole filing and notification flow (form, JSON API, Open311,
confirmation mail by the console backend and by a failing SMTP server, staff handling, the reporter's
private link), no log record at any level carries the reporter's e-mail, phone, name or NIK, nor a private
token (issue 13, finding 7)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from complaints import outbox
from complaints.tables import Complaint
from portal.mail import clear_sent_messages, sent_messages
from tests.complaints.factories import world
from tests.helpers import confirmation, free_port, html, login, post_form
from tests.privacy.viewer_world import EMAIL, NAME, NIK, PHONE, description

TOKEN_RE = re.compile(r"\?t=([A-Za-z0-9_\-]{16,})")
# The test's own HTTP client logs the URLs it calls (with ?t=...): that is this test, not the portal.
CLIENT_LOGGERS = ("httpx", "httpcore")


class Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(CLIENT_LOGGERS):
            self.records.append(record)

    def lines(self) -> list[str]:
        formatter = logging.Formatter()
        out = []
        for record in self.records:
            extras = {
                k: v
                for k, v in record.__dict__.items()
                if k not in logging.LogRecord("", 0, "", 0, "", (), None).__dict__
            }
            text = f"{record.name} {record.levelname} {record.getMessage()} {extras}"
            if record.exc_info:
                text += " " + formatter.formatException(record.exc_info)
            out.append(text)
        return out


@contextmanager
def every_log() -> Iterator[Collector]:
    """Every logger at DEBUG, including those that do not propagate to the root (the "portal" logger)."""
    collector = Collector()
    names = ["", "portal", "complaints", "litestar", "uvicorn", "piccolo", "pypdf", "asyncio"]
    loggers = [logging.getLogger(n) for n in names]
    saved = [(lg, lg.level) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.addHandler(collector)
    try:
        yield collector
    finally:
        for lg, level in saved:
            lg.setLevel(level)
            lg.removeHandler(collector)


@pytest.fixture
def settings(settings):
    return settings.with_overrides(login_rate_limit="1000/minute", public_write_rate_limit="1000/minute",
                                   tracking_rate_limit="1000/minute")  # fmt: skip


@pytest.fixture
def app(app):
    from complaints.classification import STATE_KEY, BatchingClassifier
    from tests.complaints.conftest import KeywordClassifier

    app.state[STATE_KEY] = BatchingClassifier(KeywordClassifier())
    return app


async def test_a_whole_flow_logs_no_identity_and_no_private_token(app, client, settings) -> None:
    from complaints.open311.apikeys import create_key

    ids = await world()
    _, api_key = await create_key("aplikasi-warga", rate_limit="100/minute")
    clear_sent_messages()
    tokens: list[str] = []
    codes: list[str] = []
    identity = {"reporter_name": NAME, "reporter_email": EMAIL, "reporter_phone": PHONE}
    with every_log() as logs:
        form = await post_form(client, "/pengaduan/baru", {
            "kind": "pengaduan", "title": "Pungli loket KTP kecamatan", "description": description(1),
            "privacy": "anonim_rahasia", **identity})  # fmt: skip
        form = await confirmation(client, form)
        tokens += sorted(set(TOKEN_RE.findall(form.text)))
        codes.append(html(form).select_one(".tracking-code")["data-code"])
        api = await client.post("/api/v1/complaints", json={
            "kind": "pengaduan", "title": "Pungli loket KTP kabupaten", "description": description(2),
            "privacy": "anonim_rahasia", **identity})  # fmt: skip
        assert api.status_code == 201, api.text
        tokens += TOKEN_RE.findall(api.json()["private_url"])
        codes.append(api.json()["tracking_code"])
        open311 = await client.post(
            "/open311/v2/requests.json",
            data={
                "api_key": api_key,
                "service_code": "topik.adminduk",
                "description": description(3),
                "email": EMAIL,
                "phone": PHONE,
                "first_name": "Wulan",
                "last_name": "Sekarsari",
                "attribute[jenis]": "pengaduan",
                "lat": "-6.2",
                "long": "106.8",
            },
        )
        assert open311.status_code == 201, open311.text
        tokens.append(open311.json()[0]["token"])
        # The queued confirmations through an SMTP server that does not answer: the failure is logged.
        smtp_down = settings.with_overrides(smtp_host="127.0.0.1", smtp_port=free_port())
        await outbox.send_due(smtp_down)
        # Staff handle the form's case; the reporter reads the answer and confirms it with the private link.
        case = await Complaint.select(Complaint.id).where(Complaint.tracking_code == codes[0]).first()
        await login(client, "admin")
        routed = await post_form(
            client, f"/staf/pengaduan/{case['id']}/aksi", {"action": "verify_route", "unit_id": str(ids["unit_a"])}
        )
        assert routed.status_code == 303
        await login(client, "petugas.a")
        answered = await post_form(
            client, f"/staf/pengaduan/{case['id']}/aksi", {"action": "answer", "note": "Petugas sudah ditegur."}
        )
        assert answered.status_code == 303
        private = await client.get(f"/pengaduan/lacak/{codes[0]}", params={"t": tokens[0]})
        assert private.status_code == 200
        confirmed = await post_form(
            client, f"/pengaduan/lacak/{codes[0]}/tindakan", {"t": tokens[0], "action": "confirm"}
        )
        assert confirmed.status_code == 303

    assert len(tokens) == 3 and all(tokens)
    assert [m.to for m in sent_messages()] == [EMAIL, EMAIL]  # the console backend got both confirmations
    assert any(tokens[0] in m.body for m in sent_messages())  # ... with the private link, in the mail only
    lines = logs.lines()
    assert any("portal.mail" in line for line in lines), "the capture sees the portal's loggers"
    assert any("failed" in line for line in lines), "the SMTP failure is logged"
    forbidden = {"e-mail": EMAIL, "phone": PHONE, "phone digits": PHONE[1:], "name": NAME, "NIK": NIK,
                 **{f"token {i}": t for i, t in enumerate(tokens)}}  # fmt: skip
    leaks = [f"{what} in: {line[:200]}" for line in lines for what, value in forbidden.items() if value in line]
    assert not leaks, "\n".join(leaks)
