"""Issue 16: complaint handling as a conversation. Questions both ways (any officer of the case, any stage
before the final answer), the paused deadline clock, interim updates vs the final answer, disputes that
escalate (send back, supervisor answers, limit), the rating given once, confirmations and event names."""

from datetime import UTC, date, datetime, timedelta

import pytest

from complaints import conversation as rules
from complaints.calendar import add_working_days, local_date
from complaints.deadlines import recompute_open_deadlines
from complaints.services import conversation, handling, reporter
from complaints.tables import Attachment, Complaint, ComplaintEvent, Holiday
from complaints.workflow import TransitionRefused
from portal.flash import FLASH_COOKIE
from portal.settings import get_settings
from portal.tables import AuditLog
from tests.complaints.factories import actor, complaint_data, routed_case, world
from tests.complaints.test_filing import jpeg_with_exif
from tests.helpers import csrf_token, html, login, make_unit, post_form

ANSWER = "KTP-el Anda sudah dicetak dan dapat diambil di loket 2."
# Friday 7 November 2025, 10:00 WIB; no Indonesian holiday in the following weeks.
FRIDAY = datetime(2025, 11, 7, 3, 0, tzinfo=UTC)
TUESDAY = datetime(2025, 11, 11, 3, 0, tzinfo=UTC)


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch):
    def apply(**values: str) -> None:
        for key, value in values.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()

    yield apply
    monkeypatch.undo()
    get_settings.cache_clear()


async def _row(case_id: int) -> dict:
    return await Complaint.select().where(Complaint.id == case_id).first()


async def _types(case_id: int) -> list[str]:
    rows = (
        await ComplaintEvent.select(ComplaintEvent.event_type)
        .where(ComplaintEvent.complaint == case_id)
        .order_by(ComplaintEvent.id)
    )
    return [r["event_type"] for r in rows]


async def _filed_by_api(client) -> tuple[int, str, str]:
    response = await client.post("/api/v1/complaints", json=complaint_data())
    assert response.status_code == 201
    body = response.json()
    row = await Complaint.select(Complaint.id).where(Complaint.tracking_code == body["tracking_code"]).first()
    return row["id"], body["tracking_code"], body["private_url"].split("?t=")[1]


# --- the paused clock: pure arithmetic -----------------------------------------------------------


def test_waiting_counts_working_days_after_the_question_up_to_the_answer() -> None:
    assert rules.waited_working_days(FRIDAY, TUESDAY, set(), cap=10) == 2  # Monday, Tuesday
    assert rules.waited_working_days(FRIDAY, TUESDAY, {date(2025, 11, 10)}, cap=10) == 1  # Monday a holiday
    assert rules.waited_working_days(FRIDAY, FRIDAY + timedelta(hours=5), set(), cap=10) == 0  # same day
    assert rules.waited_working_days(FRIDAY, FRIDAY + timedelta(days=60), set(), cap=10) == 10  # capped


def test_a_deadline_moves_by_working_days_skipping_weekends_and_holidays() -> None:
    due = datetime(2025, 11, 14, 16, 59, 59, tzinfo=UTC)  # Friday 14 Nov, 23:59:59 WIB
    assert local_date(rules.extend(due, 2, set())) == date(2025, 11, 18)  # Mon, Tue
    assert local_date(rules.extend(due, 2, {date(2025, 11, 17)})) == date(2025, 11, 19)
    assert rules.extend(due, 0, set()) == due and rules.extend(None, 3, set()) is None


# --- questions both ways --------------------------------------------------------------------------


async def test_an_officer_asks_after_routing_and_the_reporter_answers_with_a_photo(app, client) -> None:
    ids = await world()
    case_id, code, token = await _filed_by_api(client)
    await handling.verify_and_route(case_id, await actor(ids["sysadmin"]), ids["unit_a"])
    await login(client, "petugas.a")
    asked = await post_form(client, f"/staf/pengaduan/{case_id}/tanya", {"note": "Nomor antrean Anda berapa?"})
    assert asked.status_code == 303 and client.cookies.get(FLASH_COOKIE) == "ask"
    page = html(await client.get(f"/staf/pengaduan/{case_id}"))
    assert "Pertanyaan terkirim kepada pelapor" in page.select_one(".flash").text
    assert page.select_one("#waiting-reporter") is not None
    assert html(await client.get(f"/staf/pengaduan/{case_id}")).select_one(".flash") is None  # shown once
    row = await _row(case_id)
    assert row["status"] == "in_progress" and row["awaiting_reporter_since"] is not None
    question = await ComplaintEvent.select().where(ComplaintEvent.event_type == "info_requested").first()
    assert question["is_public"] is True and question["note"] == "Nomor antrean Anda berapa?"

    public = await client.get(f"/pengaduan/lacak/{code}")
    assert 'value="provide_info"' not in public.text  # without the token: no answer form
    forged = await client.post(
        f"/pengaduan/lacak/{code}/tindakan",
        data={"_csrf_token": await csrf_token(client), "t": "palsu", "action": "provide_info", "note": "Antrean 17."},
    )
    assert (
        forged.status_code == 404
        and await ComplaintEvent.count().where(ComplaintEvent.event_type == "info_provided") == 0
    )
    private = html(await client.get(f"/pengaduan/lacak/{code}?t={token}"))
    assert "Nomor antrean Anda berapa?" in private.select_one("main").text
    assert private.select_one('input[name="action"][value="provide_info"]') is not None
    answered = await client.post(
        f"/pengaduan/lacak/{code}/tindakan",
        data={
            "_csrf_token": await csrf_token(client),
            "t": token,
            "action": "provide_info",
            "note": "Antrean nomor 17, foto terlampir.",
        },
        files=[("attachments", ("antrean.jpg", jpeg_with_exif(), "image/jpeg"))],
    )
    assert answered.status_code == 303
    after = html(await client.get(f"/pengaduan/lacak/{code}?t={token}"))
    assert "jawaban Anda terkirim" in after.select_one(".flash").text
    assert "Antrean nomor 17" in after.select_one(".timeline").text  # the reporter sees their own answer
    row = await _row(case_id)
    assert row["awaiting_reporter_since"] is None and row["status"] == "in_progress"
    given = await ComplaintEvent.select().where(ComplaintEvent.event_type == "info_provided").first()
    assert given["is_public"] is False and given["actor_role"] == "reporter"
    photo = await Attachment.select().where(Attachment.event == given["id"]).first()
    assert photo["uploaded_by"] == "reporter" and photo["content_type"] == "image/jpeg"
    assert "Antrean nomor 17" not in (await client.get(f"/pengaduan/lacak/{code}")).text  # not public


async def test_an_officer_of_another_unit_cannot_ask(app, client) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    before = await ComplaintEvent.count()
    with pytest.raises(TransitionRefused):
        await conversation.ask_reporter(case_id, await actor(ids["officer_b"]), "Siapa nama petugasnya?")
    await login(client, "petugas.b")
    response = await post_form(client, f"/staf/pengaduan/{case_id}/tanya", {"note": "Siapa nama petugasnya?"})
    assert response.status_code == 403
    assert await ComplaintEvent.count() == before and (await _row(case_id))["awaiting_reporter_since"] is None


async def test_no_question_after_the_final_answer_and_no_answer_without_a_question(app, db) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    officer = await actor(ids["officer_a"])
    with pytest.raises(TransitionRefused):
        await conversation.record_reporter_answer(case_id, "Jawaban tanpa pertanyaan", [], "email")
    await handling.apply_action(case_id, "answer", officer, note=ANSWER)
    with pytest.raises(TransitionRefused) as refused:
        await conversation.ask_reporter(case_id, officer, "Masih ada pertanyaan?")
    assert "sebelum jawaban akhir" in refused.value.message
    assert "info_requested" not in await _types(case_id)


async def test_before_routing_the_system_admin_asks_and_the_case_waits_in_needs_info(app, db) -> None:
    ids = await world()
    from tests.complaints.factories import file

    filed = await file(app)
    with pytest.raises(TransitionRefused):  # a unit officer cannot ask on an unrouted case
        await conversation.ask_reporter(filed.id, await actor(ids["officer_a"]), "Lokasi tepatnya?")
    await conversation.ask_reporter(filed.id, await actor(ids["sysadmin"]), "Lokasi tepatnya?")
    assert (await _row(filed.id))["status"] == "needs_info"
    await conversation.record_reporter_answer(filed.id, "Kantor kecamatan Sukamaju.", [], "whatsapp")
    assert (await _row(filed.id))["status"] == "received"
    assert await _types(filed.id) == ["filed", "transition", "info_requested", "transition", "info_provided"]
    audit = await AuditLog.select().where(AuditLog.action == "complaint_info_provided").output(load_json=True).first()
    assert audit["after"]["channel"] == "whatsapp"


# --- the paused clock in the service --------------------------------------------------------------


async def test_waiting_for_the_reporter_moves_every_deadline_by_the_working_days_waited(app, db) -> None:
    ids = await world()
    case_id = await routed_case(app, ids, now=FRIDAY - timedelta(days=3))
    before = await _row(case_id)
    await conversation.ask_reporter(case_id, await actor(ids["officer_a"]), "Kapan Anda datang?", now=FRIDAY)
    added = await conversation.record_reporter_answer(case_id, "Tanggal 3 November.", [], "web", now=TUESDAY)
    after = await _row(case_id)
    assert added == 2 and after["info_wait_days"] == 2
    for column in ("verify_due_at", "followup_due_at", "resolve_due_at"):
        assert after[column] == add_working_days(before[column], 2, set()), column
    # A recount from receipt (a calendar change, a re-route) keeps the pause.
    await recompute_open_deadlines()
    assert (await _row(case_id))["resolve_due_at"] == after["resolve_due_at"]


async def test_a_holiday_while_waiting_is_not_counted(app, db) -> None:
    ids = await world()
    await Holiday.insert(Holiday(day=date(2025, 11, 10), name="Libur daerah", kind="daerah", source="uji"))
    case_id = await routed_case(app, ids, now=FRIDAY - timedelta(days=3))
    await conversation.ask_reporter(case_id, await actor(ids["officer_a"]), "Kapan Anda datang?", now=FRIDAY)
    assert await conversation.record_reporter_answer(case_id, "Tanggal 3.", [], "web", now=TUESDAY) == 1


async def test_the_maximum_wait_is_a_setting(app, db, configured) -> None:
    configured(PORTAL_INFO_WAIT_DAYS="3")
    ids = await world()
    case_id = await routed_case(app, ids, now=FRIDAY - timedelta(days=3))
    await conversation.ask_reporter(case_id, await actor(ids["officer_a"]), "Kapan Anda datang?", now=FRIDAY)
    late = FRIDAY + timedelta(days=14)
    assert await conversation.wait_exceeded(await _row(case_id), late)
    assert await conversation.record_reporter_answer(case_id, "Maaf terlambat.", [], "web", now=late) == 3


# --- interim updates and the final answer ---------------------------------------------------------


async def test_interim_updates_and_the_final_answer_are_different_entries(app, client) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    officer = await actor(ids["officer_a"])
    await handling.reply(case_id, officer, "Sedang kami cek ke bagian pencetakan.")
    timing = await Complaint.raw("SELECT replied_at FROM complaint_timing WHERE complaint = {}", case_id)
    assert timing[0]["replied_at"] is not None  # an interim update is still the first response
    await handling.apply_action(case_id, "answer", officer, note=ANSWER)
    assert [t for t in await _types(case_id) if t in ("interim_update", "reply")] == ["interim_update", "reply"]
    code = (await _row(case_id))["tracking_code"]
    page = html(await client.get(f"/pengaduan/lacak/{code}"))
    answers = " ".join(a.text for a in page.select(".card.answer"))
    assert ANSWER in answers and "Sedang kami cek" not in answers
    timeline = page.select_one(".timeline")
    assert timeline.select_one(".ev-interim_update").text.count("Kabar perkembangan") == 1
    assert "Jawaban akhir" in timeline.select_one(".ev-reply").text


# --- disputes escalate ----------------------------------------------------------------------------


async def _disputed_case(app, ids) -> int:
    case_id = await routed_case(app, ids)
    await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    await reporter.act(case_id, "dispute", note="KTP belum ada di loket 2.")
    return case_id


async def test_supervising_unit_sends_back_then_the_unit_answers(app, client, configured) -> None:
    ids = await world()
    await make_unit("inspektorat", "Inspektorat")
    configured(PORTAL_SUPERVISING_UNIT="inspektorat")
    from tests.complaints.factories import make_user

    await make_user("auditor", "unit_officer", (await make_unit_id("inspektorat")))
    case_id = await _disputed_case(app, ids)
    escalated = await ComplaintEvent.select().where(ComplaintEvent.event_type == "escalated").first()
    assert escalated["is_public"] is True and escalated["note"] == "Inspektorat"
    # The accused unit can neither answer nor close while the supervisor holds the case.
    with pytest.raises(TransitionRefused):
        await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    await login(client, "auditor")
    inbox = html(await client.get("/staf/pengaduan"))
    assert inbox.select_one('[data-count="escalations"]').text == "1"
    back = await post_form(client, f"/staf/pengaduan/{case_id}/sanggahan", {"note": "Periksa stok blangko dulu."})
    assert back.status_code == 303
    assert "dikembalikan ke unit" in html(await client.get(f"/staf/pengaduan/{case_id}")).select_one(".flash").text
    sent_back = await ComplaintEvent.select().where(ComplaintEvent.event_type == "sent_back").first()
    assert sent_back["is_public"] is True and "Periksa stok" not in sent_back["note"]  # instructions stay internal
    await handling.apply_action(
        case_id,
        "answer",
        await actor(ids["officer_a"]),
        note="Blangko sudah datang, KTP dapat diambil besok di loket 2.",
    )
    assert (await _row(case_id))["status"] == "answered"


async def make_unit_id(slug: str) -> int:
    from portal.tables import Unit

    return (await Unit.select(Unit.id).where(Unit.slug == slug).first())["id"]


async def test_the_supervisor_answers_itself_and_the_accused_unit_cannot_close(app, client) -> None:
    ids = await world()
    case_id = await _disputed_case(app, ids)
    await handling.apply_action(case_id, "answer", await actor(ids["sysadmin"]), note="Unit pengawas: KTP diantar.")
    assert (await _row(case_id))["escalation_state"] == "answered"
    later = datetime.now(UTC) + timedelta(days=30)
    with pytest.raises(TransitionRefused) as refused:
        await handling.apply_action(case_id, "close", await actor(ids["admin_a"]), now=later)
    assert "tidak dapat ditutup oleh unit" in refused.value.message
    await login(client, "admin.a")
    page = html(await client.get(f"/staf/pengaduan/{case_id}"))
    assert page.select_one("#close-disputed") is not None
    response = await post_form(client, f"/staf/pengaduan/{case_id}/aksi", {"action": "close"})
    assert (
        response.status_code == 409
        and "tidak dapat ditutup oleh unit" in html(response).select_one(".alert-error").text
    )
    assert (await _row(case_id))["status"] == "answered"


async def test_the_reporter_disputes_at_most_the_configured_number_of_times(app, db, configured) -> None:
    configured(PORTAL_MAX_DISPUTES="1")
    ids = await world()
    case_id = await _disputed_case(app, ids)
    await handling.apply_action(case_id, "answer", await actor(ids["sysadmin"]), note="Unit pengawas: KTP diantar.")
    events = await ComplaintEvent.count()
    with pytest.raises(TransitionRefused) as refused:
        await reporter.act(case_id, "dispute", note="Masih belum diterima.")
    assert "1 kali" in refused.value.message
    assert (await _row(case_id))["status"] == "answered" and await ComplaintEvent.count() == events
    configured(PORTAL_MAX_DISPUTES="2")
    await reporter.act(case_id, "dispute", note="Masih belum diterima.")
    assert (await _row(case_id))["status"] == "in_progress"
    assert (await _types(case_id)).count("escalated") == 2


async def test_pekppp_counts_disputes_and_questions_separately(app, db) -> None:
    from evaluation_link.period import Period
    from evaluation_link.sources.complaints import complaint_metrics

    ids = await world()
    at = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    disputed = await routed_case(app, ids, now=at)
    asked = await routed_case(app, ids, now=at, reporter_email="lain@example.org", confirm_duplicate="1")
    plain = await routed_case(app, ids, now=at, reporter_email="satu@example.org", confirm_duplicate="1")
    officer = await actor(ids["officer_a"])
    before = await complaint_metrics(ids["unit_a"], Period(2026))
    await handling.apply_action(disputed, "answer", officer, note=ANSWER, now=at + timedelta(days=1))
    await reporter.act(disputed, "dispute", note="Belum.", now=at + timedelta(days=2))
    await handling.return_escalation(disputed, await actor(ids["sysadmin"]), "Cek ulang ke loket.")
    await conversation.ask_reporter(asked, officer, "Kapan datang?", now=at + timedelta(days=1))
    metrics = await complaint_metrics(ids["unit_a"], Period(2026))
    assert (
        metrics["disputed"],
        metrics["disputes_sent_back"],
        metrics["disputes_answered_by_supervisor"],
        metrics["info_requested"],
    ) == (1, 1, 0, 1)
    assert metrics["received"] == before["received"] == 3 and plain
    assert metrics["resolved"] == before["resolved"]


# --- rating once ----------------------------------------------------------------------------------


async def test_the_rating_is_given_once_changeable_until_closed_and_shown_to_the_unit(app, client) -> None:
    ids = await world()
    case_id, code, token = await _filed_by_api(client)
    await handling.verify_and_route(case_id, await actor(ids["sysadmin"]), ids["unit_a"])
    await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    url = f"/pengaduan/lacak/{code}/tindakan"
    assert (await post_form(client, url, {"t": token, "action": "rate", "rating": "3"})).status_code == 303
    assert (
        "penilaian Anda tersimpan"
        in html(await client.get(f"/pengaduan/lacak/{code}?t={token}")).select_one(".flash").text
    )
    await post_form(client, url, {"t": token, "action": "rate", "rating": "5", "comment": "Ramah"})
    await post_form(client, url, {"t": token, "action": "confirm"})
    closed = html(await client.get(f"/pengaduan/lacak/{code}?t={token}"))
    assert closed.select_one('input[name="action"][value="rate"]') is None  # no form once rated and closed
    again = await post_form(client, url, {"t": token, "action": "rate", "rating": "1"})
    assert again.status_code == 409 and "tidak dapat diubah" in again.text
    assert (await _row(case_id))["rating"] == 5
    assert await ComplaintEvent.count().where(ComplaintEvent.event_type == "rating") == 2
    await login(client, "petugas.a")
    assert "5/5 Ramah" in html(await client.get(f"/staf/pengaduan/{case_id}")).select_one("dl.facts").text


# --- staff home, inbox, names ---------------------------------------------------------------------


async def test_inbox_counts_link_to_lists_and_show_the_current_stage_deadline(app, client) -> None:
    ids = await world()
    new = await routed_case(app, ids)
    waiting = await routed_case(app, ids, reporter_email="lain@example.org", confirm_duplicate="1")
    await conversation.ask_reporter(waiting, await actor(ids["officer_a"]), "Nomor antrean?")
    await login(client, "petugas.a")
    page = html(await client.get("/staf/pengaduan"))
    counts = {li["data-count"]: int(li.text) for li in page.select("[data-count]")}
    assert (counts["new"], counts["me"], counts["reporter"]) == (1, 1, 1)
    assert counts["overdue_verify"] == counts["overdue_followup"] == counts["overdue_resolve"] == 0
    rows = html(await client.get("/staf/pengaduan?waiting=reporter")).select("#inbox-results tbody tr")
    assert len(rows) == 1 and rows[0].select_one("td:nth-of-type(2) a")["href"] == f"/staf/pengaduan/{waiting}"
    new_row = html(await client.get("/staf/pengaduan?waiting=new")).select("#inbox-results tbody tr")
    assert "tindak lanjut:" in new_row[0].select_one(".stage-due").text and str(new) in new_row[0].a["href"]


async def test_staff_home_shows_the_inbox_counts_of_the_users_scope(app, client) -> None:
    ids = await world()
    await routed_case(app, ids)
    waiting = await routed_case(app, ids, reporter_email="lain@example.org", confirm_duplicate="1")
    await conversation.ask_reporter(waiting, await actor(ids["officer_a"]), "Nomor antrean?")
    other = await handling_file_for_unit_b(app, ids)
    assert other

    async def counts_on(path: str) -> dict[str, tuple[int, str]]:
        page = html(await client.get(path))
        found = page.select("[data-count]")
        return {s["data-count"]: (int(s.text), s.find_parent("a")["href"]) for s in found}

    await login(client, "petugas.a")
    home, inbox = await counts_on("/staf"), await counts_on("/staf/pengaduan")
    assert home == inbox  # the same figures and links as the inbox top
    assert (home["new"][0], home["me"][0], home["reporter"][0]) == (1, 1, 1)
    assert home["reporter"][1] == "/staf/pengaduan?waiting=reporter"
    assert home["overdue_resolve"][1] == "/staf/pengaduan?overdue_stage=resolve"
    assert "escalations" not in home
    client.cookies.clear()
    await login(client, "petugas.b")  # the other unit sees only its own case
    home_b = await counts_on("/staf")
    assert (home_b["new"][0], home_b["me"][0], home_b["reporter"][0]) == (1, 1, 0)
    client.cookies.clear()
    await login(client, "admin")  # system admin: every unit
    assert (await counts_on("/staf"))["new"][0] == 2
    client.cookies.clear()
    await login(client, "evaluator")
    assert await counts_on("/staf") == await counts_on("/staf/pengaduan")
    assert (await counts_on("/staf"))["me"][0] == 2
    english = html(await client.get("/staf?lang=en")).select_one("#staff-counts").text
    assert "Waiting for the reporter's answer" in english


async def handling_file_for_unit_b(app, ids) -> int:
    from tests.complaints.factories import file

    filed = await file(app, reporter_email="b@example.org", confirm_duplicate="1")
    await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_b"])
    return filed.id


async def test_history_shows_event_names_in_indonesian_and_english(app, client) -> None:
    ids = await world()
    case_id = await _disputed_case(app, ids)
    await conversation.ask_reporter(case_id, await actor(ids["officer_a"]), "Nomor antrean?")
    await login(client, "petugas.a")
    indonesian = html(await client.get(f"/staf/pengaduan/{case_id}")).select_one(".timeline").text
    for name in ("Pertanyaan kepada pelapor", "Diteruskan ke unit pengawas", "Jawaban akhir", "(pelapor)"):
        assert name in indonesian, name
    english = html(await client.get(f"/staf/pengaduan/{case_id}?lang=en")).select_one(".timeline").text
    for name in ("Question to the reporter", "Escalated to the supervising unit", "Final answer", "(reporter)"):
        assert name in english, name
    for raw in ("info_requested", "escalated", "reply", "transition", "unit_officer"):
        assert raw not in indonesian and raw not in english, raw
    assert "(reporter)" not in indonesian and "Pertanyaan kepada pelapor" not in english


@pytest.mark.parametrize(
    ("path", "form", "message"),
    [
        ("balas", {"note": "Sedang kami cek ke bagian pencetakan."}, "Kabar perkembangan terkirim"),
        ("catatan", {"note": "Blangko habis."}, "Catatan internal disimpan."),
        ("topik", {"topic": "adminduk"}, "Topik disimpan."),
        ("aksi", {"action": "start"}, "Tindak lanjut dimulai."),
        ("aksi", {"action": "answer", "note": ANSWER}, "Jawaban akhir terkirim"),
    ],
)
async def test_every_staff_action_confirms_once_after_the_redirect(app, client, path, form, message) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    await login(client, "petugas.a")
    response = await post_form(client, f"/staf/pengaduan/{case_id}/{path}", form)
    assert response.status_code == 303 and response.headers["location"] == f"/staf/pengaduan/{case_id}"
    assert message in html(await client.get(f"/staf/pengaduan/{case_id}")).select_one(".flash").text
    assert html(await client.get(f"/staf/pengaduan/{case_id}")).select_one(".flash") is None


async def test_confirmations_speak_english_and_unknown_keys_show_nothing(app, client) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    await login(client, "petugas.a")
    await post_form(client, f"/staf/pengaduan/{case_id}/catatan", {"note": "Blangko habis."})
    page = html(await client.get(f"/staf/pengaduan/{case_id}?lang=en"))
    assert page.select_one(".flash").text == "Internal note saved."
    client.cookies.set(FLASH_COOKIE, "<script>alert(1)</script>")
    page = await client.get(f"/staf/pengaduan/{case_id}")
    assert html(page).select_one(".flash") is None and "alert(1)" not in page.text


async def test_the_evidence_page_shows_the_dispute_figures(app, client) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    await reporter.act(case_id, "dispute", note="Belum selesai.")
    await login(client, "evaluator")
    year = datetime.now(UTC).year
    pulled = await post_form(client, f"/staf/evaluasi/disdukcapil/{year}/tarik", {})
    assert pulled.status_code in (200, 303)
    card = html(await client.get(f"/staf/evaluasi/disdukcapil/{year}")).find("article", id="indikator-28")
    text = " ".join(card.find("dl").get_text(" ").split())
    assert "Jawaban disanggah pelapor 1" in text and "Sanggahan dijawab unit pengawas 0" in text
