"""Reporter notifications (issue 16): every reporter-facing event queues a message in the event's own
transaction, the outbox worker sends it by e-mail or WhatsApp (a local fake of the Cloud API), with
retries, delivery statuses from the signed webhook, privacy of anonim reporters, one-tap links and the SKM
invitation after closure."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from complaints import outbox
from complaints.services import handling, reporter
from complaints.services.deadline_notices import apologise_for_missed_deadlines
from complaints.tables import Complaint, ComplaintEvent, OutboxMessage
from portal.mail import clear_sent_messages, sent_messages
from portal.tables import AuditLog
from surveys.tables import SurveyResponse
from tests.complaints.factories import actor, complaint_data, file, world
from tests.fake_whatsapp import FakeWhatsApp
from tests.helpers import confirmation, html, login, post_form

ANSWER = "KTP-el Anda sudah dicetak dan dapat diambil di loket 2."
APP_SECRET = "test-app-secret"
NUMBER = "6281234567890"


@pytest.fixture
def fake_api():
    fake = FakeWhatsApp().start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def wa_settings(app, fake_api):
    """The app's settings with the WhatsApp channel pointed at the local fake."""
    app.state.settings = app.state.settings.with_overrides(
        whatsapp_api_base=fake_api.base_url,
        whatsapp_phone_number_id=fake_api.phone_number_id,
        whatsapp_token=fake_api.token,
        whatsapp_app_secret=APP_SECRET,
        whatsapp_verify_token="verifikasi-uji",
        base_url="https://layanan.example.go.id",
    )
    return app.state.settings


async def _kinds(case_id: int) -> list[str]:
    rows = (
        await OutboxMessage.select(OutboxMessage.kind)
        .where(OutboxMessage.complaint == case_id)
        .order_by(OutboxMessage.id)
    )
    return [r["kind"] for r in rows]


async def test_each_reporter_event_queues_its_message_with_the_event_and_the_worker_sends_it(app, settings) -> None:
    clear_sent_messages()
    ids = await world()
    filed = await file(app)
    assert await _kinds(filed.id) == ["received"]  # committed with the complaint, before any sending
    await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
    await handling.reply(filed.id, await actor(ids["officer_a"]), "Berkas Anda sedang kami periksa di loket.")
    await handling.add_note(filed.id, await actor(ids["officer_a"]), "Catatan internal: cek arsip.")
    await handling.apply_action(filed.id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    await reporter.act(filed.id, "dispute", note="KTP belum ada di loket 2.")
    # verify + route is two events but only routing tells the reporter something; internal notes never.
    assert await _kinds(filed.id) == ["received", "routed", "interim_update", "answered", "reopened"]
    counts = await outbox.send_due(settings)
    assert counts == {"sent": 5}
    mails = [m for m in sent_messages() if m.to == "budi@example.org"]
    assert len(mails) == 5
    answered = next(m for m in mails if "sudah dijawab" in m.subject)
    assert ANSWER in answered.body and "Catatan internal" not in "".join(m.body for m in mails)
    for mail in mails:  # every message: private link and the one-tap links
        assert f"/pengaduan/lacak/{filed.tracking_code}?t={filed.token}" in mail.body
        assert f"/pengaduan/lacak/{filed.tracking_code}/selesai?t={filed.token}" in mail.body
        assert f"/pengaduan/lacak/{filed.tracking_code}/sanggah?t={filed.token}" in mail.body
        assert mail.message_id.startswith("<outbox-")
    assert await outbox.send_due(settings) == {}  # nothing twice
    assert await OutboxMessage.count().where(OutboxMessage.status == "sent") == 5


async def test_an_event_that_rolls_back_takes_its_message_with_it(app, settings, monkeypatch) -> None:
    ids = await world()
    filed = await file(app)

    async def broken_refresh(*args, **kwargs):  # fails after the event and its outbox row were written
        raise RuntimeError("disk full")

    monkeypatch.setattr(handling.public_copy, "refresh", broken_refresh)
    events = await ComplaintEvent.count()
    with pytest.raises(RuntimeError):
        await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
    assert await ComplaintEvent.count() == events
    assert await _kinds(filed.id) == ["received"]


async def test_a_fully_anonymous_reporter_is_never_messaged(app, settings) -> None:
    clear_sent_messages()
    ids = await world()
    filed = await file(app, fully_anonymous="1", notify_whatsapp="1", reporter_whatsapp="081234567890")
    await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
    await handling.apply_action(filed.id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    row = await Complaint.select().where(Complaint.id == filed.id).first()
    assert row["reporter_email"] == row["reporter_whatsapp"] == row["notify_channels"] == ""
    assert await OutboxMessage.count() == 0
    await outbox.send_due(settings)
    assert sent_messages() == [] or all(m.to != "budi@example.org" for m in sent_messages())


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"notify_choice": "form", "notify_whatsapp": "1", "reporter_whatsapp": ""},
            "reporter_whatsapp",
            "Isi nomor WhatsApp",
        ),
        (
            {"notify_choice": "form", "notify_whatsapp": "1", "reporter_whatsapp": "12ab"},
            "reporter_whatsapp",
            "Nomor WhatsApp tidak valid",
        ),
    ],
)
async def test_channel_choice_is_validated_on_the_form_and_nothing_is_stored(
    app, client, fields, field, message
) -> None:
    await world()
    response = await post_form(client, "/pengaduan/baru", complaint_data(**fields))
    assert response.status_code == 422
    error = html(response).select_one(f"#reporter_whatsapp ~ .field-error, #{field} ~ .field-error")
    assert error is not None and message in error.get_text()
    assert await Complaint.count() == 0 and await OutboxMessage.count() == 0


async def test_the_forms_default_email_box_without_an_address_is_no_error(app, client) -> None:
    await world()
    response = await post_form(
        client, "/pengaduan/baru", complaint_data(reporter_email="", notify_choice="form", notify_email="1")
    )
    await confirmation(client, response)
    row = await Complaint.select().first()
    assert row["notify_channels"] == "" and await OutboxMessage.count() == 0


async def test_channel_choice_in_english_and_through_the_api(app, client) -> None:
    await world()
    refused = await client.post(
        "/api/v1/complaints?lang=en",
        json={**complaint_data(), "notify_channels": ["sms"]},
        headers={"Accept-Language": "en"},
    )
    assert refused.status_code == 422
    assert "notify_channels" in refused.json()["extra"]
    bad = await client.post(
        "/api/v1/complaints?lang=en",
        headers={"Accept-Language": "en"},
        json={**complaint_data(), "notify_channels": ["whatsapp"], "reporter_whatsapp": "x1"},
    )
    assert bad.status_code == 422
    assert "WhatsApp number is not valid" in bad.json()["extra"]["reporter_whatsapp"]
    no_address = await client.post(
        "/api/v1/complaints?lang=en", json={**complaint_data(reporter_email=""), "notify_channels": ["email"]}
    )
    assert no_address.status_code == 422
    assert "e-mail address" in no_address.json()["extra"]["reporter_email"]
    ok = await client.post(
        "/api/v1/complaints",
        json={**complaint_data(), "notify_channels": ["whatsapp"], "reporter_whatsapp": "0812-3456-7890"},
    )
    assert ok.status_code == 201, ok.text
    row = await Complaint.select().first()
    assert row["notify_channels"] == "whatsapp" and row["reporter_whatsapp"] == NUMBER
    assert [(m["channel"], m["recipient"]) for m in await OutboxMessage.select()] == [("whatsapp", NUMBER)]


async def test_whatsapp_adapter_sends_the_cloud_api_format_and_retries_after_an_error(
    app, wa_settings, fake_api
) -> None:
    filed = await file(app, notify_choice="1", notify_whatsapp="1", reporter_whatsapp="+62 812 3456 7890")
    fake_api.fail_next = [500]
    now = datetime.now(UTC)
    assert await outbox.send_due(wa_settings, now=now) == {"pending": 1}
    row = await OutboxMessage.select().first()
    assert row["status"] == "pending" and row["attempts"] == 1 and "HTTP 500" in row["last_error"]
    assert row["next_attempt_at"] >= now + timedelta(seconds=59)
    assert await outbox.send_due(wa_settings, now=now) == {}  # backoff: not yet due
    assert await outbox.send_due(wa_settings, now=now + timedelta(minutes=2)) == {"sent": 1}
    row = await OutboxMessage.select().first()
    assert row["status"] == "sent" and row["provider_message_id"] == "wamid.FAKE000001"
    assert fake_api.requests == 2 and len(fake_api.accepted) == 1
    sent = fake_api.accepted[0]
    assert sent["authorization"] == f"Bearer {fake_api.token}"
    assert sent["path"] == f"/v21.0/{fake_api.phone_number_id}/messages"
    body = sent["body"]
    assert body["messaging_product"] == "whatsapp" and body["to"] == NUMBER and body["type"] == "text"
    assert body["biz_opaque_callback_data"] == row["idempotency_key"]
    assert f"/pengaduan/lacak/{filed.tracking_code}/selesai?t={filed.token}" in body["text"]["body"]


async def test_whatsapp_template_mode_and_permanent_failure_after_a_refused_number(app, wa_settings, fake_api) -> None:
    settings = wa_settings.with_overrides(whatsapp_template="pembaruan_pengaduan")
    await file(app, notify_choice="1", notify_whatsapp="1", reporter_whatsapp=NUMBER)
    await outbox.send_due(settings)
    template = fake_api.accepted[0]["body"]
    assert template["type"] == "template" and template["template"]["name"] == "pembaruan_pengaduan"
    assert template["template"]["components"][0]["parameters"][0]["type"] == "text"
    await file(
        app,
        title="Kedua kalinya KTP belum jadi",
        notify_choice="1",
        notify_whatsapp="1",
        reporter_whatsapp="6281111111111",
    )
    fake_api.fail_next = [400]  # the API refuses the number: retrying cannot help
    assert await outbox.send_due(settings) == {"failed": 1}


async def test_a_message_fails_after_the_last_attempt(app, wa_settings, fake_api) -> None:
    settings = wa_settings.with_overrides(outbox_max_attempts=2)
    await file(app, notify_choice="1", notify_whatsapp="1", reporter_whatsapp=NUMBER)
    fake_api.fail_next = [503, 503, 503]
    now = datetime.now(UTC)
    assert await outbox.send_due(settings, now=now) == {"pending": 1}
    assert await outbox.send_due(settings, now=now + timedelta(hours=1)) == {"failed": 1}
    assert await outbox.send_due(settings, now=now + timedelta(days=1)) == {}
    assert (await OutboxMessage.select().first())["attempts"] == 2


async def test_webhook_verification_signature_and_delivery_statuses(app, client, wa_settings, fake_api) -> None:
    ok = await client.get(
        "/webhook/whatsapp",
        params={"hub.mode": "subscribe", "hub.verify_token": "verifikasi-uji", "hub.challenge": "1158201444"},
    )
    assert ok.status_code == 200 and ok.text == "1158201444"
    wrong = await client.get(
        "/webhook/whatsapp",
        params={"hub.mode": "subscribe", "hub.verify_token": "tebakan", "hub.challenge": "1158201444"},
    )
    assert wrong.status_code == 403 and "1158201444" not in wrong.text

    await file(app, notify_choice="1", notify_whatsapp="1", reporter_whatsapp=NUMBER)
    await outbox.send_due(wa_settings)
    body, signature = FakeWhatsApp.webhook(fake_api.statuses("delivered"), APP_SECRET)
    forged = await client.post(
        "/webhook/whatsapp",
        content=body,
        headers={"X-Hub-Signature-256": "sha256=" + "0" * 64, "Content-Type": "application/json"},
    )
    assert forged.status_code == 401
    assert (await OutboxMessage.select().first())["delivery_status"] == ""
    accepted = await client.post(
        "/webhook/whatsapp",
        content=body,
        headers={"X-Hub-Signature-256": signature, "Content-Type": "application/json"},
    )
    assert accepted.status_code == 200
    assert (await OutboxMessage.select().first())["delivery_status"] == "delivered"
    body, signature = FakeWhatsApp.webhook(fake_api.statuses("sent"), APP_SECRET)  # late, out of order
    await client.post(
        "/webhook/whatsapp",
        content=body,
        headers={"X-Hub-Signature-256": signature, "Content-Type": "application/json"},
    )
    assert (await OutboxMessage.select().first())["delivery_status"] == "delivered"
    failed = fake_api.statuses("failed")
    failed[0]["errors"] = [{"code": 131026, "title": "Message undeliverable"}]
    body, signature = FakeWhatsApp.webhook(failed, APP_SECRET)
    await client.post(
        "/webhook/whatsapp",
        content=body,
        headers={"X-Hub-Signature-256": signature, "Content-Type": "application/json"},
    )
    row = await OutboxMessage.select().first()
    assert row["status"] == "failed" and "131026" in row["last_error"]


async def test_a_send_interrupted_before_the_wamid_was_stored_is_not_sent_again(app, wa_settings, fake_api) -> None:
    await file(app, notify_choice="1", notify_whatsapp="1", reporter_whatsapp=NUMBER)
    claimed = await outbox.claim(datetime.now(UTC))
    channel = outbox.get_channel("whatsapp")
    subject, text = await outbox._render(wa_settings, claimed[0])
    await channel.send(wa_settings, outbox.Outgoing(NUMBER, subject, text, claimed[0]["idempotency_key"]))
    # ... the worker dies here: the row stays "sending" without the wamid. The status webhook arrives:
    assert await outbox.apply_statuses(fake_api.statuses("sent")) == 1
    row = await OutboxMessage.select().first()
    assert row["status"] == "sent" and row["provider_message_id"] == "wamid.FAKE000001"
    assert await outbox.send_due(wa_settings, now=datetime.now(UTC) + timedelta(hours=1)) == {}
    assert len(fake_api.accepted) == 1


async def test_anonim_reporters_number_is_never_shown_to_unit_staff(app, client, settings) -> None:
    ids = await world()
    anonim = await file(app, privacy="anonim", notify_choice="1", notify_whatsapp="1", reporter_whatsapp=NUMBER)
    normal = await file(
        app,
        title="Antrean loket KTP sangat panjang",
        notify_choice="1",
        notify_whatsapp="1",
        reporter_whatsapp="6289876543210",
    )
    for case in (anonim, normal):
        await handling.verify_and_route(case.id, await actor(ids["sysadmin"]), ids["unit_a"])
    await outbox.send_due(settings)  # WhatsApp is not configured: every message fails at once, visibly
    assert await OutboxMessage.count().where(OutboxMessage.status == "failed") == 4

    await login(client, "petugas.a")
    page = await client.get("/staf/pengaduan/pesan")
    assert page.status_code == 200
    assert NUMBER not in page.text and "6289876543210" in page.text
    assert "alamat disembunyikan" in page.text
    case_page = await client.get(f"/staf/pengaduan/{anonim.id}")
    assert NUMBER not in case_page.text and "WhatsApp" in html(case_page).select_one("#notify-channels").get_text()
    assert "6289876543210" in (await client.get(f"/staf/pengaduan/{normal.id}")).text

    message = await OutboxMessage.select().where(OutboxMessage.complaint == anonim.id).first()
    retried = await post_form(client, f"/staf/pengaduan/pesan/{message['id']}/ulang", {})
    assert retried.status_code == 303
    assert (await OutboxMessage.select().where(OutboxMessage.id == message["id"]).first())["status"] == "pending"
    assert await AuditLog.count().where(AuditLog.action == "complaint_message_retry") == 1

    await login(client, "petugas.b")  # another unit sees none of unit A's messages and cannot retry them
    other = await client.get("/staf/pengaduan/pesan")
    assert "6289876543210" not in other.text and anonim.tracking_code[:4] not in other.text
    failed = await OutboxMessage.select().where(OutboxMessage.status == "failed").first()
    assert (await post_form(client, f"/staf/pengaduan/pesan/{failed['id']}/ulang", {})).status_code == 404

    await login(client, "admin")  # the system admin sees all, an anonim reporter's number still masked
    everything = await client.get("/staf/pengaduan/pesan")
    assert "6289876543210" in everything.text and NUMBER not in everything.text


async def test_one_tap_links_open_a_confirm_page_and_only_its_post_acts(app, client) -> None:
    ids = await world()
    filed = await file(app)
    await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
    await handling.apply_action(filed.id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    page = await client.get(f"/pengaduan/lacak/{filed.tracking_code}/selesai", params={"t": filed.token})
    assert page.status_code == 200
    assert (await Complaint.select(Complaint.status).first())["status"] == "answered"  # GET changed nothing
    form = html(page).select_one("form[method=post]")
    assert form["action"] == f"/pengaduan/lacak/{filed.tracking_code}/tindakan"
    assert form.select_one("input[name=_csrf_token]") is not None
    dispute = await client.get(f"/pengaduan/lacak/{filed.tracking_code}/sanggah", params={"t": filed.token})
    assert html(dispute).select_one("textarea[name=note]") is not None
    wrong = await client.get(f"/pengaduan/lacak/{filed.tracking_code}/selesai", params={"t": "x" * 32})
    assert wrong.status_code == 404
    no_csrf = await client.post(
        f"/pengaduan/lacak/{filed.tracking_code}/tindakan", data={"t": filed.token, "action": "confirm"}
    )
    assert no_csrf.status_code == 403
    done = await post_form(
        client, f"/pengaduan/lacak/{filed.tracking_code}/tindakan", {"t": filed.token, "action": "confirm"}
    )
    assert done.status_code == 303
    assert (await Complaint.select(Complaint.status).first())["status"] == "closed"


async def test_deadline_missed_apology_once_with_the_new_date(app, settings) -> None:
    clear_sent_messages()
    ids = await world()
    filed = await file(app)
    await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
    later = datetime.now(UTC) + timedelta(days=90)  # past the 60-day resolution deadline
    assert await apologise_for_missed_deadlines(later) == 1
    assert await apologise_for_missed_deadlines(later + timedelta(days=1)) == 0
    assert (await _kinds(filed.id))[-1] == "deadline_missed"
    event = await ComplaintEvent.select().where(ComplaintEvent.event_type == "deadline_missed").first()
    assert not event["is_public"]
    await outbox.send_due(settings, now=later)
    apology = next(m for m in sent_messages() if m.subject.startswith("Maaf"))
    assert re.search(r"paling lambat \d{2}-\d{2}-\d{4}", apology.body)


async def test_skm_invitation_is_sent_once_on_closure_with_a_single_use_ballot(app, client, settings) -> None:
    from tests.surveys.factories import answer_form, make_period

    clear_sent_messages()
    ids = await world()
    today = datetime.now(UTC).date()
    await make_period(ids["unit_a"], start=today - timedelta(days=30), end=today + timedelta(days=30))
    filed = await file(app, service_id=str(ids["service_a"]))
    await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
    await handling.apply_action(filed.id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    await reporter.act(filed.id, "confirm")
    assert (await _kinds(filed.id))[-2:] == ["closed", "skm_invitation"]
    await outbox.send_due(settings)
    await outbox.send_due(settings)
    invitations = [m for m in sent_messages() if "Survei kepuasan" in m.subject]
    assert len(invitations) == 1
    code = re.search(r"/survei/isi/([0-9A-Z]+)", invitations[0].body).group(1)
    form_page = await client.get(f"/survei/isi/{code}")
    assert form_page.status_code == 200
    first = await post_form(client, f"/survei/isi/{code}", answer_form(3))
    assert first.status_code == 303
    again = await post_form(client, f"/survei/isi/{code}", answer_form(4))
    assert again.status_code in (404, 409)
    responses = await SurveyResponse.select()
    assert len(responses) == 1
    assert responses[0]["channel"] == "complaint" and responses[0]["service"] == ids["service_a"]


async def test_no_skm_invitation_without_an_open_survey_period(app, settings) -> None:
    ids = await world()
    filed = await file(app)
    await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
    await handling.apply_action(filed.id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    await reporter.act(filed.id, "confirm")
    assert "skm_invitation" not in await _kinds(filed.id)


# --- replying to the message answers the question --------------------------------------------------


async def _post_reply(client, messages: list[dict]) -> int:
    body, signature = FakeWhatsApp.webhook([], APP_SECRET, messages=messages)
    headers = {"X-Hub-Signature-256": signature, "Content-Type": "application/json"}
    response = await client.post("/webhook/whatsapp", content=body, headers=headers)
    return response.status_code


async def _answers(case_id: int) -> list[str]:
    rows = await ComplaintEvent.select(ComplaintEvent.note).where(
        (ComplaintEvent.complaint == case_id) & (ComplaintEvent.event_type == "info_provided")
    )
    return [r["note"] for r in rows]


async def test_a_whatsapp_reply_answers_the_open_question_once(app, client, wa_settings, caplog) -> None:
    ids = await world()
    filed = await file(app, notify_choice="1", notify_whatsapp="1", reporter_whatsapp="0812-3456-7890")
    await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
    from complaints.services import conversation

    await conversation.ask_reporter(filed.id, await actor(ids["officer_a"]), "Di loket mana Anda dilayani?")
    reply = FakeWhatsApp.text_message(NUMBER, "wamid.INCOMING01", "Di loket 3, hari Senin pagi.")
    caplog.set_level("INFO", logger="complaints")
    assert await _post_reply(client, [reply]) == 200
    row = await Complaint.select().where(Complaint.id == filed.id).first()
    assert await _answers(filed.id) == ["Di loket 3, hari Senin pagi."]
    assert row["awaiting_reporter_since"] is None and row["status"] == "in_progress"
    audit = await AuditLog.select().where(AuditLog.action == "complaint_info_provided").output(load_json=True)
    assert [a["after"]["channel"] for a in audit] == ["whatsapp"]
    assert "info_provided" in await _kinds(filed.id)  # the reporter is told the answer arrived
    # the webhook is retried: nothing is recorded twice
    assert await _post_reply(client, [reply]) == 200
    assert await _answers(filed.id) == ["Di loket 3, hari Senin pagi."]
    assert NUMBER not in caplog.text and "loket 3" not in caplog.text
    # a new message with no open question changes nothing
    assert await _post_reply(client, [FakeWhatsApp.text_message(NUMBER, "wamid.INCOMING02", "Halo lagi")]) == 200
    assert await _answers(filed.id) == ["Di loket 3, hari Senin pagi."]


async def test_a_whatsapp_reply_from_an_unknown_number_or_to_several_waiting_cases_changes_nothing(
    app, client, wa_settings
) -> None:
    ids = await world()
    from complaints.services import conversation

    officer = await actor(ids["officer_a"])
    cases = []
    for _ in range(2):
        filed = await file(app, notify_choice="1", notify_whatsapp="1", reporter_whatsapp=NUMBER)
        await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
        cases.append(filed.id)
    await conversation.ask_reporter(cases[0], officer, "Pertanyaan pertama?")
    await conversation.ask_reporter(cases[1], officer, "Pertanyaan kedua?")
    before = await Complaint.select(Complaint.id, Complaint.awaiting_reporter_since).order_by(Complaint.id)
    audits = await AuditLog.count()
    stranger = FakeWhatsApp.text_message("6289999999999", "wamid.STRANGER", "Saya mau lapor")
    both = FakeWhatsApp.text_message(NUMBER, "wamid.AMBIGUOUS", "Jawaban untuk yang mana?")
    assert await _post_reply(client, [stranger, both]) == 200
    assert await _answers(cases[0]) == await _answers(cases[1]) == []
    assert await Complaint.select(Complaint.id, Complaint.awaiting_reporter_since).order_by(Complaint.id) == before
    assert await AuditLog.count() == audits
    # once only one of them waits, the reply goes there
    await conversation.record_reporter_answer(cases[0], "Jawaban lewat tautan", channel="web")
    assert await _post_reply(client, [FakeWhatsApp.text_message(NUMBER, "wamid.AFTER", "Jawaban kedua")]) == 200
    assert await _answers(cases[1]) == ["Jawaban kedua"]
    # a forged webhook records nothing
    body, _sig = FakeWhatsApp.webhook([], APP_SECRET, messages=[FakeWhatsApp.text_message(NUMBER, "wamid.X", "x")])
    forged = await client.post("/webhook/whatsapp", content=body, headers={"X-Hub-Signature-256": "sha256=" + "0" * 64})
    assert forged.status_code == 401
