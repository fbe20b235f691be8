"""F-01 evidence uploads: checked by content, stored, downloadable only by those who may view the unit."""

from __future__ import annotations

from evaluation_link.queries import assessments as queries
from portal.audit import entries_for
from portal.pdf_clean import clean_pdf
from tests.foundation.test_uploads import jpeg_with_gps
from tests.helpers import csrf_token, html, login, make_unit, make_user
from tests.privacy.pdfs import plain as plain_pdf

PDF = plain_pdf()
STORED_PDF = clean_pdf(PDF)  # uploads are rebuilt from their pages


async def upload(client, data: dict, files: dict):
    token = await csrf_token(client)
    return await client.post("/staf/penilaian-mandiri/2026", data={**data, "_csrf_token": token}, files=files)


async def test_form_is_complete_before_anything_is_saved(client):
    unit = await make_unit("dinas-f01")
    await make_user("admin.f01", "unit_admin", unit)
    await login(client, "admin.f01")
    start = await client.get("/staf/penilaian-mandiri/")
    assert start.status_code == 303 and start.headers["location"].startswith("/staf/penilaian-mandiri/20")
    page = html(await client.get("/staf/penilaian-mandiri/2026"))
    assert len(page.select("div.indicator")) == 31
    assert page.find("input", attrs={"type": "file", "name": "file_18"})
    assert await queries.find_assessment(unit, 2026) is None  # viewing writes nothing


async def test_upload_is_stored_and_served_only_to_allowed_staff(client):
    unit = await make_unit("dinas-unggah")
    other = await make_unit("dinas-tetangga")
    await make_user("admin.unggah", "unit_admin", unit)
    await make_user("admin.tetangga", "unit_admin", other)
    await make_user("evaluator.unggah", "evaluator")
    await login(client, "admin.unggah")

    refused = await upload(
        client, {"self_score_18": "3"}, {"file_18": ("catatan.txt", b"bukan pdf", "application/pdf")}
    )
    assert refused.status_code == 422
    assert "PDF" in html(refused).find(id="file_18-error").get_text()
    assert await queries.find_assessment(unit, 2026) is None

    saved = await upload(client, {"self_score_18": "3"}, {"file_18": ("foto ramp.pdf", PDF, "application/pdf")})
    assert saved.status_code == 303
    view = await queries.sheet_for("dinas-unggah", 2026)
    entry = view.indicator_view(18).row["evidence"][0]
    assert entry["label"] == "foto ramp.pdf" and entry["url"].startswith(f"/staf/bukti-evaluasi/{unit}/")
    assert any(
        e["action"] == "evaluation.self_assessment"
        for e in await entries_for("pekppp_assessment", view.assessment["id"])
    )

    own = await client.get(entry["url"])
    assert own.status_code == 200 and own.content == STORED_PDF
    await login(client, "evaluator.unggah")
    assert (await client.get(entry["url"])).content == STORED_PDF
    sheet = html(await client.get("/staf/evaluasi/dinas-unggah/2026"))
    assert sheet.find("article", id="indikator-18").find("a", href=entry["url"])
    await login(client, "admin.tetangga")
    assert (await client.get(entry["url"])).status_code == 403
    assert (await client.get(f"/staf/bukti-evaluasi/{other}/{entry['file']}")).status_code == 404


async def test_photos_lose_their_metadata_and_scripted_pdfs_are_refused(client):
    unit = await make_unit("dinas-foto")
    await make_user("admin.foto", "unit_admin", unit)
    await login(client, "admin.foto")
    scripted = b"%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n"
    refused = await upload(client, {"self_score_18": "3"}, {"file_18": ("bukti.pdf", scripted, "application/pdf")})
    assert refused.status_code == 422 and html(refused).find(id="file_18-error").get_text().strip()
    photo = jpeg_with_gps()
    saved = await upload(client, {"self_score_18": "3"}, {"file_18": ("ramp.jpg", photo, "image/jpeg")})
    assert saved.status_code == 303
    entry = (await queries.sheet_for("dinas-foto", 2026)).indicator_view(18).row["evidence"][0]
    stored = (await client.get(entry["url"])).content
    assert stored.startswith(b"\xff\xd8") and b"KameraPelapor" not in stored and b"Jl. Melati" not in stored
