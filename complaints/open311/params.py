"""Parsing GeoReport v2 parameters. Empty parameters count as absent; bad input raises Open311Error(400)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from complaints.open311.errors import Open311Error
from portal.lookup_budget import MAX_CODES_PER_CALL

MAX_DESCRIPTION = 4000
MAX_SPAN = timedelta(days=90)
MAX_IDS = MAX_CODES_PER_CALL  # each id spends one code look-up (portal.lookup_budget)
MAX_PAGE_SIZE = 1000
MAX_PAGE = 1_000_000
OPEN, CLOSED = "open", "closed"  # Open311's own two statuses (not the complaint states)
STATUSES = (OPEN, CLOSED)
ATTRIBUTE_RE = re.compile(r"^attribute\[([^\[\]]{1,100})\](\[\])?$")
# NUL and other control characters (PostgreSQL refuses NUL in text); tabs and newlines stay.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: Any) -> str | None:
    if value is None:
        return None
    text = CONTROL_CHARS.sub("", str(value)).strip()
    return text or None


def _getall(params: Any, name: str) -> list[str]:
    if hasattr(params, "getall"):
        try:
            return [str(v) for v in params.getall(name)]
        except KeyError:
            return []
    value = params.get(name)
    return [] if value is None else [str(value)]


def first(params: Any, name: str) -> str | None:
    """The first non-empty value of `name`."""
    for value in _getall(params, name):
        if clean(value):
            return clean(value)
    return None


def comma_list(params: Any, name: str) -> list[str]:
    """`a,b` and repeated `name=a&name=b` both give ['a', 'b'] (empty items dropped, order kept)."""
    items: list[str] = []
    for value in _getall(params, name):
        for part in CONTROL_CHARS.sub("", value).split(","):
            part = part.strip()
            if part and part not in items:
                items.append(part)
    return items


def parse_datetime(raw: str, name: str, default_offset: timezone) -> datetime:
    """ISO 8601 (W3C subset): a date, or a date-time with Z or ±HH:MM; without an offset the portal's."""
    text = raw.strip()
    try:
        value = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        raise Open311Error(400, f"{name} must be an ISO 8601 date-time, e.g. 2026-11-01T08:00:00+07:00") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_offset)
    if not 1900 <= value.year <= 9000:
        raise Open311Error(400, f"{name} is out of range")
    return value


def parse_float(raw: str, name: str, low: float, high: float) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(400, f"{name} must be a decimal number") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise Open311Error(400, f"{name} must be between {low:g} and {high:g}")
    return value


def parse_int(raw: str | None, name: str, low: int, high: int, default: int) -> int:
    """A whole number in [low, high]; absent gives `default`."""
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12 or not low <= int(raw) <= high:
        raise Open311Error(400, f"{name} must be a whole number from {low} to {high}")
    return int(raw)


@dataclass(frozen=True)
class RequestsQuery:
    ids: list[str] | None
    service_codes: list[str]
    start: datetime
    end: datetime | None
    statuses: list[str]
    page: int = 1
    page_size: int = MAX_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def requests_query(params: Any, *, now: datetime, default_offset: timezone) -> RequestsQuery:
    """GET requests: service_request_id overrides the rest; otherwise a span of at most 90 days.
    `page` (from 1) and `page_size` (1 to MAX_PAGE_SIZE, default MAX_PAGE_SIZE) page either list."""
    page = parse_int(first(params, "page"), "page", 1, MAX_PAGE, 1)
    page_size = parse_int(first(params, "page_size"), "page_size", 1, MAX_PAGE_SIZE, MAX_PAGE_SIZE)
    ids = comma_list(params, "service_request_id")
    if ids:
        if len(ids) > MAX_IDS:
            raise Open311Error(400, f"at most {MAX_IDS} service_request_id values per request")
        return RequestsQuery(
            ids=ids,
            service_codes=[],
            start=datetime.min.replace(tzinfo=default_offset),
            end=None,
            statuses=[],
            page=page,
            page_size=page_size,
        )
    statuses = [s.lower() for s in comma_list(params, "status")]
    bad = [s for s in statuses if s not in STATUSES]
    if bad:
        raise Open311Error(400, "status must be open or closed (comma-separated)")
    start_raw, end_raw = first(params, "start_date"), first(params, "end_date")
    start = parse_datetime(start_raw, "start_date", default_offset) if start_raw else None
    end = parse_datetime(end_raw, "end_date", default_offset) if end_raw else None
    if start and end:
        if end < start:
            raise Open311Error(400, "end_date must not be before start_date")
        if end - start > MAX_SPAN:
            raise Open311Error(400, "start_date and end_date may not span more than 90 days")
    elif start:
        end = start + MAX_SPAN
    elif end:
        start = end - MAX_SPAN
    else:
        start = now - MAX_SPAN
    return RequestsQuery(
        ids=None,
        service_codes=comma_list(params, "service_code"),
        start=start,
        end=end,
        statuses=statuses,
        page=page,
        page_size=page_size,
    )


@dataclass
class PostedRequest:
    api_key: str | None
    service_code: str
    lat: float | None = None
    long: float | None = None
    address_string: str | None = None
    address_id: str | None = None
    email: str | None = None
    device_id: str | None = None
    account_id: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    description: str | None = None
    media_url: str | None = None
    attributes: dict[str, list[str]] = field(default_factory=dict)


def _limited(params: Any, name: str, max_length: int) -> str | None:
    value = first(params, name)
    if value is not None and len(value) > max_length:
        raise Open311Error(400, f"{name} may have at most {max_length} characters")
    return value


def posted_request(form: Any) -> PostedRequest:
    """POST requests (form-encoded). The api_key is checked by the caller before anything else."""
    service_code = first(form, "service_code")
    if service_code is None:
        raise Open311Error(400, "service_code was not provided")
    lat_raw, long_raw = first(form, "lat"), first(form, "long")
    if (lat_raw is None) != (long_raw is None):
        raise Open311Error(400, "lat and long must be provided together")
    posted = PostedRequest(
        api_key=first(form, "api_key"),
        service_code=service_code,
        lat=parse_float(lat_raw, "lat", -90, 90) if lat_raw else None,
        long=parse_float(long_raw, "long", -180, 180) if long_raw else None,
        address_string=_limited(form, "address_string", 500),
        address_id=_limited(form, "address_id", 200),
        email=_limited(form, "email", 200),
        device_id=_limited(form, "device_id", 200),
        account_id=_limited(form, "account_id", 200),
        first_name=_limited(form, "first_name", 100),
        last_name=_limited(form, "last_name", 100),
        phone=_limited(form, "phone", 40),
        description=_limited(form, "description", MAX_DESCRIPTION),
        media_url=_limited(form, "media_url", 500),
    )
    if posted.lat is None and posted.address_string is None and posted.address_id is None:
        raise Open311Error(400, "a location is required: lat and long, address_string or address_id")
    if posted.media_url and not re.match(r"^https?://[^\s/]+\S*$", posted.media_url):
        raise Open311Error(400, "media_url must be an http(s) URL")
    keys = form.keys() if hasattr(form, "keys") else []
    for key in keys:
        match = ATTRIBUTE_RE.match(str(key))
        if match is None:
            continue
        values = [c for c in (clean(v) for v in _getall(form, key)) if c]
        if values:
            posted.attributes.setdefault(match.group(1), []).extend(values)
    return posted
