"""End to end in Chromium (issue 16): the officer asks, the reporter answers with a photo, the officer
answers, the reporter disputes, the supervising unit (Inspektorat) sends it back, the unit answers again,
and the reporter confirms and rates once. The closure queues the SKM invitation; the outbox worker
(`portal complaints send-outbox`) delivers it to a local SMTP server, and the reporter fills the survey
with its single-use code once. Every step shows its confirmation without JavaScript tricks."""

from __future__ import annotations

import re
import subprocess
import sys
from email.message import Message
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import sync_playwright

from tests.browser.support import CHROMIUM, launch, watch_problems
from tests.complaints.test_mail import Inbox
from tests.helpers import free_port, start_live_server

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
UNIT = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sukamaju"
REPORTER_EMAIL = "warga.sukamaju@example.org"


@pytest.fixture
def smtp_inbox():
    """A local SMTP server (aiosmtpd) that keeps what the outbox worker delivers."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()


def send_outbox(server, smtp_port: int) -> str:
    """One pass of the outbox worker, as cron runs it, against the test SMTP server."""
    env = {**server.env, "PORTAL_SMTP_HOST": "127.0.0.1", "PORTAL_SMTP_PORT": str(smtp_port),
           "PORTAL_BASE_URL": server.base_url}  # fmt: skip
    done = subprocess.run([str(Path(sys.executable).parent / "portal"), "complaints", "send-outbox"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def body_of(message: Message) -> str:
    part = message.get_body(("plain",)) if hasattr(message, "get_body") else None
    payload = (part or message).get_payload(decode=True)
    return payload.decode("utf-8") if isinstance(payload, bytes) else str(message.get_payload())


@pytest.fixture
def supervised_server(migrated_database):
    """The demo kabupaten with the Inspektorat as the supervising unit."""
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make browser)")
    from tests.conftest import _TMP, reset_database_sync

    reset_database_sync()
    server = start_live_server(_TMP / "live-supervised", {"PORTAL_SUPERVISING_UNIT": "inspektorat"})
    try:
        yield server
    finally:
        server.stop()


def photo(tmp_path) -> str:
    path = tmp_path / "nomor-antrean.jpg"
    buffer = BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 30)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def staff_page(browser, base_url: str, account: dict):
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base_url}/masuk")
    page.get_by_label("Nama pengguna").fill(account["username"])
    page.get_by_label("Kata sandi").fill(account["password"])
    page.locator("form[action='/masuk'] button[type=submit]").click()
    page.wait_for_load_state()
    return page


def flash(page) -> str:
    return page.locator(".flash").inner_text()


@pytest.mark.browser
def test_question_answer_dispute_send_back_rating_and_skm_invitation(supervised_server, smtp_inbox, tmp_path) -> None:
    server = supervised_server
    base = server.base_url
    with sync_playwright() as playwright:
        browser = launch(playwright)
        citizen = browser.new_context(**PHONE).new_page()
        citizen.set_default_timeout(180_000)  # the first complaint may wait for the classifier to load
        problems = watch_problems(citizen)
        citizen.goto(f"{base}/pengaduan/baru")
        citizen.get_by_label("Unit layanan (boleh dikosongkan)").select_option(label=UNIT)
        citizen.get_by_label("Judul").fill("Antrean perekaman KTP-el tidak teratur")
        citizen.get_by_label("Uraian").fill(
            "Antrean perekaman KTP-el di kantor Dukcapil tidak memakai nomor, warga berdesakan sejak pagi."
        )
        citizen.get_by_label("Email (untuk menerima kode dan tautan pribadi)").fill(REPORTER_EMAIL)
        citizen.get_by_role("button", name="Kirim pengaduan").click()
        code = citizen.locator(".tracking-code").get_attribute("data-code")
        private_link = citizen.locator("#private-link").get_attribute("href")
        citizen.set_default_timeout(30_000)

        admin = staff_page(browser, base, server.account("system_admin"))
        admin.goto(f"{base}/staf/pengaduan/triase")
        admin.get_by_role("link", name="-".join(code[i : i + 4] for i in range(0, len(code), 4))).click()
        admin.get_by_role("button", name="Verifikasi dan disposisikan").click()
        case_url = admin.url
        assert "didisposisikan" in flash(admin)

        # 1. The officer asks; the deadline clock stops.
        officer = staff_page(browser, base, server.account("unit_officer", "disdukcapil"))
        officer.goto(f"{base}/staf/pengaduan")
        officer.locator(f"#inbox-results a[href='{case_url.removeprefix(base)}']").first.click()
        officer.get_by_label("Pertanyaan kepada pelapor (terlihat oleh pelapor)").fill(
            "Jam berapa Anda datang, dan adakah foto antreannya?"
        )
        officer.get_by_role("button", name="Tanya pelapor").click()
        assert "Pertanyaan terkirim" in flash(officer)
        assert officer.locator("#waiting-reporter").is_visible()

        # 2. The reporter answers with a photo through the private link.
        citizen.goto(private_link)
        assert "Jam berapa Anda datang" in citizen.locator("main").inner_text()
        citizen.get_by_label("Jawaban Anda").fill("Pukul 07.30, foto antrean terlampir.")
        citizen.set_input_files("#info-files", photo(tmp_path))
        citizen.get_by_role("button", name="Kirim jawaban").click()
        assert "jawaban Anda terkirim" in flash(citizen)

        # 3. The officer sees the answer and the photo, and gives the final answer.
        officer.goto(case_url)
        assert "Pukul 07.30" in officer.locator(".timeline").inner_text()
        assert "nomor-antrean.jpg" in officer.content()
        assert officer.locator("#waiting-reporter").count() == 0
        officer.get_by_label("Jawaban akhir (publik)").fill("Mulai besok antrean memakai nomor dari mesin antrean.")
        officer.get_by_role("button", name="Kirim jawaban akhir").click()
        assert "Jawaban akhir terkirim" in flash(officer)
        assert officer.locator("#status").inner_text().startswith("Dijawab")

        # 4. The reporter disputes.
        citizen.goto(private_link)
        citizen.get_by_label("Alasan sanggahan").fill("Hari ini mesin antrean belum dipakai.")
        citizen.get_by_role("button", name="Sanggah jawaban").click()
        assert "unit pengawas" in flash(citizen)

        # 5. The Inspektorat sends it back with instructions.
        inspector = staff_page(browser, base, server.account("unit_officer", "inspektorat"))
        inspector.goto(f"{base}/staf/pengaduan")
        assert int(inspector.locator('[data-count="escalations"]').inner_text()) >= 1  # the demo has one too
        inspector.locator('a:has([data-count="escalations"])').click()
        inspector.locator(f"tr[data-case] a[href='{case_url.removeprefix(base)}']").click()
        inspector.get_by_label("Arahan untuk unit (internal)").fill("Pastikan mesin antrean dipakai mulai hari ini.")
        inspector.get_by_role("button", name="Kembalikan ke unit dengan arahan").click()
        assert "dikembalikan ke unit" in flash(inspector)

        # 6. The unit answers again; it cannot close the disputed case.
        officer.goto(case_url)
        assert "Dikembalikan ke unit oleh unit pengawas" in officer.locator(".timeline").inner_text()
        officer.get_by_label("Jawaban akhir (publik)").fill(
            "Mesin antrean sudah dipakai sejak pagi ini, petugas berjaga di pintu."
        )
        officer.get_by_role("button", name="Kirim jawaban akhir").click()
        assert "Jawaban akhir terkirim" in flash(officer)

        # 7. The reporter confirms and rates once.
        citizen.goto(private_link)
        timeline = citizen.locator(".timeline").inner_text()
        assert "Diteruskan ke unit pengawas" in timeline and "Jawaban akhir" in timeline
        citizen.get_by_role("button", name="Jawaban menyelesaikan masalah saya").click()
        assert "Pengaduan selesai" in flash(citizen)
        citizen.locator("label.rating-option", has_text="4").click()
        citizen.get_by_role("button", name="Kirim penilaian").click()
        assert "penilaian Anda tersimpan" in flash(citizen)
        assert "4/5" in citizen.locator("dl.facts").inner_text()
        assert citizen.get_by_role("button", name="Kirim penilaian").count() == 0  # rated and closed: once
        assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
        officer.goto(case_url)
        assert "4/5" in officer.locator("dl.facts").inner_text()

        # 8. The closure queued the SKM invitation (the demo unit's Semester II 2026 period is open);
        # one worker pass delivers it, a second pass sends nothing again.
        display = "-".join(code[i : i + 4] for i in range(0, len(code), 4))
        admin.goto(f"{base}/staf/pengaduan/pesan")
        queued = admin.locator("tr[data-message]", has=admin.get_by_role("link", name=display))
        pending = [t for t in queued.all_inner_texts() if "skm_invitation" in t]
        assert len(pending) == 1 and "Menunggu dikirim" in pending[0] and REPORTER_EMAIL in pending[0]
        smtp_port, inbox = smtp_inbox
        assert "Terkirim: " in send_outbox(server, smtp_port)
        invitations = [m for m in inbox.messages if m["Subject"] == f"Survei kepuasan layanan: {display}"]
        assert len(invitations) == 1 and invitations[0]["To"] == REPORTER_EMAIL
        send_outbox(server, smtp_port)
        assert len([m for m in inbox.messages if m["Subject"].startswith("Survei kepuasan")]) == 1
        admin.goto(f"{base}/staf/pengaduan/pesan?status=sent")
        assert admin.locator("tr[data-message]", has=admin.get_by_role("link", name=display)).count() >= 1

        # 9. The reporter opens the survey link from the mail and answers once; the same code again is refused.
        survey_link = re.search(r"(http://\S+/survei/isi/[0-9A-Z]+)", body_of(invitations[0])).group(1)
        assert survey_link.startswith(base)
        citizen.goto(survey_link)
        second_tab = citizen.context.new_page()  # the same form left open in another tab
        second_tab.goto(survey_link)
        for page in (citizen, second_tab):
            for index in range(1, 10):
                page.locator(f"label[for='u{index}-3']").click()
        citizen.get_by_role("button", name="Kirim jawaban").click()
        citizen.wait_for_url("**/survei/terima-kasih**")
        assert "Terima kasih" in citizen.locator("h1").inner_text()
        second_tab.get_by_role("button", name="Kirim jawaban").click()
        assert "sudah dipakai" in second_tab.locator("main").inner_text()
        citizen.goto(survey_link)
        assert "sudah dipakai" in citizen.locator(".alert").inner_text()
        assert problems == []
        browser.close()
