"""GeoReport v2 POST requests: api_key, location, attributes, limits; the result is an ordinary complaint."""

from __future__ import annotations

from complaints.open311.tables import RequestToken
from complaints.tables import Complaint, ComplaintEvent
from portal.tables import AuditLog
from tests.open311.conftest import BASE, parse_xml

DESCRIPTION = "Lampu jalan di depan SD Negeri 3 mati sejak seminggu, jalan gelap dan rawan."


def form(api_key: str, **extra: str) -> dict[str, str]:
    data = {
        "api_key": api_key,
        "service_code": "topik.penerangan_jalan",
        "lat": "-6.2",
        "long": "106.8",
        "attribute[jenis]": "pengaduan",
        "description": DESCRIPTION,
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


async def test_post_creates_an_ordinary_complaint_and_returns_its_id(client, catalogue, api_key, classifier) -> None:
    response = await client.post(
        f"{BASE}/requests.json",
        data=form(
            api_key,
            email="warga@example.id",
            first_name="Budi",
            last_name="Santoso",
            phone="081234567890",
            device_id="hp-77",
            account_id="akun-5",
            media_url="https://foto.example/a.jpg",
            address_string="Jl. Mawar 3",
            address_id="A-1",
            **{"attribute[patokan]": "dekat masjid"},
        ),
    )
    assert response.status_code == 201, response.text
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    [created] = response.json()
    assert set(created) == {"service_request_id", "token", "service_notice", "account_id"}
    assert created["account_id"] == "akun-5"
    assert "Resolution is due by" in created["service_notice"]
    complaint = await Complaint.objects().where(Complaint.tracking_code == created["service_request_id"]).first()
    assert complaint.channel == "open311" and complaint.status == "received"
    assert complaint.topic == "jalan_jembatan" and classifier.texts  # classified by the portal's model
    assert complaint.resolve_due_at is not None and complaint.verify_due_at is not None
    assert complaint.reporter_name == "Budi Santoso" and complaint.reporter_email == "warga@example.id"
    assert (complaint.device_id, complaint.account_id, complaint.address_id) == ("hp-77", "akun-5", "A-1")
    assert complaint.media_url == "https://foto.example/a.jpg"
    assert (round(complaint.latitude, 5), round(complaint.longitude, 5)) == (-6.2, 106.8)  # REAL column
    assert complaint.location_text == "Jl. Mawar 3"
    assert DESCRIPTION in complaint.description and "Patokan lokasi: dekat masjid" in complaint.description
    events = await ComplaintEvent.select().where(ComplaintEvent.complaint == complaint.id)
    assert [e["event_type"] for e in events] == ["filed"]
    audit = await AuditLog.select().where(AuditLog.action == "open311.request_create")
    assert audit[0]["actor_name"] == "open311:aplikasi-warga"
    # The request can be read back (status only: it is not verified yet) and by its token.
    [read] = (await client.get(f"{BASE}/requests/{created['service_request_id']}.json")).json()
    assert read["status"] == "open" and read["description"] is None
    token = await client.get(f"{BASE}/tokens/{created['token']}.json")
    assert token.json() == [{"service_request_id": created["service_request_id"], "token": created["token"]}]
    root = parse_xml(await client.get(f"{BASE}/tokens/{created['token']}.xml"))
    assert root.findtext("request/service_request_id") == created["service_request_id"]


async def test_post_xml_with_service_attributes(client, catalogue, api_key, classifier) -> None:
    response = await client.post(
        f"{BASE}/requests.xml",
        data={
            "api_key": api_key,
            "service_code": "dinas-pupr.izin-bangunan",
            "address_string": "Kantor DPMPTSP",
            "description": "Diminta uang pelicin saat mengurus PBG.",
            "attribute[biaya_dibayar]": "250000",
            "attribute[tanggal_layanan]": "2026-11-02T09:00:00+07:00",
            "attribute[nomor_berkas]": "PBG-2026-11",
            "attribute[aspek][]": ["biaya", "perilaku"],
        },
    )
    assert response.status_code == 201, response.text
    root = parse_xml(response)
    assert root.tag == "service_requests"
    request_id = root.findtext("request/service_request_id")
    assert [child.tag for child in root.find("request")] == [
        "service_request_id",
        "token",
        "service_notice",
        "account_id",
    ]
    complaint = await Complaint.objects().where(Complaint.tracking_code == request_id).first()
    assert complaint.service == catalogue["services"]["dinas-pupr.izin-bangunan"]
    assert complaint.suggested_unit == catalogue["units"]["dinas-pupr"]
    assert complaint.fee_charged == 250000
    assert str(complaint.service_date) == "2026-11-02"
    assert "Nomor berkas: PBG-2026-11" in complaint.description
    assert "Aspek: Biaya/Tarif, Perilaku Pelaksana" in complaint.description


async def test_api_key_is_required_and_checked(client, catalogue, api_key, classifier) -> None:
    for key in ("", "o311_salah", None):
        data = form(api_key)
        data.pop("api_key")
        if key is not None:
            data["api_key"] = key
        response = await client.post(f"{BASE}/requests.json", data=data)
        assert response.status_code == 403
        assert response.json() == [{"code": 403, "description": "api_key was not provided or is invalid"}]
    from complaints.open311.apikeys import revoke_key

    await revoke_key("aplikasi-warga")
    assert (await client.post(f"{BASE}/requests.xml", data=form(api_key))).status_code == 403
    assert await Complaint.count() == 0


async def test_invalid_posts_are_400_and_store_nothing(client, catalogue, api_key, classifier) -> None:
    cases = [
        ({"service_code": ""}, "service_code was not provided"),
        ({"service_code": "topik.tidak_ada"}, "service_code topik.tidak_ada not found"),
        ({"service_code": "dinas-pupr.tanpa-pengaduan"}, "not found"),
        ({"lat": "", "long": ""}, "a location is required"),
        ({"long": ""}, "lat and long must be provided together"),
        ({"lat": "200"}, "lat must be between"),
        ({"long": "timur"}, "long must be a decimal number"),
        ({"description": "x" * 4001}, "description may have at most 4000 characters"),
        ({"attribute[jenis]": ""}, "attribute[jenis] is required"),
        ({"attribute[jenis]": "gugatan"}, "attribute[jenis] must be one of"),
        ({"media_url": "javascript:alert(1)"}, "media_url must be an http(s) URL"),
        ({"email": "bukan-email"}, "email:"),
    ]
    for change, message in cases:
        response = await client.post(f"{BASE}/requests.json", data=form(api_key, **change))
        assert response.status_code == 400, (change, response.text)
        [error] = response.json()
        assert error["code"] == 400 and message in error["description"], (change, error)
    service = {"service_code": "dinas-pupr.izin-bangunan", "attribute[jenis]": None}
    for change, message in (
        ({"attribute[biaya_dibayar]": "seratus"}, "must be a number"),
        ({"attribute[biaya_dibayar]": "-5"}, "whole number"),
        ({"attribute[tanggal_layanan]": "9999-01-01T00:00:00Z"}, "out of range"),
        ({"attribute[tanggal_layanan]": "2030-01-01T00:00:00Z"}, "must not be in the future"),
        ({"attribute[aspek]": "rasa"}, "must be one of"),
    ):
        response = await client.post(f"{BASE}/requests.json", data=form(api_key, **service, **change))
        assert response.status_code == 400 and message in response.json()[0]["description"], change
    assert await Complaint.count() == 0


async def test_description_is_optional_and_exactly_4000_characters_are_accepted(
    client, catalogue, api_key, classifier
) -> None:
    response = await client.post(f"{BASE}/requests.json", data=form(api_key, description=None))
    assert response.status_code == 201, response.text
    long_text = ("Lampu padam di gang kami. " * 200)[:4000]
    response = await client.post(
        f"{BASE}/requests.json", data=form(api_key, description=long_text, address_id="B-2", lat="", long="")
    )
    assert response.status_code == 201, response.text


async def test_duplicate_from_the_same_device_is_refused(client, catalogue, api_key, classifier) -> None:
    first = await client.post(f"{BASE}/requests.json", data=form(api_key, device_id="hp-1"))
    assert first.status_code == 201
    again = await client.post(f"{BASE}/requests.json", data=form(api_key, device_id="hp-1"))
    assert again.status_code == 400
    assert first.json()[0]["service_request_id"] in again.json()[0]["description"]


async def test_rate_limit_per_key(client, catalogue, classifier) -> None:
    from complaints.open311.apikeys import create_key

    _, slow = await create_key("klien-lambat", rate_limit="2/minute")
    _, other = await create_key("klien-lain", rate_limit="100/minute")
    statuses = []
    for i in range(3):
        response = await client.post(
            f"{BASE}/requests.json", data=form(slow, description=f"{DESCRIPTION} Laporan ke-{i} berbeda isinya.")
        )
        statuses.append(response.status_code)
    assert statuses == [201, 201, 429]
    assert response.json()[0]["code"] == 429 and int(response.headers["retry-after"]) >= 1
    assert (await client.post(f"{BASE}/requests.json", data=form(other))).status_code == 201


async def test_tokens_unknown_is_404(client) -> None:
    response = await client.get(f"{BASE}/tokens/tidak-ada.json")
    assert response.status_code == 404 and response.json()[0]["code"] == 404
    assert await RequestToken.count() == 0
