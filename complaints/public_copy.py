"""The masked public copy of each complaint (docs/privacy.md, "The public copy").

Made once, at intake, inside the transaction that stores the complaint: its title, description and
location masked by complaints.redaction (with the reporter's name and the catalogue's published contacts),
coordinates rounded to 3 decimals (about 100 m), the address dropped for anonim complaints, and its
public history (events marked public) with masked notes. Rebuilt inside the write transaction of every
action that adds public history (complaints.services.handling, LAPOR! import), and for all complaints by
`portal complaints remask` when the rules change (idempotent: it writes only rows whose copy differs).

Public readers (board, board search and its counts, tracking page without the private link, JSON API,
Open311 GET) read texts and places only from here; a complaint without a copy shows no text (fail closed).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from complaints import states
from complaints.event_names import PUBLIC_ANSWER_EVENTS
from complaints.redaction import RULES_VERSION, PublishedContacts, redact, self_named
from complaints.tables import Complaint, ComplaintEvent, ComplaintPublic
from portal.db import write_transaction
from portal.tables import Unit

if TYPE_CHECKING:
    from litestar import Litestar

COORDINATE_DECIMALS = 3  # about 110 m of latitude; public maps never get the exact spot
CONTACTS_STATE_KEY = "public_copy_contacts"
CONTACTS_SECONDS = 60
_SEPARATOR = "\x02"  # joins title and description for one masking pass; no rule matches across it
SOURCE_COLUMNS = (
    Complaint.id,
    Complaint.title,
    Complaint.description,
    Complaint.location_text,
    Complaint.latitude,
    Complaint.longitude,
    Complaint.is_anonymous,
    Complaint.reporter_name,
)


def coarse(value: float | None) -> float | None:
    return None if value is None else round(float(value), COORDINATE_DECIMALS)


# --- the catalogue's published contacts (never masked) -----------------------------------------------


async def published_contacts() -> PublishedContacts:
    """Phone numbers, e-mails and addresses that published units publish themselves."""
    rows = (
        await Unit.select(Unit.phone, Unit.email, Unit.address, Unit.complaint_channels)
        .where(Unit.published.eq(True))
        .output(load_json=True)
    )
    phones, emails, addresses = [], [], []
    for row in rows:
        phones.append(row["phone"] or "")
        emails.append(row["email"] or "")
        addresses.append(row["address"] or "")
        for channel in row["complaint_channels"] or []:
            value = str(channel.get("value", "")) if isinstance(channel, dict) else str(channel)
            (emails if "@" in value else phones).append(value)
    return PublishedContacts.of(phones=phones, emails=emails, addresses=addresses)


async def contacts_for(app: Litestar) -> PublishedContacts:
    """published_contacts() cached on the app for a minute (intake is a hot path)."""
    cached = app.state.get(CONTACTS_STATE_KEY)
    if cached and time.monotonic() - cached[0] < CONTACTS_SECONDS:
        return cached[1]
    contacts = await published_contacts()
    app.state[CONTACTS_STATE_KEY] = (time.monotonic(), contacts)
    return contacts


# --- building a copy ---------------------------------------------------------------------------------


def _names(row: dict[str, Any]) -> list[str]:
    """The reporter's name and any name they introduced themselves in the description."""
    named = [row["reporter_name"]] if row.get("reporter_name") else []
    return named + self_named(row.get("description") or "")


def masked_texts(row: dict[str, Any], contacts: PublishedContacts) -> dict[str, Any]:
    """The public title, description, location and coordinates of a complaint row (or intake values)."""
    names = _names(row)
    title = (row["title"] or "").replace(_SEPARATOR, " ")
    description = (row["description"] or "").replace(_SEPARATOR, " ")
    masked_title, _sep, masked_description = redact(
        f"{title}{_SEPARATOR}{description}", names, contacts=contacts
    ).partition(_SEPARATOR)
    location = "" if row["is_anonymous"] else redact(row.get("location_text") or "", names, contacts=contacts)
    return {
        "title": masked_title,
        "description": masked_description,
        "location_text": location,
        "latitude": coarse(row.get("latitude")),
        "longitude": coarse(row.get("longitude")),
    }


def _iso(moment: datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def public_timeline(events: list[dict[str, Any]], names: list[str], contacts: PublishedContacts) -> list[dict]:
    return [
        {
            "occurred_at": _iso(e["occurred_at"]),
            "event_type": e["event_type"],
            "from_status": e["from_status"],
            "to_status": e["to_status"],
            "actor_role": e["actor_role"],
            "note": redact(e["note"], names, contacts=contacts) if e["note"] else "",
        }
        for e in events
    ]


def _latest_answer(timeline: list[dict]) -> str:
    answers = [e["note"] for e in timeline if e["event_type"] in PUBLIC_ANSWER_EVENTS and e["note"]]
    return answers[-1] if answers else ""


def intake_copy(values: dict[str, Any], now: datetime, contacts: PublishedContacts) -> dict[str, Any]:
    """The copy of a complaint being filed (its only public event is "filed")."""
    timeline = [
        {
            "occurred_at": _iso(now),
            "event_type": "filed",
            "from_status": "",
            "to_status": states.INITIAL,
            "actor_role": "reporter",
            "note": "",
        }
    ]
    return {
        **masked_texts(values, contacts),
        "timeline": timeline,
        "latest_answer": "",
        "rules_version": RULES_VERSION,
        "masked_at": now,
    }


async def _public_events(complaint_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    rows = (
        await ComplaintEvent.select(
            ComplaintEvent.complaint,
            ComplaintEvent.occurred_at,
            ComplaintEvent.event_type,
            ComplaintEvent.from_status,
            ComplaintEvent.to_status,
            ComplaintEvent.note,
            ComplaintEvent.actor_role,
        )
        .where(ComplaintEvent.complaint.is_in(complaint_ids) & ComplaintEvent.is_public.eq(True))
        .order_by(ComplaintEvent.occurred_at)
        .order_by(ComplaintEvent.id)
    )
    by_complaint: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_complaint.setdefault(row["complaint"], []).append(row)
    return by_complaint


def _build(row: dict[str, Any], events: list[dict[str, Any]], contacts: PublishedContacts) -> dict[str, Any]:
    timeline = public_timeline(events, _names(row), contacts)
    return {
        **masked_texts(row, contacts),
        "timeline": timeline,
        "latest_answer": _latest_answer(timeline),
        "rules_version": RULES_VERSION,
    }


async def _save(complaint_id: int, copy: dict[str, Any], existing: dict[str, Any] | None, now: datetime) -> bool:
    """Write the copy when it differs from the stored one; True when written."""
    if existing is not None:
        # REAL is single precision on PostgreSQL: compare coordinates at the precision they are kept in.
        stored = {**existing, "latitude": coarse(existing["latitude"]), "longitude": coarse(existing["longitude"])}
        if all(stored.get(key) == value for key, value in copy.items()):
            return False
    values = {getattr(ComplaintPublic, key): value for key, value in copy.items()}
    values[ComplaintPublic.masked_at] = now
    if existing is None:
        await ComplaintPublic.insert(ComplaintPublic(complaint=complaint_id, masked_at=now, **copy))
    else:
        await ComplaintPublic.update(values).where(ComplaintPublic.complaint == complaint_id)
    return True


async def _stored(complaint_ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = await ComplaintPublic.select().where(ComplaintPublic.complaint.is_in(complaint_ids)).output(load_json=True)
    return {row["complaint"]: row for row in rows}


async def refresh(complaint_id: int, contacts: PublishedContacts | None = None, *, now: datetime | None = None) -> None:
    """Rebuild one complaint's copy (call inside the write transaction that added public history)."""
    row = await Complaint.select(*SOURCE_COLUMNS).where(Complaint.id == complaint_id).first()
    if row is None:
        return
    contacts = contacts if contacts is not None else await published_contacts()
    events = (await _public_events([complaint_id])).get(complaint_id, [])
    existing = (await _stored([complaint_id])).get(complaint_id)
    await _save(complaint_id, _build(row, events, contacts), existing, now or datetime.now(UTC))


async def remask(batch: int = 500) -> tuple[int, int]:
    """Rebuild every complaint's copy with the current rules and contacts; returns (checked, written).

    Idempotent: a second run writes nothing. Each batch is its own transaction."""
    contacts = await published_contacts()
    checked = written = 0
    last_id = 0
    while True:
        rows = await Complaint.select(*SOURCE_COLUMNS).where(Complaint.id > last_id).order_by(Complaint.id).limit(batch)
        if not rows:
            return checked, written
        ids = [row["id"] for row in rows]
        events = await _public_events(ids)
        now = datetime.now(UTC)
        async with write_transaction():
            stored = await _stored(ids)
            for row in rows:
                copy = _build(row, events.get(row["id"], []), contacts)
                written += await _save(row["id"], copy, stored.get(row["id"]), now)
        checked += len(rows)
        last_id = ids[-1]


# --- reading -----------------------------------------------------------------------------------------


def _timeline_out(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**entry, "occurred_at": datetime.fromisoformat(entry["occurred_at"])} for entry in timeline or []]


async def for_complaint(complaint_id: int) -> dict[str, Any]:
    """The public copy of one complaint, timeline datetimes parsed; empty texts when there is none."""
    row = await ComplaintPublic.select().where(ComplaintPublic.complaint == complaint_id).output(load_json=True).first()
    if row is None:
        return {
            "title": "",
            "description": "",
            "location_text": "",
            "latitude": None,
            "longitude": None,
            "timeline": [],
            "latest_answer": "",
        }
    return {**row, "timeline": _timeline_out(row["timeline"])}


async def for_complaints(complaint_ids: list[int]) -> dict[int, dict[str, Any]]:
    if not complaint_ids:
        return {}
    return {
        cid: {**row, "timeline": _timeline_out(row["timeline"])} for cid, row in (await _stored(complaint_ids)).items()
    }
