"""End to end in Chromium: a citizen files a complaint with a photo and follows it by tracking code;
the system admin routes it, an officer answers; the citizen confirms and rates through the private link."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import sync_playwright

from tests.browser.support import launch, watch_problems

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def photo(tmp_path) -> str:
    path = tmp_path / "antrean.jpg"
    buffer = BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def login(page, base_url: str, account: dict) -> None:
    page.goto(f"{base_url}/masuk")
    page.get_by_label("Nama pengguna").fill(account["username"])
    page.get_by_label("Kata sandi").fill(account["password"])
    page.locator("form[action='/masuk'] button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
def test_citizen_files_follows_and_rates_while_staff_route_and_answer(live_server, tmp_path) -> None:
    base = live_server.base_url
    with sync_playwright() as playwright:
        browser = launch(playwright)
        citizen = browser.new_context(**PHONE).new_page()
        citizen.set_default_timeout(180_000)  # the first complaint may wait for the classifier to load
        problems = watch_problems(citizen)

        citizen.goto(f"{base}/pengaduan/baru")
        citizen.get_by_label("Unit layanan (boleh dikosongkan)").select_option(
            label="Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sukamaju"
        )
        citizen.get_by_label("Judul").fill("Antrean perekaman KTP-el tidak teratur")
        citizen.get_by_label("Uraian").fill(
            "Antrean perekaman KTP-el di kantor Dukcapil tidak memakai nomor, "
            "warga berdesakan sejak pagi. Foto terlampir."
        )
        citizen.get_by_label("Nama", exact=True).fill("Rina Kurnia")
        citizen.set_input_files("#attachments", photo(tmp_path))
        citizen.get_by_role("button", name="Kirim pengaduan").click()
        code_element = citizen.locator(".tracking-code")
        code = code_element.get_attribute("data-code")
        private_link = citizen.locator("#private-link").get_attribute("href")
        assert code and private_link and "?t=" in private_link
        assert citizen.evaluate("document.documentElement.scrollWidth") <= 360

        citizen.goto(f"{base}/pengaduan/lacak")
        citizen.get_by_label("Kode pelacakan").fill(code.lower())
        citizen.get_by_role("button", name="Lacak").click()
        assert citizen.locator("#status").inner_text() == "Belum terverifikasi"

        staff = browser.new_context().new_page()
        login(staff, base, live_server.account("system_admin"))
        staff.goto(f"{base}/staf/pengaduan/triase")
        staff.get_by_role("link", name="-".join(code[i : i + 4] for i in range(0, len(code), 4))).click()
        assert "antrean.jpg" in staff.content()
        staff.get_by_role("button", name="Verifikasi dan disposisikan").click()
        assert staff.locator("#status").inner_text().startswith("Terdisposisi")
        case_url = staff.url
        staff.context.clear_cookies()

        login(staff, base, live_server.account("unit_officer", "disdukcapil"))
        staff.goto(case_url)
        assert "Rina Kurnia" in staff.locator("#identity").inner_text()  # normal privacy: the unit sees it
        staff.get_by_label("Jawaban akhir (publik)").fill("Mulai besok antrean memakai nomor dari mesin antrean.")
        staff.get_by_role("button", name="Kirim jawaban akhir").click()
        assert staff.locator("#status").inner_text().startswith("Dijawab")

        citizen.goto(f"{base}/pengaduan/lacak/{code}")
        assert "mesin antrean" in citizen.locator(".answer").inner_text()
        citizen.goto(private_link)
        citizen.get_by_role("button", name="Jawaban menyelesaikan masalah saya").click()
        assert citizen.locator("#status").inner_text() == "Selesai"
        citizen.locator("label.rating-option", has_text="5").click()
        citizen.get_by_label("Komentar").fill("Terima kasih, cepat ditanggapi.")
        citizen.get_by_role("button", name="Kirim penilaian").click()
        assert "5/5" in citizen.locator("dl.facts").inner_text()
        assert problems == []
        browser.close()
