"""Gaming 28.e (tindak lanjut pengaduan) through SP4N-LAPOR! facts: a unit types an invented tracking ID with
"Ditutup" on an open case, hoping the figure goes from 2 to 5. LAPOR! facts count only when they come from an
import of the national export (or the system admin with a document), and the evidence shows where from."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from complaints.lapor_import import import_workbook
from complaints.tables import Complaint
from evaluation_link.queries import assessments as queries
from tests.complaints.lapor_fixtures import book, title_row
from tests.evaluation_link.factories import make_complaint
from tests.helpers import csrf_token, html, login, make_unit, make_user, post_form

FILED = datetime(2026, 2, 3, 3, 0, tzinfo=UTC)


async def figure_28() -> tuple[int | None, dict]:
    view = await queries.sheet_for("dinas-eval", 2026)
    row = view.indicator_view(28).row
    return row["suggested_score"], row["auto_figure"]


async def test_unit_cannot_type_lapor_facts_and_typed_facts_do_not_count(client) -> None:
    unit = await make_unit(
        "dinas-eval",
        name="Dinas Evaluasi",
        parent_agency="Pemerintah Kabupaten Sukamaju",
        complaint_channels=[{"label": "Ruang pengaduan tatap muka", "value": "Lantai 1"}],
    )
    await make_user("petugas", "unit_officer", unit)
    await make_user("kepala", "unit_admin", unit)
    await make_user("penilai", "evaluator")
    closed = await make_complaint(unit, FILED, status="closed", reply_after=5, close_after=40)
    still_open = await make_complaint(unit, FILED, status="in_progress", reply_after=8)

    await login(client, "penilai")
    await post_form(client, "/staf/evaluasi/dinas-eval/2026/tarik", {})
    score, figure = await figure_28()
    assert score == 2 and (figure["received"], figure["lapor_recorded"]) == (2, 0)

    # The cheapest manipulation: the unit's own staff type "Ditutup" with invented tracking IDs.
    for username in ("petugas", "kepala"):
        await client.post("/keluar", data={"_csrf_token": await csrf_token(client)})
        await login(client, username)
        for number, complaint_id in enumerate((closed, still_open)):
            response = await post_form(
                client,
                f"/staf/pengaduan/{complaint_id}/lapor",
                {"lapor_tracking_id": f"999000{number}", "lapor_status": "Ditutup oleh Admin"},
            )
            assert response.status_code == 403
    assert all(r["lapor_tracking_id"] is None for r in await Complaint.select(Complaint.lapor_tracking_id))

    # Facts typed before this rule (no provenance) do not count either.
    await Complaint.update(
        {Complaint.lapor_tracking_id: "9990001", Complaint.lapor_status: "Ditutup oleh Admin"}
    ).where(Complaint.id == still_open)
    await client.post("/keluar", data={"_csrf_token": await csrf_token(client)})
    await login(client, "penilai")
    await post_form(client, "/staf/evaluasi/dinas-eval/2026/tarik", {})
    score, figure = await figure_28()
    assert score == 2 and (figure["lapor_recorded"], figure["lapor_resolved"]) == (0, 0)

    # The national export is the source: it says the report is still waiting in SP4N-LAPOR!.
    export = book(
        [title_row("9990001", "Belum Terverifikasi", unit="Dinas Evaluasi Kabupaten Sukamaju", day="03 Feb 2026")],
        created=datetime(2026, 6, 1, 8, 0),
    )
    result = await import_workbook(export, filename="lapor-juni.xlsx", actor_name="admin.sistem")
    assert result.updated == 1
    await post_form(client, "/staf/evaluasi/dinas-eval/2026/tarik", {})
    score, figure = await figure_28()
    assert (figure["lapor_recorded"], figure["lapor_resolved"]) == (1, 0)
    assert score == 2
    source = figure["lapor_sources"][0]
    assert (source["file"], source["complaints"], source["by"]) == ("lapor-juni.xlsx", 1, "admin.sistem")
    assert source["sha256"] == hashlib.sha256(export).hexdigest()

    # The evidence page names the file, its hash, the complaints it gave and who imported it.
    page = html(await client.get("/staf/evaluasi/dinas-eval/2026"))
    table = page.find("article", id="indikator-28").find("table", class_="lapor-sources")
    text = table.get_text(" ", strip=True)
    assert "lapor-juni.xlsx" in text and hashlib.sha256(export).hexdigest()[:16] in text
    assert "admin.sistem" in text
