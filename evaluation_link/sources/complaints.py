"""Complaint figures for one unit and period, shaped from the aggregates complaints.reporting runs
(that module owns the SQL and its state literals; this one runs no SQL against complaint tables).

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
from datetime import datetime
from typing import Any

from complaints import reporting
from complaints.calendar import local_date
from evaluation_link.period import Period

SPEED_BAND_HOURS = (24, 72, 120, 168, 336)


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


async def lapor_sources(unit_id: int, period: Period) -> list[dict[str, Any]]:
    """Provenance of the LAPOR! figures, as plain values (stored with the figure)."""
    rows = await reporting.lapor_import_rows(unit_id, period.start_utc, period.end_utc)
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
    total = await reporting.unit_counts(unit_id, period.start_utc, period.end_utc)
    histograms = await reporting.hour_histograms(unit_id, period.start_utc, period.end_utc)
    response, resolution = histograms["response_hours"], histograms["resolution_hours"]
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
