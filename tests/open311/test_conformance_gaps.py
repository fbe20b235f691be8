"""What third-party Open311 clients send: paging, paths without an extension, media uploads, api_key in
the query string, jurisdiction_id; and the XML content type as they parse it."""

from __future__ import annotations

import io
from datetime import timedelta

from complaints.tables import Attachment, Complaint
from tests.open311.conftest import BASE, NOW, make_complaint, parse_xml
from tests.open311.test_requests_post import form


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


async def test_page_and_page_size_walk_the_list_newest_first(client, catalogue) -> None:
    codes = [await make_complaint(created_at=NOW - timedelta(hours=5 - i)) for i in range(5)]
    newest_first = list(reversed(codes))
    seen = []
    for page in (1, 2, 3):
        response = await client.get(f"{BASE}/requests.json", params={"page": page, "page_size": 2})
        assert response.status_code == 200, response.text
        seen.append([r["service_request_id"] for r in response.json()])
    assert seen == [newest_first[:2], newest_first[2:4], newest_first[4:]]
    assert (await client.get(f"{BASE}/requests.json", params={"page": 4, "page_size": 2})).json() == []
    everything = (await client.get(f"{BASE}/requests.json")).json()
    assert [r["service_request_id"] for r in everything] == newest_first
    root = parse_xml(await client.get(f"{BASE}/requests.xml", params={"page": 2, "page_size": 1}))
    assert [r.findtext("service_request_id") for r in root] == [newest_first[1]]


async def test_bad_paging_values_are_400_with_the_documented_maximum(client, catalogue) -> None:
    for query in (
        {"page_size": "1001"},
        {"page_size": "0"},
        {"page": "0"},
        {"page": "abc"},
        {"page": "99999999999999999999999"},
        {"page_size": "-5"},
    ):
        response = await client.get(f"{BASE}/requests.json", params=query)
        assert response.status_code == 400, (query, response.text)
        [error] = response.json()
        assert error["code"] == 400
    assert "from 1 to 1000" in (await client.get(f"{BASE}/requests.json?page_size=5000")).json()[0]["description"]


async def test_paths_without_an_extension_answer_a_georeport_error_list(client) -> None:
    for path in ("/requests", "/requests/", "/services", "/services/", "/tokens", "/tokens/", "/discovery"):
        response = await client.get(f"{BASE}{path}")
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/json; charset=utf-8", path
        [error] = response.json()
        assert error["code"] == 404 and ".json or .xml" in error["description"], path
    for accept in ("text/xml", "application/xml", "application/json;q=0.5, text/xml"):
        response = await client.get(f"{BASE}/requests", headers={"accept": accept})
        assert response.status_code == 404
        assert parse_xml(response).findtext("error/code") == "404", accept
    response = await client.post(f"{BASE}/requests", data={"api_key": "x"})
    assert response.status_code == 404 and response.json()[0]["code"] == 404


async def test_xml_content_type_names_the_charset_once(client, catalogue) -> None:
    for path in ("/services.xml", "/discovery.xml", "/requests.xml", "/nothing.xml"):
        response = await client.get(f"{BASE}{path}")
        assert response.headers["content-type"] == "text/xml; charset=utf-8", path


async def test_multipart_media_is_stored_as_an_attachment(client, catalogue, api_key, classifier, settings) -> None:
    photo = png_bytes()
    response = await client.post(
        f"{BASE}/requests.json", data=form(api_key), files={"media": ("lampu.png", photo, "image/png")}
    )
    assert response.status_code == 201, response.text
    [created] = response.json()
    complaint = await Complaint.objects().where(Complaint.tracking_code == created["service_request_id"]).first()
    [attachment] = await Attachment.select().where(Attachment.complaint == complaint.id)
    assert attachment["original_name"] == "lampu.png" and attachment["content_type"] == "image/png"
    assert attachment["uploaded_by"] == "reporter"
    stored = settings.upload_dir / attachment["storage_name"]
    assert stored.exists() and stored.stat().st_size > 0


async def test_media_that_is_not_an_image_is_refused_and_nothing_is_filed(
    client, catalogue, api_key, classifier
) -> None:
    response = await client.post(
        f"{BASE}/requests.json",
        data=form(api_key),
        files={"media": ("foto.png", b"MZ\x90\x00 not an image at all", "image/png")},
    )
    assert response.status_code == 400, response.text
    [error] = response.json()
    assert error["code"] == 400 and "media" in error["description"]
    assert await Complaint.count() == 0 and await Attachment.count() == 0


async def test_oversized_media_is_refused(db, settings, catalogue, api_key, classifier) -> None:
    from litestar.testing import AsyncTestClient

    from portal.app import create_app

    app = create_app(settings.with_overrides(max_upload_bytes=1000))
    app.state["complaint_classifier"] = classifier
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as small:
        response = await small.post(
            f"{BASE}/requests.xml",
            data=form(api_key),
            files={"media": ("besar.png", png_bytes() + b"\0" * 2000, "image/png")},
        )
    assert response.status_code == 400, response.text
    assert "media" in parse_xml(response).findtext("error/description")
    assert await Complaint.count() == 0


async def test_api_key_in_the_query_string_is_accepted(client, catalogue, api_key, classifier) -> None:
    data = form(api_key)
    del data["api_key"]
    response = await client.post(f"{BASE}/requests.json", params={"api_key": api_key}, data=data)
    assert response.status_code == 201, response.text
    refused = await client.post(f"{BASE}/requests.json", params={"api_key": api_key + "x"}, data=data)
    assert refused.status_code == 403


async def test_unknown_jurisdiction_is_404_and_the_known_one_works(
    db, settings, catalogue, api_key, classifier
) -> None:
    from litestar.testing import AsyncTestClient

    from portal.app import create_app

    code = await make_complaint()
    app = create_app(settings.with_overrides(open311_jurisdiction_id="kota-contoh.go.id"))
    app.state["complaint_classifier"] = classifier
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as c:
        for path in ("/services.json", f"/requests/{code}.json", "/requests.json", "/discovery.json"):
            response = await c.get(f"{BASE}{path}", params={"jurisdiction_id": "kota-lain.go.id"})
            assert response.status_code == 404, path
            [error] = response.json()
            assert error == {"code": 404, "description": "jurisdiction_id kota-lain.go.id not found"}
            assert (await c.get(f"{BASE}{path}", params={"jurisdiction_id": "kota-contoh.go.id"})).status_code == 200
            assert (await c.get(f"{BASE}{path}")).status_code == 200, "jurisdiction_id stays optional"
        xml = await c.get(f"{BASE}/services.xml?jurisdiction_id=x")
        assert parse_xml(xml).findtext("error/code") == "404"
        posted = await c.post(f"{BASE}/requests.json", data=form(api_key, jurisdiction_id="kota-lain.go.id"))
        assert posted.status_code == 404 and await Complaint.count() == 1
        posted = await c.post(f"{BASE}/requests.json", data=form(api_key, jurisdiction_id="kota-contoh.go.id"))
        assert posted.status_code == 201, posted.text


async def test_default_jurisdiction_is_the_host_of_the_base_url(db, settings) -> None:
    from litestar.testing import AsyncTestClient

    from portal.app import create_app

    app = create_app(settings.with_overrides(base_url="https://layanan.kota-contoh.go.id"))
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as c:
        ok = await c.get(f"{BASE}/services.json", params={"jurisdiction_id": "layanan.kota-contoh.go.id"})
        assert ok.status_code == 200
        assert (await c.get(f"{BASE}/services.json", params={"jurisdiction_id": "lain"})).status_code == 404
