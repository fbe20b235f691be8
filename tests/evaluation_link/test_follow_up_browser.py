"""The follow-up loop in a real browser, desktop and phone: the evaluator locks and recommends, the unit
admin sees the result and plans actions, the officer uploads evidence and finishes them, the evaluator
verifies one and sends one back (which the officer then sees with its reason), and the coordination view
and its meeting pack (XLSX and PDF) show that progress."""

from __future__ import annotations

import asyncio
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.browser.support import DESKTOP, PHONE, browser, login, page_in, watch_problems
from tests.privacy.pdfs import plain as plain_pdf

SLUG = "dinsos"  # a unit the demo gives no assessment, so both years start empty
PASSES = [("desktop", DESKTOP, 2025), ("phone", PHONE, 2026)]  # 2026 then shows 2025 beside it
WEAK = 2  # every indicator scored this, so the unit is weak in every aspect and appears in the meeting pack
# (recommendation index, action): the third stays planned while the first two go to verified / sent back
ACTIONS = [(0, "Forum konsultasi publik"), (1, "Renovasi ruang tunggu"), (1, "Perbaiki toilet difabel")]


def reviewed_but_open(slug: str, year: int) -> None:
    """Every indicator of the unit's assessment scored WEAK by the evaluator, not yet locked."""

    async def prepare() -> None:
        from evaluation_link.follow_up_demo import _person
        from evaluation_link.queries import assessments as queries
        from evaluation_link.services import assessments as services

        evaluator = await _person("evaluator")
        unit = await queries.unit_by_slug(slug)
        assessment = await services.get_or_create_assessment(unit["id"], year, actor=evaluator)
        view = await queries.sheet(unit, assessment)
        for _aspect, items, _score in view.aspects:
            for item in items:
                reason = "" if item.baseline in (None, WEAK) else "Bukti belum memadai."
                await services.review_indicator(assessment["id"], item.indicator.no, WEAK, reason, actor=evaluator)

    asyncio.run(prepare())


def action_statuses(slug: str, year: int) -> list[str]:
    async def read() -> list[str]:
        from evaluation_link.tables import PekpppFollowUp

        rows = (
            await PekpppFollowUp.select(PekpppFollowUp.status)
            .where((PekpppFollowUp.unit.slug == slug) & (PekpppFollowUp.year == year))
            .order_by(PekpppFollowUp.id)
        )
        return [r["status"] for r in rows]

    return asyncio.run(read())


@pytest.mark.browser
def test_follow_up_loop_journey_desktop_and_phone(live_server, tmp_path) -> None:
    """One signed-in page per role (the login rate limit allows a few sign-ins a minute); each pass of
    the journey resizes them to its viewport."""
    from evaluation_link.queries.follow_up import local_today

    base = live_server.base_url
    for _label, _viewport, year in PASSES:
        reviewed_but_open(SLUG, year)
    due = (local_today() + timedelta(days=45)).isoformat()
    with (
        browser() as instance,
        page_in(instance, "follow-up-evaluator", accept_downloads=True) as evaluator,
        page_in(instance, "follow-up-admin") as admin,
        page_in(instance, "follow-up-officer") as officer,
    ):
        problems = [watch_problems(page) for page in (evaluator, admin, officer)]
        login(evaluator, base, live_server.account("evaluator"))
        login(admin, base, live_server.account("unit_admin", SLUG))
        login(officer, base, live_server.account("unit_officer", SLUG))
        for label, viewport, year in PASSES:
            for page in (evaluator, admin, officer):
                page.set_viewport_size(viewport)
            journey(base, evaluator, admin, officer, year, due)
            coordination(base, evaluator, year, tmp_path)
            assert problems == [[], [], []], label
        # the phone pass (2026) shows last year's (2025) locked index beside this year's
        admin.goto(f"{base}/staf/hasil-evaluasi/2026")
        assert admin.locator("#ipp-previous").inner_text().strip() not in ("", "–")
    for _label, _viewport, year in PASSES:  # read after the browser's event loop has closed
        assert action_statuses(SLUG, year) == ["verified", "sent_back", "planned"]


def journey(base: str, evaluator, admin, officer, year: int, due: str) -> None:
    page = evaluator
    page.goto(f"{base}/staf/evaluasi/{SLUG}/{year}")
    page.get_by_role("button", name="Kunci penilaian").click()
    page.locator("#follow-up-link").click()
    page.wait_for_url(f"**/staf/evaluasi/{SLUG}/{year}/tindak-lanjut")
    page.select_option("#target-new", "i:1")
    page.fill("#text-new", "Tetapkan SP dengan melibatkan masyarakat.")
    page.check("input[name=priority]")
    page.get_by_role("button", name="Simpan rekomendasi").click()
    page.wait_for_url("**tersimpan=1**")
    page.select_option("#target-new", "a:c")
    page.fill("#text-new", "Perbaiki ruang tunggu dan toilet.")
    page.get_by_role("button", name="Simpan rekomendasi").click()
    page.wait_for_url("**tersimpan=1**")
    assert page.locator(".recommendation").count() == 2

    page = admin
    page.goto(f"{base}/staf")
    page.locator("a[href='/staf/hasil-evaluasi']").click()
    page.wait_for_url("**/staf/hasil-evaluasi/20*")
    page.goto(f"{base}/staf/hasil-evaluasi/{year}")
    assert page.locator("#ipp-value").inner_text().strip()
    assert "Tetapkan SP dengan melibatkan masyarakat." in page.locator("#rekomendasi").inner_text()
    for index, what in ACTIONS:
        rec = page.locator(".recommendation").nth(index)
        rec.locator("summary", has_text="Tambah tindakan").click()
        rec.locator("textarea[name=what]").fill(what)
        rec.locator("input[name=owner]").fill("Sekretaris Dinas")
        rec.locator("input[name=due_date]").fill(due)
        rec.locator("textarea[name=expected_evidence]").fill("Notulen, foto")
        rec.get_by_role("button", name="Simpan tindakan").click()
        page.wait_for_url("**tersimpan=1**")
    assert page.locator("li.action[data-status=planned]").count() == 3

    page = officer
    page.goto(f"{base}/staf/hasil-evaluasi/{year}")
    assert page.locator("form.plan-form").count() == 0  # officers update, the admin plans
    for index in range(2):  # the first two actions; the third stays planned
        action = page.locator("li.action").nth(index)
        action.locator("input[type=file]").set_input_files(
            files=[{"name": f"bukti-{index}.pdf", "mimeType": "application/pdf", "buffer": plain_pdf()}]
        )
        action.get_by_role("button", name="Unggah bukti").click()
        page.wait_for_url("**tersimpan=1**")
        action = page.locator("li.action").nth(index)
        assert action.locator(".evidence-links a").count() == 1
        action.get_by_role("button", name="Tandai selesai").click()
        page.wait_for_url("**tersimpan=1**")
    assert page.locator("li.action[data-status=done]").count() == 2

    page = evaluator
    page.goto(f"{base}/staf/evaluasi/{SLUG}/{year}/tindak-lanjut")
    page.locator("li.action").nth(0).get_by_role("button", name="Verifikasi").click()
    page.wait_for_url("**tersimpan=1**")
    page.locator("li.action").nth(1).get_by_role("button", name="Kembalikan").click()  # no reason: refused
    assert page.locator(".field-error").count() == 1
    page.locator("li.action").nth(1).locator("textarea[name=reason]").fill("Foto kurang jelas.")
    page.locator("li.action").nth(1).get_by_role("button", name="Kembalikan").click()
    page.wait_for_url("**tersimpan=1**")

    page = officer
    page.goto(f"{base}/staf/hasil-evaluasi/{year}")
    assert "Foto kurang jelas." in page.locator("li.action").nth(1).locator(".return-reason").inner_text()
    assert page.locator("li.action").nth(0).locator(".action-status").inner_text() == "Terverifikasi"


def coordination(base: str, evaluator, year: int, tmp_path) -> None:
    """Bagian Organisasi's view of the year: the unit's row counts what the journey just did (1 planned,
    1 verified, 1 sent back), and the meeting pack carries the unit's commitments under each weak aspect."""
    from evaluation_link.instrument import load_instrument

    page = evaluator
    page.goto(f"{base}/staf/koordinasi-pekppp/{year}")
    row = page.locator(f"#unit-{SLUG}")
    unit_name = row.locator("th a").inner_text().strip()
    assert row.locator(".stage").inner_text().strip() == "Dikunci"
    counts = {k: row.locator(f".fu-{k}").inner_text().strip() for k in ("open", "done", "verified", "sent-back")}
    assert counts == {"open": "1", "done": "0", "verified": "1", "sent-back": "1"}
    assert row.locator(".fu-overdue").inner_text().strip() == "0"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    files = {}
    for link in ("#pack-xlsx", "#pack-pdf"):
        with page.expect_download() as info:
            page.locator(link).click()
        target = tmp_path / f"{year}-{info.value.suggested_filename}"
        info.value.save_as(target)
        files[link] = target.read_bytes()

    book = load_workbook(io.BytesIO(files["#pack-xlsx"]))
    units = [r for r in book["Unit"].iter_rows(values_only=True) if r[0] == unit_name]
    assert [list(r[-6:]) for r in units] == [[1, 0, 0, 1, 1, 0]]  # planned, running, done, verified, back, late
    commitments: dict[str, str] = {}  # aspect section title -> this unit's commitments in it
    section = ""
    for r in book["Forum"].iter_rows(min_row=5, values_only=True):
        section = r[0] or section
        if r[3] == unit_name:
            commitments[section] = r[6]
    instrument = load_instrument()
    titles = {a.code: f"{a.roman}. {a.title('id')}" for a in instrument.aspects}
    sp = commitments[titles[instrument.indicator(1).aspect]]
    assert "Tetapkan SP dengan melibatkan masyarakat." in sp and "Forum konsultasi publik" in sp
    assert "terverifikasi" in sp
    room = commitments[titles["c"]]
    assert "Perbaiki ruang tunggu dan toilet." in room
    assert "Renovasi ruang tunggu" in room and "dikembalikan" in room
    assert "Perbaiki toilet difabel" in room and "direncanakan" in room

    reader = PdfReader(io.BytesIO(files["#pack-pdf"]))
    assert len(reader.pages) >= 1 + len(instrument.scored_aspects)  # a summary, then a page per aspect
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert unit_name in text
