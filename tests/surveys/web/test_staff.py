"""Staff SKM pages: who may do what, paper entry, RTL and publication; PEKPPP inputs; the JSON API."""

from __future__ import annotations

from datetime import UTC, date, datetime

from portal.tables import AuditLog
from surveys import queries
from surveys.pekppp import pekppp_inputs
from surveys.services import periods as period_service
from surveys.tables import FollowUpAction, SurveyPeriod, SurveyResponse
from tests.helpers import html, login, make_unit, make_user, post_form
from tests.surveys.factories import add_responses, answer_form, make_period


def png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


async def post_rtl(client, url: str, fields: dict, proof: bytes | None = None):
    """An RTL form with an uploaded proof (completion needs one)."""
    from tests.helpers import csrf_token

    return await client.post(
        url,
        data={**fields, "_csrf_token": await csrf_token(client)},
        files={"evidence_file": ("bukti.png", proof or png(), "image/png")},
    )


async def two_units() -> tuple[int, int]:
    own = await make_unit("dinkes", "Dinas Kesehatan")
    other = await make_unit("dishub", "Dinas Perhubungan")
    await make_user("admin.dinkes", "unit_admin", own)
    await make_user("petugas.dinkes", "unit_officer", own)
    await make_user("penilai", "evaluator")
    return own, other


async def test_unit_admin_creates_a_period_and_sees_the_required_sample(client) -> None:
    own, _other = await two_units()
    await login(client, "admin.dinkes")
    response = await post_form(
        client,
        "/staf/survei/baru",
        {
            "period_type": "semester",
            "start_date": "2026-01-01",
            "end_date": "2026-06-30",
            "population_source": "entered",
            "population": "1.000",
        },
    )
    assert response.status_code == 303
    period = (await SurveyPeriod.select())[0]
    assert (period["unit"], period["label"], period["population"]) == (own, "Semester I 2026", 1000)
    detail = html(await client.get(response.headers["location"]))
    assert "sampel minimal 278" in detail.select_one(".sample-adequacy").text
    listing = await client.get("/staf/survei")
    assert "0 / 278" in listing.text


async def test_bad_period_input_is_refused_and_nothing_saved(client) -> None:
    await two_units()
    await login(client, "admin.dinkes")
    response = await post_form(
        client,
        "/staf/survei/baru",
        {
            "period_type": "year",
            "start_date": "2026-12-31",
            "end_date": "2026-01-01",
            "population_source": "entered",
            "population": "nol",
        },
    )
    assert response.status_code == 422
    doc = html(response)
    assert doc.select_one("#end_date-error") and doc.select_one("#population-error")
    assert await SurveyPeriod.count() == 0


async def test_unit_admin_cannot_touch_another_units_period(client) -> None:
    _own, other = await two_units()
    period = await make_period(other)
    await login(client, "admin.dinkes")
    for url, data in [
        (f"/staf/survei/{period['id']}/publikasi", {"published": "1", "accepting": "1"}),
        (f"/staf/survei/{period['id']}/entri", answer_form(4)),
        (f"/staf/survei/{period['id']}/kode", {"count": "5"}),
        (
            f"/staf/survei/{period['id']}/rtl",
            {"unsur_code": "u1", "action": "x", "owner": "y", "due_date": "2026-03-01"},
        ),
    ]:
        assert (await post_form(client, url, data)).status_code == 403, url
    assert (await client.get(f"/staf/survei/{period['id']}")).status_code == 403
    assert not (await queries.get_period(period["id"]))["published"]
    assert await SurveyResponse.count() == 0 and await FollowUpAction.count() == 0


async def test_officer_enters_paper_questionnaires_but_cannot_publish(client) -> None:
    own, _other = await two_units()
    period = await make_period(own)
    await login(client, "petugas.dinkes")
    saved = await post_form(
        client, f"/staf/survei/{period['id']}/entri", answer_form(3, sex="L", suggestion="Loket dibuka lebih pagi")
    )
    assert saved.status_code == 303
    row = (await SurveyResponse.select())[0]
    assert row["channel"] == "paper" and row["entered_by"] is not None and row["u1"] == 3
    assert await AuditLog.count().where(AuditLog.action == "skm_paper_entry") == 1
    detail = html(await client.get(f"/staf/survei/{period['id']}"))
    assert "Loket dibuka lebih pagi" in detail.select_one(".suggestions").text
    refused = await post_form(client, f"/staf/survei/{period['id']}/publikasi", {"published": "1"})
    assert refused.status_code == 403
    incomplete = await post_form(client, f"/staf/survei/{period['id']}/entri", {"u1": "3"})
    assert incomplete.status_code == 422 and await SurveyResponse.count() == 1


async def test_rtl_publication_media_and_pekppp_inputs(client) -> None:
    own, _other = await two_units()
    period = await make_period(own, population=10, start=date(2025, 1, 1), end=date(2025, 12, 31))
    await add_responses(period, [[4, 3, 3, 2, 3, 4, 4, 3, 2]] * 10)
    await login(client, "admin.dinkes")
    base = f"/staf/survei/{period['id']}"
    published = await post_form(client, base + "/publikasi", {"published": "1", "report_date": "2026-01-15"})
    assert published.status_code == 303
    bad = await post_form(
        client,
        base + "/rtl",
        {
            "unsur_code": "u99",
            "action": "",
            "owner": "Kepala",
            "due_date": "kemarin",
            "evidence_url": "javascript:alert(1)",
        },
    )
    assert bad.status_code == 422 and await FollowUpAction.count() == 0
    for unsur in ("u4", "u9"):
        response = await post_form(
            client,
            base + "/rtl",
            {
                "unsur_code": unsur,
                "action": f"Perbaiki {unsur}",
                "owner": "Kepala Seksi",
                "due_date": "2026-03-31",
                "evidence_url": "https://contoh.go.id/bukti",
            },
        )
        assert response.status_code == 303
    # Recorded in the portal on 20 January 2026 (completion dates may not precede the recording).
    await FollowUpAction.update({FollowUpAction.created_at: datetime(2026, 1, 20, 2, 0, tzinfo=UTC)}, force=True)
    item = {a["unsur_code"]: a["id"] for a in await FollowUpAction.select()}
    done = await post_rtl(
        client,
        f"{base}/rtl/{item['u4']}",
        {
            "unsur_code": "u4",
            "action": "Perbaiki u4",
            "owner": "Kepala Seksi",
            "due_date": "2026-03-31",
            "completed_on": "2026-02-10",
        },
    )
    assert done.status_code == 303
    await post_form(client, base + "/media", {"medium": "papan_pengumuman", "detail": "Lobi"})
    await post_form(client, base + "/media", {"medium": "media_sosial", "detail": "Instagram"})

    inputs = await pekppp_inputs(own, 2025)
    assert inputs["survey_done"] and inputs["per_regulation"] and inputs["published_portal"]
    assert inputs["responses"] == 10 and inputs["required_sample"] == 10
    assert inputs["mutu"] == "B" and inputs["ikm"] == 77.78  # NRR sum 28 / 9 × 25 = 77.777...
    assert inputs["other_media"] == ["Papan pengumuman", "Media sosial"]
    assert inputs["report_date"] == date(2026, 1, 15)
    assert (inputs["rtl_total"], inputs["rtl_done"], inputs["rtl_completion_pct"]) == (2, 1, 50.0)
    assert inputs["months_to_complete_all"] is None
    assert any(e["url"].endswith(f"/survei/hasil/dinkes/{period['id']}.pdf") for e in inputs["evidence"])

    await post_rtl(
        client,
        f"{base}/rtl/{item['u9']}",
        {
            "unsur_code": "u9",
            "action": "Perbaiki u9",
            "owner": "Kepala Seksi",
            "due_date": "2026-03-31",
            "completed_on": "2026-04-16",
        },
    )
    inputs = await pekppp_inputs(own, 2025)
    assert inputs["rtl_completion_pct"] == 100.0 and inputs["months_to_complete_all"] == 2.99  # 91 days / 30.4375
    assert (await pekppp_inputs(own, 2024))["survey_done"] is False
    assert await AuditLog.count().where(AuditLog.action == "skm_rtl_saved") == 4

    api = await client.get("/api/v1/skm/units/dinkes/results")
    body = api.json()
    assert round(body["periods"][0]["ikm_konversi"], 2) == 77.78
    assert body["periods"][0]["mutu"] == "B" and body["periods"][0]["sample_adequate"] is True
    schema = await client.get("/schema/openapi.json")
    assert "/api/v1/skm/units/{slug}/results" in schema.json()["paths"]


async def test_pekppp_flags_an_inadequate_sample(db) -> None:
    unit_id = await make_unit()
    period = await make_period(unit_id, population=1000)
    await add_responses(period, [[3] * 9] * 5)
    inputs = await pekppp_inputs(unit_id, 2026)
    assert inputs["survey_done"] is True and inputs["per_regulation"] is False
    assert inputs["required_sample"] == 278 and inputs["published_portal"] is False


async def test_closed_complaint_gets_one_invitation_and_one_response(client) -> None:
    from complaints.tables import Complaint

    unit_id = await make_unit("dpupr", "Dinas PU")
    await make_period(unit_id, start=date(2026, 1, 1))
    rows = await Complaint.insert(
        Complaint(tracking_code="ADU-1", title="Jalan rusak", description="x", unit=unit_id, status="closed")
    ).returning(Complaint.id)
    open_rows = await Complaint.insert(
        Complaint(tracking_code="ADU-2", title="Lampu", description="y", unit=unit_id, status="in_progress")
    ).returning(Complaint.id)
    assert await period_service.invitation_for_closed_complaint(open_rows[0]["id"]) is None
    url = await period_service.invitation_for_closed_complaint(rows[0]["id"])
    assert url and url == await period_service.invitation_for_closed_complaint(rows[0]["id"])
    path = "/survei/isi/" + url.rsplit("/", 1)[1]
    assert (await post_form(client, path, answer_form(4))).status_code == 303
    assert (await SurveyResponse.select(SurveyResponse.channel))[0]["channel"] == "complaint"
    assert await period_service.invitation_for_closed_complaint(rows[0]["id"]) is None
    assert (await post_form(client, path, answer_form(4))).status_code == 409
    assert await SurveyResponse.count() == 1


async def test_evaluator_reads_every_unit_but_changes_nothing(client) -> None:
    _own, other = await two_units()
    period = await make_period(other)
    await login(client, "penilai")
    assert (await client.get(f"/staf/survei/{period['id']}")).status_code == 200
    assert (await client.get("/staf/survei")).status_code == 200
    assert (await post_form(client, f"/staf/survei/{period['id']}/publikasi", {"published": "1"})).status_code == 403


async def test_rtl_evidence_upload_is_checked_and_served_after_publication(client) -> None:
    import io

    from PIL import Image

    from surveys.followup import local_today
    from tests.helpers import csrf_token

    own, _other = await two_units()
    period = await make_period(own)
    await period_service.update_period(period["id"], report_date=date(2026, 1, 2))
    await login(client, "admin.dinkes")
    fields = {
        "unsur_code": "u9",
        "action": "Kursi tambahan",
        "owner": "Kasubag Umum",
        "due_date": "2026-03-31",
        "completed_on": local_today().isoformat(),
        "_csrf_token": await csrf_token(client),
    }
    rejected = await client.post(
        f"/staf/survei/{period['id']}/rtl",
        data=fields,
        files={"evidence_file": ("bukti.png", b"not an image", "image/png")},
    )
    assert rejected.status_code == 422 and await FollowUpAction.count() == 0
    assert html(rejected).select_one("#evidence_file-error")
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    saved = await client.post(
        f"/staf/survei/{period['id']}/rtl",
        data=fields,
        files={"evidence_file": ("bukti.png", buffer.getvalue(), "image/png")},
    )
    assert saved.status_code == 303
    action = (await FollowUpAction.select())[0]
    assert action["evidence_file"].endswith(".png") and action["evidence_file_type"] == "image/png"
    url = f"/survei/bukti/{action['id']}"
    assert (await client.get(url)).status_code == 200  # staff of the unit, before publication
    await post_form(client, "/keluar", {})
    assert (await client.get(url)).status_code == 303  # anonymous: log in first
    await period_service.update_period(period["id"], published=True)
    served = await client.get(url)
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"
    assert served.content.startswith(b"\x89PNG")


async def test_unit_admin_adds_an_unsur_and_custom_weights_before_answers(client) -> None:
    own, _other = await two_units()
    period = await make_period(own)
    await login(client, "admin.dinkes")
    base = f"/staf/survei/{period['id']}"
    added = await post_form(
        client, base + "/unsur", {"unsur_name": "Kebersihan", "unsur_question": "Bagaimana kebersihan ruang tunggu?"}
    )
    assert added.status_code == 303
    weights = {f"weight_u{i}": "0,09" for i in range(1, 10)}
    bad = await post_form(client, base + "/bobot", weights | {"weight_x1": "0.2"})
    assert bad.status_code == 422 and "berjumlah tepat 1" in bad.text
    assert (await queries.get_period(period["id"]))["weights"] == {}
    assert (await post_form(client, base + "/bobot", weights | {"weight_x1": "0.19"})).status_code == 303
    assert (await queries.get_period(period["id"]))["weights"]["x1"] == "0.19"
    [code] = await period_service.issue_tokens(period["id"], 1)
    form = await client.get(f"/survei/isi/{code}")
    assert "Bagaimana kebersihan ruang tunggu?" in form.text and len(html(form).select("fieldset.question")) == 10
    assert (await post_form(client, f"/survei/isi/{code}", answer_form(3))).status_code == 422  # x1 missing
    assert (await post_form(client, f"/survei/isi/{code}", answer_form(3, x1="1"))).status_code == 303
    page = await client.get(base)
    assert "Bobot khusus unit" in page.text and html(page).select_one("#unsur_name") is None
    frozen = await post_form(client, base + "/unsur", {"unsur_name": "Parkir", "unsur_question": "Parkir?"})
    assert frozen.status_code == 422 and len(await queries.extra_unsur(period["id"])) == 1


async def test_system_admin_creates_a_period_counted_from_receipts(client) -> None:
    own, _other = await two_units()
    await make_user("root", "system_admin")
    await login(client, "root")
    bad = await post_form(
        client,
        "/staf/survei/baru",
        {
            "unit": "9999",
            "period_type": "quarter",
            "start_date": "2026-04-01",
            "end_date": "2026-06-30",
            "population_source": "receipts",
        },
    )
    assert bad.status_code == 422 and await SurveyPeriod.count() == 0
    response = await post_form(
        client,
        "/staf/survei/baru",
        {
            "unit": str(own),
            "period_type": "quarter",
            "start_date": "2026-04-01",
            "end_date": "2026-06-30",
            "population_source": "receipts",
        },
    )
    assert response.status_code == 303
    period = (await SurveyPeriod.select())[0]
    assert period["label"] == "Triwulan II 2026" and period["population_source"] == "receipts"
    issued = await post_form(client, f"/staf/survei/{period['id']}/kode", {"count": "25"})
    assert issued.status_code == 303
    assert (await queries.get_period(period["id"]))["population"] == 25
    tokens = html(await client.get(issued.headers["location"]))
    assert len(tokens.select(".token-table tbody tr")) == 25
    assert (await post_form(client, f"/staf/survei/{period['id']}/kode", {"count": "0"})).status_code == 422


async def test_staff_home_links_to_the_surveys(client) -> None:
    await two_units()
    await login(client, "admin.dinkes")
    home = html(await client.get("/staf"))
    assert home.select_one("a[href='/staf/survei']") and home.select_one("a[href='/staf/survei/baru']")
