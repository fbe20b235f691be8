"""The duplicate check is no identity oracle (issue 13, finding 2): a text copied from the board sent with
a guessed e-mail or phone is answered exactly like the same text with a random one, through the form, the
JSON API and Open311, even from the same network address. Only the filer (the same browser, the same API
Idempotency-Key, the same Open311 key and device) hears about their earlier complaint and its code."""

from __future__ import annotations

from typing import Any

import pytest

from complaints.open311.apikeys import create_key
from complaints.tables import Complaint
from tests.complaints.factories import world
from tests.helpers import confirmation, html, post_form

TITLE = "Pungli di loket KTP kecamatan"
TEXT = ("Petugas loket KTP kecamatan meminta uang Rp 150.000 agar KTP-el cepat jadi. Saya menolak dan "
        "berkas saya ditunda tanpa alasan yang jelas.")  # fmt: skip
VICTIM = {"reporter_name": "Wulan Sekarsari", "reporter_email": "wulan.sekar@contoh.id",
          "reporter_phone": "081398765432"}  # fmt: skip
RANDOM = {"reporter_name": "Andi", "reporter_email": "acak.7f3a@contoh.id", "reporter_phone": "081200001111"}


@pytest.fixture
def settings(settings):
    return settings.with_overrides(public_write_rate_limit="1000/minute")


@pytest.fixture
def app(app):
    from complaints.classification import STATE_KEY, BatchingClassifier
    from tests.complaints.conftest import KeywordClassifier

    app.state[STATE_KEY] = BatchingClassifier(KeywordClassifier())
    return app


def new_browser(client: Any) -> None:
    """The same test client becomes another browser (no cookies: a new CSRF secret at its next form)."""
    client.cookies.clear()


def form_data(contact: dict[str, str], text: str = TEXT) -> dict[str, str]:
    return {"kind": "pengaduan", "title": TITLE, "description": text, "privacy": "anonim", **contact}


def shape(response: Any) -> tuple[int, Any]:
    """What an answer tells apart from a fresh filing: its status and its fields (not their values)."""
    if response.headers.get("content-type", "").startswith("application/json"):
        body = response.json()
        body = body[0] if isinstance(body, list) else body
        return response.status_code, sorted(body)
    page = html(response)
    return response.status_code, sorted(str(tag.get("id") or tag.get("class")) for tag in page.select("main [id]"))


async def test_form_api_and_open311_answer_a_guessed_contact_like_a_random_one(app, client) -> None:
    await world()
    victim = attacker = client  # one test client: new_browser() makes it another browser, same address
    _, key = await create_key("aplikasi-warga", rate_limit="1000/minute")
    filed = await confirmation(victim, await post_form(victim, "/pengaduan/baru", form_data(VICTIM)))
    code = html(filed).select_one(".tracking-code")["data-code"]
    by_api = await victim.post("/api/v1/complaints", json=form_data(VICTIM, TEXT + " Lewat aplikasi."))
    by_open311 = await victim.post("/open311/v2/requests.json", data={
        "api_key": key, "service_code": "topik.adminduk", "description": TEXT + " Lewat Open311.",
        "email": VICTIM["reporter_email"], "phone": VICTIM["reporter_phone"], "device_id": "hp-korban",
        "lat": "-6.2", "long": "106.8", "attribute[jenis]": "pengaduan"})  # fmt: skip
    assert by_api.status_code == 201 and by_open311.status_code == 201
    victim_codes = {code, by_api.json()["tracking_code"], by_open311.json()[0]["service_request_id"]}

    answers: dict[str, dict[str, Any]] = {"guessed": {}, "random": {}}
    for label, contact in (("guessed", VICTIM), ("random", RANDOM)):
        _, other_key = await create_key(f"aplikasi-{label}", rate_limit="1000/minute")  # another app
        for i, text in enumerate((TEXT, TEXT + " Lewat aplikasi.")):
            new_browser(attacker)
            answers[label][f"form {i}"] = await post_form(attacker, "/pengaduan/baru", form_data(contact, text))
            answers[label][f"api {i}"] = await attacker.post("/api/v1/complaints", json=form_data(contact, text))
        for device in ("hp-penyerang", "hp-korban"):  # even with the victim's device id
            answers[label][f"open311 {device}"] = await attacker.post("/open311/v2/requests.json", data={
                "api_key": other_key, "service_code": "topik.adminduk", "description": TEXT + f" Lewat {device}.",
                "email": contact["reporter_email"], "phone": contact["reporter_phone"], "device_id": device,
                "lat": "-6.2", "long": "106.8", "attribute[jenis]": "pengaduan"})  # fmt: skip
    for channel, guessed in answers["guessed"].items():
        assert shape(guessed) == shape(answers["random"][channel]), channel
        assert guessed.status_code in (201, 303), (channel, guessed.text[:300])  # filed (the form redirects)
        for victim_code in victim_codes:
            assert victim_code not in guessed.text, channel


async def test_the_filer_still_hears_about_their_own_duplicate(app, client) -> None:
    await world()
    _, key = await create_key("aplikasi-warga", rate_limit="1000/minute")
    first = await confirmation(client, await post_form(client, "/pengaduan/baru", form_data(VICTIM)))
    code = html(first).select_one(".tracking-code")["data-code"]
    again = await post_form(client, "/pengaduan/baru", form_data(RANDOM))  # same browser, any contact
    assert again.status_code == 409 and f"/pengaduan/lacak/{code}" in again.text
    new_browser(client)
    elsewhere = await post_form(client, "/pengaduan/baru", form_data(VICTIM))  # same contact, another browser
    assert elsewhere.status_code == 303 and code not in elsewhere.headers["location"]

    secret = {"Idempotency-Key": "3f0c9a0e-5a7b-4e55-9d3b-1f6f7e2a9c11"}
    body = form_data({}, TEXT + " Lewat aplikasi.")
    created = await client.post("/api/v1/complaints", json=body, headers=secret)
    retried = await client.post("/api/v1/complaints", json=body, headers=secret)
    assert retried.status_code == 409 and retried.json()["tracking_code"] == created.json()["tracking_code"]
    other_key = await client.post(
        "/api/v1/complaints", json=body, headers={"Idempotency-Key": "another-random-secret-0123456789"}
    )
    assert other_key.status_code == 201 and created.json()["tracking_code"] not in other_key.text

    post = {"api_key": key, "service_code": "topik.adminduk", "description": TEXT, "device_id": "hp-1",
            "lat": "-6.2", "long": "106.8", "attribute[jenis]": "pengaduan"}  # fmt: skip
    opened = await client.post("/open311/v2/requests.json", data=post)
    repeated = await client.post("/open311/v2/requests.json", data=post)
    assert repeated.status_code == 400
    assert opened.json()[0]["service_request_id"] in repeated.json()[0]["description"]


async def test_proof_is_stored_hashed(app, client) -> None:
    await world()
    await post_form(client, "/pengaduan/baru", form_data(VICTIM))
    secret = "3f0c9a0e-5a7b-4e55-9d3b-1f6f7e2a9c11"
    await client.post("/api/v1/complaints", json=form_data({}, TEXT + " Lagi."), headers={"Idempotency-Key": secret})
    stored = {r["filer_hash"] for r in await Complaint.select(Complaint.filer_hash)}
    cookie = client.cookies.get("portal_csrf")
    assert len(stored) == 2 and all(len(h) == 64 for h in stored)
    assert not any(secret in h or cookie in h for h in stored)
