"""GeoReport v2 GET requests and GET request: fields, filters, defaults, privacy."""

from __future__ import annotations

from datetime import datetime, timedelta

from complaints.tables import ComplaintEvent
from tests.open311.conftest import BASE, NOW, make_complaint, parse_xml, refresh_public_copy, xml_records

REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


async def test_request_has_every_spec_field_with_the_units_offset(client, catalogue) -> None:
    code = await make_complaint(
        unit=catalogue["units"]["dinas-wita"],
        service=catalogue["services"]["dinas-wita.air-bersih"],
        status="routed",
        location_text="Depan Pasar Merdeka",
        latitude=-8.65,
        longitude=115.2,
        address_id="ADDR-9",
        media_url="https://foto.example/1.jpg",
        created_at=datetime.fromisoformat("2026-11-20T01:00:00+00:00"),
    )
    response = await client.get(f"{BASE}/requests/{code}.json")
    assert response.status_code == 200
    [request] = response.json()
    assert list(request) == REQUEST_FIELDS
    assert request["service_request_id"] == code
    assert request["status"] == "open"
    assert request["service_code"] == "dinas-wita.air-bersih"
    assert request["service_name"] == "Sambungan Air Bersih"
    assert request["agency_responsible"] == "Dinas di Zona WITA"
    assert request["requested_datetime"] == "2026-11-20T09:00:00+08:00"
    assert request["updated_datetime"] == "2026-11-20T11:00:00+08:00"
    assert request["expected_datetime"] == "2027-01-19T09:00:00+08:00"
    assert request["address"] == "Depan Pasar Merdeka" and request["address_id"] == "ADDR-9"
    assert request["lat"] == -8.65 and request["long"] == 115.2
    assert request["media_url"] == "https://foto.example/1.jpg"
    assert request["status_notes"] == "Assigned to the responsible unit."


async def test_xml_request_matches_json(client, catalogue) -> None:
    code = await make_complaint(latitude=-6.2, longitude=106.8)
    [json_request] = (await client.get(f"{BASE}/requests/{code}.json")).json()
    root = parse_xml(await client.get(f"{BASE}/requests/{code}.xml"))
    assert root.tag == "service_requests"
    [record] = xml_records(root)
    assert list(record) == REQUEST_FIELDS
    assert root.find("request").tag == "request"
    for key, value in json_request.items():
        assert record[key] == (None if value is None else str(value)), key


async def test_states_fold_to_open_and_closed_and_replies_become_status_notes(client, catalogue) -> None:
    closed = await make_complaint(status="closed")
    answered = await make_complaint(status="answered")
    from complaints.tables import Complaint

    answered_id = (await Complaint.select(Complaint.id).where(Complaint.tracking_code == answered).first())["id"]
    for note, public in (("Sudah ditambal, hubungi 081234567890.", True), ("Catatan internal", False)):
        await ComplaintEvent.insert(
            ComplaintEvent(complaint=answered_id, occurred_at=NOW, event_type="reply", note=note, is_public=public)
        )
    await refresh_public_copy(answered_id)
    [c] = (await client.get(f"{BASE}/requests/{closed}.json")).json()
    [a] = (await client.get(f"{BASE}/requests/{answered}.json")).json()
    assert c["status"] == "closed" and a["status"] == "open"
    assert a["status_notes"] == "Sudah ditambal, hubungi [nomor telepon disamarkan]."


async def test_no_personal_data_in_get_responses(client, catalogue) -> None:
    code = await make_complaint(
        reporter_name="Siti Aminah",
        reporter_email="siti@example.id",
        reporter_phone="081299998888",
        device_id="device-123",
        account_id="acct-9",
        description="Saya Siti Aminah, NIK 3201234567890123, email siti@example.id, jalan rusak parah.",
    )
    response = await client.get(f"{BASE}/requests/{code}.json")
    listed = await client.get(f"{BASE}/requests.json")
    for body in (response.text, listed.text):
        for secret in ("Siti", "Aminah", "siti@example.id", "081299998888", "3201234567890123", "device-123", "acct-9"):
            assert secret not in body
    assert "[NIK disamarkan]" in response.json()[0]["description"]


async def test_lists_hide_rahasia_unverified_and_archived_requests(client, catalogue) -> None:
    public = await make_complaint(status="verified")
    secret = await make_complaint(status="in_progress", is_confidential=True)
    fresh = await make_complaint(status="received")
    archived = await make_complaint(status="archived")
    listed = [r["service_request_id"] for r in (await client.get(f"{BASE}/requests.json")).json()]
    assert listed == [public]
    by_id = await client.get(f"{BASE}/requests.json", params={"service_request_id": f"{secret},{fresh},{public}"})
    assert [r["service_request_id"] for r in by_id.json()] == [public]
    # Asked for by id, a non-public request shows its status but none of its content.
    [hidden] = (await client.get(f"{BASE}/requests/{secret}.json")).json()
    assert hidden["status"] == "open"
    assert hidden["description"] is None and hidden["lat"] is None and hidden["address"] is None
    [gone] = (await client.get(f"{BASE}/requests/{archived}.json")).json()
    assert gone["status"] == "closed"


async def test_service_request_id_overrides_other_filters(client, catalogue) -> None:
    old = await make_complaint(created_at=NOW - timedelta(days=400), status="closed")
    other = await make_complaint()
    response = await client.get(
        f"{BASE}/requests.json",
        params={
            "service_request_id": f"{old}, {other[:4]}-{other[4:]}",
            "status": "open",
            "service_code": "topik.pungli",
            "start_date": "2026-01-01T00:00:00Z",
        },
    )
    assert response.status_code == 200
    assert sorted(r["service_request_id"] for r in response.json()) == sorted([old, other])


async def test_default_window_is_the_last_90_days(client, catalogue) -> None:
    recent = await make_complaint(created_at=NOW - timedelta(days=89))
    await make_complaint(created_at=NOW - timedelta(days=91))
    assert [r["service_request_id"] for r in (await client.get(f"{BASE}/requests.json")).json()] == [recent]


async def test_filters_by_service_code_status_and_dates(client, catalogue) -> None:
    building = catalogue["services"]["dinas-pupr.izin-bangunan"]
    a = await make_complaint(service=building, status="closed", created_at=NOW - timedelta(days=10))
    b = await make_complaint(service=building, status="in_progress", created_at=NOW - timedelta(days=5))
    c = await make_complaint(topic="drainase_banjir", status="routed", created_at=NOW - timedelta(days=3))
    d = await make_complaint(topic="", status="routed", created_at=NOW - timedelta(days=2))

    async def ids(**query: str) -> list[str]:
        response = await client.get(f"{BASE}/requests.json", params=query)
        assert response.status_code == 200, response.text
        return [r["service_request_id"] for r in response.json()]

    assert await ids() == [d, c, b, a]  # newest first
    assert await ids(service_code="dinas-pupr.izin-bangunan") == [b, a]
    assert await ids(service_code="topik.drainase_banjir,dinas-pupr.izin-bangunan") == [c, b, a]
    assert await ids(service_code="topik.lainnya") == [d]
    assert await ids(service_code="tidak.ada") == []
    assert await ids(status="closed") == [a]
    assert await ids(status="open") == [d, c, b]
    assert await ids(status="open,closed") == [d, c, b, a]
    start = (NOW - timedelta(days=6)).isoformat()
    end = (NOW - timedelta(days=2, hours=12)).isoformat()
    assert await ids(start_date=start, end_date=end) == [c, b]
    assert await ids(start_date=start) == [d, c, b]
    assert await ids(end_date=end) == [c, b, a]
    # Empty parameters count as absent.
    assert await ids(status="", service_code="", start_date="", end_date="", service_request_id="") == [d, c, b, a]


async def test_list_is_capped_at_1000(client, catalogue) -> None:
    from complaints.tables import Complaint
    from complaints.tracking_codes import new_tracking_code

    rows = [
        Complaint(
            tracking_code=new_tracking_code(),
            status="routed",
            title="t",
            description="d",
            topic="pungli",
            created_at=NOW - timedelta(minutes=i),
            updated_at=NOW,
        )
        for i in range(1005)
    ]
    for start in range(0, len(rows), 200):  # PostgreSQL takes at most 32767 parameters per statement
        await Complaint.insert(*rows[start : start + 200])
    assert len((await client.get(f"{BASE}/requests.json")).json()) == 1000


async def test_bad_filters_are_400_in_the_spec_format(client, catalogue) -> None:
    for query in (
        {"start_date": "2026-01-01T00:00:00+07:00", "end_date": "2026-06-01T00:00:00+07:00"},  # > 90 days
        {"start_date": "kemarin"},
        {"end_date": "2026-13-45"},
        {"status": "pending"},
        {"start_date": "2026-05-01", "end_date": "2026-04-01"},
    ):
        for fmt in ("json", "xml"):
            response = await client.get(f"{BASE}/requests.{fmt}", params=query)
            assert response.status_code == 400, query
            if fmt == "json":
                [error] = response.json()
                assert error["code"] == 400 and error["description"]
            else:
                root = parse_xml(response)
                assert root.tag == "errors" and root.findtext("error/code") == "400"


async def test_unknown_request_is_404(client) -> None:
    response = await client.get(f"{BASE}/requests/TIDAKADA12345.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "service_request_id TIDAKADA12345 not found"}]
    assert (await client.get(f"{BASE}/requests/x.xml")).status_code == 404
