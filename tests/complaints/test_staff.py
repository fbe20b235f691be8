"""Staff side: deadline flags (weekends and holidays), inbox filters, the supervisor view, replies with
evidence, notes, re-routing, topic corrections, LAPOR! fields and attachment downloads."""

from datetime import UTC, datetime

from complaints import queries
from complaints.services import handling
from complaints.tables import Attachment, Complaint, ComplaintEvent, Holiday, TopicCorrection
from portal.tables import AuditLog
from tests.complaints.factories import actor, file, routed_case, world
from tests.complaints.test_filing import jpeg_with_exif
from tests.helpers import confirmation, csrf_token, html, login, post_form
from tests.privacy.pdfs import plain as plain_pdf


async def test_verification_deadline_skips_weekend_and_holidays(app, db) -> None:
    await Holiday.insert(
        Holiday(day=datetime(2026, 12, 24).date(), name="Cuti bersama Natal", kind="cuti_bersama"),
        Holiday(day=datetime(2026, 12, 25).date(), name="Natal", kind="nasional"),
    )
    await world()
    friday = await file(app, now=datetime(2026, 11, 20, 3, 0, tzinfo=UTC))  # Fri 10:00 WIB
    tuesday = await file(
        app,
        now=datetime(2026, 12, 22, 2, 0, tzinfo=UTC),
        title="Akta kelahiran lama",
        description="Akta kelahiran anak kami belum selesai setelah sebulan.",
        reporter_email="lain@example.org",
        reporter_phone="",
    )  # Tue 09:00 WIB
    rows = {r["id"]: r for r in await Complaint.select()}
    # Fri -> Mon, Tue, Wed; Tue 22 Dec -> Wed 23, (24, 25 holidays, weekend), Mon 28, Tue 29.
    assert rows[friday.id]["verify_due_at"] == datetime(2026, 11, 25, 16, 59, 59, tzinfo=UTC)
    assert rows[tuesday.id]["verify_due_at"] == datetime(2026, 12, 29, 16, 59, 59, tzinfo=UTC)
    just_before = datetime(2026, 12, 29, 16, 59, tzinfo=UTC)
    just_after = datetime(2026, 12, 29, 17, 0, 30, tzinfo=UTC)
    assert queries.overdue_flags(rows[tuesday.id], just_before) == []
    assert queries.overdue_flags(rows[tuesday.id], just_after) == ["verify"]
    queue = await queries.supervisor_summary(just_after)
    assert queue["unrouted_overdue"] == 2


async def test_inbox_shows_only_own_unit_and_flags_overdue(app, client) -> None:
    ids = await world()
    old = await file(
        app,
        now=datetime(2026, 6, 1, 3, 0, tzinfo=UTC),
        title="KTP hilang di kantor",
        description="Berkas KTP saya hilang di kantor sejak Juni.",
        reporter_email="x@example.org",
    )
    await handling.verify_and_route(old.id, await actor(ids["sysadmin"]), ids["unit_a"])
    fresh_id = await routed_case(app, ids)
    other = await file(
        app, title="Puskesmas tutup siang", description="Puskesmas tutup jam 11 siang.", reporter_email="y@example.org"
    )
    await handling.verify_and_route(other.id, await actor(ids["sysadmin"]), ids["unit_b"])
    await login(client, "petugas.a")
    page = html(await client.get("/staf/pengaduan"))
    links = {a["href"] for a in page.select("#inbox-results a[href^='/staf/pengaduan/']")}
    assert links == {f"/staf/pengaduan/{old.id}", f"/staf/pengaduan/{fresh_id}"}
    overdue = html(await client.get("/staf/pengaduan?overdue=1"))
    assert [a["href"] for a in overdue.select("#inbox-results td:first-child a[href^='/staf/pengaduan/']")] == [
        f"/staf/pengaduan/{old.id}"
    ]
    assert overdue.select_one(".overdue-flag") is not None
    assert (await client.get(f"/staf/pengaduan/{other.id}")).status_code == 403
    fragment = await client.get("/staf/pengaduan?status=routed", headers={"hx-request": "true"})
    assert "<html" not in fragment.text and f"/staf/pengaduan/{fresh_id}" in fragment.text


async def test_supervisor_view_counts_overdue_per_unit_for_system_admin_only(app, client) -> None:
    ids = await world()
    old = await file(app, now=datetime(2026, 6, 1, 3, 0, tzinfo=UTC))
    await handling.verify_and_route(old.id, await actor(ids["sysadmin"]), ids["unit_a"])
    await login(client, "petugas.a")
    assert (await client.get("/staf/pengaduan/pengawasan")).status_code == 403
    assert (await client.get("/staf/pengaduan/triase")).status_code == 403
    client.cookies.clear()
    await login(client, "admin")
    page = html(await client.get("/staf/pengaduan/pengawasan"))
    row = page.select_one(f"tr[data-unit='{ids['unit_a']}']")
    assert row.select_one(".overdue-count").text == "1"


async def test_triage_queue_routes_with_verification(app, client) -> None:
    ids = await world()
    filed = await file(app)
    await login(client, "admin")
    queue = await client.get("/staf/pengaduan/triase")
    assert f"/staf/pengaduan/{filed.id}" in queue.text
    response = await post_form(
        client, f"/staf/pengaduan/{filed.id}/aksi", {"action": "verify_route", "unit_id": str(ids["unit_a"])}
    )
    assert response.status_code == 303
    row = await Complaint.select().first()
    assert (row["status"], row["unit"], row["needs_triage"]) == ("routed", ids["unit_a"], False)
    assert await AuditLog.count().where(AuditLog.action == "complaint_route") == 1


async def test_refused_transition_over_http_is_409_with_message_and_changes_nothing(app, client) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    await login(client, "petugas.a")
    response = await post_form(client, f"/staf/pengaduan/{case_id}/aksi", {"action": "close"})
    assert response.status_code == 409
    assert html(response).select_one(".alert-error").text.strip()
    assert (await Complaint.select(Complaint.status).first())["status"] == "routed"


async def test_officer_replies_with_evidence_and_notes_stay_internal(app, client) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    await login(client, "petugas.a")
    token = await csrf_token(client)
    reply = await client.post(
        f"/staf/pengaduan/{case_id}/balas",
        data={"_csrf_token": token, "note": "Sedang kami cek ke bagian pencetakan."},
        files=[("attachments", ("bukti.jpg", jpeg_with_exif(), "image/jpeg"))],
    )
    assert reply.status_code == 303
    note = await post_form(client, f"/staf/pengaduan/{case_id}/catatan", {"note": "Blangko habis, tunggu kiriman."})
    assert note.status_code == 303
    row = await Complaint.select().first()
    assert row["status"] == "in_progress"
    events = {e["event_type"]: e for e in await ComplaintEvent.select()}
    assert events["interim_update"]["is_public"] is True and events["note"]["is_public"] is False
    public = await client.get(f"/pengaduan/lacak/{row['tracking_code']}")
    assert "Sedang kami cek" in public.text and "Blangko habis" not in public.text
    attachment = await Attachment.select().first()
    assert attachment["uploaded_by"] == "staff" and attachment["event"] == events["interim_update"]["id"]


async def test_attachments_download_only_for_allowed_users_and_traversal_is_404(app, client) -> None:
    ids = await world()
    token = await csrf_token(client)
    response = await client.post(
        "/pengaduan/baru",
        data={
            "_csrf_token": token,
            "kind": "pengaduan",
            "title": "Foto antrean KTP",
            "description": "Antrean KTP sangat panjang, lihat foto.",
            "privacy": "normal",
        },
        files=[("attachments", ("antrean.jpg", jpeg_with_exif(), "image/jpeg"))],
    )
    response = await confirmation(client, response)
    private = html(response).select_one("#private-link")["href"]
    row = await Complaint.select().first()
    await handling.verify_and_route(row["id"], await actor(ids["sysadmin"]), ids["unit_a"])
    attachment = await Attachment.select().first()
    url = f"/staf/pengaduan/lampiran/{attachment['id']}"
    assert (await client.get(url)).status_code in (303, 401)  # not logged in -> login
    code, tok = row["tracking_code"], private.split("?t=")[1]
    mine = await client.get(f"/pengaduan/lacak/{code}/lampiran/{attachment['id']}?t={tok}")
    assert mine.status_code == 200 and mine.content.startswith(b"\xff\xd8")
    assert (await client.get(f"/pengaduan/lacak/{code}/lampiran/{attachment['id']}?t=salah")).status_code == 404
    assert (await client.get(f"/pengaduan/lacak/{code}/lampiran/{attachment['id']}")).status_code == 404
    await login(client, "petugas.b")
    assert (await client.get(url)).status_code == 403
    client.cookies.clear()
    await login(client, "petugas.a")
    own = await client.get(url)
    assert own.status_code == 200 and own.headers["content-type"].startswith("image/jpeg")
    assert "attachment" in own.headers["content-disposition"]
    for evil in (
        "/staf/pengaduan/lampiran/..%2F..%2Fsecret_key",
        "/staf/pengaduan/lampiran/../../etc/passwd",
        f"/pengaduan/lacak/{code}/lampiran/..%2F{attachment['storage_name']}?t={tok}",
    ):
        assert (await client.get(evil)).status_code == 404, evil


async def test_reroute_by_officer_moves_case_to_other_unit(app, client) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    await login(client, "petugas.a")
    missing = await post_form(
        client, f"/staf/pengaduan/{case_id}/aksi", {"action": "reroute", "unit_id": str(ids["unit_b"])}
    )
    assert missing.status_code == 422
    response = await post_form(
        client,
        f"/staf/pengaduan/{case_id}/aksi",
        {"action": "reroute", "unit_id": str(ids["unit_b"]), "note": "Bukan kewenangan."},
    )
    assert response.status_code == 303
    assert (await Complaint.select(Complaint.unit).first())["unit"] == ids["unit_b"]
    assert (await client.get(f"/staf/pengaduan/{case_id}")).status_code == 403


async def test_topic_correction_is_stored_as_feedback_event_and_audit(app, client) -> None:
    from complaints.feedback import load_topic_corrections

    ids = await world()
    case_id = await routed_case(app, ids)
    await login(client, "petugas.a")
    bad = await post_form(client, f"/staf/pengaduan/{case_id}/topik", {"topic": "tidak-ada"})
    assert bad.status_code == 422 and await TopicCorrection.count() == 0
    response = await post_form(client, f"/staf/pengaduan/{case_id}/topik", {"topic": "kinerja_petugas"})
    assert response.status_code == 303
    row = await Complaint.select().first()
    assert (row["topic"], row["topic_source"]) == ("kinerja_petugas", "officer")
    assert await load_topic_corrections() == [(f"{row['title']}\n{row['description']}", "kinerja_petugas")]
    assert await ComplaintEvent.count().where(ComplaintEvent.event_type == "topic") == 1
    assert await AuditLog.count().where(AuditLog.action == "complaint_topic") == 1


PDF = plain_pdf()


async def test_lapor_facts_need_the_system_admin_and_a_document(app, client) -> None:
    ids = await world()
    first = await routed_case(app, ids)
    second = await routed_case(
        app,
        ids,
        title="Akta kelahiran belum jadi",
        reporter_email="z@example.org",
        description="Akta kelahiran anak saya belum jadi setelah dua bulan.",
    )
    await login(client, "admin.a")
    typed = await post_form(
        client, f"/staf/pengaduan/{first}/lapor", {"lapor_tracking_id": "LAP-123", "lapor_status": "Ditutup oleh Admin"}
    )
    assert typed.status_code == 403
    await client.post("/keluar", data={"_csrf_token": await csrf_token(client)})
    await login(client, "admin")
    no_document = await post_form(
        client, f"/staf/pengaduan/{first}/lapor", {"lapor_tracking_id": "LAP-123", "lapor_status": "Ditutup oleh Admin"}
    )
    assert no_document.status_code == 422
    bad_status = await post_form(
        client,
        f"/staf/pengaduan/{first}/lapor",
        {"lapor_tracking_id": "LAP-123", "lapor_status": "Beres"},
        files={"document": ("lapor.pdf", PDF, "application/pdf")},
    )
    assert bad_status.status_code == 422
    ok = await post_form(
        client,
        f"/staf/pengaduan/{first}/lapor",
        {"lapor_tracking_id": "LAP-123", "lapor_status": "Ditutup oleh Admin"},
        files={"document": ("lapor.pdf", PDF, "application/pdf")},
    )
    assert ok.status_code == 303
    clash = await post_form(
        client,
        f"/staf/pengaduan/{second}/lapor",
        {"lapor_tracking_id": "LAP-123", "lapor_status": "Diproses"},
        files={"document": ("lapor2.pdf", PDF, "application/pdf")},
    )
    assert clash.status_code == 422
    rows = {
        r["id"]: r
        for r in await Complaint.select(
            Complaint.id, Complaint.lapor_tracking_id, Complaint.lapor_status, Complaint.lapor_import
        )
    }
    assert (rows[first]["lapor_tracking_id"], rows[first]["lapor_status"]) == ("LAP-123", "Ditutup oleh Admin")
    assert rows[first]["lapor_import"] is not None
    assert rows[second]["lapor_tracking_id"] is None
    page = html(await client.get(f"/staf/pengaduan/{first}"))
    assert "lapor.pdf" in page.find(id="lapor-facts").text


async def test_evaluator_reads_but_cannot_act(app, client) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    await login(client, "evaluator")
    page = await client.get(f"/staf/pengaduan/{case_id}")
    assert page.status_code == 200 and f"/staf/pengaduan/{case_id}/balas" not in page.text
    response = await post_form(client, f"/staf/pengaduan/{case_id}/aksi", {"action": "start"})
    assert response.status_code == 403
    assert (await Complaint.select(Complaint.status).first())["status"] == "routed"


async def test_staff_home_links_to_inbox_triage_and_supervision_by_role(app, client) -> None:
    await world()
    await login(client, "admin")
    admin_links = {a["href"] for a in html(await client.get("/staf")).select("a")}
    assert {"/staf/pengaduan", "/staf/pengaduan/triase", "/staf/pengaduan/pengawasan"} <= admin_links
    client.cookies.clear()
    await login(client, "petugas.a")
    officer_links = {a["href"] for a in html(await client.get("/staf")).select("a")}
    assert "/staf/pengaduan" in officer_links and "/staf/pengaduan/triase" not in officer_links
