"""The public questionnaire: receipt codes, one response per code/complaint, validation, open mode."""

from __future__ import annotations

import asyncio

from surveys import queries
from surveys.services import periods as period_service
from surveys.tables import SurveyResponse, SurveyToken
from tests.helpers import html, make_unit, post_form
from tests.surveys.factories import answer_form, make_period, make_service


async def test_receipt_code_form_records_one_response_and_refuses_a_second(client) -> None:
    unit_id = await make_unit("disdukcapil", "Dinas Kependudukan")
    service_id = await make_service(unit_id)
    period = await make_period(unit_id)
    [code] = await period_service.issue_tokens(period["id"], 1)

    page = await client.get(f"/survei/isi/{code.lower()}")
    assert page.status_code == 200
    doc = html(page)
    assert "Dinas Kependudukan" in doc.text
    assert len(doc.select("fieldset.question")) == 9
    fee = doc.select_one("#q-u4").text
    assert fee.index("Sangat mahal") < fee.index("Gratis")

    response = await post_form(
        client,
        f"/survei/isi/{code}",
        answer_form(
            [4, 3, 3, 2, 3, 4, 4, 3, 2],
            service=str(service_id),
            age_band="30-39",
            sex="P",
            suggestion="Antrean panjang",
        ),
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/survei/terima-kasih?unit=disdukcapil"
    rows = await SurveyResponse.select()
    assert len(rows) == 1
    assert (rows[0]["u4"], rows[0]["u9"], rows[0]["service"], rows[0]["channel"]) == (2, 2, service_id, "web")

    again = await post_form(client, f"/survei/isi/{code}", answer_form(1))
    assert again.status_code == 409
    assert "sudah dipakai" in again.text
    assert await SurveyResponse.count() == 1
    assert (await client.get(f"/survei/isi/{code}")).status_code == 409


async def test_incomplete_answers_are_refused_with_field_messages_and_nothing_saved(client) -> None:
    unit_id = await make_unit()
    period = await make_period(unit_id)
    [code] = await period_service.issue_tokens(period["id"], 1)
    form = answer_form(3)
    del form["u7"]
    form["u2"] = "5"
    response = await post_form(client, f"/survei/isi/{code}", form)
    assert response.status_code == 422
    doc = html(response)
    assert doc.select_one("#u7-error").text == "Pilih salah satu jawaban."
    assert doc.select_one("#u2-error") is not None
    assert doc.select_one("#u1-3").has_attr("checked")  # earlier answers are kept
    assert await SurveyResponse.count() == 0
    assert (await SurveyToken.select(SurveyToken.used_at))[0]["used_at"] is None


async def test_unknown_code_is_a_404_page_in_indonesian(client) -> None:
    response = await client.get("/survei/isi/ZZZZ-ZZZZ")
    assert response.status_code == 404
    assert "Kode survei tidak dikenal" in response.text
    posted = await post_form(client, "/survei/isi/ZZZZZZZZ", answer_form(4))
    assert posted.status_code == 404 and await SurveyResponse.count() == 0


async def test_concurrent_submissions_of_one_code_store_one_response(client) -> None:
    unit_id = await make_unit()
    period = await make_period(unit_id)
    [code] = await period_service.issue_tokens(period["id"], 1)
    results = await asyncio.gather(*(post_form(client, f"/survei/isi/{code}", answer_form(3)) for _ in range(5)))
    assert sorted(r.status_code for r in results) == [303, 409, 409, 409, 409]
    assert await SurveyResponse.count() == 1


async def test_closed_period_refuses_answers(client) -> None:
    unit_id = await make_unit()
    period = await make_period(unit_id)
    [code] = await period_service.issue_tokens(period["id"], 1)
    await period_service.update_period(period["id"], accepting=False)
    response = await post_form(client, f"/survei/isi/{code}", answer_form(4))
    assert response.status_code == 409 and "ditutup" in response.text
    assert await SurveyResponse.count() == 0


def filled_ballot(period_id: int) -> str:
    """A ballot served a minute ago (a person needs more than PORTAL_SKM_MIN_FILL_SECONDS to answer)."""
    from datetime import UTC, datetime, timedelta

    from surveys.ballots import issue_ballot

    return issue_ballot(period_id, at=datetime.now(UTC) - timedelta(minutes=1))


async def test_open_mode_allows_one_response_per_device(client) -> None:
    await make_unit("dinkes", "Dinas Kesehatan")
    unit_id = (await queries.unit_by_slug("dinkes"))["id"]
    period = await make_period(unit_id, open_access=True)
    page = await client.get("/survei/dinkes")
    assert page.status_code == 200 and client.cookies.get("skm_perangkat")
    assert html(page).select_one("input[type=hidden][name=ballot]")["value"]
    first = await post_form(client, "/survei/dinkes", answer_form(3, ballot=filled_ballot(period["id"])))
    assert first.status_code == 303
    second = await post_form(client, "/survei/dinkes", answer_form(2, ballot=filled_ballot(period["id"])))
    assert second.status_code == 409 and "Perangkat ini sudah" in second.text
    assert await SurveyResponse.count() == 1


async def test_unit_without_open_mode_asks_for_the_receipt_code(client) -> None:
    unit_id = await make_unit("dishub", "Dinas Perhubungan")
    await make_period(unit_id)
    page = await client.get("/survei/dishub")
    assert page.status_code == 200 and html(page).select_one("form[action='/survei/isi'] #kode")
    posted = await post_form(client, "/survei/dishub", answer_form(4))
    assert posted.status_code == 409 and await SurveyResponse.count() == 0
    index = await client.get("/survei")
    assert "Dinas Perhubungan" in index.text


async def test_honeypot_filled_by_a_bot_is_refused(client) -> None:
    unit_id = await make_unit()
    period = await make_period(unit_id)
    [code] = await period_service.issue_tokens(period["id"], 1)
    response = await post_form(client, f"/survei/isi/{code}", answer_form(4, situs_web="http://spam"))
    assert response.status_code == 422 and await SurveyResponse.count() == 0


async def test_form_is_available_in_english(client) -> None:
    unit_id = await make_unit()
    period = await make_period(unit_id)
    [code] = await period_service.issue_tokens(period["id"], 1)
    doc = html(await client.get(f"/survei/isi/{code}?lang=en"))
    assert doc.html["lang"] == "en"
    assert doc.h1.text.strip() == "Community Satisfaction Survey"
    fee = doc.select_one("#q-u4").text
    assert "Very expensive" in fee and "Free" in fee


async def test_public_posts_are_rate_limited_against_stuffing(client) -> None:
    statuses = [(await post_form(client, "/survei/isi/TIDAKADA", answer_form(4))).status_code for _ in range(31)]
    assert statuses[:30] == [404] * 30  # the test settings allow 30 public writes a minute
    assert statuses[30] == 429
    assert await SurveyResponse.count() == 0
