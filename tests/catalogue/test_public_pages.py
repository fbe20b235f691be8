"""What citizens see: home, unit, service pages (fee, duration, checklist, steps), history, languages."""

from __future__ import annotations

from catalogue import queries, services
from tests.catalogue.conftest import SYSTEM, version_data
from tests.helpers import html, login


async def test_paid_service_page_shows_fee_duration_checklist_and_steps(client, catalogue) -> None:
    response = await client.get("/layanan/puskesmas-uji/pemeriksaan-laboratorium")
    assert response.status_code == 200
    page = html(response)
    assert page.select_one("[data-testid=fee]").get_text(strip=True) == "Rp 50.000"
    assert "Per jenis pemeriksaan" in page.text and "Perda No. 1 Tahun 2024" in page.text
    assert "3 hari kerja" in page.text
    assert [li.text for li in page.select("ul.checklist li")] == [
        "Fotokopi Kartu Keluarga",
        "Surat keterangan lahir dari bidan",
    ]
    assert [li.text for li in page.select("ol.steps li")] == [
        "Ambil nomor antrean",
        "Serahkan berkas",
        "Terima dokumen",
    ]
    assert page.select_one("[data-testid=effective-from]").text == "2 Januari 2025"
    complaint_link = page.select_one(f'a[href="/pengaduan/baru?layanan={catalogue["services"]["lab"]}"]')
    assert complaint_link is not None


async def test_free_service_says_gratis_and_internal_components_stay_internal(client, catalogue) -> None:
    response = await client.get("/layanan/dukcapil-uji/akta-kelahiran")
    page = html(response)
    assert page.select_one("[data-testid=fee]").get_text(strip=True) == "Gratis"
    assert "DASAR-HUKUM-INTERNAL" not in response.text
    assert page.select_one("[data-testid=internal-components]") is None


async def test_internal_components_visible_to_own_staff_and_evaluators_only(client, catalogue) -> None:
    url = "/layanan/dukcapil-uji/akta-kelahiran"
    await login(client, "admin.b")  # staff of another unit
    assert "DASAR-HUKUM-INTERNAL" not in (await client.get(url)).text
    await login(client, "petugas.a")
    assert "DASAR-HUKUM-INTERNAL" in (await client.get(url)).text
    await login(client, "evaluator")
    assert "DASAR-HUKUM-INTERNAL" in (await client.get(url)).text


async def test_unpublished_services_and_unknown_pages_are_404(client, catalogue) -> None:
    assert (await client.get("/layanan/dukcapil-uji/layanan-rahasia-draf")).status_code == 404
    assert (await client.get("/layanan/dukcapil-uji/tidak-ada")).status_code == 404
    assert (await client.get("/unit/tidak-ada")).status_code == 404
    assert (await client.get("/layanan/dukcapil-uji/akta-kelahiran/versi/9")).status_code == 404


async def test_unit_page_lists_services_channels_and_maklumat(client, catalogue) -> None:
    await services.adopt_maklumat(
        actor=SYSTEM,
        unit_id=catalogue["unit_a"],
        data={
            "text": "Kami sanggup menyelenggarakan pelayanan sesuai standar.",
            "adopted_on": queries.local_today(),
            "signed_by": "Kepala Dinas",
            "decree_number": "",
        },
    )
    page = html(await client.get("/unit/dukcapil-uji"))
    titles = [a.text for a in page.select("ul.cards a strong")]
    assert titles == ["Akta kelahiran", "Penerbitan KTP-el"]  # the draft is not listed
    assert page.select_one('a[href="https://www.lapor.go.id"]') is not None
    assert "Kami sanggup menyelenggarakan" in page.select_one("blockquote.maklumat").text
    assert "Senin–Jumat 08.00–15.00" in page.text


async def test_home_lists_units_and_featured_services(client, catalogue) -> None:
    page = html(await client.get("/"))
    assert [a.text for a in page.select("#featured-title + ul a strong")] == ["Penerbitan KTP-el"]
    unit_links = {a["href"] for a in page.select('a[href^="/unit/"]')}
    assert unit_links == {"/unit/dukcapil-uji", "/unit/puskesmas-uji"}
    search = page.select_one("form[role=search]")
    assert search["action"] == "/cari" and search["method"] == "get"
    assert page.select_one("input#q")["hx-get"] == "/cari"


async def test_history_keeps_old_fee_and_announces_a_future_change(client, catalogue) -> None:
    lab = catalogue["services"]["lab"]
    future = queries.local_today().replace(year=queries.local_today().year + 1)
    await services.add_version(
        actor=SYSTEM,
        service_id=lab,
        service={"name": "Pemeriksaan laboratorium"},
        version=version_data(
            fee_amount=75_000, fee_legal_basis="Perda No. 9 Tahun 2026", effective_from=future, change_note="Tarif baru"
        ),
    )
    page = html(await client.get("/layanan/puskesmas-uji/pemeriksaan-laboratorium"))
    assert page.select_one("[data-testid=fee]").get_text(strip=True) == "Rp 50.000"  # not in effect yet
    assert "Rp 75.000" in page.select_one(".alert-warn").text
    history = html(await client.get("/layanan/puskesmas-uji/pemeriksaan-laboratorium/riwayat"))
    rows = history.select("tbody tr")
    assert len(rows) == 2
    assert "Rp 75.000" in rows[0].text and "akan berlaku" in rows[0].text
    assert "Rp 50.000" in rows[1].text and "berlaku" in rows[1].text
    old = html(await client.get("/layanan/puskesmas-uji/pemeriksaan-laboratorium/versi/1"))
    assert old.select_one("[data-testid=fee]").get_text(strip=True) == "Rp 50.000"


async def test_printable_page_has_the_standard_without_navigation_actions(client, catalogue) -> None:
    page = html(await client.get("/layanan/puskesmas-uji/pemeriksaan-laboratorium/cetak"))
    assert page.select_one("[data-testid=fee]").get_text(strip=True) == "Rp 50.000"
    assert "Standar Pelayanan" in page.h1.text
    assert page.select_one('a[href$="/riwayat"]') is None


async def test_english_service_page(client, catalogue) -> None:
    page = html(await client.get("/layanan/dukcapil-uji/akta-kelahiran?lang=en"))
    assert page.html["lang"] == "en"
    assert page.select_one("[data-testid=fee]").get_text(strip=True) == "Free"
    assert page.select_one("#req-title").text == "Requirements"
    assert "3 working days" in page.text
    assert page.select_one("[data-testid=effective-from]").text == "2 January 2025"


async def test_cached_pages_never_hand_one_visitors_csrf_cookie_to_another(app, catalogue) -> None:
    from litestar.testing import AsyncTestClient

    cookies = []
    for _ in range(3):
        async with AsyncTestClient(app=app, base_url="http://testserver.local") as fresh:
            response = await fresh.get("/layanan/dukcapil-uji/akta-kelahiran")
            assert response.status_code == 200
            cookies.append(fresh.cookies.get("portal_csrf"))
    assert all(cookies) and len(set(cookies)) == 3


async def test_anonymous_page_views_create_no_sessions(client, app, catalogue) -> None:
    from pathlib import Path

    sessions = Path(app.state.settings.data_dir) / "sessions"
    for _ in range(3):
        response = await client.get("/layanan/dukcapil-uji/akta-kelahiran")
        assert response.status_code == 200
        assert "portal_session" not in response.headers.get("set-cookie", "")
    assert not sessions.exists() or not any(sessions.iterdir())
    await login(client, "admin.a")  # a login still starts a stored session
    assert client.cookies.get("portal_session") and any(sessions.iterdir())
