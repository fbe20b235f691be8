"""Issue 14 item 8: a form that is not valid UTF-8 is answered 400 with a message and changes nothing.

Before, `%FF` in an urlencoded complaint became U+FFFD and the complaint was stored garbled with 201.
Every HTML POST route (public and staff, as a system administrator so a lenient parse would reach the
handler) gets broken bytes urlencoded (%-encoded and raw) and in a multipart text field; the Open311
POST (urlencoded by its spec) too. No row of any table changes.
"""

from __future__ import annotations

from typing import Any

import pytest
from piccolo.conf.apps import Finder

from complaints.tables import Complaint
from tests.complaints.factories import complaint_data
from tests.complaints.factories import world as complaint_world
from tests.helpers import csrf_token, html, post_form
from tests.security.conftest import as_role
from tests.security.routes import endpoints, fill

MESSAGE_ID = "bukan teks UTF-8 yang sah"
MESSAGE_EN = "not valid UTF-8 text"
URLENCODED = {"content-type": "application/x-www-form-urlencoded"}
BOUNDARY = "----portal-uji-batas"


def urlencoded(token: str, broken: bytes) -> bytes:
    return b"title=Jalan+rusak&description=" + broken + b"&_csrf_token=" + token.encode()


def multipart(token: str, broken: bytes) -> bytes:
    parts = [("title", b"Jalan rusak"), ("description", broken), ("_csrf_token", token.encode())]
    body = b"".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value + b"\r\n"
        for name, value in parts
    )
    return body + f"--{BOUNDARY}--\r\n".encode()


BROKEN = {
    "urlencoded %FF": (URLENCODED, lambda token: urlencoded(token, b"Aspal%FF%FE+berlubang")),
    "urlencoded %C3%28": (URLENCODED, lambda token: urlencoded(token, b"%C3%28+lubang")),
    "urlencoded raw bytes": (URLENCODED, lambda token: urlencoded(token, b"Aspal\xff\xfe berlubang")),
    "multipart text field": (
        {"content-type": f"multipart/form-data; boundary={BOUNDARY}"},
        lambda token: multipart(token, b"Aspal\xc3\x28 berlubang \xff"),
    ),
}


async def row_counts() -> dict[str, int]:
    return {table._meta.tablename: await table.count() for table in Finder().get_table_classes()}


@pytest.mark.parametrize("kind", list(BROKEN))
async def test_every_html_form_refuses_broken_utf8_and_changes_nothing(client, app, world, kind) -> None:
    headers, body = BROKEN[kind]
    await as_role(client, world, "system_admin")
    token = await csrf_token(client)
    before = await row_counts()
    posts = [fill(e, world.values) for e in endpoints(app) if e.method == "POST" and not e.is_api]
    assert len(posts) > 30
    for url in posts:
        response = await client.post(url, content=body(token), headers=headers)
        assert response.status_code == 400, f"{kind}: POST {url} -> {response.status_code}"
        assert MESSAGE_ID in html(response).text, f"{kind}: POST {url} has no message"
    assert await row_counts() == before


async def test_the_complaint_form_explains_in_english_and_a_valid_form_still_files(app, client) -> None:
    await complaint_world()
    token = await csrf_token(client)
    refused = await client.post(
        "/pengaduan/baru?lang=en", content=urlencoded(token, b"%FF"), headers={**URLENCODED, "accept-language": "en"}
    )
    assert refused.status_code == 400 and MESSAGE_EN in refused.text
    assert await Complaint.count() == 0
    # Non-Latin text and a literal U+FFFD typed by someone are valid UTF-8: accepted and stored as sent.
    description = "Jalan rusak di depan SD — ꦗꦭꦤ꧀ 🚧 parah sekali, sudah tiga bulan � belum diperbaiki."
    filed = await post_form(client, "/pengaduan/baru", complaint_data(description=description))
    assert filed.status_code == 303
    stored = await Complaint.select(Complaint.description).first()
    assert stored["description"] == description


async def test_open311_post_with_broken_utf8_is_a_georeport_400(client) -> None:
    from complaints.open311.apikeys import create_key

    await complaint_world()
    _, key = await create_key("aplikasi-uji", rate_limit="100/minute")
    for body in (
        b"api_key=" + key.encode() + b"&description=%FF%FE",
        b"api_key=" + key.encode() + b"&description=\xff",
    ):
        response = await client.post("/open311/v2/requests.json", content=body, headers=URLENCODED)
        assert response.status_code == 400, response.text
        errors: list[dict[str, Any]] = response.json()
        assert errors[0]["code"] == 400 and "UTF-8" in errors[0]["description"]
    assert await Complaint.count() == 0
