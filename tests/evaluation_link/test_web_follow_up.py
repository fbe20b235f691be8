"""The follow-up loop through its pages: units see their final results and plan, officers upload
evidence (the F-01 upload pipeline), the evaluator recommends, verifies and sends back; a unit never
sees or edits another unit's plan; exports open; date messages in both languages; next year's F-01."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook
from pypdf import PdfReader

from evaluation_link.queries import follow_up as follow_up_queries
from evaluation_link.queries.follow_up import local_today
from evaluation_link.services import follow_up
from portal.audit import entries_for
from tests.evaluation_link.follow_up_support import two_units
from tests.helpers import csrf_token, html, login, post_form
from tests.privacy.pdfs import plain as plain_pdf

PDF = plain_pdf()


async def recommend(client, text="Libatkan masyarakat dalam penyusunan SP.", target="i:1", priority=True):
    data = {"target": target, "text": text}
    if priority:
        data["priority"] = "1"
    return await post_form(client, "/staf/evaluasi/dinas-satu/2025/rekomendasi", data)


async def plan(client, rec_id, **fields):
    data = {
        "what": "Forum konsultasi publik",
        "owner": "Kasubag Umum",
        "due_date": (local_today() + timedelta(days=30)).isoformat(),
        "expected_evidence": "Notulen",
        **fields,
    }
    return await post_form(client, f"/staf/hasil-evaluasi/2025/rekomendasi/{rec_id}/tindakan", data)


async def upload(client, action_id, content=PDF, name="notulen.pdf"):
    token = await csrf_token(client)
    return await client.post(
        f"/staf/tindak-lanjut/{action_id}/bukti",
        data={"_csrf_token": token},
        files={"file": (name, content, "application/pdf")},
    )


async def move(client, action_id, status, **fields):
    return await post_form(client, f"/staf/tindak-lanjut/{action_id}/status", {"status": status, **fields})


async def only_action_id():
    rows = await follow_up.PekpppFollowUp.select(follow_up.PekpppFollowUp.id).order_by(follow_up.PekpppFollowUp.id)
    return rows[-1]["id"]


async def test_evaluator_recommends_unit_sees_results_and_plans(client):
    await two_units()
    await login(client, "penilai")
    sheet = html(await client.get("/staf/evaluasi/dinas-satu/2025"))
    assert sheet.find("a", id="follow-up-link")["href"] == "/staf/evaluasi/dinas-satu/2025/tindak-lanjut"
    empty = await recommend(client, text="  ")
    assert empty.status_code == 422 and html(empty).find(id="text-new-error")
    assert (await recommend(client)).status_code == 303
    assert (await recommend(client, text="Latih petugas loket.", target="a:b", priority=False)).status_code == 303
    recs = await follow_up.PekpppRecommendation.select().order_by(follow_up.PekpppRecommendation.id)
    assert [(r["indicator_no"], r["aspect"], r["priority"]) for r in recs] == [(1, "a", True), (None, "b", False)]

    # the unit admin sees final scores, reasons, the band, last year's column and the recommendations
    await login(client, "admin.satu")
    start = await client.get("/staf/hasil-evaluasi/")
    assert start.headers["location"] == "/staf/hasil-evaluasi/2025"
    page = html(await client.get("/staf/hasil-evaluasi/2025"))
    assert page.find(id="ipp-value").get_text(strip=True)
    assert page.find("tr", id="hasil-1").find_all("td")[0].get_text(strip=True) == "3"
    assert "uji" in page.find("tr", id="hasil-1").get_text()  # the evaluator's reason
    assert page.find(id="ipp-previous").get_text(strip=True) == "–"
    texts = [p.get_text() for p in page.select(".recommendation-text")]
    assert texts == ["Libatkan masyarakat dalam penyusunan SP.", "Latih petugas loket."]
    assert page.select_one(f"#rekomendasi-{recs[0]['id']} .badge-danger")  # priority
    assert len(page.select("form.plan-form")) == 2

    assert (await plan(client, recs[0]["id"])).status_code == 303
    action_id = await only_action_id()
    page = html(await client.get("/staf/hasil-evaluasi/2025"))
    item = page.find("li", id=f"tindakan-{action_id}")
    assert item["data-status"] == "planned" and "Kasubag Umum" in item.get_text()

    # an officer sees the same page but cannot plan
    await login(client, "petugas.satu")
    page = html(await client.get("/staf/hasil-evaluasi/2025"))
    assert page.find("li", id=f"tindakan-{action_id}") and not page.select("form.plan-form")
    assert (await plan(client, recs[0]["id"])).status_code == 403


async def test_results_hidden_before_locking_and_exports_open(client):
    people = await two_units()
    await follow_up.add_recommendation(
        people["assessment_a"]["id"], indicator_no=5, text="Perbarui SK.", actor=people["evaluator"]
    )
    await login(client, "petugas.satu")
    draft = html(await client.get("/staf/hasil-evaluasi/2026"))
    assert draft.find(id="ipp-value") is None and "Belum ada penilaian" in draft.get_text()
    assert (await client.get("/staf/hasil-evaluasi/2026.xlsx")).status_code == 404
    assert (await client.get("/staf/hasil-evaluasi/2025.csv")).status_code == 404

    xlsx = await client.get("/staf/hasil-evaluasi/2025.xlsx")
    assert xlsx.status_code == 200
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(xlsx.content))["F-02"].iter_rows()]
    assert next(r for r in rows if r[1] == "1.a.Ak")[7] == 3  # the evaluator's score
    pdf = await client.get("/staf/hasil-evaluasi/2025.pdf")
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) >= 1 and "Dinas Satu" in " ".join(p.extract_text() for p in reader.pages)


async def test_a_unit_never_sees_or_edits_another_units_plan(client):
    people = await two_units()
    rec = await follow_up.add_recommendation(
        people["assessment_a"]["id"], indicator_no=1, text="Rahasia A.", actor=people["evaluator"]
    )
    action = await follow_up.plan_action(
        rec, what="Tindakan A", owner="Kabid A", due_date=local_today(), actor=people["admin_a"]
    )
    for who in ("admin.dua", "petugas.dua"):
        await login(client, who)
        page = await client.get("/staf/hasil-evaluasi/2025")
        assert page.status_code == 200 and "Rahasia A." not in page.text and "Tindakan A" not in page.text
        assert (await move(client, action, "in_progress")).status_code == 404
        assert (await upload(client, action)).status_code == 404
        assert (await plan(client, rec)).status_code == 404
    assert (await follow_up_queries.action(action))["status"] == "planned"
    # unit staff cannot open the evaluator's follow-up page
    assert (await client.get("/staf/evaluasi/dinas-satu/2025/tindak-lanjut")).status_code == 403
    assert (await recommend(client)).status_code == 403


async def test_officer_uploads_evidence_and_finishes_evaluator_verifies_or_sends_back(client):
    people = await two_units()
    rec = await follow_up.add_recommendation(
        people["assessment_a"]["id"], indicator_no=1, text="R", actor=people["evaluator"]
    )
    first = await follow_up.plan_action(rec, what="Satu", owner="A", due_date=local_today(), actor=people["admin_a"])
    second = await follow_up.plan_action(rec, what="Dua", owner="B", due_date=local_today(), actor=people["admin_a"])
    await login(client, "petugas.satu")
    assert (await move(client, first, "in_progress")).status_code == 303
    refused = await upload(client, first, content=b"bukan pdf", name="x.pdf")
    assert refused.status_code == 422 and html(refused).find(id=f"file-action-{first}-error")
    no_file = await move(client, first, "done")
    assert no_file.status_code == 422
    assert "bukti" in html(no_file).find(id=f"evidence-action-{first}-error").get_text()
    future = await move(client, first, "done", completed_on=(local_today() + timedelta(days=1)).isoformat())
    for action_id in (first, second):
        assert (await upload(client, action_id)).status_code == 303
    future = await move(client, first, "done", completed_on=(local_today() + timedelta(days=1)).isoformat())
    assert future.status_code == 422
    assert "masa depan" in html(future).find(id=f"completed_on-action-{first}-error").get_text()
    assert (await move(client, first, "done")).status_code == 303
    assert (await move(client, second, "done")).status_code == 303
    assert (await move(client, first, "verified")).status_code == 403  # the unit does not verify its own work

    entry = (await follow_up_queries.action(first))["evidence"][0]
    served = await client.get(entry["url"])
    assert served.status_code == 200 and served.content.startswith(b"%PDF")

    await login(client, "penilai")
    page = html(await client.get("/staf/evaluasi/dinas-satu/2025/tindak-lanjut"))
    assert page.find("li", id=f"tindakan-{first}").find("a", href=entry["url"])
    assert (await move(client, first, "verified")).status_code == 303
    no_reason = await move(client, second, "sent_back")
    assert no_reason.status_code == 422 and html(no_reason).find(id=f"reason-action-{second}-error")
    assert (await move(client, second, "sent_back", reason="Foto kabur.")).status_code == 303
    assert (await move(client, second, "in_progress")).status_code == 403  # the evaluator does not do the work
    assert (await follow_up_queries.action(first))["status"] == "verified"
    assert (await follow_up_queries.action(second))["status"] == "sent_back"
    trail = [e["action"] for e in await entries_for("pekppp_follow_up", second)]
    assert trail[-1] == "follow_up.sent_back"

    await login(client, "petugas.satu")
    page = html(await client.get("/staf/hasil-evaluasi/2025"))
    assert "Foto kabur." in page.find("li", id=f"tindakan-{second}").find(class_="return-reason").get_text()
    assert (await move(client, second, "in_progress")).status_code == 303


async def test_overdue_and_date_messages_in_both_languages(client):
    people = await two_units()
    rec = await follow_up.add_recommendation(
        people["assessment_a"]["id"], indicator_no=1, text="R", actor=people["evaluator"]
    )
    late = await follow_up.plan_action(rec, what="Lama", owner="A", due_date=local_today(), actor=people["admin_a"])
    await follow_up.PekpppFollowUp.update({follow_up.PekpppFollowUp.due_date: local_today() - timedelta(days=3)}).where(
        follow_up.PekpppFollowUp.id == late
    )
    await login(client, "admin.satu")
    page = html(await client.get("/staf/hasil-evaluasi/2025"))
    assert page.find("li", id=f"tindakan-{late}").find(class_="action-overdue")

    yesterday = (local_today() - timedelta(days=1)).isoformat()
    refused = await plan(client, rec, due_date=yesterday)
    assert refused.status_code == 422
    assert "sebelum tanggal rencana dibuat" in html(refused).find(id=f"due_date-rec-{rec}-error").get_text()
    await client.get("/staf/hasil-evaluasi/2025?lang=en")
    refused = await plan(client, rec, due_date=yesterday)
    assert "before the plan was made" in html(refused).find(id=f"due_date-rec-{rec}-error").get_text()
    assert "Overdue" in html(await client.get("/staf/hasil-evaluasi/2025")).find("li", id=f"tindakan-{late}").get_text()
    assert len(await follow_up.PekpppFollowUp.select()) == 1


async def test_verified_actions_suggested_on_next_years_f01(client):
    people = await two_units()
    rec = await follow_up.add_recommendation(
        people["assessment_a"]["id"], indicator_no=7, text="R", actor=people["evaluator"]
    )
    action = await follow_up.plan_action(
        rec, what="SK maklumat baru", owner="A", due_date=local_today(), actor=people["admin_a"]
    )
    await login(client, "admin.satu")
    await upload(client, action)
    await follow_up.change_status(action, "done", actor=people["officer_a"])
    assert html(await client.get("/staf/penilaian-mandiri/2026")).find(id="usulan-bukti-7") is None
    await follow_up.change_status(action, "verified", actor=people["evaluator"])
    page = html(await client.get("/staf/penilaian-mandiri/2026"))
    block = page.find(id="usulan-bukti-7")
    entry = (await follow_up_queries.action(action))["evidence"][0]
    assert "SK maklumat baru" in block.get_text() and block.find("a", href=entry["url"])
    assert page.find(id="usulan-bukti-6") is None
    await login(client, "admin.dua")
    assert html(await client.get("/staf/penilaian-mandiri/2026")).find(id="usulan-bukti-7") is None
