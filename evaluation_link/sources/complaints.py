"""Complaint figures for one unit and period as SQL aggregates over complaint + complaint_timing.

`complaint_timing` (complaints/timing_projection.py) holds each complaint's milestones, projected from
its append-only events by database triggers: the first filed event, first transition, first public
reply and first transition to "closed", and the whole hours to the first reply and to closing. Three
statements give every figure: one pass over the unit's complaints of the period for the four PEKPPP
counts and the deadline shares (SUM(CASE ...)), and two histograms (hours → count) read in index order
from the projection, from which exact nearest-rank percentiles and the ×24-hour bands follow. No
per-complaint rows travel to Python, so it stays fast with a million complaints. Durations count in
whole hours rounded up (a 30-minute reply counts as 1 hour; exactly 24 h stays 24 h).

Definitions (the complaints data contract): received = complaints created in the period (received =
the "filed" event, falling back to created_at); first response = first public "reply" or "interim_update" event;
resolution = first transition to "closed"; resolved = status "closed" (archived is not resolved), split
by closed_by into confirmed by the reporter, closed after the reporter's silence and closed by the unit;
recorded in SP4N-LAPOR! = lapor_tracking_id set AND the facts have a provenance (lapor_import: an import of
the national export or the system admin's document; never typed by the unit); resolved in SP4N-LAPOR! =
recorded and LAPOR!'s own status says so (complaints.lapor_status.RESOLVED_SQL: "Ditutup ..." or "Selesai").
"""

from __future__ import annotations

import math
from typing import Any

from complaints.lapor_status import RESOLVED_SQL
from complaints.services.queries import BOARD_STATUSES
from complaints.tables import Complaint
from evaluation_link.period import Period
from portal.db import is_sqlite

SPEED_BAND_HOURS = (24, 72, 120, 168, 336)
# "Terbit di papan pengaduan": what the public board really shows (not rahasia, verified and not archived).
ON_BOARD = "NOT c.is_confidential AND c.status IN ({})".format(", ".join(f"'{s}'" for s in BOARD_STATUSES))
LAPOR_RECORDED = "(c.lapor_tracking_id IS NOT NULL AND c.lapor_import IS NOT NULL)"


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
    # Only fixed SQL fragments are interpolated; the values are bound parameters.
    return f"""
SELECT COUNT(*) AS n,
       SUM(CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END) AS resolved,
       SUM(CASE WHEN c.status = 'closed' AND c.closed_by = 'reporter' THEN 1 ELSE 0 END) AS closed_reporter,
       SUM(CASE WHEN c.status = 'closed' AND c.closed_by = 'system' THEN 1 ELSE 0 END) AS closed_silence,
       SUM(CASE WHEN c.status = 'closed' AND c.closed_by = 'unit' THEN 1 ELSE 0 END) AS closed_unit,
       SUM(CASE WHEN {LAPOR_RECORDED} THEN 1 ELSE 0 END) AS lapor_recorded,
       SUM(CASE WHEN {LAPOR_RECORDED} AND {RESOLVED_SQL} THEN 1 ELSE 0 END) AS lapor_resolved,
       SUM(CASE WHEN c.status = 'archived' THEN 1 ELSE 0 END) AS archived,
       SUM(CASE WHEN {ON_BOARD} THEN 1 ELSE 0 END) AS public_count,
       SUM(CASE WHEN c.escalated THEN 1 ELSE 0 END) AS disputed,
       SUM(CASE WHEN {_has_event("sent_back")} THEN 1 ELSE 0 END) AS sent_back,
       SUM(CASE WHEN c.escalation_state = 'answered' THEN 1 ELSE 0 END) AS supervisor_answered,
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
    if column not in ("response_hours", "resolution_hours"):
        raise ValueError(column)
    created = "+created_at" if sqlite else "created_at"
    return f"""
SELECT {column} AS hours, COUNT(*) AS n FROM complaint_timing
WHERE unit = {{}} AND {column} IS NOT NULL AND {created} >= {{}} AND {created} < {{}}
GROUP BY {column} ORDER BY {column}
"""  # noqa: S608


def percentile(histogram: list[tuple[int, int]], fraction: float) -> int | None:
    """Nearest-rank percentile of a sorted (value, count) histogram: the value at rank ⌈p·N⌉."""
    total = sum(count for _, count in histogram)
    if total == 0:
        return None
    rank = max(1, math.ceil(fraction * total))
    seen = 0
    for value, count in histogram:
        seen += count
        if seen >= rank:
            return value
    return histogram[-1][0]


def speed_bands(histogram: list[tuple[int, int]], limits_hours: tuple[float, ...] = SPEED_BAND_HOURS) -> list[int]:
    """Counts per Kode B band, best first: ≤ 1×24 h, ≤ 3×24, ≤ 5×24, ≤ 7×24, ≤ 14×24, more."""
    counts = [0] * (len(limits_hours) + 1)
    for hours, count in histogram:
        index = next((i for i, limit in enumerate(limits_hours) if hours <= limit), len(limits_hours))
        counts[index] += count
    return counts


def _share(ok: Any, due: Any) -> float | None:
    return round(100 * int(ok or 0) / int(due), 1) if due else None


def _timing(histogram: list[tuple[int, int]]) -> dict[str, Any]:
    return {
        "count": sum(c for _, c in histogram),
        "median_hours": percentile(histogram, 0.5),
        "p90_hours": percentile(histogram, 0.9),
        "bands_24h": speed_bands(histogram),
    }


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


async def lapor_sources(unit_id: int, period: Period) -> list[dict[str, Any]]:
    """Provenance of the LAPOR! figures, as plain values (stored with the figure)."""
    from datetime import datetime

    from complaints.calendar import local_date

    rows = await Complaint.raw(lapor_sources_sql(), unit_id, period.start_utc, period.end_utc)
    result = []
    for row in rows:
        imported_at = row["imported_at"]
        if isinstance(imported_at, str):  # SQLite raw queries return the stored text
            imported_at = datetime.fromisoformat(imported_at)
        result.append(
            {
                "kind": row["kind"],
                "file": row["filename"],
                "sha256": row["sha256"],
                "sheet": row["sheet"],
                "imported_at": imported_at.isoformat() if imported_at else "",
                "imported_on": local_date(imported_at).isoformat() if imported_at else "",
                "by": row["actor_name"],
                "complaints": int(row["n"]),
            }
        )
    return result


async def complaint_metrics(unit_id: int, period: Period) -> dict[str, Any]:
    args = (unit_id, period.start_utc, period.end_utc)
    total = (await Complaint.raw(counts_sql(), *args))[0]
    sqlite = is_sqlite()
    response, resolution = [
        [(int(r["hours"]), int(r["n"])) for r in await Complaint.raw(histogram_sql(column, sqlite=sqlite), *args)]
        for column in ("response_hours", "resolution_hours")
    ]
    return {
        "received": int(total["n"] or 0),
        "resolved": int(total["resolved"] or 0),
        # How the resolved cases were closed (issue 21): confirmed by the reporter, closed by the system
        # after the reporter's silence window, closed by the unit (only after that window, never disputed).
        "resolved_by_reporter": int(total["closed_reporter"] or 0),
        "resolved_after_silence": int(total["closed_silence"] or 0),
        "resolved_by_unit": int(total["closed_unit"] or 0),
        "lapor_recorded": int(total["lapor_recorded"] or 0),
        "lapor_resolved": int(total["lapor_resolved"] or 0),
        "lapor_sources": await lapor_sources(unit_id, period),
        "archived": int(total["archived"] or 0),
        "public_count": int(total["public_count"] or 0),
        # The conversation and escalation (issue 16), counted separately and added to the figures above
        # (they change none of them): complaints disputed by the reporter, sent back to the unit by the
        # supervising unit, answered by the supervising unit itself, and asked for information.
        "disputed": int(total["disputed"] or 0),
        "disputes_sent_back": int(total["sent_back"] or 0),
        "disputes_answered_by_supervisor": int(total["supervisor_answered"] or 0),
        "info_requested": int(total["info_requested"] or 0),
        "deadline_shares": {
            "verify": _share(total["verify_ok"], total["verify_due"]),
            "followup": _share(total["followup_ok"], total["followup_due"]),
            "resolve": _share(total["resolve_ok"], total["resolve_due"]),
        },
        "first_response": _timing(response),
        "resolution": _timing(resolution),
    }
