"""The public side on a phone (issue 17), in headless Chromium against a live server with the demo data:

1. "Adukan layanan ini" on a service page opens the form with the service chosen and its promise shown.
2. "Gunakan lokasi saya" (geolocation granted, a fake position) fills latitude/longitude and the map's marker;
   a tap on the map moves it. Tiles come from a local stub (tests/browser/support.py), never the network.
3. A validation error keeps the photo; after the fix the complaint is filed once; reloading the confirmation
   neither files again nor shows the private link a second time.
4. The board map shows coarse, clustered markers and the list of places; never a rahasia report.
5. Touch targets are at least 44 px; axe-core finds nothing serious or critical on these pages.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.support import PHONE, browser, page_in, run_axe, watch_problems
from tests.browser.test_journeys import in_thread, photo

POSITION = {"latitude": -6.7301234, "longitude": 108.5523456}
TITLE = "Pelayanan KTP-el lambat sekali"
DESCRIPTION = "Saya sudah tiga kali datang ke kantor untuk KTP-el tetapi selalu disuruh kembali minggu depan."
BLOCKING = {"serious", "critical"}


def complaints_titled(title: str) -> tuple[int, int]:
    from complaints.tables import Attachment, Complaint

    async def count() -> tuple[int, int]:
        rows = await Complaint.select(Complaint.id).where(Complaint.title == title)
        attachments = await Attachment.count().where(Attachment.complaint.is_in([r["id"] for r in rows] or [0]))
        return len(rows), attachments

    return in_thread(count)


def serious(page) -> list[str]:
    return [f"{page.url}: {v['id']} ({v['impact']})" for v in run_axe(page) if v["impact"] in BLOCKING]


def too_small(page, selector: str) -> list[str]:
    boxes = page.eval_on_selector_all(
        selector,
        """els => els.filter(e => e.offsetParent !== null).map(e => {
        const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 30), r.width, r.height]; })""",
    )
    assert boxes, selector
    return [f"{selector} {text!r} {w:.0f}x{h:.0f}" for text, w, h in boxes if h < 44 or w < 44]


@pytest.mark.browser
def test_citizen_files_from_a_service_page_with_location_photo_and_reload(live_server, tmp_path) -> None:
    base = live_server.base_url
    picture = photo(tmp_path / "jalan.png")
    blocking: list[str] = []
    with browser() as instance, page_in(instance, "public-side-phone", PHONE, geolocation=POSITION,
                                        permissions=["geolocation"], has_touch=True,
                                        bypass_csp=True) as page:  # axe is injected inline  # fmt: skip
        # 1. From the service page, the service comes preselected with its promise.
        page.goto(f"{base}/layanan/disdukcapil/ktp-el")
        assert not too_small(page, "a.button, .contact-links a, .main-nav a")
        page.locator("a[href^='/pengaduan/baru?layanan=']").click()
        page.wait_for_url(re.compile(r"/pengaduan/baru\?layanan=\d+"))
        assert page.locator("#service_id").input_value() != ""
        assert page.locator("#unit_id").input_value() != ""
        assert "Menurut standar pelayanan" in page.get_by_test_id("standard-promise").inner_text()
        assert not too_small(page, "label:has(> input[type=radio]), label:has(> input[type=checkbox]), "
                                   "main button")  # fmt: skip

        # 2. "Gunakan lokasi saya" fills the fields and places the marker on the (stubbed) map.
        page.locator("#location-map").wait_for(state="visible")
        page.get_by_role("button", name="Gunakan lokasi saya").click()
        page.wait_for_function("() => document.getElementById('latitude').value !== ''")
        assert float(page.locator("#latitude").input_value()) == pytest.approx(POSITION["latitude"], abs=1e-6)
        assert float(page.locator("#longitude").input_value()) == pytest.approx(POSITION["longitude"], abs=1e-6)
        assert page.locator("#location-map .leaflet-marker-icon").count() == 1
        box = page.locator("#location-map").bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)  # a tap elsewhere
        page.wait_for_function(f"() => document.getElementById('latitude').value !== '{POSITION['latitude']}'")
        moved = float(page.locator("#latitude").input_value())
        assert moved > POSITION["latitude"]  # up-left of the centre is further north
        assert page.tile_requests and all(u.startswith("https://tiles.portal.test/") for u in page.tile_requests)
        assert "© OpenStreetMap contributors" in page.locator("#location-map").inner_text()

        # 3. A mistake keeps the photo; the fix files once; a reload files nothing and hides the link.
        page.fill("#title", TITLE)
        page.fill("#description", "x" * 4100)
        counter = page.locator("#description-counter")
        assert "100 karakter terlalu banyak" in counter.inner_text() and "over-limit" in counter.get_attribute("class")
        page.fill("#description", DESCRIPTION)
        assert "over-limit" not in (counter.get_attribute("class") or "")
        page.fill("#reporter_email", "bukan-email")
        page.set_input_files("#attachments", picture)
        with page.expect_navigation(timeout=120_000):  # the server loads the classifier on its first complaint
            page.locator("main form button[type=submit]").click(timeout=120_000)
        assert page.locator("#reporter_email-error").is_visible()
        assert page.get_by_test_id("kept-file").inner_text() == "jalan.png"
        assert float(page.locator("#latitude").input_value()) == pytest.approx(moved, abs=1e-6)
        blocking += serious(page)
        page.fill("#reporter_email", "warga@contoh.id")
        with page.expect_navigation(timeout=120_000):
            page.locator("main form button[type=submit]").click(timeout=120_000)
        page.wait_for_url(re.compile(r"/pengaduan/diterima/"))
        private = page.locator("#private-link").get_attribute("href")
        assert "?t=" in private
        assert page.get_by_test_id("verify-due").inner_text() not in ("", "-")
        blocking += serious(page)
        page.reload()
        assert page.locator("#private-link").count() == 0 and private.split("?t=")[1] not in page.content()
        assert page.get_by_test_id("link-already-shown").is_visible()
        assert complaints_titled(TITLE) == (1, 1)

        # 4. The board map: clustered coarse markers, the list of places, no rahasia report.
        page.goto(f"{base}/pengaduan/peta")
        page.wait_for_function("() => document.getElementById('board-map').dataset.markers > 0")
        assert page.locator("#board-map .leaflet-marker-icon, #board-map .marker-cluster").count() >= 1
        assert page.get_by_test_id("map-cell").count() >= 1
        assert "Pembakaran sampah pabrik" not in page.content()
        blocking += serious(page)
        assert not too_small(page, ".place-list a, #board-map .leaflet-control-zoom a")
    assert not blocking, blocking


@pytest.mark.browser
def test_the_maps_load_their_tiles_under_the_portals_content_security_policy(live_server) -> None:
    base = live_server.base_url
    with browser() as instance, page_in(instance, "public-side-csp", PHONE) as page:
        problems = watch_problems(page)  # a tile host the CSP does not allow shows up as a console error
        for path, selector in (("/pengaduan/baru", "#location-map"), ("/pengaduan/peta", "#board-map")):
            page.goto(base + path)
            page.locator(f"{selector} img.leaflet-tile-loaded").first.wait_for()
        assert page.tile_requests and all(u.startswith("https://tiles.portal.test/") for u in page.tile_requests)
    assert not problems, problems


@pytest.mark.browser
def test_without_javascript_the_form_and_the_map_page_still_work(live_server) -> None:
    base = live_server.base_url
    with browser() as instance, page_in(instance, "public-side-no-js", PHONE, java_script_enabled=False) as page:
        page.goto(f"{base}/pengaduan/baru")
        assert page.locator("#latitude").is_visible() and page.locator("#longitude").is_visible()
        assert not page.get_by_role("button", name="Gunakan lokasi saya").is_visible()
        assert "paling banyak 4.000 karakter" in page.locator("label[for=description]").inner_text()
        page.goto(f"{base}/pengaduan/peta")
        assert not page.locator("#board-map").is_visible()
        cells = page.get_by_test_id("map-cell")
        assert cells.count() >= 1 and cells.first.locator("a[href^='/pengaduan/lacak/']").count() >= 1
        assert not page.tile_requests
