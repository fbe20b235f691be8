"""Staff editing: versioned edits, validation, role guards, audit entries, cache invalidation."""

from __future__ import annotations

from datetime import timedelta

from catalogue import queries
from portal.tables import AuditLog, Maklumat, Service, ServiceVersion, Unit
from tests.catalogue.conftest import tomorrow
from tests.helpers import html, login, post_form


def service_form(**overrides: str) -> dict[str, str]:
    form = {
        "name": "Surat keterangan domisili",
        "slug": "",
        "summary": "Untuk keperluan usaha",
        "requirements": "KTP-el\nKartu Keluarga\n",
        "procedure": "Datang ke loket\nTerima surat",
        "duration_value": "2",
        "duration_unit": "working_days",
        "fee_amount": "0",
        "fee_note": "",
        "fee_legal_basis": "",
        "product": "Surat keterangan",
        "complaint_handling": "Loket pengaduan",
        "decree_number": "SK 1/2026",
        "adopted_on": "2026-01-05",
        "reviewed_on": "",
        "effective_from": queries.local_today().isoformat(),
        "change_note": "",
        "accepts_complaints": "1",
    }
    form.update(overrides)
    return form


async def versions_of(service_id: int) -> list[dict]:
    return (
        await ServiceVersion.select()
        .where(ServiceVersion.service == service_id)
        .order_by(ServiceVersion.version_no)
        .output(load_json=True)
    )


async def test_unit_admin_creates_previews_and_publishes_a_service(client, catalogue) -> None:
    await login(client, "admin.a")
    response = await post_form(
        client, "/staf/layanan/baru", service_form(fee_amount="Rp 25.000", fee_legal_basis="Perda 1/2024")
    )
    assert response.status_code == 303
    service = await Service.select().where(Service.slug == "surat-keterangan-domisili").first()
    assert service["unit"] == catalogue["unit_a"] and service["published"] is False
    assert response.headers["location"] == f"/staf/layanan/{service['id']}/pratinjau?saved=1"
    [version] = await versions_of(service["id"])
    assert version["fee_amount"] == 25_000 and version["requirements"] == ["KTP-el", "Kartu Keluarga"]
    public_url = "/layanan/dukcapil-uji/surat-keterangan-domisili"
    assert (await client.get(public_url)).status_code == 404  # a draft is not public
    preview = html(await client.get(f"/staf/layanan/{service['id']}/pratinjau"))
    assert preview.select_one("[data-testid=fee]").get_text(strip=True) == "Rp 25.000"
    assert (await post_form(client, f"/staf/layanan/{service['id']}/terbitkan", {})).status_code == 303
    assert (await client.get(public_url)).status_code == 200
    actions = [
        r["action"]
        for r in await AuditLog.select(AuditLog.action)
        .where(AuditLog.entity_id == str(service["id"]))
        .order_by(AuditLog.id)
    ]
    assert actions == ["service_created", "service_published"]


async def test_edit_appends_a_version_and_the_public_page_shows_it_at_once(client, catalogue) -> None:
    lab = catalogue["services"]["lab"]
    public_url = "/layanan/puskesmas-uji/pemeriksaan-laboratorium"
    await client.get(public_url)  # sets the CSRF cookie, so the next view is cached
    first = html(await client.get(public_url))
    assert first.select_one("[data-testid=fee]").get_text(strip=True) == "Rp 50.000"
    await login(client, "admin.b")
    response = await post_form(
        client,
        f"/staf/layanan/{lab}/ubah",
        service_form(
            name="Pemeriksaan laboratorium",
            fee_amount="60.000",
            fee_legal_basis="Perda 2/2026",
            change_note="Tarif disesuaikan",
        ),
    )
    assert response.status_code == 303
    old, new = await versions_of(lab)
    assert (old["version_no"], old["fee_amount"], old["fee_legal_basis"]) == (1, 50_000, "Perda No. 1 Tahun 2024")
    assert (new["version_no"], new["fee_amount"], new["change_note"]) == (2, 60_000, "Tarif disesuaikan")
    await post_form(client, "/keluar", {})
    after = html(await client.get(public_url))
    assert after.select_one("[data-testid=fee]").get_text(strip=True) == "Rp 60.000"
    entry = await AuditLog.select().where(AuditLog.action == "service_version_added").output(load_json=True).first()
    assert entry["actor_name"] == "admin.b" and entry["unit_id"] == catalogue["unit_b"]
    assert entry["before"]["version"]["fee_amount"] == 50_000 and entry["after"]["version"]["fee_amount"] == 60_000


async def test_published_standard_cannot_be_backdated(client, catalogue) -> None:
    lab = catalogue["services"]["lab"]
    await login(client, "admin.b")
    yesterday = (queries.local_today() - timedelta(days=1)).isoformat()
    response = await post_form(
        client,
        f"/staf/layanan/{lab}/ubah",
        service_form(
            name="Pemeriksaan laboratorium",
            fee_amount="1000",
            fee_legal_basis="Perda",
            effective_from=yesterday,
            change_note="Mundur",
        ),
    )
    assert response.status_code == 422
    assert html(response).select_one("#effective_from-error") is not None
    assert len(await versions_of(lab)) == 1
    assert await AuditLog.count().where(AuditLog.action == "service_version_added") == 0


async def test_invalid_form_gets_field_messages_and_saves_nothing(client, catalogue) -> None:
    await login(client, "admin.a")
    before = await Service.count()
    audit_before = await AuditLog.count().where(AuditLog.entity_type == "service")
    response = await post_form(
        client,
        "/staf/layanan/baru",
        service_form(
            name="",
            requirements="",
            fee_amount="lima ribu",
            duration_value="-3",
            duration_unit="weeks",
            effective_from="besok",
        ),
    )
    assert response.status_code == 422
    page = html(response)
    for field in ("name", "requirements", "fee_amount", "duration_value", "duration_unit", "effective_from"):
        assert page.select_one(f"#{field}-error") is not None, field
        assert page.select_one(f"#{field}")["aria-invalid"] == "true"
    assert page.select_one("#fee_amount")["value"] == "lima ribu" or page.select_one("#fee_amount-error")
    paid_without_basis = await post_form(client, "/staf/layanan/baru", service_form(fee_amount="10000"))
    assert paid_without_basis.status_code == 422
    assert "dasar hukum" in html(paid_without_basis).select_one("#fee_legal_basis-error").text
    assert await Service.count() == before
    assert await AuditLog.count().where(AuditLog.entity_type == "service") == audit_before


async def test_validation_messages_in_english(client, catalogue) -> None:
    await login(client, "admin.a")
    await client.get("/staf?lang=en")
    response = await post_form(client, "/staf/layanan/baru", service_form(name=""))
    assert response.status_code == 422
    assert html(response).select_one("#name-error").text == "Required."


async def test_unit_admin_cannot_touch_another_units_service(client, catalogue) -> None:
    akta = catalogue["services"]["akta"]
    audit_before = await AuditLog.count().where(AuditLog.entity_type == "service")
    await login(client, "admin.b")
    assert (await client.get(f"/staf/layanan/{akta}/ubah")).status_code == 403
    edit = await post_form(client, f"/staf/layanan/{akta}/ubah", service_form(name="Dibajak", change_note="x"))
    assert edit.status_code == 403
    assert (await post_form(client, f"/staf/layanan/{akta}/tarik", {})).status_code == 403
    assert (await client.get(f"/staf/layanan/{akta}/pratinjau")).status_code == 403
    service = await Service.select().where(Service.id == akta).first()
    assert service["name"] == "Akta kelahiran" and service["published"] is True
    assert len(await versions_of(akta)) == 1
    assert await AuditLog.count().where(AuditLog.entity_type == "service") == audit_before


async def test_officers_and_evaluators_read_but_do_not_edit(client, catalogue) -> None:
    akta = catalogue["services"]["akta"]
    await login(client, "petugas.a")
    listing = html(await client.get("/staf/layanan"))
    assert "Akta kelahiran" in listing.text and "Pemeriksaan laboratorium" not in listing.text
    assert (await client.get("/staf/layanan/baru")).status_code == 403
    assert (await post_form(client, f"/staf/layanan/{akta}/tarik", {})).status_code == 403
    await login(client, "evaluator")
    everything = html(await client.get("/staf/layanan"))
    assert "Akta kelahiran" in everything.text and "Pemeriksaan laboratorium" in everything.text
    filtered = html(await client.get("/staf/layanan?unit=puskesmas-uji"))
    assert "Akta kelahiran" not in filtered.text
    assert (await client.get(f"/staf/layanan/{akta}/pratinjau")).status_code == 200
    assert (await client.get(f"/staf/layanan/{akta}/ubah")).status_code == 403
    assert (await Service.select(Service.published).where(Service.id == akta).first())["published"] is True


async def test_anonymous_visitors_are_sent_to_login(client, catalogue) -> None:
    response = await client.get("/staf/layanan")
    assert response.status_code == 303 and response.headers["location"].startswith("/masuk?next=")


async def test_htmx_unpublish_returns_the_toggle_fragment(client, catalogue) -> None:
    ktp = catalogue["services"]["ktp"]
    await login(client, "admin.a")
    response = await post_form(client, f"/staf/layanan/{ktp}/tarik", {}, headers={"hx-request": "true"})
    assert response.status_code == 200
    fragment = html(response)
    assert fragment.select_one(f"#publish-{ktp}") is not None and fragment.html is None
    assert "Terbitkan" in fragment.text
    assert (await client.get("/layanan/dukcapil-uji/penerbitan-ktp-el")).status_code == 404


async def test_new_version_needs_a_change_note_and_may_start_later(client, catalogue) -> None:
    akta = catalogue["services"]["akta"]
    await login(client, "admin.a")
    missing = await post_form(client, f"/staf/layanan/{akta}/ubah", service_form(name="Akta kelahiran"))
    assert missing.status_code == 422 and html(missing).select_one("#change_note-error")
    later = await post_form(
        client,
        f"/staf/layanan/{akta}/ubah",
        service_form(name="Akta kelahiran", effective_from=tomorrow().isoformat(), change_note="Prosedur baru"),
    )
    assert later.status_code == 303
    page = html(await client.get("/layanan/dukcapil-uji/akta-kelahiran"))
    assert page.select_one("[data-testid=effective-from]").text == "2 Januari 2025"  # still the old one today


async def test_unit_profile_and_maklumat_are_edited_by_own_admin_with_audit(client, catalogue) -> None:
    await login(client, "admin.a")
    form = {
        "name": "Dinas Dukcapil Uji",
        "unit_type": "dinas",
        "address": "Jl. Baru 2",
        "opening_hours": "Senin–Jumat",
        "phone": "0231 1",
        "email": "dukcapil@example.go.id",
        "website": "https://dukcapil.example.go.id",
        "complaint_channels": "WhatsApp: 0812 1\nKotak saran",
    }
    response = await post_form(client, "/staf/unit", form)
    assert response.status_code == 303
    unit = await Unit.select().where(Unit.id == catalogue["unit_a"]).output(load_json=True).first()
    assert unit["address"] == "Jl. Baru 2"
    assert unit["complaint_channels"] == [
        {"label": "WhatsApp", "value": "0812 1"},
        {"label": "Kotak saran", "value": ""},
    ]
    bad = await post_form(client, "/staf/unit", {**form, "email": "bukan-email", "address": "Jl. Salah"})
    assert bad.status_code == 422 and html(bad).select_one("#email-error")
    assert (await Unit.select(Unit.address).where(Unit.id == catalogue["unit_a"]).first())["address"] == "Jl. Baru 2"
    maklumat = await post_form(
        client,
        "/staf/unit/maklumat",
        {
            "text": "Dengan ini kami sanggup menyelenggarakan pelayanan sesuai standar.",
            "adopted_on": queries.local_today().isoformat(),
            "signed_by": "Kepala Dinas",
        },
    )
    assert maklumat.status_code == 303
    assert await Maklumat.count().where(Maklumat.unit == catalogue["unit_a"]) == 1
    assert "Dengan ini kami sanggup" in (await client.get("/unit/dukcapil-uji")).text
    actions = {
        r["action"] for r in await AuditLog.select(AuditLog.action).where(AuditLog.unit_id == catalogue["unit_a"])
    }
    assert {"unit_updated", "maklumat_adopted"} <= actions
    other = await post_form(client, "/staf/unit?unit=puskesmas-uji", {**form, "name": "Dibajak"})
    assert other.status_code == 403
    assert (await Unit.select(Unit.name).where(Unit.id == catalogue["unit_b"]).first())["name"] == "Puskesmas Uji"


async def test_system_admin_creates_for_any_unit_and_staff_home_has_links(client, catalogue) -> None:
    await login(client, "root")
    home = html(await client.get("/staf"))
    assert home.select_one('a[href="/staf/layanan"]') and home.select_one('a[href="/staf/layanan/baru"]')
    missing_unit = await post_form(client, "/staf/layanan/baru", service_form())
    assert missing_unit.status_code == 422 and html(missing_unit).select_one("#unit_id-error")
    created = await post_form(client, "/staf/layanan/baru", service_form(unit_id=str(catalogue["unit_b"])))
    assert created.status_code == 303
    assert await Service.exists().where(
        (Service.unit == catalogue["unit_b"]) & (Service.slug == "surat-keterangan-domisili")
    )
    duplicate = await post_form(client, "/staf/layanan/baru", service_form(unit_id=str(catalogue["unit_b"])))
    assert duplicate.status_code == 422 and html(duplicate).select_one("#slug-error")
