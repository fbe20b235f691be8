"""Service requests over the portal's complaints: read (public views only) and create (through intake).

Privacy: GET responses never carry the reporter's identity, device_id or account_id; descriptions,
notes, addresses and coordinates come only from the masked public copy (complaints.public_copy:
coordinates rounded to about 100 m, no address for anonim complaints). Lists hold only complaints that the public
board shows (complaints.privacy.public_on_board: never rahasia, not before verification, not archived).
A single request asked for by its id shows its status even when it is not public, without content.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from piccolo.columns.combination import WhereRaw
from piccolo.querystring import QueryString

from complaints import public_copy, states
from complaints.calendar import LOCAL_TZ
from complaints.open311.catalogue import TOPIC_PREFIX, ServiceCode
from complaints.open311.errors import Open311Error
from complaints.open311.params import CLOSED, OPEN
from complaints.open311.tables import RequestToken
from complaints.privacy import public_on_board
from complaints.services.intake import DuplicateSuspected, InvalidComplaint, submit
from complaints.states import S
from complaints.tables import Complaint, ComplaintPublic
from complaints.tracking_codes import is_valid_code, normalize_code
from ml.taxonomy import ASPECTS, FALLBACK_TOPIC, TOPICS
from portal import audit

if TYPE_CHECKING:
    from litestar import Litestar, Request

    from complaints.open311.apikeys import ApiClient
    from complaints.open311.params import PostedRequest, RequestsQuery

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CLOSED_STATES = states.FINAL
HIDDEN_STATES = states.HIDDEN
STATUS_NOTES = {
    S.received: "Received; awaiting verification.",
    S.needs_info: "Waiting for more information from the reporter.",
    S.verified: "Verified; being assigned to the responsible unit.",
    S.routed: "Assigned to the responsible unit.",
    S.in_progress: "The responsible unit is working on it.",
    S.answered: "Answered by the responsible unit.",
    S.closed: "Closed.",
    S.archived: "Archived without follow-up.",
}
# Intake field -> the Open311 parameter a client sent it as.
FIELD_PARAMS = {
    "kind": "attribute[jenis]",
    "title": "description",
    "description": "description",
    "latitude": "lat",
    "longitude": "long",
    "location_text": "address_string",
    "reporter_email": "email",
    "reporter_phone": "phone",
    "reporter_name": "first_name",
    "service_date": "attribute[tanggal_layanan]",
    "fee_paid": "attribute[biaya_dibayar]",
    "service_id": "service_code",
    "unit_id": "service_code",
    "attachments": "media",
}

FIELDS = (
    Complaint.id,
    Complaint.tracking_code,
    Complaint.status,
    Complaint.description,
    Complaint.topic,
    Complaint.service,
    Complaint.service.slug,
    Complaint.service.name,
    Complaint.service.unit.slug,
    Complaint.unit,
    Complaint.unit.name,
    Complaint.unit.utc_offset,
    Complaint.created_at,
    Complaint.updated_at,
    Complaint.resolve_due_at,
    Complaint.address_id,
    Complaint.media_url,
    Complaint.is_confidential,
    Complaint.is_anonymous,
)


def site_offset() -> timezone:
    """The portal's own offset (complaints.calendar.LOCAL_TZ), for complaints not yet routed to a unit."""
    offset = datetime.now(LOCAL_TZ).utcoffset() or timedelta(0)
    return timezone(offset)


@lru_cache(maxsize=64)
def parse_offset(text: str | None, default: timezone) -> timezone:
    """Unit.utc_offset ("+07:00") as a tzinfo; anything malformed gives the portal's offset."""
    if not text or len(text) != 6 or text[0] not in "+-" or text[3] != ":":
        return default
    try:
        hours, minutes = int(text[1:3]), int(text[4:6])
    except ValueError:
        return default
    sign = 1 if text[0] == "+" else -1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def iso(moment: datetime | None, tz: timezone) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).isoformat(timespec="seconds")


def code_of(row: dict[str, Any]) -> tuple[str, str]:
    """(service_code, service_name) of a complaint: its service, else its topic."""
    if row["service"] is not None and row["service.slug"]:
        return f"{row['service.unit.slug']}.{row['service.slug']}", row["service.name"]
    topic = row["topic"] if row["topic"] in TOPICS else FALLBACK_TOPIC
    return f"{TOPIC_PREFIX}{topic}", TOPICS[topic]["id"]


def request_json(row: dict[str, Any], copies: dict[int, dict[str, Any]], default_tz: timezone) -> dict[str, Any]:
    """One service request as the spec names its fields (in the spec's order); texts and places from the
    complaint's masked public copy (`copies`), nothing when it has none."""
    tz = parse_offset(row["unit.utc_offset"], default_tz) if row["unit"] else default_tz
    code, name = code_of(row)
    copy = copies.get(row["id"])
    public = public_on_board(row) and copy is not None
    copy = copy or {}
    note = copy.get("latest_answer")
    return {
        "service_request_id": row["tracking_code"],
        "status": CLOSED if row["status"] in CLOSED_STATES else OPEN,
        "status_notes": note if note and public else STATUS_NOTES.get(row["status"]),
        "service_name": name,
        "service_code": code,
        "description": copy.get("description") if public else None,
        "agency_responsible": row["unit.name"] if row["unit"] else None,
        "service_notice": None,
        "requested_datetime": iso(row["created_at"], tz),
        "updated_datetime": iso(row["updated_at"], tz),
        "expected_datetime": iso(row["resolve_due_at"], tz),
        "address": (copy.get("location_text") or None) if public else None,
        "address_id": (row["address_id"] or None) if public and not row["is_anonymous"] else None,
        "zipcode": None,
        "lat": public_copy.coarse(copy.get("latitude")) if public else None,
        "long": public_copy.coarse(copy.get("longitude")) if public else None,
        "media_url": (row["media_url"] or None) if public else None,
    }


def _code_condition(codes: list[ServiceCode]) -> Any:
    condition = None
    for entry in codes:
        if entry.is_topic:
            part = Complaint.service.is_null() & (Complaint.topic == entry.topic)
            if entry.topic == FALLBACK_TOPIC:
                part = Complaint.service.is_null() & (
                    (Complaint.topic == FALLBACK_TOPIC) | Complaint.topic.not_in(list(TOPICS))
                )
        else:
            part = Complaint.service == entry.service_id
        condition = part if condition is None else (condition | part)
    return condition


# One statement for a page of the list: the complaint, its names and its stored public copy (no masking and
# no second query per page). `{}`: the WHERE condition (Piccolo), the limit and the offset. The page's ids
# come first from the order index alone (complaint_open311_order): the rows that `page` skips are index
# entries only, never joined to their public copy, service and unit.
LIST_SQL = (
    "SELECT complaint.id, complaint.tracking_code, complaint.status, complaint.topic, complaint.service, "
    's.slug AS "service.slug", s.name AS "service.name", su.slug AS "service.unit.slug", complaint.unit, '
    'u.name AS "unit.name", u.utc_offset AS "unit.utc_offset", complaint.created_at, complaint.updated_at, '
    "complaint.resolve_due_at, complaint.address_id, complaint.media_url, complaint.is_confidential, "
    "complaint.is_anonymous, p.complaint AS copy_of, p.description AS copy_description, p.location_text, "
    "p.latitude, p.longitude, p.latest_answer FROM (SELECT complaint.id FROM complaint WHERE {} "
    "ORDER BY complaint.created_at DESC, complaint.id DESC LIMIT {} OFFSET {}) page "
    "JOIN complaint ON complaint.id = page.id "
    "LEFT JOIN complaint_public p ON p.complaint = complaint.id LEFT JOIN service s ON s.id = complaint.service "
    "LEFT JOIN unit su ON su.id = s.unit LEFT JOIN unit u ON u.id = complaint.unit "
    "ORDER BY complaint.created_at DESC, complaint.id DESC"
)
COPY_FIELDS = ("location_text", "latitude", "longitude", "latest_answer")


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


async def list_requests(query: RequestsQuery, codes: list[ServiceCode] | None, default_tz: timezone) -> list[dict]:
    """GET requests. `codes` are the known entries of the service_code filter (None: no filter)."""
    # The text of the partial index complaint_open311_order (migration complaints_2026_12_06t21_00_01).
    visible = WhereRaw(
        f"complaint.is_confidential = false AND complaint.status NOT IN {states.sql_list(HIDDEN_STATES)}"
    )
    if query.ids is not None:
        wanted = [code for code in (normalize_code(raw) for raw in query.ids) if is_valid_code(code)]
        if not wanted:
            return []
        where = visible & Complaint.tracking_code.is_in(wanted)
    else:
        if codes is not None and not codes:
            return []
        where = visible & (Complaint.created_at >= query.start)
        if query.end is not None:
            where &= Complaint.created_at <= query.end
        if codes:
            where &= _code_condition(codes)
        if query.statuses == [OPEN]:
            where &= Complaint.status.not_in(list(CLOSED_STATES))
        elif query.statuses == [CLOSED]:
            where &= Complaint.status.is_in(list(CLOSED_STATES))
    statement = QueryString(LIST_SQL, where.querystring, query.page_size, query.offset)
    rows = [dict(row) for row in await Complaint._meta.db.run_querystring(statement)]  # asyncpg: Records
    copies = {}
    for row in rows:
        for name in ("created_at", "updated_at", "resolve_due_at"):
            row[name] = _moment(row[name])
        if row["copy_of"] is not None:
            copies[row["id"]] = {"description": row["copy_description"], **{k: row[k] for k in COPY_FIELDS}}
    return [request_json(row, copies, default_tz) for row in rows]


async def stored_copies(complaint_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The stored public copy's fields a request shows (no timeline: nothing parsed or masked per request)."""
    if not complaint_ids:
        return {}
    rows = await ComplaintPublic.select(
        ComplaintPublic.complaint,
        ComplaintPublic.description,
        ComplaintPublic.location_text,
        ComplaintPublic.latitude,
        ComplaintPublic.longitude,
        ComplaintPublic.latest_answer,
    ).where(ComplaintPublic.complaint.is_in(complaint_ids))
    return {row["complaint"]: row for row in rows}


async def get_request(raw_id: str, default_tz: timezone) -> dict | None:
    code = normalize_code(raw_id)
    if not is_valid_code(code):  # also keeps NUL and other junk away from the database
        return None
    row = await Complaint.select(*FIELDS).where(Complaint.tracking_code == code).first()
    if row is None:
        return None
    return request_json(row, await public_copy.for_complaints([row["id"]]), default_tz)


async def request_for_token(token: str) -> dict[str, str] | None:
    if not TOKEN_RE.match(token):
        return None
    row = (
        await RequestToken.select(RequestToken.token, RequestToken.complaint.tracking_code)
        .where(RequestToken.token == token)
        .first()
    )
    if row is None:
        return None
    return {"service_request_id": row["complaint.tracking_code"], "token": row["token"]}


# --- POST ---------------------------------------------------------------------------------------


def _intake_text(posted: PostedRequest, entry: ServiceCode, attributes: dict[str, Any]) -> tuple[str, str]:
    """(title, description) for intake: the client's description plus the attribute details."""
    details = []
    if attributes.get("nomor_berkas"):
        details.append(f"Nomor berkas: {attributes['nomor_berkas']}")
    if attributes.get("aspek"):
        details.append("Aspek: " + ", ".join(ASPECTS[key]["id"] for key in attributes["aspek"]))
    if attributes.get("patokan"):
        details.append(f"Patokan lokasi: {attributes['patokan']}")
    body = posted.description or f"Laporan melalui Open311 tentang {entry.name}."
    if len(body) < 10:
        body = f"{entry.name}: {body}"
    suffix = ("\n\n" + "\n".join(details)) if details else ""
    description = (body[: 4000 - len(suffix)] + suffix) if len(body) + len(suffix) > 4000 else body + suffix
    title = entry.name if len(entry.name) >= 5 else f"Laporan {entry.name}"
    return title[:200], description


def intake_data(posted: PostedRequest, entry: ServiceCode, attributes: dict[str, Any]) -> dict[str, str]:
    title, description = _intake_text(posted, entry, attributes)
    served_at = attributes.get("tanggal_layanan")
    return {
        "kind": attributes.get("jenis", "pengaduan"),
        "title": title,
        "description": description,
        "service_id": str(entry.service_id) if entry.service_id else "",
        "service_date": served_at.date().isoformat() if served_at else "",
        "location_text": (posted.address_string or "")[:500],
        "latitude": "" if posted.lat is None else repr(posted.lat),
        "longitude": "" if posted.long is None else repr(posted.long),
        "privacy": "normal",
        "reporter_name": " ".join(p for p in (posted.first_name, posted.last_name) if p)[:200],
        "reporter_email": posted.email or "",
        "reporter_phone": posted.phone or "",
        "fee_paid": str(attributes["biaya_dibayar"]) if "biaya_dibayar" in attributes else "",
    }


async def create_request(
    app: Litestar,
    request: Request,
    client: ApiClient,
    posted: PostedRequest,
    entry: ServiceCode,
    attributes: dict[str, Any],
    default_tz: timezone,
    files: list[tuple[str, bytes]] = (),
) -> dict:  # type: ignore[assignment]
    """File an ordinary complaint through the complaints intake (classified, deadlines, events)."""
    extra = {
        "device_id": posted.device_id or "",
        "account_id": posted.account_id or "",
        "media_url": posted.media_url or "",
        "address_id": posted.address_id or "",
    }
    device = posted.device_id or posted.account_id
    filer_proof = f"open311:{client.id}:{device}" if device else ""  # the API key holder's own device
    try:
        filed = await submit(
            app,
            intake_data(posted, entry, attributes),
            files=list(files),
            filer_proof=filer_proof,
            channel="open311",
            extra=extra,
        )
    except InvalidComplaint as exc:
        problems = "; ".join(f"{FIELD_PARAMS.get(k, k)}: {v}" for k, v in exc.errors.items())
        raise Open311Error(400, f"invalid request: {problems}") from None
    except DuplicateSuspected as exc:
        raise Open311Error(400, f"duplicate request: already filed as {exc.tracking_code}") from None
    token = secrets.token_urlsafe(24)
    now = datetime.now(UTC)
    await RequestToken.insert(RequestToken(token=token, complaint=filed.id, api_key=client.id, created_at=now))
    await audit.record(
        "open311.request_create",
        "complaint",
        filed.id,
        actor_name=f"open311:{client.name}",
        after={"tracking_code": filed.tracking_code, "service_code": entry.code, "api_key": client.name},
        request=request,
    )
    due = (
        await Complaint.select(Complaint.verify_due_at, Complaint.resolve_due_at)
        .where(Complaint.id == filed.id)
        .first()
    )
    return {
        "service_request_id": filed.tracking_code,
        "token": token,
        "service_notice": service_notice(due or {}, default_tz),
        "account_id": posted.account_id,
    }


def service_notice(due: dict[str, Any], tz: timezone) -> str:
    parts = ["Received as an ordinary complaint of the portal."]
    if due.get("verify_due_at"):
        parts.append(f"Verification is due by {iso(due['verify_due_at'], tz)}.")
    if due.get("resolve_due_at"):
        parts.append(f"Resolution is due by {iso(due['resolve_due_at'], tz)}.")
    return " ".join(parts)
