"""Leaflet and Leaflet.markercluster are vendored from their npm packages into static/vendor (no CDN): the
files the pages load exist, carry their licences, and no template loads a script or stylesheet from elsewhere."""

from __future__ import annotations

import re

from portal.settings import ROOT

VENDOR = ROOT / "static" / "vendor"
LEAFLET = VENDOR / "leaflet-1.9.4"
CLUSTER = VENDOR / "leaflet.markercluster-1.5.3"


def test_the_vendored_map_libraries_ship_with_their_licences() -> None:
    licence = (LEAFLET / "LICENSE.txt").read_text()
    assert "BSD 2-Clause" in licence and "Agafonkin" in licence
    assert "Permission is hereby granted" in (CLUSTER / "LICENSE.txt").read_text()  # MIT
    assert (LEAFLET / "leaflet.js").read_text().startswith("/* @preserve\n * Leaflet 1.9.4")
    assert "markerClusterGroup" in (CLUSTER / "leaflet.markercluster.js").read_text()
    for image in ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"):  # referenced by leaflet.css
        assert (LEAFLET / "images" / image).read_bytes().startswith(b"\x89PNG")


def test_every_static_file_a_template_loads_exists_and_none_comes_from_another_host() -> None:
    loaded = set()
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", text), template
        loaded |= set(re.findall(r"static\('([^']+)'\)", text))
    assert {"vendor/leaflet-1.9.4/leaflet.js", "vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js",
            "js/complaint-form.js", "js/board-map.js"} <= loaded  # fmt: skip
    missing = [path for path in loaded if not (ROOT / "static" / path).is_file()]
    assert missing == []
