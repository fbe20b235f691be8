"""The board map (issue 17): published complaints at coarse positions from the masked public copy, never the
exact spot and never a rahasia report; the list of places works without JavaScript or tiles."""

from __future__ import annotations

import math

import pytest

from complaints.board_map import MAP_GRID_DEGREES, snap
from tests.complaints.factories import routed_case, world
from tests.helpers import html

EXACT = (-6.7123456, 108.5567891)


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = (a[0] - b[0]) * 111_320
    dlon = (a[1] - b[1]) * 111_320 * math.cos(math.radians(a[0]))
    return math.hypot(dlat, dlon)


@pytest.mark.parametrize("value", [-6.7123456, 108.5567891, 0.0001, -0.0001, 89.99, -179.9999])
def test_snapping_moves_every_point_to_its_cell_centre(value) -> None:
    snapped = snap(value)
    assert snapped != round(value, 3) or abs(snapped - value) > 1e-6
    assert abs(snapped - value) <= MAP_GRID_DEGREES / 2 + 1e-9
    assert snap(snapped) == snapped  # a cell centre stays put: one position per cell


async def test_the_map_shows_published_complaints_coarsely_and_never_rahasia(app, client) -> None:
    ids = await world()
    lat, lon = EXACT
    public = await routed_case(app, ids, latitude=str(lat), longitude=str(lon), title="Lampu jalan mati total")
    await routed_case(
        app,
        ids,
        latitude=str(lat + 0.0004),
        longitude=str(lon),
        privacy="rahasia",
        title="Pungli rahasia di loket",
        description="Petugas meminta uang tambahan di loket KTP.",
    )
    from tests.complaints.factories import file

    unverified = await file(
        app,
        latitude=str(lat),
        longitude=str(lon),
        title="Belum diverifikasi sama sekali",
        description="Belum diverifikasi oleh admin, jadi tidak boleh tampil di papan.",
    )
    geo = await client.get("/pengaduan/peta.geojson")
    assert geo.status_code == 200 and geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert [f["properties"]["title"] for f in features] == ["Lampu jalan mati total"]
    position = tuple(reversed(features[0]["geometry"]["coordinates"]))
    assert position != (round(lat, 3), round(lon, 3)) and position != EXACT
    assert 10 < metres(position, EXACT) < 500
    for text in (str(lat), str(lon), "Pungli rahasia", unverified.tracking_code):
        assert text not in geo.text, text
    page = await client.get("/pengaduan/peta")
    assert page.status_code == 200
    cells = html(page).select('[data-testid="map-cell"]')
    assert len(cells) == 1 and (float(cells[0]["data-lat"]), float(cells[0]["data-lon"])) == position
    assert "Lampu jalan mati total" in cells[0].text
    for text in (str(lat), "Pungli rahasia", "Belum diverifikasi"):
        assert text not in page.text, text
    assert public


async def test_the_map_page_works_without_tiles_and_counts_in_english(app, client) -> None:
    ids = await world()
    await routed_case(app, ids, latitude="-6.9", longitude="107.6")
    app.state.map_config = type(app.state.map_config)(tiles="", attribution="", reverse_geocoding="")
    page = await client.get("/pengaduan/peta?lang=en")
    soup = html(page)
    assert soup.select_one("#board-map") is None and not soup.select('script[src*="leaflet"]')
    assert soup.select_one('[data-testid="map-total"]').text == "1 complaint received with a location"
    assert len(soup.select('[data-testid="map-cell"] a[href^="/pengaduan/lacak/"]')) == 1
