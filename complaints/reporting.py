"""The complaints domain's published reporting reads: the SQL other domains' figures come from.

Complaint figures for one unit and period are SQL aggregates over complaint + complaint_timing.
`complaint_timing` (complaints/timing_projection.py) holds each complaint's milestones, projected from
its append-only events by database triggers: the first filed event, first transition, first public
reply and first transition to "closed", and the whole hours to the first reply and to closing. Three
statements give every figure: one pass over the unit's complaints of the period for the counts and the
deadline shares (SUM(CASE ...)), and two histograms (hours → count) read in index order from the
projection. No per-complaint rows travel to Python, so it stays fast with a million complaints.

Definitions (the complaints data contract): received = complaints created in the period; first response =
first public "reply" or "interim_update" event; resolution = first transition to CLOSED; resolved = status
CLOSED (ARCHIVED is not resolved), split by closed_by into confirmed by the reporter, closed after the
reporter's silence and closed by the unit; recorded in SP4N-LAPOR! = lapor_tracking_id set AND the facts
have a provenance (lapor_import); resolved in SP4N-LAPOR! = recorded and LAPOR!'s own status says so
(complaints.lapor_status.RESOLVED_SQL). Callers (evaluation_link.sources.complaints) shape these rows
into figures; they run no SQL against complaint tables themselves.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from complaints import states
from complaints.closure import SUPERVISOR_ANSWERED
from complaints.lapor_status import RESOLVED_SQL
from complaints.states import CLOSED_BY, S
from complaints.tables import Complaint
from portal.db import is_sqlite

# "Terbit di papan pengaduan": what the public board really shows (not rahasia, a public state).
ON_BOARD = f"NOT c.is_confidential AND c.status IN {states.sql_list(states.PUBLIC)}"
LAPOR_RECORDED = "(c.lapor_tracking_id IS NOT NULL AND c.lapor_import IS NOT NULL)"
HISTOGRAM_COLUMNS = ("response_hours", "resolution_hours")
_BY_REPORTER, _BY_SYSTEM, _BY_UNIT = CLOSED_BY["confirm"], CLOSED_BY["auto_close"], CLOSED_BY["close"]


def _in_time(moment: str, due: str) -> str:
    """On SQLite both sides are Piccolo's UTC text form ("YYYY-MM-DD HH:MM:SS[.ffffff]+00:00"), which
    sorts like the instants it names, so the comparison needs no conversion."""
    return f"CASE WHEN {moment} IS NULL OR {due} IS NULL THEN NULL WHEN {moment} <= {due} THEN 1 ELSE 0 END"


def _has_event(event_type: str) -> str:
    """The complaint has at least one event of this (fixed, never user-given) type."""
    return f"EXISTS (SELECT 1 FROM complaint_event e WHERE e.complaint = c.id AND e.event_type = '{event_type}')"  # noqa: S608


def counts_sql() -> str:
    """The counts and deadline shares (placeholders: unit, start, end)."""
    verify_ok = _in_time("t.verified_at", "c.verify_due_at")
    followup_ok = _in_time("t.replied_at", "c.followup_due_at")
    resolve_ok = _in_time("t.closed_at", "c.resolve_due_at")
    closed, archived = f"c.status = '{S.closed.value}'", f"c.status = '{S.archived.value}'"
    # Only fixed SQL fragments are interpolated; the values are bound parameters.
    return f"""
SELECT COUNT(*) AS n,
       SUM(CASE WHEN {closed} THEN 1 ELSE 0 END) AS resolved,
       SUM(CASE WHEN {closed} AND c.closed_by = '{_BY_REPORTER}' THEN 1 ELSE 0 END) AS closed_reporter,
       SUM(CASE WHEN {closed} AND c.closed_by = '{_BY_SYSTEM}' THEN 1 ELSE 0 END) AS closed_silence,
       SUM(CASE WHEN {closed} AND c.closed_by = '{_BY_UNIT}' THEN 1 ELSE 0 END) AS closed_unit,
       SUM(CASE WHEN {LAPOR_RECORDED} THEN 1 ELSE 0 END) AS lapor_recorded,
       SUM(CASE WHEN {LAPOR_RECORDED} AND {RESOLVED_SQL} THEN 1 ELSE 0 END) AS lapor_resolved,
       SUM(CASE WHEN {archived} THEN 1 ELSE 0 END) AS archived,
       SUM(CASE WHEN {ON_BOARD} THEN 1 ELSE 0 END) AS public_count,
       SUM(CASE WHEN c.escalated THEN 1 ELSE 0 END) AS disputed,
       SUM(CASE WHEN {_has_event("sent_back")} THEN 1 ELSE 0 END) AS sent_back,
       SUM(CASE WHEN c.escalation_state = '{SUPERVISOR_ANSWERED}' THEN 1 ELSE 0 END) AS supervisor_answered,
       SUM(CASE WHEN {_has_event("info_requested")} THEN 1 ELSE 0 END) AS info_requested,
       COUNT({verify_ok}) AS verify_due, SUM({verify_ok}) AS verify_ok,
       COUNT({followup_ok}) AS followup_due, SUM({followup_ok}) AS followup_ok,
       COUNT({resolve_ok}) AS resolve_due, SUM({resolve_ok}) AS resolve_ok
FROM complaint c LEFT JOIN complaint_timing t ON t.complaint = c.id
WHERE c.unit = {{}} AND c.created_at >= {{}} AND c.created_at < {{}}
"""  # noqa: S608


def histogram_sql(column: str, *, sqlite: bool) -> str:
    """Hours → complaints for `column` (response_hours or resolution_hours), read in the order of the
    (unit, hours, created_at) index so that no sort is needed. On SQLite the unary `+` keeps the planner
    from using created_at as an index range (a skip-scan plus a temporary B-tree, ~20x slower)."""
    if column not in HISTOGRAM_COLUMNS:
        raise ValueError(column)
    created = "+created_at" if sqlite else "created_at"
    return f"""
SELECT {column} AS hours, COUNT(*) AS n FROM complaint_timing
WHERE unit = {{}} AND {column} IS NOT NULL AND {created} >= {{}} AND {created} < {{}}
GROUP BY {column} ORDER BY {column}
"""  # noqa: S608


def lapor_sources_sql() -> str:
    """The imports and documents behind the unit's LAPOR! facts of the period (placeholders: unit, start,
    end): one probe per import of the (lapor_import, unit, created_at) index, answered from the index alone
    (a complaint with lapor_import always has its lapor_tracking_id: both write paths set both)."""
    return """
SELECT li.id, li.kind, li.filename, li.sha256, li.sheet, li.imported_at, li.actor_name, s.n
FROM lapor_import li
JOIN (SELECT c.lapor_import AS import_id, COUNT(*) AS n FROM complaint c
      WHERE c.lapor_import IS NOT NULL AND c.unit = {} AND c.created_at >= {} AND c.created_at < {}
      GROUP BY c.lapor_import) s ON s.import_id = li.id
ORDER BY li.id
"""


async def unit_counts(unit_id: int, start: datetime, end: datetime) -> dict[str, Any]:
    """One row of counts and deadline shares (the columns of counts_sql) for the unit's complaints
    created in [start, end)."""
    return (await Complaint.raw(counts_sql(), unit_id, start, end))[0]


async def hour_histograms(unit_id: int, start: datetime, end: datetime) -> dict[str, list[tuple[int, int]]]:
    """column -> sorted (whole hours, complaints) for the first response and the resolution."""
    sqlite = is_sqlite()
    return {
        column: [
            (int(r["hours"]), int(r["n"]))
            for r in await Complaint.raw(histogram_sql(column, sqlite=sqlite), unit_id, start, end)
        ]
        for column in HISTOGRAM_COLUMNS
    }


async def lapor_import_rows(unit_id: int, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """The LAPOR! imports behind the unit's complaints of [start, end), with how many each gave
    (imported_at as stored: text on SQLite)."""
    return await Complaint.raw(lapor_sources_sql(), unit_id, start, end)
