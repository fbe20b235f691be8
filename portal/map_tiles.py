"""Map tiles and reverse geocoding as configured (PORTAL_MAP_TILES, PORTAL_MAP_REVERSE_GEOCODING): what the
pages hand to Leaflet and which foreign origins the Content-Security-Policy allows (only configured ones)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from portal.settings import Settings

OFF = {"", "off", "none", "0", "false"}
OSM_POLICY_URL = "https://operations.osmfoundation.org/policies/tiles/"


def _origin(template: str) -> str:
    """scheme://host[:port] of an absolute http(s) URL template; "" for relative or other URLs."""
    parts = urlsplit(template)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class MapConfig:
    tiles: str  # URL template with {z}/{x}/{y}; "" = no map
    attribution: str
    reverse_geocoding: str  # URL template with {lat}/{lon}; "" = off

    @property
    def enabled(self) -> bool:
        return bool(self.tiles)

    @property
    def img_origin(self) -> str:
        return _origin(self.tiles)

    @property
    def connect_origin(self) -> str:
        return _origin(self.reverse_geocoding)


def map_config(settings: Settings) -> MapConfig:
    def value(raw: str) -> str:
        return "" if raw.strip().lower() in OFF else raw.strip()

    tiles = value(settings.map_tiles)
    if tiles and not ("{z}" in tiles and "{x}" in tiles and "{y}" in tiles):
        raise RuntimeError("PORTAL_MAP_TILES must contain {z}, {x} and {y} (or be 'off')")
    geocoding = value(settings.map_reverse_geocoding)
    if geocoding and not ("{lat}" in geocoding and "{lon}" in geocoding):
        raise RuntimeError("PORTAL_MAP_REVERSE_GEOCODING must contain {lat} and {lon} (or be 'off')")
    return MapConfig(tiles=tiles, attribution=settings.map_attribution.strip(), reverse_geocoding=geocoding)


def content_security_policy(base: str, config: MapConfig | None) -> str:
    """The portal's CSP with the configured tile host added to img-src and the reverse-geocoding host to
    connect-src; nothing is added for what is not configured."""
    if config is None:
        return base
    policy = base
    if config.img_origin:
        policy = policy.replace("img-src 'self' data:", f"img-src 'self' data: {config.img_origin}", 1)
    if config.connect_origin:
        policy = policy.replace("connect-src 'self'", f"connect-src 'self' {config.connect_origin}", 1)
    return policy
