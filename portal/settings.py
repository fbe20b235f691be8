"""Settings read from the environment once; pass a Settings object to create_app() in tests."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# Uploaded images: phone photos are 12 MP (48–50 MP sensors save 12 MP pictures by default). A 24 MP RGBA
# image needs ~100 MB per copy while it is re-encoded, and a 143 KB PNG can declare 49 MP (issue 14).
DEFAULT_MAX_IMAGE_PIXELS = 24_000_000
DEFAULT_IMAGE_WORKERS = 1
# Outside production an unset PORTAL_BASE_URL means the development server, and any Host is answered.
DEVELOPMENT_BASE_URL = "http://127.0.0.1:8000"
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})  # noqa: S104 (compared, not bound)


def _env(key: str, default: str) -> str:
    value = os.environ.get(key)
    return default if value is None or value == "" else value


def _env_int(key: str, default: int) -> int:
    return int(_env(key, str(default)))


def _env_float(key: str, default: float) -> float:
    return float(_env(key, str(default)))


def _env_bool(key: str, default: bool) -> bool:
    return _env(key, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def _default_secret() -> str:
    """Development secret kept in var/ so sessions survive a restart; production must set one."""
    path = Path(_env("PORTAL_DATA_DIR", str(ROOT / "var"))) / "secret_key"
    try:
        if path.exists():
            return path.read_text().strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        return key
    except OSError:
        return secrets.token_urlsafe(48)


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting has one environment variable (documented in docs/configuration.md)."""

    env: str = field(default_factory=lambda: _env("PORTAL_ENV", "development"))
    database_url: str = field(default_factory=lambda: _env("DATABASE_URL", "sqlite:///portal.sqlite"))
    redis_url: str = field(default_factory=lambda: _env("REDIS_URL", ""))
    secret_key: str = field(default_factory=lambda: _env("PORTAL_SECRET_KEY", ""))
    data_dir: Path = field(default_factory=lambda: Path(_env("PORTAL_DATA_DIR", str(ROOT / "var"))))
    # Both required in production (no default there): see check_production_addresses().
    base_url: str = field(default_factory=lambda: _env("PORTAL_BASE_URL", ""))
    allowed_hosts: tuple[str, ...] = field(
        default_factory=lambda: tuple(h.strip() for h in _env("PORTAL_ALLOWED_HOSTS", "").split(",") if h.strip())
    )
    https: bool = field(default_factory=lambda: _env_bool("PORTAL_HTTPS", False))
    # Rate limits: "N/unit" with unit second|minute|hour|day.
    login_rate_limit: str = field(default_factory=lambda: _env("PORTAL_LOGIN_RATE_LIMIT", "5/minute"))
    public_write_rate_limit: str = field(default_factory=lambda: _env("PORTAL_PUBLIC_WRITE_RATE_LIMIT", "10/minute"))
    # Mail: SMTP when PORTAL_SMTP_HOST is set, otherwise the console/log backend.
    smtp_host: str = field(default_factory=lambda: _env("PORTAL_SMTP_HOST", ""))
    smtp_port: int = field(default_factory=lambda: _env_int("PORTAL_SMTP_PORT", 25))
    smtp_user: str = field(default_factory=lambda: _env("PORTAL_SMTP_USER", ""))
    smtp_password: str = field(default_factory=lambda: _env("PORTAL_SMTP_PASSWORD", ""))
    smtp_starttls: bool = field(default_factory=lambda: _env_bool("PORTAL_SMTP_STARTTLS", False))
    mail_from: str = field(default_factory=lambda: _env("PORTAL_MAIL_FROM", "portal@localhost"))
    # Classifier.
    model_dir: Path = field(default_factory=lambda: Path(_env("PORTAL_MODEL_DIR", str(ROOT / "var" / "models"))))
    # None: the threshold calibrated on real complaints that ships with the model (ml/calibration.json).
    triage_threshold: float | None = field(
        default_factory=lambda: (
            _env_float("PORTAL_TRIAGE_THRESHOLD", 0.0) if _env("PORTAL_TRIAGE_THRESHOLD", "") else None
        )
    )
    # Complaints waiting for the reporter's missing information are archived ("kedaluwarsa") after this
    # many days without an answer (UNCONFIRMED national figure: configurable).
    info_wait_days: int = field(default_factory=lambda: _env_int("PORTAL_INFO_WAIT_DAYS", 10))
    # Caching of public pages (seconds); invalidated on every edit.
    page_cache_seconds: int = field(default_factory=lambda: _env_int("PORTAL_PAGE_CACHE_SECONDS", 300))
    tracking_rate_limit: str = field(default_factory=lambda: _env("PORTAL_TRACKING_RATE_LIMIT", "30/minute"))
    # Open311 jurisdiction_id this portal answers to (empty: the host name of PORTAL_BASE_URL).
    open311_jurisdiction_id: str = field(default_factory=lambda: _env("PORTAL_OPEN311_JURISDICTION_ID", ""))
    max_request_bytes: int = field(default_factory=lambda: _env_int("PORTAL_MAX_REQUEST_BYTES", 24 * 1024 * 1024))
    log_format: str = field(default_factory=lambda: _env("PORTAL_LOG_FORMAT", "json"))
    log_level: str = field(default_factory=lambda: _env("PORTAL_LOG_LEVEL", "INFO"))
    max_upload_bytes: int = field(default_factory=lambda: _env_int("PORTAL_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
    # Images larger than this (from the file's header) are refused before decoding.
    max_image_pixels: int = field(default_factory=lambda: _env_int("PORTAL_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS))
    # Images decoded at the same time per worker process; further uploads wait their turn.
    image_workers: int = field(default_factory=lambda: _env_int("PORTAL_IMAGE_WORKERS", DEFAULT_IMAGE_WORKERS))
    debug: bool = field(default_factory=lambda: _env_bool("PORTAL_DEBUG", False))
    # SP4N-LAPOR! imports: this portal's government ("Kabupaten Sukamaju") and the unit aliases file (TOML).
    government: str = field(default_factory=lambda: _env("PORTAL_GOVERNMENT", ""))
    lapor_aliases_file: str = field(default_factory=lambda: _env("PORTAL_LAPOR_ALIASES", ""))
    # Figures nobody can quietly bend (issue 21). UNCONFIRMED numbers, chosen by the portal: configurable.
    # A complaint answer needs at least this many characters (whitespace collapsed; never 1 character).
    complaint_min_answer_chars: int = field(
        default_factory=lambda: max(2, _env_int("PORTAL_COMPLAINT_MIN_ANSWER_CHARS", 10))
    )
    # The unit (slug) whose staff handle disputed complaints (e.g. Inspektorat or Bagian Organisasi);
    # empty: system administrators do.
    supervising_unit: str = field(default_factory=lambda: _env("PORTAL_SUPERVISING_UNIT", ""))
    # How many times a reporter may dispute the answers to one complaint (UNCONFIRMED portal choice).
    max_disputes: int = field(default_factory=lambda: max(1, _env_int("PORTAL_MAX_DISPUTES", 2)))
    # SKM open mode: a server-signed single-use ballot is valid this many hours after the form was served.
    skm_ballot_hours: int = field(default_factory=lambda: _env_int("PORTAL_SKM_BALLOT_HOURS", 6))
    # SKM open mode burst detection: more than COUNT open-mode answers to one period within MINUTES puts
    # the excess on hold (quarantined, reason "burst") until staff release them.
    skm_burst_count: int = field(default_factory=lambda: _env_int("PORTAL_SKM_BURST_COUNT", 10))
    skm_burst_minutes: int = field(default_factory=lambda: _env_int("PORTAL_SKM_BURST_MINUTES", 10))
    # ... and an open-mode answer sent sooner than this after the form was served is put on hold too.
    skm_min_fill_seconds: int = field(default_factory=lambda: _env_int("PORTAL_SKM_MIN_FILL_SECONDS", 5))
    # Reporter notifications (docs/complaints.md, "Notifications"): the outbox worker's attempts before a
    # message is marked failed, and the WhatsApp Business Cloud API (the channel is off while the phone
    # number id or the token is empty). PORTAL_WHATSAPP_TEMPLATE: an approved template with one body
    # parameter, used instead of free text (business-initiated messages outside the 24-hour window).
    outbox_max_attempts: int = field(default_factory=lambda: _env_int("PORTAL_OUTBOX_MAX_ATTEMPTS", 6))
    whatsapp_api_base: str = field(
        default_factory=lambda: _env("PORTAL_WHATSAPP_API_BASE", "https://graph.facebook.com/v21.0")
    )
    whatsapp_phone_number_id: str = field(default_factory=lambda: _env("PORTAL_WHATSAPP_PHONE_NUMBER_ID", ""))
    whatsapp_token: str = field(default_factory=lambda: _env("PORTAL_WHATSAPP_TOKEN", ""))
    whatsapp_app_secret: str = field(default_factory=lambda: _env("PORTAL_WHATSAPP_APP_SECRET", ""))
    whatsapp_verify_token: str = field(default_factory=lambda: _env("PORTAL_WHATSAPP_VERIFY_TOKEN", ""))
    whatsapp_template: str = field(default_factory=lambda: _env("PORTAL_WHATSAPP_TEMPLATE", ""))
    whatsapp_template_language: str = field(default_factory=lambda: _env("PORTAL_WHATSAPP_TEMPLATE_LANGUAGE", "id"))

    # Map tiles (portal/map_tiles.py, docs/deployment.md): a URL template with {z}/{x}/{y}; "off" shows no map
    # (the text and list fallbacks stay). The default is OpenStreetMap's public tile server: its tile usage
    # policy applies (attribution shown, moderate use; run or rent a tile server for heavy traffic).
    map_tiles: str = field(
        default_factory=lambda: _env("PORTAL_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    )
    map_attribution: str = field(default_factory=lambda: _env("PORTAL_MAP_ATTRIBUTION", "© OpenStreetMap contributors"))
    # Reverse geocoding in the citizen's browser (a URL template with {lat} and {lon} returning Nominatim
    # jsonv2); off unless set: the position would otherwise be sent to a third party.
    map_reverse_geocoding: str = field(default_factory=lambda: _env("PORTAL_MAP_REVERSE_GEOCODING", "off"))

    # PEKPPP coordination view: how the government summary index combines the units' IPP (UNCONFIRMED:
    # "mean", "services" = weighted by published services, "unit_type" = weighted per unit type with
    # PORTAL_PEKPPP_TYPE_WEIGHTS such as "rsud=2,puskesmas=1,kecamatan=1"; unlisted types weigh 1).
    pekppp_summary_method: str = field(default_factory=lambda: _env("PORTAL_PEKPPP_SUMMARY_METHOD", "mean"))
    pekppp_type_weights: str = field(default_factory=lambda: _env("PORTAL_PEKPPP_TYPE_WEIGHTS", ""))

    def __post_init__(self) -> None:
        if not self.secret_key:
            if self.is_production:
                raise RuntimeError("PORTAL_SECRET_KEY must be set (at least 32 characters) in production")
            object.__setattr__(self, "secret_key", _default_secret())
        if self.is_production and len(self.secret_key) < 32:
            raise RuntimeError("PORTAL_SECRET_KEY must be at least 32 characters in production")
        if self.is_production:
            check_production_addresses(self.base_url, self.allowed_hosts)
        else:
            object.__setattr__(self, "base_url", self.base_url or DEVELOPMENT_BASE_URL)
            object.__setattr__(self, "allowed_hosts", self.allowed_hosts or ("*",))

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def upload_dir(self) -> Path:
        return self.data_dir / "uploads"

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **changes)


def check_production_addresses(base_url: str, allowed_hosts: tuple[str, ...]) -> None:
    """Production answers only to its own host names and writes its public address into mail and API
    documents (issue 14: otherwise `Host: evil.example` was answered and links pointed to 127.0.0.1)."""
    if not allowed_hosts or "*" in allowed_hosts:
        raise RuntimeError(
            "PORTAL_ALLOWED_HOSTS must list the portal's host names in production (comma-separated, "
            "e.g. layanan.example.go.id; '*' is not allowed): requests for any other Host get 400"
        )
    parts = urlsplit(base_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise RuntimeError(
            "PORTAL_BASE_URL must be set in production to the portal's public address, "
            "e.g. https://layanan.example.go.id (links in mail and the Open311 discovery use it)"
        )
    if parts.hostname in LOOPBACK_HOSTS:
        raise RuntimeError(f"PORTAL_BASE_URL points to this machine ({base_url}): set the public address in production")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def parse_rate(spec: str) -> tuple[str, int]:
    """'5/minute' -> ('minute', 5), the form Litestar's RateLimitConfig takes."""
    count, _, unit = spec.partition("/")
    unit = unit.strip() or "minute"
    if unit not in {"second", "minute", "hour", "day"}:
        raise ValueError(f"invalid rate-limit unit in {spec!r}")
    return unit, int(count)
