"""Every /api/v1 endpoint speaks the same dialect: pagination envelope, error body, ISO 8601 dates.

Runs against a live server over the demo data (tests/api/conftest.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import httpx
import pytest

ENVELOPE = {"items", "page", "per_page", "total"}
DATE_KEY = re.compile(r"(_at|_on|_date|_from|_until|date|datetime)$")


def _get(server, path: str, **params: Any) -> httpx.Response:
    return httpx.get(server.base_url + path, params=params, timeout=30)


def _list_paths(server) -> list[str]:
    """GET operations without path parameters (the collections)."""
    document = _get(server, "/schema/openapi.json").json()
    return sorted(
        path
        for path, item in document["paths"].items()
        if path.startswith("/api/v1/") and "get" in item and "{" not in path
    )


def _walk_dates(value: Any, where: str = "$") -> list[tuple[str, str]]:
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and DATE_KEY.search(key) and item:
                found.append((f"{where}.{key}", item))
            found += _walk_dates(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _walk_dates(item, f"{where}[{i}]")
    return found


def _assert_iso(path: str, body: Any) -> None:
    for where, text in _walk_dates(body):
        if len(text) == 10:
            date.fromisoformat(text)
            continue
        moment = datetime.fromisoformat(text)
        assert moment.tzinfo is not None, f"{path} {where}={text!r} has no UTC offset"


def _assert_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status_code"] == status and isinstance(body["detail"], str) and body["detail"]


def test_collections_share_the_pagination_envelope(api_server) -> None:
    problems = []
    for path in _list_paths(api_server):
        response = _get(api_server, path)
        if response.status_code in (401, 403):
            _assert_error(response, response.status_code)
            continue
        body = response.json()
        if not isinstance(body, dict) or set(body) != ENVELOPE:
            problems.append(f"{path}: keys {sorted(body) if isinstance(body, dict) else type(body).__name__}")
            continue
        assert body["page"] == 1 and isinstance(body["per_page"], int) and body["total"] >= len(body["items"])
        if body["total"] >= 2:
            second = _get(api_server, path, page=2, per_page=1).json()
            assert (second["page"], second["per_page"], len(second["items"])) == (2, 1, 1), path
            assert second["items"][0] == _get(api_server, path, page=1, per_page=2).json()["items"][1], path
        beyond = _get(api_server, path, page=10_000).json()
        assert beyond["items"] == [] and beyond["total"] == body["total"], path
        _assert_iso(path, body)
    assert not problems, problems


@pytest.mark.parametrize("query", [{"page": "0"}, {"page": "abc"}, {"per_page": "0"}, {"per_page": "1000"}])
def test_bad_pagination_is_a_400_in_the_api_error_format(api_server, query) -> None:
    for path in _list_paths(api_server):
        response = _get(api_server, path, **query)
        if response.status_code in (401, 403):
            continue
        _assert_error(response, 400)


def test_unknown_things_are_404_in_the_api_error_format(api_server) -> None:
    _assert_error(_get(api_server, "/api/v1/tidak-ada"), 404)
    _assert_error(_get(api_server, "/api/v1/services/999999"), 404)
    _assert_error(_get(api_server, "/api/v1/complaints/TIDAKADA12345"), 404)
    _assert_error(_get(api_server, "/api/v1/skm/units/tidak-ada/results"), 404)


def test_details_use_iso_dates(api_server) -> None:
    services = _get(api_server, "/api/v1/services", per_page=5).json()["items"]
    units = _get(api_server, "/api/v1/units", per_page=5).json()["items"]
    assert services and units
    for service in services:
        response = _get(api_server, f"/api/v1/services/{service['id']}")
        assert response.status_code == 200
        _assert_iso(f"/api/v1/services/{service['id']}", response.json())
    for unit in units:
        response = _get(api_server, f"/api/v1/skm/units/{unit['slug']}/results")
        assert response.status_code in (200, 404), response.text
        if response.status_code == 200:
            _assert_iso(response.url.path, response.json())
        else:
            _assert_error(response, 404)
