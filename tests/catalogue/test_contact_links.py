"""Service and unit pages on a phone (issue 17): the office's address and hours on the service page, tap-to-call
and tap-to-chat links, the complaint portal as a readable link, and the English menu label."""

from __future__ import annotations

import pytest

from portal.formatting import phone_href, whatsapp_href
from portal.tables import Unit
from tests.helpers import html


@pytest.mark.parametrize(("written", "tel", "wa"), [
    ("0812 2000 1201", "tel:+6281220001201", "https://wa.me/6281220001201"),
    ("+62 812-2000-1201", "tel:+6281220001201", "https://wa.me/6281220001201"),
    ("(0231) 481 201", "tel:+62231481201", "https://wa.me/62231481201"),
    ("Lantai 1, loket 1", "", ""),
    ("https://www.lapor.go.id", "", ""),
    ("12", "", ""),
])  # fmt: skip
def test_phone_numbers_become_call_and_chat_links(written, tel, wa) -> None:
    assert (phone_href(written), whatsapp_href(written)) == (tel, wa)


async def test_unit_channels_are_tappable_and_the_portal_is_a_readable_link(client, catalogue) -> None:
    await Unit.update({Unit.complaint_channels: [
        {"label": "WhatsApp pengaduan", "value": "0812 2000 1201"},
        {"label": "SP4N-LAPOR!", "value": "https://www.lapor.go.id"},
        {"label": "Portal pengaduan", "value": "/pengaduan/baru"},
        {"label": "Kotak saran", "value": "Lobi kantor"},
    ], Unit.phone: "(0231) 481 201"}).where(Unit.id == catalogue["unit_a"])  # fmt: skip
    for url in ("/unit/dukcapil-uji", "/layanan/dukcapil-uji/akta-kelahiran"):
        page = html(await client.get(url))
        assert page.select_one('a[href="https://wa.me/6281220001201"]') is not None, url
        assert page.select_one('a[href="tel:+6281220001201"]') is not None, url
        assert page.select_one('a[href="tel:+62231481201"]').text == "(0231) 481 201", url
        portal = page.select_one('.contact-links a[href="/pengaduan/baru"]')
        assert portal is not None and portal.text == "isi formulir pengaduan di portal ini", url
        assert page.select_one('a[href="https://www.lapor.go.id"]').text == "lapor.go.id", url
        assert "/pengaduan/baru</" not in str(page) and "Lobi kantor" in page.text, url


async def test_the_service_page_tells_where_and_when_the_office_is_open(client, catalogue) -> None:
    page = html(await client.get("/layanan/dukcapil-uji/akta-kelahiran"))
    office = page.select_one('[data-testid="office"]').get_text(" ")
    assert "Jl. Merdeka 1" in office and "Senin–Jumat 08.00–15.00" in office and "Dinas Dukcapil Uji" in office


@pytest.mark.parametrize("url", ["/", "/pengaduan/baru", "/pengaduan"])
async def test_the_english_menu_says_services(client, db, url) -> None:
    page = html(await client.get(f"{url}?lang=en"))
    assert page.select_one('.main-nav a[href="/"]').text == "Services"


async def test_the_timeline_says_complaint_received_in_english(app, client) -> None:
    from tests.complaints.factories import file, world

    await world()
    filed = await file(app)
    page = html(await client.get(f"/pengaduan/lacak/{filed.tracking_code}?lang=en"))
    assert "Complaint received" in page.text and "Complaints received" not in page.text
