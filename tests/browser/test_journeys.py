"""Cross-role journeys in headless Chromium against a real server with the demo kabupaten.

1. Citizen on a phone: search a service, read its fee, file a complaint with a photo using only the
   keyboard, keep the tracking code, follow it.
2. Staff on a desktop: the system admin routes that complaint to a unit, the unit's officer finds it in
   the inbox, corrects the topic and answers; the citizen (private link) confirms and rates.
"""

from __future__ import annotations

import asyncio
import re
import struct
import zlib

import pytest

from tests.browser.support import DESKTOP, PHONE, browser, login, page_in

TITLE = "Akta kelahiran anak belum terbit"
DESCRIPTION = "Berkas akta kelahiran anak saya sudah lengkap sejak lima minggu lalu tetapi belum juga terbit."


def photo(path) -> str:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes((x * 9 + y * 5) % 256 for x in range(48)) for y in range(16))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))  # fmt: skip
    return str(path)


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus (fails if it is unreachable)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def in_thread(coroutine_function):
    """Run a database query from a sync Playwright test (its event loop owns this thread)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine_function()).result()


def complaint_id(code: str) -> int:
    from complaints.tables import Complaint

    async def find() -> int:
        row = await Complaint.select(Complaint.id).where(Complaint.tracking_code == code).first()
        return row["id"]

    return in_thread(find)


@pytest.mark.browser
def test_citizen_and_staff_journeys(live_server, tmp_path) -> None:
    base = live_server.base_url
    picture = photo(tmp_path / "jalan.png")
    journeys = []
    with browser() as instance:
        # 1. Citizen on a phone, keyboard only for the complaint form.
        with page_in(instance, "journey-citizen-phone", PHONE) as page:
            page.goto(base + "/")
            page.fill("#q", "akta")
            page.keyboard.press("Enter")
            page.wait_for_url(re.compile(r"/cari\?q=akta"))
            page.locator("main a[href^='/layanan/']").first.click()
            fee = page.get_by_test_id("fee").inner_text()
            assert re.search(r"Rp|Gratis|gratis|Tidak dipungut", fee), fee
            page.goto(base + "/pengaduan/baru")
            page.keyboard.press("Tab")  # the skip link comes first
            tab_to(page, "#title")
            page.keyboard.type(TITLE)
            tab_to(page, "#description")
            page.keyboard.type(DESCRIPTION)
            tab_to(page, "#attachments")
            with page.expect_file_chooser() as chooser:
                page.keyboard.press("Space")
            chooser.value.set_files(picture)
            tab_to(page, "#reporter_email")
            page.keyboard.type("warga.teladan@contoh.id")
            tab_to(page, "main form button[type=submit]")
            # The server loads the topic classifier on its first complaint: allow for that once.
            with page.expect_navigation(wait_until="domcontentloaded", timeout=120_000):
                page.keyboard.press("Enter")
            page.wait_for_selector(".tracking-code", state="attached")
            code = page.locator(".tracking-code").get_attribute("data-code")
            private_url = page.locator("#private-link").get_attribute("href")
            page.goto(f"{base}/pengaduan/lacak")
            page.fill("#code", code)
            page.keyboard.press("Enter")
            page.wait_for_url(re.compile(rf"/pengaduan/lacak/{code}"))
            assert TITLE in page.content()
        journeys.append("citizen (phone, keyboard-only form with photo)")

        # 2. Staff on a desktop: route, find in the inbox, correct the topic, answer.
        case = f"{base}/staf/pengaduan/{complaint_id(code)}"
        with page_in(instance, "journey-admin-routes", DESKTOP) as page:
            login(page, base, live_server.account("system_admin"))
            page.goto(case)
            unit_select = page.locator("#route-unit")
            unit_value = unit_select.locator("option").first.get_attribute("value")
            unit_select.select_option(unit_value)
            unit_select.locator("xpath=ancestor::form").locator("button[type=submit]").click()
            page.wait_for_url(re.compile(r"/staf/pengaduan/\d+"))
            unit_slug = next(a["unit"] for a in live_server.accounts
                             if a["role"] == "unit_officer" and _unit_id(a["unit"]) == int(unit_value))  # fmt: skip
        with page_in(instance, "journey-officer-answers", DESKTOP) as page:
            login(page, base, live_server.account("unit_officer", unit_slug))
            page.goto(f"{base}/staf/pengaduan")
            page.locator(f"a[href='/staf/pengaduan/{complaint_id(code)}']").first.click()
            page.wait_for_url(case)
            page.locator("#topic").select_option(index=1)
            page.locator("#topic").locator("xpath=ancestor::form").locator("button[type=submit]").click()
            page.wait_for_url(case)
            for _ in range(4):  # walk the workflow's buttons (accept, process...) until the final answer form shows
                if page.locator("#answer-note").count():
                    break
                page.locator("form[action$='/aksi'].inline-form button").first.click()
                page.wait_for_url(case)
            page.fill("#answer-note", "Akta sudah terbit dan dapat diambil di loket 3 mulai besok.")
            page.locator("#answer-note").locator("xpath=ancestor::form").locator("button[type=submit]").click()
            page.wait_for_url(case)
        journeys.append("officer (inbox, topic correction, answer) after admin routing (desktop)")

        # 3. The citizen confirms and rates through the private link.
        with page_in(instance, "journey-citizen-rates", PHONE) as page:
            page.goto(private_url)
            assert "loket 3" in page.content()
            page.get_by_role("button", name="Jawaban menyelesaikan masalah saya").click()
            page.wait_for_load_state()
            page.locator("input[name=rating][value='5']").check()
            page.fill("#rating-comment", "Cepat dan jelas.")
            page.get_by_role("button", name="Kirim penilaian").click()
            page.wait_for_load_state()
            # rated once: the case shows the rating and offers no form to change it (closed)
            assert "5/5" in page.locator("dl").first.inner_text()
            assert page.locator("input[name=rating]").count() == 0
        journeys.append("citizen confirms and rates (phone)")
    print(f"\njourneys completed: {len(journeys)}: {journeys}")


def _unit_id(slug: str | None) -> int | None:
    if slug is None:
        return None
    from portal.tables import Unit

    async def find() -> int | None:
        row = await Unit.select(Unit.id).where(Unit.slug == slug).first()
        return row["id"] if row else None

    return in_thread(find)


@pytest.mark.browser
def test_unit_admin_and_evaluator_journeys(live_server) -> None:
    """Unit admin edits a standard and sees it in the history; evaluator overrides a score and exports."""
    from catalogue.queries import local_today  # the portal's today (Asia/Jakarta), not the machine's

    base = live_server.base_url
    admin = next(a for a in live_server.accounts if a["role"] == "unit_admin")
    with browser() as instance:
        with page_in(instance, "journey-unit-admin", DESKTOP) as page:
            login(page, base, admin)
            page.goto(f"{base}/staf/layanan")
            page.locator("a[href$='/ubah']").first.click()
            page.wait_for_url(re.compile(r"/staf/layanan/\d+/ubah"))
            service_id = int(re.search(r"/staf/layanan/(\d+)/ubah", page.url).group(1))
            page.fill("#fee_amount", "75000")
            page.fill("#effective_from", local_today().isoformat())
            page.fill("#change_note", "Penyesuaian tarif menurut Perda 2026")
            page.locator("main form[action$='/ubah'] button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator("[aria-invalid=true]").count() == 0, page.locator(".field-error").all_inner_texts()
            page.goto(f"{base}/staf/layanan/{service_id}/pratinjau")
            public = page.locator("a[href^='/layanan/']").first.get_attribute("href")
            page.goto(base + public.split("?")[0].rstrip("/") + "/riwayat")
            assert "Penyesuaian tarif menurut Perda 2026" in page.content()
        with page_in(instance, "journey-evaluator", DESKTOP) as page:
            login(page, base, live_server.account("evaluator"))
            page.goto(f"{base}/staf/evaluasi")
            page.locator("form[action='/staf/evaluasi/buka'] button[type=submit]").click()
            page.wait_for_url(re.compile(r"/staf/evaluasi/[^/]+/\d{4}"))
            sheet = page.url
            score = page.locator("select[name=evaluator_score]").first
            current = score.input_value()
            score.select_option("0" if current != "0" else "5")
            page.locator("textarea[name=override_reason]").first.fill("Bukti maklumat tidak ditandatangani.")
            page.locator("form.review-form button[type=submit]").first.click()
            page.wait_for_timeout(500)
            page.goto(sheet)
            assert "Bukti maklumat tidak ditandatangani." in page.content()
            with page.expect_download() as download:
                page.locator("a[href$='.csv']").first.click()
            assert download.value.suggested_filename.endswith(".csv")
    print("\njourneys completed: unit admin (edit standard, history), evaluator (override with reason, export)")


@pytest.mark.browser
def test_officer_reroutes_a_case_that_is_not_their_units(live_server) -> None:
    """Officer journey: 'bukan kewenangan' — re-route a routed case to another unit with a reason."""
    from complaints.tables import Complaint
    from portal.tables import Unit

    officer_units = {a["unit"] for a in live_server.accounts if a["role"] == "unit_officer"}

    async def routed_case() -> dict:
        rows = await Complaint.select(Complaint.id, Complaint.unit, Complaint.unit.slug).where(
            Complaint.status.is_in(["routed", "in_progress"])
        )
        return next(r for r in rows if r["unit.slug"] in officer_units)

    case = in_thread(routed_case)
    base = live_server.base_url
    with browser() as instance, page_in(instance, "journey-officer-reroutes", PHONE) as page:
        login(page, base, live_server.account("unit_officer", case["unit.slug"]))
        page.goto(f"{base}/staf/pengaduan")
        page.locator(f"a[href='/staf/pengaduan/{case['id']}']").first.click()
        page.wait_for_url(re.compile(rf"/staf/pengaduan/{case['id']}$"))
        target = page.locator("#reroute-unit option").first.get_attribute("value")
        page.locator("#reroute-unit").select_option(target)
        page.fill("#reroute-note", "Jalan provinsi, bukan kewenangan dinas ini.")
        page.locator("#reroute-note").locator("xpath=ancestor::form").locator("button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"{base}/staf/pengaduan")
        assert page.locator(f"a[href='/staf/pengaduan/{case['id']}']").count() == 0

    async def after() -> tuple[int, str, str]:
        row = await Complaint.select(Complaint.unit, Complaint.status).where(Complaint.id == case["id"]).first()
        unit = await Unit.select(Unit.slug).where(Unit.id == row["unit"]).first()
        return row["unit"], unit["slug"], row["status"]

    unit_id, unit_slug, status = in_thread(after)
    assert unit_id == int(target) and unit_slug != case["unit.slug"] and status == "routed"
