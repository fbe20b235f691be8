"""The Content-Security-Policy allows a map tile host (and a reverse-geocoding host) only when configured."""

from __future__ import annotations

import pytest

from portal.map_tiles import map_config


def csp_of(response) -> dict[str, str]:
    parts = [p.strip() for p in response.headers["content-security-policy"].split(";")]
    return {p.split(" ", 1)[0]: p for p in parts if p}


async def _get_csp(settings, **overrides):
    from litestar.testing import AsyncTestClient

    from portal.app import create_app

    app = create_app(settings.with_overrides(**overrides))
    async with AsyncTestClient(app=app) as client:
        return csp_of(await client.get("/pengaduan/lacak"))


async def test_default_allows_only_openstreetmaps_tile_host(db, settings) -> None:
    csp = await _get_csp(settings, map_tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert csp["img-src"] == "img-src 'self' data: https://tile.openstreetmap.org"
    assert csp["connect-src"] == "connect-src 'self'"  # reverse geocoding is off by default
    assert csp["script-src"] == "script-src 'self'"


async def test_tiles_off_adds_no_host_and_a_configured_host_replaces_osm(db, settings) -> None:
    off = await _get_csp(settings, map_tiles="off")
    assert off["img-src"] == "img-src 'self' data:"
    own = await _get_csp(
        settings,
        map_tiles="https://peta.example.go.id/tiles/{z}/{x}/{y}.png",
        map_reverse_geocoding="https://nominatim.example.go.id/reverse?lat={lat}&lon={lon}",
    )
    assert own["img-src"] == "img-src 'self' data: https://peta.example.go.id"
    assert own["connect-src"] == "connect-src 'self' https://nominatim.example.go.id"


@pytest.mark.parametrize("bad", [{"map_tiles": "https://tiles.example/{z}.png"},
                                 {"map_reverse_geocoding": "https://geo.example/reverse"}])  # fmt: skip
def test_a_template_without_its_placeholders_is_refused_at_start(settings, bad) -> None:
    with pytest.raises(RuntimeError, match="PORTAL_MAP"):
        map_config(settings.with_overrides(**bad))
