"""The gaming suite (issue 21): for every auto-filled PEKPPP indicator and for the IKM, the cheapest
manipulation a unit officer or unit admin has, and the proof that it is refused or flagged.

Auto-filled indicators (evaluation_link/instruments/pekppp-2023-f02-kode-a.json, `auto.rule`):
1.a sp_components, 2.a sp_community, 3.a sp_publication, 4.a sp_review, 5.a maklumat, 6.a skm_done,
7.a skm_media, 8.a skm_rtl_pct, 9.a skm_rtl_speed, 21.d sipp_info, 22.d sipp_operational,
24.d sipp_updates, 26.e complaint_channels, 27.e complaint_accountability, 28.e complaint_followup.
`test_every_auto_indicator_has_a_gaming_test` fails when the instrument gains an auto rule without one.

Not here: the LAPOR! status typed by the unit (`/staf/pengaduan/{id}/lapor`, 28.e/22.d/26.e) belongs to
the LAPOR! provenance work (issue 21 item 1); its test is added with that change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from complaints.services import handling, reporter
from complaints.workflow import TransitionRefused
from evaluation_link.figures import gather_facts
from evaluation_link.instrument import load_instrument
from evaluation_link.queries import assessments as queries
from evaluation_link.rules import build_auto
from evaluation_link.services import assessments as evaluation
from portal.formatting import LOCAL_TZ
from portal.tables import AuditLog, Unit
from surveys import ballots, followup
from surveys.responses import ParsedResponse
from surveys.services import periods as period_service
from surveys.services.responses import record_response
from surveys.tables import FollowUpAction, PublicationMedium, SurveyResponse
from tests.complaints.factories import actor, routed_case, world
from tests.helpers import html, login, make_user, post_form
from tests.surveys.factories import add_responses, answer_form, make_period
from tests.surveys.web.test_staff import post_rtl

YEAR = followup.local_today().year
ANSWER = "Permohonan Anda sudah kami proses; dokumen dapat diambil di loket 2."

COVERED: dict[str, str] = {}  # auto rule -> test name (filled by the `covers` decorator)


def covers(*rules: str):
    def mark(test):
        for rule in rules:
            COVERED[rule] = test.__name__
        return test

    return mark


def test_every_auto_indicator_has_a_gaming_test() -> None:
    rules = {i.rule for i in load_instrument().indicators if i.is_auto}
    assert len(rules) == 15
    assert rules <= set(COVERED), f"auto indicators without a gaming test: {sorted(rules - set(COVERED))}"


async def auto(unit_id: int, number: int) -> Any:
    """The figure and suggestion of one auto indicator as "Tarik data portal" would store them."""
    unit = (
        await Unit.select(Unit.id, Unit.slug, Unit.name, Unit.published, Unit.complaint_channels)
        .where(Unit.id == unit_id)
        .output(load_json=True)
        .first()
    )
    instrument = load_instrument()
    return build_auto(instrument.indicator(number), await gather_facts(unit, YEAR, instrument), YEAR)


# --- Standar Pelayanan and Maklumat (1.a–5.a, 21.d) ---------------------------------------------------


@pytest.fixture
async def unit_admin(client, catalogue):
    await login(client, "admin.a")
    return catalogue


@covers("sp_components", "sp_review")
async def test_standard_dates_typed_in_the_future_are_refused(client, unit_admin) -> None:
    """1.a levels 3/5 and 4.a count adopted and recently reviewed standards: a future date is refused."""
    from tests.catalogue.test_staff import service_form

    service_id = unit_admin["services"]["akta"]
    before = (await auto(unit_admin["unit_a"], 1)).figure, (await auto(unit_admin["unit_a"], 4)).figure
    tomorrow = (followup.local_today() + timedelta(days=1)).isoformat()
    for field in ("reviewed_on", "adopted_on"):
        response = await post_form(
            client,
            f"/staf/layanan/{service_id}/ubah",
            service_form(name="Akta kelahiran", change_note="Tinjau ulang", **{field: tomorrow}),
        )
        assert response.status_code == 422 and html(response).select_one(f"#{field}-error")
    back = await post_form(
        client,
        f"/staf/layanan/{service_id}/ubah",
        service_form(name="Akta kelahiran", change_note="Tinjau", adopted_on="2026-01-05", reviewed_on="2025-12-01"),
    )
    assert back.status_code == 422  # reviewed before it was adopted
    after = (await auto(unit_admin["unit_a"], 1)).figure, (await auto(unit_admin["unit_a"], 4)).figure
    assert after == before


@covers("sp_community")
async def test_community_involvement_cannot_be_typed_in_by_the_unit(client, unit_admin) -> None:
    """2.a counts unsur masyarakat involved per standard; no staff form accepts them from the unit."""
    from portal.tables import ServiceVersion
    from tests.catalogue.test_staff import service_form

    service_id = unit_admin["services"]["akta"]
    before = (await auto(unit_admin["unit_a"], 2)).suggestion.score
    form = service_form(name="Akta kelahiran", change_note="Pelibatan", community_involvement="a\nb\nc\nd\ne")
    assert (await post_form(client, f"/staf/layanan/{service_id}/ubah", form)).status_code == 303
    latest = (
        await ServiceVersion.select(ServiceVersion.community_involvement)
        .where(ServiceVersion.service == service_id)
        .order_by(ServiceVersion.version_no, ascending=False)
        .output(load_json=True)
        .first()
    )
    assert latest["community_involvement"] in ([], None)
    assert (await auto(unit_admin["unit_a"], 2)).suggestion.score == before


@covers("sp_publication", "sipp_info")
async def test_publishing_an_incomplete_standard_does_not_count_as_complete(client, unit_admin) -> None:
    """3.a / 21.d: a service cannot be created without its components; incomplete ones are not counted."""
    from portal.tables import Service
    from tests.catalogue.test_staff import service_form

    services_before = await Service.count()
    empty = await post_form(client, "/staf/layanan/baru", service_form(requirements="", procedure="", product=""))
    assert empty.status_code == 422 and await Service.count() == services_before
    figure = (await auto(unit_admin["unit_a"], 3)).figure
    assert figure["published_complete"] <= figure["published"]


@covers("maklumat")
async def test_maklumat_adopted_in_the_future_is_refused(client, unit_admin) -> None:
    """5.a: the Maklumat counts from its adoption date: a future date is refused."""
    from portal.tables import Maklumat

    tomorrow = (followup.local_today() + timedelta(days=1)).isoformat()
    response = await post_form(client, "/staf/unit/maklumat", {
        "text": "Kami sanggup melaksanakan standar pelayanan dan siap menerima sanksi.", "adopted_on": tomorrow,
        "signed_by": "Kepala Dinas", "decree_number": "SK 9/2026"})  # fmt: skip
    assert response.status_code == 422 and await Maklumat.count() == 0
    assert (await auto(unit_admin["unit_a"], 5)).figure["exists"] is False


@covers("sipp_updates")
async def test_resaving_an_unchanged_profile_is_not_an_update(client, unit_admin) -> None:
    """24.d counts the days the unit's information changed: saving it unchanged changes nothing."""
    unit = await Unit.select().where(Unit.id == unit_admin["unit_a"]).output(load_json=True).first()
    form = {"name": unit["name"], "unit_type": unit["unit_type"], "address": unit["address"],
            "opening_hours": unit["opening_hours"], "phone": unit["phone"], "email": unit["email"],
            "website": unit["website"], "complaint_channels": "SP4N-LAPOR!: https://www.lapor.go.id"}  # fmt: skip
    for _ in range(3):
        assert (await post_form(client, "/staf/unit", form)).status_code == 303
    after = await Unit.select(Unit.updated_at).where(Unit.id == unit_admin["unit_a"]).first()
    assert after["updated_at"] == unit["updated_at"]
    assert await AuditLog.count().where(AuditLog.action == "unit_updated") == 0


# --- SKM (IKM, 6.a–9.a, 22.d) -------------------------------------------------------------------------


async def _skm_unit(open_access: bool = True) -> tuple[int, dict[str, Any]]:
    from tests.helpers import make_unit

    unit_id = await make_unit("dinkes", "Dinas Kesehatan", published=True)
    await make_user("admin.dinkes", "unit_admin", unit_id)
    await make_user("petugas.dinkes", "unit_officer", unit_id)
    period = await make_period(
        unit_id, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31), population=None, open_access=open_access
    )
    return unit_id, period


@pytest.fixture
def settings(settings):
    return settings.with_overrides(public_write_rate_limit="1000/minute")


@covers("skm_done")
async def test_ikm_forged_open_mode_answers_are_refused_or_held(client) -> None:
    """IKM and 6.a: 41 forged all-"1" answers (or all-"4" to inflate) without, or with scripted, ballots."""
    unit_id, period = await _skm_unit()
    await add_responses(period, [[3] * 9] * 20, channel="web")
    before = await auto(unit_id, 6)
    await client.get("/survei/dinkes")
    assert (await post_form(client, "/survei/dinkes", answer_form(4))).status_code == 409  # no ballot
    for _ in range(41):
        client.cookies.delete("skm_perangkat")
        ballot = html(await client.get("/survei/dinkes")).select_one("input[name=ballot]")["value"]
        await post_form(client, "/survei/dinkes", answer_form(4, ballot=ballot))
    assert await SurveyResponse.count().where(SurveyResponse.held.eq(False)) == 20
    after = await auto(unit_id, 6)
    assert after.figure["ikm"] == before.figure["ikm"] == 75.0
    assert after.figure["responses_held"] == 41  # flagged on the evaluator's sheet


async def test_ikm_a_period_with_only_held_answers_is_no_survey(db) -> None:
    """6.a / 22.d: answers on hold do not make a survey "done"."""
    unit_id, period = await _skm_unit()
    for _ in range(12):
        ballot = ballots.check_ballot(ballots.issue_ballot(period["id"]), period["id"])  # sent at once: held
        answers = ParsedResponse(answers={f"u{i}": 4 for i in range(1, 10)})
        await record_response(period, answers, channel="open", ballot=ballot)
    assert (await auto(unit_id, 6)).suggestion.score == 0
    assert (await auto(unit_id, 22)).figure["survey_done"] is False


async def test_ikm_paper_entries_by_an_officer_are_flagged_per_mode_and_audited(client) -> None:
    """IKM: an officer typing questionnaires himself shows up as "paper" answers, each with an audit entry."""
    unit_id, period = await _skm_unit(open_access=False)
    await login(client, "petugas.dinkes")
    for _ in range(3):
        assert (await post_form(client, f"/staf/survei/{period['id']}/entri", answer_form(4))).status_code == 303
    figure = (await auto(unit_id, 6)).figure
    assert figure["responses_by_mode"]["paper"] == 3 and figure["responses_by_mode"]["web"] == 0
    assert await AuditLog.count().where(AuditLog.action == "skm_paper_entry") == 3


async def test_ikm_quarantining_low_scores_is_flagged_and_audited(client) -> None:
    """IKM: a unit admin who quarantines the bad answers leaves a held count on the sheet and an audit trail."""
    unit_id, period = await _skm_unit()
    await add_responses(period, [[1] * 9] * 4, channel="paper")
    await login(client, "admin.dinkes")
    now = datetime.now(UTC).astimezone(LOCAL_TZ)
    response = await post_form(
        client,
        f"/staf/survei/{period['id']}/karantina",
        {
            "channel": "",
            "start": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "end": (now + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
            "reason": "Diduga entri ganda petugas",
        },
    )
    assert response.status_code == 303
    assert (await auto(unit_id, 6)).figure["responses_held"] == 4
    assert await AuditLog.count().where(AuditLog.action == "skm_quarantine") == 1


@covers("skm_media")
async def test_publication_media_dated_in_the_future_are_refused(client) -> None:
    """7.a counts the media the results were published in: a future publication date is refused."""
    unit_id, period = await _skm_unit()
    await login(client, "admin.dinkes")
    tomorrow = (followup.local_today() + timedelta(days=1)).isoformat()
    response = await post_form(
        client,
        f"/staf/survei/{period['id']}/media",
        {"medium": "papan_pengumuman", "detail": "Lobi", "published_on": tomorrow},
    )
    assert response.status_code == 422 and html(response).select_one("#published_on-error")
    assert await PublicationMedium.count() == 0
    assert (await auto(unit_id, 7)).figure["other_media"] == []


@covers("skm_rtl_pct", "skm_rtl_speed")
async def test_back_dated_or_unproven_follow_up_is_refused(client) -> None:
    """8.a / 9.a: an RTL "completed" on 1999-01-01, in the future or without proof is refused."""
    unit_id, period = await _skm_unit()
    await add_responses(period, [[3] * 9] * 5, channel="web")
    await period_service.update_period(period["id"], report_date=date(YEAR, 1, 10))
    await login(client, "admin.dinkes")
    url = f"/staf/survei/{period['id']}/rtl"
    fields = {"unsur_code": "u4", "action": "Tambah kursi", "owner": "Kasubag Umum", "due_date": f"{YEAR}-12-31"}
    assert (await post_form(client, url, fields)).status_code == 303
    [item] = await FollowUpAction.select()
    before = (await auto(unit_id, 8)).suggestion.score, (await auto(unit_id, 9)).suggestion.score
    tomorrow = (followup.local_today() + timedelta(days=1)).isoformat()
    for done in ("1999-01-01", f"{YEAR}-01-09", tomorrow):
        assert (await post_rtl(client, f"{url}/{item['id']}", {**fields, "completed_on": done})).status_code == 422
    today = followup.local_today().isoformat()
    assert (await post_form(client, f"{url}/{item['id']}", {**fields, "completed_on": today})).status_code == 422
    assert ((await auto(unit_id, 8)).suggestion.score, (await auto(unit_id, 9)).suggestion.score) == before
    assert before == (1, 0)  # one RTL, none done
    # Nor can the report date be moved next to the completion to shorten 9.a's months.
    moved = await post_form(
        client, f"/staf/survei/{period['id']}/publikasi", {"published": "1", "report_date": tomorrow}
    )
    assert moved.status_code == 422


# --- Complaints (27.e, 28.e, 26.e, 22.d) --------------------------------------------------------------


@covers("complaint_accountability", "complaint_followup")
async def test_instant_closure_after_a_token_answer_is_refused(app, db) -> None:
    """27.e / 28.e: answer "." and close 50 ms later: both refused; nothing counts as resolved."""
    ids = await world()
    case_id = await routed_case(app, ids)
    now = datetime.now(UTC)
    with pytest.raises(handling.InvalidAction):
        await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=".", now=now)
    await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER, now=now)
    with pytest.raises(TransitionRefused):
        await handling.apply_action(case_id, "close", await actor(ids["admin_a"]), now=now + timedelta(milliseconds=50))
    figure = (await auto(ids["unit_a"], 28)).figure
    assert figure["resolved"] == 0 and (await auto(ids["unit_a"], 27)).figure["followed_up"] is False


async def test_disputed_case_closed_by_the_accused_unit_is_refused(app, db) -> None:
    """28.e: the reporter disputes; the unit tries to close it, even after the silence window."""
    ids = await world()
    case_id = await routed_case(app, ids)
    at = datetime.now(UTC) - timedelta(days=40)
    await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER, now=at)
    await reporter.act(case_id, "dispute", note="Dokumen belum saya terima.", now=at + timedelta(hours=1))
    for who in ("admin_a", "sysadmin"):
        with pytest.raises(TransitionRefused):
            await handling.apply_action(case_id, "close", await actor(ids[who]))
    assert (await auto(ids["unit_a"], 28)).figure["resolved"] == 0


async def test_closures_are_split_on_the_sheet(app, db) -> None:
    """28.e: a unit closing after the silence window is counted apart from reporter confirmations."""
    ids = await world()
    case_id = await routed_case(app, ids)
    at = datetime.now(UTC) - timedelta(days=20)
    await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER, now=at)
    await handling.apply_action(case_id, "close", await actor(ids["admin_a"]))
    figure = (await auto(ids["unit_a"], 28)).figure
    assert (figure["resolved_by_unit"], figure["resolved_by_reporter"], figure["resolved_after_silence"]) == (1, 0, 0)


@covers("complaint_channels", "sipp_operational")
async def test_typed_channels_alone_do_not_reach_the_lapor_levels(client, unit_admin) -> None:
    """26.e / 22.d: the unit may type "ruang pengaduan terpisah" in its profile; the LAPOR! levels need
    complaints recorded in SP4N-LAPOR!, which typing a profile does not create."""
    unit = await Unit.select().where(Unit.id == unit_admin["unit_a"]).output(load_json=True).first()
    form = {
        "name": unit["name"],
        "unit_type": unit["unit_type"],
        "address": unit["address"],
        "opening_hours": unit["opening_hours"],
        "phone": "",
        "email": "",
        "website": "",
        "complaint_channels": "Ruang pengaduan terpisah tatap muka: Lantai 1\nSP4N-LAPOR!: https://lapor.go.id",
    }
    assert (await post_form(client, "/staf/unit", form)).status_code == 303
    channels = await auto(unit_admin["unit_a"], 26)
    assert channels.figure["lapor_recorded"] == 0 and (channels.suggestion.score or 0) <= 4
    assert (await auto(unit_admin["unit_a"], 22)).figure["lapor_recorded"] == 0


# --- The evaluator's sheet ----------------------------------------------------------------------------


async def test_unit_scores_and_edits_after_the_lock_do_not_change_the_sheet(client, unit_admin) -> None:
    """Self-typed scores never replace the portal's suggestion, units cannot review, and a locked sheet
    keeps its figures whatever changes later."""
    await make_user("penilai", "evaluator")
    unit = await queries.unit_by_slug("dukcapil-uji")
    assessment_id = (await evaluation.get_or_create_assessment(unit["id"], YEAR))["id"]
    await evaluation.pull_portal_data(assessment_id)
    saved = await post_form(client, f"/staf/penilaian-mandiri/{YEAR}", {"self_score_1": "5", "self_score_4": "5"})
    assert saved.status_code == 303
    view = await queries.sheet_for("dukcapil-uji", YEAR)
    for number in (1, 4):  # the portal has a suggestion: the unit's own 5 does not replace it
        row = view.indicator_view(number).row
        assert row["self_score"] == 5 and row["suggested_score"] is not None
        assert queries.effective_score(row) == row["suggested_score"] != 5
    review = await post_form(
        client,
        f"/staf/evaluasi/dukcapil-uji/{YEAR}/indikator/28",
        {"evaluator_score": "5", "override_reason": "Bukti lengkap"},
    )
    assert review.status_code == 403
    evaluator = type("U", (), {"id": 1, "full_name": "Penilai", "username": "penilai"})()
    for _aspect, items, _score in view.aspects:
        for item in items:
            await evaluation.review_indicator(assessment_id, item.indicator.no, 2, "Uji", actor=evaluator)
    await evaluation.lock_assessment(assessment_id, actor=evaluator)
    figure_before = view.indicator_view(4).row["auto_figure"]
    from tests.catalogue.test_staff import service_form

    edit = await post_form(
        client,
        f"/staf/layanan/{unit_admin['services']['akta']}/ubah",
        service_form(name="Akta kelahiran", change_note="Tinjau", reviewed_on=followup.local_today().isoformat()),
    )
    assert edit.status_code == 303
    assert (await post_form(client, f"/staf/penilaian-mandiri/{YEAR}", {"self_score_28": "4"})).status_code == 409
    with pytest.raises(evaluation.EvaluationError):
        await evaluation.pull_portal_data(assessment_id)
    after = await queries.sheet_for("dukcapil-uji", YEAR)
    assert after.indicator_view(4).row["auto_figure"] == figure_before
