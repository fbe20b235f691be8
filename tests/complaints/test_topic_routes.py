"""Topic routing set by the system administrator (/staf/admin/rute-topik) overrides the routing file."""

import json

from complaints.tables import Complaint, TopicRoute
from portal.tables import AuditLog
from tests.complaints.factories import complaint_data, world
from tests.helpers import csrf_token, html, login, post_form

PAGE = "/staf/admin/rute-topik"


async def file_ktp_complaint(client) -> dict:
    """Files a complaint the keyword classifier puts under `adminduk` (routing file: disdukcapil)."""
    response = await client.post("/api/v1/complaints", json=complaint_data())
    assert response.status_code == 201, response.text
    code = response.json()["tracking_code"]
    return await Complaint.select().where(Complaint.tracking_code == code).first()


async def test_admin_sends_a_topic_to_another_unit_for_the_next_complaint(app, client) -> None:
    ids = await world()
    first = await file_ktp_complaint(client)
    assert first["topic"] == "adminduk" and first["suggested_unit"] == ids["unit_a"]  # the file's default

    await login(client, "admin")
    page = html(await client.get(PAGE))
    row = page.find("tr", attrs={"data-topic": "adminduk"})
    assert "Dinas Dukcapil" in row.get_text() and "Berkas rute" in row.get_text()
    assert len(page.select("tr[data-topic]")) == 16  # every topic of the taxonomy

    response = await post_form(client, PAGE, {"topic": "adminduk", "unit": str(ids["unit_b"])})
    assert response.status_code == 303
    row = html(await client.get(response.headers["location"])).find("tr", attrs={"data-topic": "adminduk"})
    assert "Dinas Kesehatan" in row.get_text() and "Diatur admin" in row.get_text()

    second = await file_ktp_complaint(client)
    assert second["suggested_unit"] == ids["unit_b"]  # the process cache was cleared by the change

    audit = await AuditLog.select().where(AuditLog.action == "topic_route_set").first()
    assert audit["entity_id"] == "adminduk" and audit["actor_id"] == ids["sysadmin"]
    assert json.loads(audit["before"]) == {"unit": "file"} and json.loads(audit["after"]) == {"unit": ids["unit_b"]}


async def test_triage_and_back_to_the_file(app, client) -> None:
    ids = await world()
    await login(client, "admin")
    assert (await post_form(client, PAGE, {"topic": "adminduk", "unit": "triase"})).status_code == 303
    route = await TopicRoute.select().where(TopicRoute.topic == "adminduk").first()
    assert route["unit"] is None and route["updated_by"] == ids["sysadmin"]
    complaint = await file_ktp_complaint(client)
    assert complaint["suggested_unit"] is None

    row = html(await client.get(PAGE)).find("tr", attrs={"data-topic": "adminduk"})
    assert "Triase manual" in row.get_text() and "Diatur admin" in row.get_text()
    assert (await post_form(client, PAGE, {"topic": "adminduk", "unit": "bawaan"})).status_code == 303
    assert await TopicRoute.count() == 0
    assert (await file_ktp_complaint(client))["suggested_unit"] == ids["unit_a"]
    assert await AuditLog.count().where(AuditLog.action == "topic_route_set") == 2


async def test_unknown_topic_or_unit_is_refused_and_changes_nothing(app, client) -> None:
    await world()
    await login(client, "admin")
    for data, message in (({"topic": "tidak_ada", "unit": "triase"}, "Topik tidak dikenal."),
                          ({"topic": "adminduk", "unit": "999999"}, "Unit tidak dikenal."),
                          ({"topic": "adminduk", "unit": "dinkes"}, "Unit tidak dikenal.")):  # fmt: skip
        response = await post_form(client, PAGE, data)
        assert response.status_code == 422
        assert html(response).find(id="route-error").get_text(strip=True) == message
    assert await TopicRoute.count() == 0
    assert await AuditLog.count().where(AuditLog.action == "topic_route_set") == 0

    response = await post_form(client, f"{PAGE}?lang=en", {"topic": "tidak_ada", "unit": "triase"})
    assert response.status_code == 422 and "Unknown topic." in response.text


async def test_officers_and_unit_admins_are_refused(app, client) -> None:
    ids = await world()
    for username in ("petugas.a", "admin.a"):
        await login(client, username)
        assert (await client.get(PAGE)).status_code == 403
        response = await post_form(client, PAGE, {"topic": "adminduk", "unit": str(ids["unit_a"])})
        assert response.status_code == 403
        await client.post("/keluar", data={"_csrf_token": await csrf_token(client)})
    assert await TopicRoute.count() == 0


async def test_post_without_csrf_token_is_refused(app, client) -> None:
    ids = await world()
    await login(client, "admin")
    response = await client.post(PAGE, data={"topic": "adminduk", "unit": str(ids["unit_b"])})
    assert response.status_code == 403
    assert await TopicRoute.count() == 0


async def test_admin_home_links_to_the_routing_page(app, client) -> None:
    await world()
    await login(client, "admin")
    page = html(await client.get("/staf/admin"))
    assert page.find("a", href=PAGE) is not None
