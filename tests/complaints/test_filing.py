"""Filing through the public form and the JSON API: validation, attachments, duplicates, the broken
promise of the service standard, classification and the confirmation mail."""

import dataclasses
from datetime import UTC, datetime
from email import message_from_bytes
from io import BytesIO

import pytest
from aiosmtpd.controller import Controller
from PIL import Image

from complaints.tables import Attachment, Complaint, ComplaintEvent
from complaints.tracking_codes import is_valid_code
from tests.complaints.factories import complaint_data, make_service, world
from tests.helpers import confirmation, csrf_token, free_port, html, login
from tests.privacy.pdfs import plain as plain_pdf


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x0131] = "Ponsel Budi"  # Software
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


async def post_complaint(client, data: dict, files: list | None = None):
    token = await csrf_token(client)
    return await client.post("/pengaduan/baru", data={**data, "_csrf_token": token}, files=files or [])


async def test_form_files_a_complaint_with_a_photo_and_strips_its_metadata(app, client) -> None:
    await world()
    photo = jpeg_with_exif()
    assert b"KameraRahasia" in photo
    response = await confirmation(
        client, await post_complaint(client, complaint_data(), [("attachments", ("foto.jpg", photo, "image/jpeg"))])
    )
    code = html(response).select_one(".tracking-code")["data-code"]
    assert is_valid_code(code) and len(code) >= 10
    row = await Complaint.select().where(Complaint.tracking_code == code).first()
    assert row["channel"] == "web" and row["topic"] == "adminduk" and row["verify_due_at"] is not None
    attachment = await Attachment.select().where(Attachment.complaint == row["id"]).first()
    assert attachment["content_type"] == "image/jpeg" and attachment["uploaded_by"] == "reporter"
    stored = (app.state.settings.upload_dir / attachment["storage_name"]).read_bytes()
    assert b"KameraRahasia" not in stored and stored.startswith(b"\xff\xd8")
    assert "private-link" in response.text and f"/pengaduan/lacak/{code}?t=" in response.text


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("attachments", ("besar.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 10), "image/jpeg"))], "MB"),
        ([("attachments", ("skrip.jpg", b"#!/bin/sh\nrm -rf /\n", "image/jpeg"))], "skrip.jpg"),
        ([("attachments", (f"f{i}.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")) for i in range(4)], "3"),
    ],
    ids=["oversize", "disguised", "too-many"],
)
async def test_bad_attachments_are_refused_with_a_message_and_nothing_is_stored(app, client, files, message) -> None:
    await world()
    response = await post_complaint(client, complaint_data(), files)
    assert response.status_code == 422
    error = html(response).select_one("#attachments-error")
    assert error is not None and message in error.text
    assert await Complaint.count() == 0 and await Attachment.count() == 0


async def test_form_errors_are_shown_per_field_and_nothing_is_saved(app, client) -> None:
    await world()
    data = complaint_data(title="", description="x" * 4001, reporter_email="bukan-email", latitude="200")
    response = await post_complaint(client, data)
    assert response.status_code == 422
    page = html(response)
    for field in ("title", "description", "reporter_email", "latitude"):
        assert page.select_one(f"#{field}-error") is not None, field
    assert page.select_one("#description").text == "x" * 4001  # what was typed is kept, not cut
    assert "4.001 karakter" in page.select_one("#description-error").text
    assert await Complaint.count() == 0


async def test_honeypot_field_blocks_bots(app, client) -> None:
    await world()
    response = await post_complaint(client, complaint_data(website="http://spam.example"))
    assert response.status_code == 422 and await Complaint.count() == 0


async def test_near_identical_text_from_same_reporter_warns_then_files_on_confirmation(app, client) -> None:
    await world()
    first = await confirmation(client, await post_complaint(client, complaint_data()))
    code = html(first).select_one(".tracking-code")["data-code"]
    again = await post_complaint(client, complaint_data(description=complaint_data()["description"] + "!"))
    assert again.status_code == 409 and f"/pengaduan/lacak/{code}" in again.text
    assert await Complaint.count() == 1
    confirmed = await post_complaint(client, complaint_data(confirm_duplicate="1"))
    assert confirmed.status_code == 303 and await Complaint.count() == 2


async def test_api_files_and_returns_409_for_duplicates_unless_confirmed(app, client) -> None:
    await world()
    body = {
        "title": "Jalan berlubang di Desa Sukamaju",
        "description": "Jalan utama desa berlubang besar sejak bulan lalu dan membahayakan pengendara.",
        "kind": "pengaduan",
    }
    key = {"Idempotency-Key": "kunci-uji-0123456789abcdef"}
    created = await client.post("/api/v1/complaints", json=body, headers=key)
    assert created.status_code == 201, created.text
    result = created.json()
    assert is_valid_code(result["tracking_code"]) and result["topic"] == "jalan_jembatan"
    assert "?t=" in result["private_url"]
    duplicate = await client.post("/api/v1/complaints", json=body, headers=key)
    assert duplicate.status_code == 409 and duplicate.json()["tracking_code"] == result["tracking_code"]
    short_key = await client.post("/api/v1/complaints", json=body, headers={"Idempotency-Key": "123"})
    assert short_key.status_code == 422 and "idempotency_key" in short_key.json()["extra"]
    forced = await client.post("/api/v1/complaints", json={**body, "confirm_duplicate": True}, headers=key)
    assert forced.status_code == 201
    status = await client.get(f"/api/v1/complaints/{result['tracking_code']}")
    assert status.status_code == 200 and status.json()["status"] == "received"
    assert (await Complaint.select(Complaint.channel).first())["channel"] == "api"


async def test_api_files_base64_attachments_checked_like_the_form(app, client) -> None:
    import base64

    await world()
    photo = jpeg_with_exif()
    body = {**complaint_data(), "attachments": [
        {"filename": "foto.jpg", "content_base64": base64.b64encode(photo).decode()},
        {"filename": "bukti.pdf", "content_base64": base64.b64encode(plain_pdf()).decode()},
    ]}  # fmt: skip
    created = await client.post("/api/v1/complaints", json=body)
    assert created.status_code == 201, created.text
    row = await Complaint.select(Complaint.id).where(Complaint.tracking_code == created.json()["tracking_code"]).first()
    stored = await Attachment.select().where(Attachment.complaint == row["id"]).order_by(Attachment.id)
    assert [(a["original_name"], a["content_type"]) for a in stored] == [
        ("foto.jpg", "image/jpeg"), ("bukti.pdf", "application/pdf"),
    ]  # fmt: skip
    saved = (app.state.settings.upload_dir / stored[0]["storage_name"]).read_bytes()
    assert b"KameraRahasia" not in saved and saved.startswith(b"\xff\xd8")


@pytest.mark.parametrize(
    ("attachment", "message"),
    [
        ({"filename": "rusak.jpg", "content_base64": "bukan base64!"}, "base64"),
        ({"filename": "skrip.jpg", "content_base64": "IyEvYmluL3NoCnJtIC1yZiAvCg=="}, "skrip.jpg"),
    ],
    ids=["not-base64", "disguised"],
)
async def test_api_bad_attachments_are_422_and_nothing_is_stored(app, client, attachment, message) -> None:
    await world()
    response = await client.post("/api/v1/complaints", json={**complaint_data(), "attachments": [attachment]})
    assert response.status_code == 422
    assert message in response.json()["extra"]["attachments"]
    assert await Complaint.count() == 0 and await Attachment.count() == 0


async def test_api_validation_errors_are_422_with_field_messages(app, client) -> None:
    await world()
    response = await client.post(
        "/api/v1/complaints", json={"title": "abc", "description": "pendek", "kind": "keluhan", "privacy": "publik"}
    )
    assert response.status_code == 422
    assert set(response.json()["extra"]) >= {"title", "description", "kind", "privacy"}
    assert await Complaint.count() == 0


async def test_unknown_service_or_unit_is_refused(app, client) -> None:
    ids = await world()
    response = await client.post("/api/v1/complaints", json={**complaint_data(), "service_id": 9999})
    assert response.status_code == 422 and "service_id" in response.json()["extra"]
    response = await client.post(
        "/api/v1/complaints", json={**complaint_data(), "unit_id": ids["unit_b"], "service_id": ids["service_a"]}
    )
    assert response.status_code == 422 and "service_id" in response.json()["extra"]


async def test_broken_promise_is_recorded_and_shown_on_the_case_page(app, client) -> None:
    ids = await world()
    service_id, version_id = await make_service(ids["unit_a"], slug="akta-lahir", fee=0, duration=5)
    response = await client.post(
        "/api/v1/complaints",
        json={**complaint_data(), "service_id": service_id, "fee_paid": 50000, "duration_days": 12},
    )
    assert response.status_code == 201
    row = await Complaint.select().first()
    assert (row["service_version"], row["fee_charged"], row["fee_mismatch"], row["duration_exceeded"]) == (
        version_id,
        50000,
        True,
        True,
    )
    assert row["suggested_unit"] == ids["unit_a"]
    await login(client, "admin")
    page = html(await client.get(f"/staf/pengaduan/{row['id']}"))
    promise = page.select_one(".promise").get_text(" ", strip=True)
    assert "Gratis" in promise and "Rp 50.000" in promise and "5 hari kerja" in promise


async def test_fee_as_published_is_not_a_broken_promise(app, client) -> None:
    ids = await world()
    service_id, _ = await make_service(ids["unit_a"], slug="izin", fee=25000, duration=3)
    await client.post(
        "/api/v1/complaints", json={**complaint_data(), "service_id": service_id, "fee_paid": 25000, "duration_days": 3}
    )
    row = await Complaint.select().first()
    assert (row["fee_mismatch"], row["duration_exceeded"]) == (False, False)


async def test_unclear_text_goes_to_triage_without_suggested_unit(app, client) -> None:
    await world()
    await client.post(
        "/api/v1/complaints",
        json=complaint_data(
            title="Hal lain sekali", description="Sesuatu yang tidak berhubungan dengan apa pun di sini."
        ),
    )
    row = await Complaint.select().first()
    assert row["needs_triage"] is True and row["suggested_unit"] is None and row["topic"] == "lainnya"


async def test_real_classifier_suggests_the_unit_for_the_topic(real_app, db) -> None:
    from litestar.testing import AsyncTestClient

    from portal.tables import Unit

    ids = await world()
    dpupr = await Unit.insert(Unit(slug="dpupr", name="Dinas PUPR")).returning(Unit.id)
    # a deployment's own threshold (the shipped default, calibrated on real complaints, routes few
    # complaints automatically: docs/ml.md)
    real_app.state.settings = dataclasses.replace(real_app.state.settings, triage_threshold=0.5)
    async with AsyncTestClient(app=real_app) as client:
        response = await client.post(
            "/api/v1/complaints",
            json={
                "title": "Jalan rusak parah",
                "description": "Jalan kabupaten di depan pasar berlubang besar dan "
                "aspalnya terkelupas, sudah banyak pengendara motor jatuh.",
            },
        )
    assert response.status_code == 201, response.text
    row = await Complaint.select().first()
    assert row["topic"] == "jalan_jembatan" and row["topic_model_version"] not in ("", "keyword-stub")
    assert row["suggested_unit"] == dpupr[0]["id"] and ids


async def test_filing_with_an_email_sends_the_code_and_private_link_by_smtp(app, client) -> None:
    messages = []

    class Inbox:
        async def handle_DATA(self, server, session, envelope):
            messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
            return "250 OK"

    controller = Controller(Inbox(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        app.state.settings = app.state.settings.with_overrides(smtp_host="127.0.0.1", smtp_port=controller.port)
        await world()
        response = await client.post("/api/v1/complaints", json=complaint_data())
        assert response.status_code == 201
    finally:
        controller.stop()
    code = response.json()["tracking_code"]
    assert len(messages) == 1
    recipients, message = messages[0]
    body = message.get_payload(decode=True).decode()
    assert recipients == ["budi@example.org"]
    assert code[:4] in message["Subject"] and f"/pengaduan/lacak/{code}?t=" in body


async def test_fully_anonymous_filing_sends_no_mail(app, client) -> None:
    from portal.mail import clear_sent_messages, sent_messages

    clear_sent_messages()
    await world()
    response = await client.post("/api/v1/complaints", json={**complaint_data(), "fully_anonymous": True})
    assert response.status_code == 201 and sent_messages() == []
    events = await ComplaintEvent.select(ComplaintEvent.actor_name).where(ComplaintEvent.event_type == "filed")
    assert events == [{"actor_name": ""}]


async def test_public_form_is_rate_limited(app, client) -> None:
    await world()
    statuses = []
    for i in range(32):
        response = await client.post(
            "/api/v1/complaints", json={**complaint_data(), "confirm_duplicate": True, "title": f"Antrean KTP {i}"}
        )
        statuses.append(response.status_code)
    assert statuses[:30] == [201] * 30 and statuses[-1] == 429


async def test_api_is_documented_in_the_openapi_schema(app, client) -> None:
    paths = (await client.get("/schema/openapi.json")).json()["paths"]
    create = paths["/api/v1/complaints"]["post"]
    assert {"201", "409", "422"} <= set(create["responses"])
    assert "get" in paths["/api/v1/complaints/{code}"]


async def test_one_bad_complaint_in_a_group_commit_does_not_take_the_others_down(app, db) -> None:
    from complaints.services import intake

    ids = await world()
    now = datetime.now(UTC)
    good = [intake._Pending({"title": f"Aduan {n}", "description": "Isi aduan yang sah.", "created_at": now,
                             "updated_at": now, "unit": ids["unit_a"]}, [], now) for n in range(2)]  # fmt: skip
    bad = intake._Pending({"title": "Aduan rusak", "description": "Unit tidak ada.", "created_at": now,
                           "updated_at": now, "unit": 999_999}, [], now)  # fmt: skip
    results = await intake._group_commit([good[0], bad, good[1]])
    assert isinstance(results[1], Exception)
    stored = {row["title"] for row in await Complaint.select(Complaint.title)}
    assert stored == {"Aduan 0", "Aduan 1"}
    assert all(isinstance(r, tuple) and is_valid_code(r[1]) for r in (results[0], results[2]))


async def test_a_retry_sent_while_the_first_submission_is_in_flight_is_not_stored_twice(app, db) -> None:
    """A phone on a slow connection times out and resends while the portal is still classifying the first
    submission: the retry gets the first one's code, not a second complaint (SQLite and PostgreSQL)."""
    import asyncio
    import time

    from complaints.classification import STATE_KEY, BatchingClassifier
    from complaints.services import intake
    from tests.complaints.conftest import KeywordClassifier

    class SlowClassifier(KeywordClassifier):
        def predict_many(self, texts):
            time.sleep(0.3)
            return super().predict_many(texts)

    app.state[STATE_KEY] = BatchingClassifier(SlowClassifier(), max_batch=1)
    await world()
    body = {"title": "Lampu jalan mati di Desa Sukamaju", "description": "Lampu penerangan jalan utama desa mati "
            "sejak dua minggu dan jalan gelap sekali pada malam hari.", "kind": "pengaduan"}  # fmt: skip
    outcomes = await asyncio.gather(
        *(intake.submit(app, body, filer_proof="kunci-ulang-0123456789abcdef", channel="api") for _ in range(2)),
        return_exceptions=True,
    )
    filed = [o for o in outcomes if isinstance(o, intake.Filed)]
    repeats = [o for o in outcomes if isinstance(o, intake.DuplicateSuspected)]
    assert len(filed) == 1 and len(repeats) == 1, outcomes
    assert repeats[0].tracking_code == filed[0].tracking_code
    assert await Complaint.count() == 1
