"""The reporter's tracking page and private link, and the redacted public board."""

from complaints.services import handling
from complaints.tables import Complaint, ComplaintEvent
from tests.complaints.factories import actor, complaint_data, routed_case, world
from tests.helpers import html, post_form


async def _filed(client) -> dict:
    response = await client.post("/api/v1/complaints", json=complaint_data())
    assert response.status_code == 201
    return response.json()


def _token(result: dict) -> str:
    return result["private_url"].split("?t=")[1]


async def test_lookup_by_code_redirects_and_accepts_typing_variants(app, client) -> None:
    await world()
    result = await _filed(client)
    code = result["tracking_code"]
    typed = "-".join(code[i : i + 4] for i in range(0, len(code), 4)).lower()
    response = await post_form(client, "/pengaduan/lacak", {"code": typed})
    assert response.status_code == 303 and response.headers["location"] == f"/pengaduan/lacak/{code}"
    page = await client.get(response.headers["location"])
    assert page.status_code == 200 and html(page).select_one("#status").text == "Belum terverifikasi"


async def test_unknown_code_and_wrong_token_are_indistinguishable(app, client) -> None:
    await world()
    result = await _filed(client)
    code = result["tracking_code"]
    wrong_token = await client.get(f"/pengaduan/lacak/{code}?t=salah")
    unknown = await client.get(f"/pengaduan/lacak/{code[:-3]}ABC?t=salah")
    assert wrong_token.status_code == unknown.status_code == 404
    assert html(wrong_token).select_one("main").text == html(unknown).select_one("main").text
    lookup = await post_form(client, "/pengaduan/lacak", {"code": "ABCDEFGHJKMNP"})
    assert lookup.status_code == 404 and "tidak ditemukan" in lookup.text


async def test_tracking_lookups_are_throttled(app, client) -> None:
    await world()
    statuses = [(await post_form(client, "/pengaduan/lacak", {"code": f"X{i}"})).status_code for i in range(61)]
    assert statuses[:60] == [404] * 60 and statuses[60] == 429


async def test_reporter_confirms_and_rates_through_the_private_link(app, client) -> None:
    ids = await world()
    result = await _filed(client)
    code, token = result["tracking_code"], _token(result)
    row = await Complaint.select(Complaint.id).where(Complaint.tracking_code == code).first()
    admin, officer = await actor(ids["sysadmin"]), await actor(ids["officer_a"])
    await handling.verify_and_route(row["id"], admin, ids["unit_a"])
    await handling.apply_action(row["id"], "answer", officer, note="KTP Anda dapat diambil di loket 2.")
    public = await client.get(f"/pengaduan/lacak/{code}")
    assert "KTP Anda dapat diambil di loket 2." in public.text and 'name="action"' not in public.text
    private = await client.get(f"/pengaduan/lacak/{code}?t={token}")
    assert 'value="confirm"' in private.text and 'value="rate"' in private.text
    confirm = await post_form(client, f"/pengaduan/lacak/{code}/tindakan", {"t": token, "action": "confirm"})
    assert confirm.status_code == 303
    rate = await post_form(
        client,
        f"/pengaduan/lacak/{code}/tindakan",
        {"t": token, "action": "rate", "rating": "4", "comment": "Cepat ditangani"},
    )
    assert rate.status_code == 303
    row = await Complaint.select().where(Complaint.tracking_code == code).first()
    expected = ("closed", "reporter", True, 4)
    assert (row["status"], row["closed_by"], row["reporter_confirmed"], row["rating"]) == expected
    bad = await post_form(client, f"/pengaduan/lacak/{code}/tindakan", {"t": token, "action": "rate", "rating": "9"})
    assert bad.status_code == 409 and (await Complaint.select(Complaint.rating).first())["rating"] == 4
    forged = await post_form(
        client, f"/pengaduan/lacak/{code}/tindakan", {"t": "palsu", "action": "dispute", "note": "x"}
    )
    assert forged.status_code == 404


async def test_reporter_dispute_reopens_and_escalates(app, client) -> None:
    ids = await world()
    result = await _filed(client)
    code, token = result["tracking_code"], _token(result)
    row = await Complaint.select(Complaint.id).where(Complaint.tracking_code == code).first()
    await handling.verify_and_route(row["id"], await actor(ids["sysadmin"]), ids["unit_a"])
    await handling.apply_action(row["id"], "answer", await actor(ids["officer_a"]), note="Sudah selesai.")
    empty = await post_form(client, f"/pengaduan/lacak/{code}/tindakan", {"t": token, "action": "dispute"})
    assert empty.status_code == 422
    response = await post_form(
        client,
        f"/pengaduan/lacak/{code}/tindakan",
        {"t": token, "action": "dispute", "note": "Belum selesai, KTP belum ada."},
    )
    assert response.status_code == 303
    row = await Complaint.select().where(Complaint.tracking_code == code).first()
    assert (row["status"], row["escalated"]) == ("in_progress", True)


async def test_reporter_adds_information_when_asked(app, client) -> None:
    ids = await world()
    result = await _filed(client)
    code, token = result["tracking_code"], _token(result)
    row = await Complaint.select(Complaint.id).where(Complaint.tracking_code == code).first()
    await handling.apply_action(row["id"], "request_info", await actor(ids["sysadmin"]), note="Nomor antrean?")
    page = await client.get(f"/pengaduan/lacak/{code}?t={token}")
    assert 'value="provide_info"' in page.text and "Nomor antrean?" in page.text
    response = await post_form(
        client, f"/pengaduan/lacak/{code}/tindakan", {"t": token, "action": "provide_info", "note": "Antrean nomor 17."}
    )
    assert response.status_code == 303
    assert (await Complaint.select(Complaint.status).first())["status"] == "received"
    note = await ComplaintEvent.select().where(ComplaintEvent.note == "Antrean nomor 17.").first()
    assert note["is_public"] is False and note["actor_role"] == "reporter"


async def test_board_masks_personal_data_in_texts_and_answers(app, client) -> None:
    ids = await world()
    case_id = await routed_case(
        app,
        ids,
        reporter_name="Budi Santoso",
        description=(
            "Saya Budi Santoso, NIK 3201234567890123, hubungi 0812-3456-7890 atau budi@example.org. KTP belum jadi."
        ),
    )
    await handling.reply(case_id, await actor(ids["officer_a"]), "Bapak Budi Santoso, kami hubungi ke 081234567890.")
    page = await client.get("/pengaduan")
    text = html(page).select_one("#board-results").get_text(" ")
    for secret in ("Budi", "3201234567890123", "0812-3456-7890", "081234567890", "budi@example.org"):
        assert secret not in text, secret
    assert "KTP belum jadi" in text and "kami hubungi" in text


async def test_board_search_and_filters(app, client) -> None:
    ids = await world()
    await routed_case(
        app,
        ids,
        title="Antrean KTP panjang",
        description="Antrean KTP mengular sampai jalan raya.",
        reporter_email="a@example.org",
    )
    await routed_case(
        app,
        ids,
        title="Akta kelahiran salah ketik",
        description="Nama anak salah ketik di akta.",
        reporter_email="b@example.org",
    )
    await client.post("/api/v1/complaints", json=complaint_data(title="Belum diverifikasi", reporter_email="c@x.id"))
    found = html(await client.get("/pengaduan?q=mengular")).select(".board-item")
    assert len(found) == 1 and "Antrean KTP panjang" in found[0].text
    by_unit = html(await client.get(f"/pengaduan?unit_id={ids['unit_a']}")).select(".board-item")
    assert len(by_unit) == 2  # the unverified one is not published
    assert html(await client.get(f"/pengaduan?unit_id={ids['unit_b']}")).select(".board-item") == []
    masked_only = html(await client.get("/pengaduan?q=example.org")).select(".board-item")
    assert masked_only == []
    fragment = await client.get("/pengaduan?q=akta", headers={"hx-request": "true"})
    assert "<html" not in fragment.text and "Akta kelahiran" in fragment.text
