"""Complaint figures for one unit and period as SQL aggregates over complaint + complaint_event.

One statement does all the work. A materialised per-complaint row holds the status, the SP4N-LAPOR!
fields and the first filed / public reply / first transition / first "closed" times from the events
(MIN(CASE ...) GROUP BY). Grouped by hours to first response, it gives the four PEKPPP counts and the
deadline shares with SUM(CASE ...) (summed over the groups in Python); grouped by hours to resolution,
the resolution histogram. Exact nearest-rank percentiles are read from the two histograms. No
per-complaint rows travel to Python, so it stays fast with a million complaints. Durations count in
whole hours rounded up (a 30-minute reply counts as 1 hour; exactly 24 h stays 24 h), the unit of the
×24-hour bands.

Definitions (the complaints data contract): received = complaints created in the period (received =
the "filed" event, falling back to created_at); first response = first public "reply" event;
resolution = first transition to "closed"; resolved = status "closed" (archived is not resolved);
recorded in SP4N-LAPOR! = lapor_tracking_id set; resolved in SP4N-LAPOR! = recorded and (status closed
or lapor_status starting with "Ditutup").
"""

from __future__ import annotations

import math
from typing import Any

from complaints.tables import Complaint
from evaluation_link.period import Period
from portal.db import is_sqlite

SPEED_BAND_HOURS = (24, 72, 120, 168, 336)
TOTAL_KEYS = ("n", "resolved", "lapor_recorded", "lapor_resolved", "archived", "public_count", "verify_due",
              "verify_ok", "followup_due", "followup_ok", "resolve_due", "resolve_ok")


def _hours_up(start: str, end: str, sqlite: bool) -> str:
    """Whole hours from start to end, rounded up (exact: via integer seconds, no float edge at 24 h)."""
    if sqlite:
        seconds = f"CAST(ROUND((julianday({end}) - julianday({start})) * 86400) AS INTEGER)"
    else:
        seconds = f"CAST(ROUND(EXTRACT(EPOCH FROM ({end} - {start}))) AS BIGINT)"
    return f"(({seconds}) + 3599) / 3600"


def _in_time(moment: str, due: str) -> str:
    """On SQLite both sides are Piccolo's UTC text form ("YYYY-MM-DD HH:MM:SS[.ffffff]+00:00"), which
    sorts like the instants it names, so the comparison needs no conversion."""
    return f"CASE WHEN {moment} IS NULL OR {due} IS NULL THEN NULL WHEN {moment} <= {due} THEN 1 ELSE 0 END"


def metrics_sql(sqlite: bool) -> str:
    """The one statement behind every complaint figure (placeholders: unit, start, end)."""
    public = "e.is_public = 1" if sqlite else "e.is_public"
    filed = "COALESCE(MIN(CASE WHEN e.event_type = 'filed' THEN e.occurred_at END), c.created_at)"
    first_transition = "MIN(CASE WHEN e.event_type = 'transition' THEN e.occurred_at END)"
    replied = f"MIN(CASE WHEN e.event_type = 'reply' AND {public} THEN e.occurred_at END)"
    closed = "MIN(CASE WHEN e.event_type = 'transition' AND e.to_status = 'closed' THEN e.occurred_at END)"
    # Only fixed SQL fragments are interpolated; the values are bound parameters.
    return f"""
WITH per AS MATERIALIZED (
  SELECT c.status, c.lapor_tracking_id, c.lapor_status, c.is_confidential,
         {_hours_up(filed, replied, sqlite)} AS response_h,
         {_hours_up(filed, closed, sqlite)} AS resolution_h,
         {_in_time(first_transition, "c.verify_due_at")} AS verify_ok,
         {_in_time(replied, "c.followup_due_at")} AS followup_ok,
         {_in_time(closed, "c.resolve_due_at")} AS resolve_ok
  FROM complaint c
  LEFT JOIN complaint_event e ON e.complaint = c.id AND e.event_type IN ('filed', 'reply', 'transition')
  WHERE c.unit = {{}} AND c.created_at >= {{}} AND c.created_at < {{}}
  GROUP BY c.id
)
SELECT 'response' AS part, response_h AS hours, COUNT(*) AS n,
       SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END) AS resolved,
       SUM(CASE WHEN lapor_tracking_id IS NOT NULL THEN 1 ELSE 0 END) AS lapor_recorded,
       SUM(CASE WHEN lapor_tracking_id IS NOT NULL
                 AND (status = 'closed' OR lapor_status LIKE 'Ditutup%') THEN 1 ELSE 0 END) AS lapor_resolved,
       SUM(CASE WHEN status = 'archived' THEN 1 ELSE 0 END) AS archived,
       SUM(CASE WHEN is_confidential THEN 0 ELSE 1 END) AS public_count,
       COUNT(verify_ok) AS verify_due, SUM(verify_ok) AS verify_ok,
       COUNT(followup_ok) AS followup_due, SUM(followup_ok) AS followup_ok,
       COUNT(resolve_ok) AS resolve_due, SUM(resolve_ok) AS resolve_ok
FROM per GROUP BY response_h
UNION ALL
SELECT 'resolution', resolution_h, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM per WHERE resolution_h IS NOT NULL GROUP BY resolution_h
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


async def complaint_metrics(unit_id: int, period: Period) -> dict[str, Any]:
    rows = await Complaint.raw(metrics_sql(is_sqlite()), unit_id, period.start_utc, period.end_utc)
    by_response = [r for r in rows if r["part"] == "response"]
    total = {key: sum(int(r[key] or 0) for r in by_response) for key in TOTAL_KEYS}
    response = sorted((int(r["hours"]), int(r["n"])) for r in by_response if r["hours"] is not None)
    resolution = sorted((int(r["hours"]), int(r["n"])) for r in rows if r["part"] == "resolution")
    return {
        "received": int(total["n"] or 0),
        "resolved": int(total["resolved"] or 0),
        "lapor_recorded": int(total["lapor_recorded"] or 0),
        "lapor_resolved": int(total["lapor_resolved"] or 0),
        "archived": int(total["archived"] or 0),
        "public_count": int(total["public_count"] or 0),
        "deadline_shares": {
            "verify": _share(total["verify_ok"], total["verify_due"]),
            "followup": _share(total["followup_ok"], total["followup_due"]),
            "resolve": _share(total["resolve_ok"], total["resolve_due"]),
        },
        "first_response": _timing(response),
        "resolution": _timing(resolution),
    }
