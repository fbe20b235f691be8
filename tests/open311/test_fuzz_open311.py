"""Property-style fuzz of every Open311 endpoint: whatever the input, never a 5xx; every answer is
either the resource or the spec's error list, in the requested format (deterministic seed)."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from urllib.parse import quote

from tests.open311.conftest import BASE

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "nan",
    "inf",
    "2026-02-30",
    "2026-11-01T25:00:00Z",
    "9999-12-31",
    "0001-01-01",
    "open,closed,",
    ",,,",
    "topik.",
    ".",
    "..",
    "%00",
    "\x00",
    "ü" * 300,
    "<x>&amp;",
    "a" * 5000,
    "2026-11-01T00:00:00+14:00",
    "2026-11-01",
    "closed",
    "topik.pungli",
    "-90",
    "180.0001",
    "attribute[jenis]",
    "https://x",
    "javascript:1",
    "1" * 40,
]
GET_KEYS = ["service_request_id", "service_code", "start_date", "end_date", "status", "jurisdiction_id", "page"]
POST_KEYS = [
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "device_id",
    "account_id",
    "first_name",
    "last_name",
    "phone",
    "description",
    "media_url",
    "attribute[jenis]",
    "attribute[biaya_dibayar]",
    "attribute[tanggal_layanan]",
    "attribute[aspek][]",
    "attribute[x",
]


def _check(response, fmt: str) -> None:
    assert response.status_code < 500, response.text
    if fmt == "json":
        body = response.json()
        if response.status_code >= 400:
            assert body == [{"code": response.status_code, "description": body[0]["description"]}]
        else:
            assert isinstance(body, list | dict)
    else:
        root = ET.fromstring(response.content)
        if response.status_code >= 400:
            assert root.tag == "errors" and root.findtext("error/code") == str(response.status_code)


async def test_get_endpoints_never_fail_with_a_server_error(client, catalogue) -> None:
    rng = random.Random(311)
    for _ in range(120):
        fmt = rng.choice(["json", "xml"])
        params = {key: rng.choice(NASTY) for key in rng.sample(GET_KEYS, rng.randint(0, 4))}
        segment = quote(rng.choice(NASTY), safe="")
        path = rng.choice(
            [
                f"/requests.{fmt}",
                f"/services.{fmt}",
                f"/discovery.{fmt}",
                f"/requests/{segment}.{fmt}",
                f"/services/{segment}.{fmt}",
                f"/tokens/{segment}.{fmt}",
            ]
        )
        _check(await client.get(f"{BASE}{path}", params=params), fmt)


async def test_post_never_fails_with_a_server_error(client, catalogue, api_key, classifier) -> None:
    rng = random.Random(2010)
    for _ in range(80):
        fmt = rng.choice(["json", "xml"])
        data = {key: rng.choice(NASTY) for key in rng.sample(POST_KEYS, rng.randint(1, 8))}
        data["api_key"] = api_key
        data.setdefault("service_code", rng.choice(["topik.pungli", "dinas-pupr.izin-bangunan"]))
        _check(await client.post(f"{BASE}/requests.{fmt}", data=data), fmt)
