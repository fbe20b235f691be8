"""The board's map: published complaints at coarse positions, read from the masked public copy only.

Positions come from ComplaintPublic (already rounded to about 100 m when the copy is made) and are snapped
again to a grid of MAP_GRID_DEGREES (about 330 m) before they leave the server, so the map never shows
where exactly a complaint was filed. Only what the board shows is mapped, with the board's own search and filters
(complaints.services.board.mapped: verified, not archived, never rahasia)."""

from __future__ import annotations

import math
from typing import Any

from complaints.services.board import mapped

MAP_GRID_DEGREES = 0.003  # ~330 m of latitude; a cell holds every complaint of a few blocks
MAX_POINTS = 2000


def snap(value: float) -> float:
    """The centre of the grid cell a coordinate falls in (never the coordinate itself)."""
    cell = math.floor(value / MAP_GRID_DEGREES)
    return round((cell + 0.5) * MAP_GRID_DEGREES, 4)


async def board_points(*, q: str = "", unit_id: int | None = None, topic: str = "") -> list[dict[str, Any]]:
    """One entry per grid cell with published complaints: its centre and the complaints in it (newest
    first; masked title, status, tracking code)."""
    rows = await mapped(q=q, unit_id=unit_id, topic=topic, limit=MAX_POINTS)
    cells: dict[tuple[float, float], dict[str, Any]] = {}
    for row in rows:
        key = (snap(row["latitude"]), snap(row["longitude"]))
        cell = cells.setdefault(key, {"latitude": key[0], "longitude": key[1], "complaints": []})
        cell["complaints"].append(
            {"tracking_code": row["tracking_code"], "status": row["status"], "created_at": row["created_at"],
             "title": row["title"]}
        )  # fmt: skip
    return sorted(cells.values(), key=lambda cell: -len(cell["complaints"]))


def as_geojson(cells: list[dict[str, Any]], status_label: Any) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point feature per complaint, placed at its cell's centre."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [cell["longitude"], cell["latitude"]]},
                "properties": {
                    "code": item["tracking_code"],
                    "title": item["title"],
                    "status": status_label(item["status"]),
                    "url": f"/pengaduan/lacak/{item['tracking_code']}",
                },
            }
            for cell in cells
            for item in cell["complaints"]
        ],
    }
