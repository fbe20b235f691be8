"""Benchmark: every PEKPPP indicator for one unit-year with 1,000,000 complaints (+ events) on SQLite.

    .venv/bin/python benchmarks/pekppp_indicators.py [--complaints 1000000] [--runs 3] [--keep]

Builds a temporary SQLite database with the real migrations, bulk-inserts the complaints (ids ascending
with filing time, as in a real portal) and their events with raw sqlite3 executemany — the database's
triggers fill complaint_timing exactly as they do for the portal's own writes — then times
(a) `evaluation_link.services.assessments.pull_portal_data` — all auto-filled indicators, including catalogue and
SKM sources and the writes of the figures — and (b) one hand-written SQL aggregate over the same tables
(complaint + complaint_timing: the four PEKPPP counts plus average first-response and resolution hours).
For reference it also times (c) the same aggregate derived from the events at query time (the join
over complaint_event that complaint_timing replaces) and (d) hand-written SQL giving exactly our figures
(nearest-rank percentiles with ORDER BY ... OFFSET). Prints the timings and ratios, and checks that all
give the same counts. Targets: (a) ≤ 2 s and ≤ 1.5 × (b).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEAR = 2026
BATCH = 50_000

WINDOW = "c.unit = ? AND c.created_at >= ? AND c.created_at < ?"

MINIMAL = f"""
SELECT COUNT(*) AS received,
       SUM(CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END) AS resolved,
       SUM(CASE WHEN c.lapor_tracking_id IS NOT NULL AND c.lapor_import IS NOT NULL THEN 1 ELSE 0 END)
         AS lapor_recorded,
       SUM(CASE WHEN c.lapor_tracking_id IS NOT NULL AND c.lapor_import IS NOT NULL
                 AND (c.lapor_status LIKE 'Ditutup%' OR c.lapor_status = 'Selesai') THEN 1 ELSE 0 END)
         AS lapor_resolved,
       AVG(t.response_hours) AS avg_response_hours,
       AVG(t.resolution_hours) AS avg_resolution_hours
FROM complaint c LEFT JOIN complaint_timing t ON t.complaint = c.id
WHERE {WINDOW}
"""

# The baseline: one hand-written statement giving the same complaint figures as the portal (counts,
# deadline shares, and the hours histograms behind the percentiles and bands) from the same tables.
HAND_WRITTEN = f"""
SELECT 'total' AS part, NULL AS hours, COUNT(*) AS received,
       SUM(c.status = 'closed') AS resolved,
       SUM(c.lapor_tracking_id IS NOT NULL AND c.lapor_import IS NOT NULL) AS lapor_recorded,
       SUM(c.lapor_tracking_id IS NOT NULL AND c.lapor_import IS NOT NULL
           AND (c.lapor_status LIKE 'Ditutup%' OR c.lapor_status = 'Selesai')) AS lapor_resolved,
       SUM(c.status = 'archived') AS archived,
       SUM(NOT c.is_confidential AND c.status IN ('verified', 'routed', 'in_progress', 'answered', 'closed'))
           AS public_count,
       COUNT(t.verified_at <= c.verify_due_at) AS verify_due, SUM(t.verified_at <= c.verify_due_at) AS verify_ok,
       COUNT(t.replied_at <= c.followup_due_at) AS followup_due,
       SUM(t.replied_at <= c.followup_due_at) AS followup_ok,
       COUNT(t.closed_at <= c.resolve_due_at) AS resolve_due, SUM(t.closed_at <= c.resolve_due_at) AS resolve_ok
FROM complaint c LEFT JOIN complaint_timing t ON t.complaint = c.id
WHERE {WINDOW}
UNION ALL
SELECT 'response', response_hours, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM complaint_timing WHERE unit = ? AND response_hours IS NOT NULL AND +created_at >= ? AND +created_at < ?
GROUP BY response_hours
UNION ALL
SELECT 'resolution', resolution_hours, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM complaint_timing WHERE unit = ? AND resolution_hours IS NOT NULL AND +created_at >= ? AND +created_at < ?
GROUP BY resolution_hours
"""

FROM_EVENTS = f"""
SELECT COUNT(*) AS received,
       SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END) AS resolved,
       SUM(CASE WHEN lapor_tracking_id IS NOT NULL AND lapor_import IS NOT NULL THEN 1 ELSE 0 END)
         AS lapor_recorded,
       SUM(CASE WHEN lapor_tracking_id IS NOT NULL AND lapor_import IS NOT NULL
                 AND (lapor_status LIKE 'Ditutup%' OR lapor_status = 'Selesai') THEN 1 ELSE 0 END) AS lapor_resolved,
       AVG((julianday(replied_at) - julianday(COALESCE(filed_at, created_at))) * 24) AS avg_response_hours,
       AVG((julianday(closed_at) - julianday(COALESCE(filed_at, created_at))) * 24) AS avg_resolution_hours
FROM (
  SELECT c.id, c.status, c.lapor_tracking_id, c.lapor_import, c.lapor_status, c.created_at,
         MIN(CASE WHEN e.event_type = 'filed' THEN e.occurred_at END) AS filed_at,
         MIN(CASE WHEN e.event_type = 'reply' AND e.is_public = 1 THEN e.occurred_at END) AS replied_at,
         MIN(CASE WHEN e.event_type = 'transition' AND e.to_status = 'closed' THEN e.occurred_at END) AS closed_at
  FROM complaint c LEFT JOIN complaint_event e ON e.complaint = c.id
  WHERE {WINDOW}
  GROUP BY c.id
)
"""


# The same complaint figures written by hand over the same tables: the counts and deadline shares with
# SUM(CASE ...), and each nearest-rank percentile with ORDER BY ... LIMIT 1 OFFSET ⌈p·n⌉-1.
EQUIVALENT = f"""
WITH per AS MATERIALIZED (
  SELECT c.status, c.lapor_tracking_id, c.lapor_import, c.lapor_status, c.verify_due_at, c.followup_due_at,
         c.resolve_due_at,
         t.verified_at, t.replied_at, t.closed_at, t.response_hours AS resp_h, t.resolution_hours AS res_h
  FROM complaint c LEFT JOIN complaint_timing t ON t.complaint = c.id
  WHERE {WINDOW}
), hours AS (SELECT * FROM per)
SELECT COUNT(*) AS received,
       SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END) AS resolved,
       SUM(CASE WHEN lapor_tracking_id IS NOT NULL AND lapor_import IS NOT NULL THEN 1 ELSE 0 END)
         AS lapor_recorded,
       SUM(CASE WHEN lapor_tracking_id IS NOT NULL AND lapor_import IS NOT NULL
                 AND (lapor_status LIKE 'Ditutup%' OR lapor_status = 'Selesai') THEN 1 ELSE 0 END) AS lapor_resolved,
       SUM(CASE WHEN verified_at <= verify_due_at THEN 1 ELSE 0 END) AS verify_ok,
       SUM(CASE WHEN replied_at <= followup_due_at THEN 1 ELSE 0 END) AS followup_ok,
       SUM(CASE WHEN closed_at <= resolve_due_at THEN 1 ELSE 0 END) AS resolve_ok,
       (SELECT resp_h FROM hours WHERE resp_h IS NOT NULL ORDER BY resp_h LIMIT 1
         OFFSET (SELECT (COUNT(resp_h) + 1) / 2 - 1 FROM hours)) AS response_median,
       (SELECT resp_h FROM hours WHERE resp_h IS NOT NULL ORDER BY resp_h LIMIT 1
         OFFSET (SELECT (9 * COUNT(resp_h) + 9) / 10 - 1 FROM hours)) AS response_p90,
       (SELECT res_h FROM hours WHERE res_h IS NOT NULL ORDER BY res_h LIMIT 1
         OFFSET (SELECT (COUNT(res_h) + 1) / 2 - 1 FROM hours)) AS resolution_median,
       (SELECT res_h FROM hours WHERE res_h IS NOT NULL ORDER BY res_h LIMIT 1
         OFFSET (SELECT (9 * COUNT(res_h) + 9) / 10 - 1 FROM hours)) AS resolution_p90
FROM hours
"""


def stamp(moment: datetime) -> str:
    """The text Piccolo stores for an aware datetime on SQLite (UTC, str())."""
    return str(moment.astimezone(UTC))


def generate(n: int, unit_id: int, seed: int = 2026):
    """Yield (complaint row, [event rows]) for n complaints spread over the local year."""
    rng = random.Random(seed)
    start = datetime(YEAR, 1, 1, 0, 0, tzinfo=UTC) - timedelta(hours=7)
    seconds = 365 * 24 * 3600 - 1
    statuses_open = ("received", "verified", "routed", "in_progress", "answered")
    offsets = sorted(rng.randrange(seconds) for _ in range(n))  # ids ascend with filing time
    for i, offset in enumerate(offsets, start=1):
        filed = start + timedelta(seconds=offset)
        roll = rng.random()
        reply = filed + timedelta(minutes=rng.randrange(30, 24 * 60 * 16)) if roll < 0.85 else None
        closed = reply + timedelta(minutes=rng.randrange(60, 24 * 60 * 50)) if reply and roll < 0.65 else None
        status = "closed" if closed else ("archived" if roll > 0.97 else statuses_open[i % 5])
        in_lapor = rng.random() < 0.4
        lapor_status = ""
        if in_lapor:
            lapor_status = "Ditutup oleh Admin" if (closed or rng.random() < 0.1) else "Diproses"
        verify_due = filed + timedelta(days=3)
        followup_due = filed + timedelta(days=5)
        resolve_due = filed + timedelta(days=60)
        complaint = (
            i,
            f"B{i:09d}",
            status,
            unit_id,
            "Bench",
            "Benchmark complaint",
            f"LAP{i:09d}" if in_lapor else None,
            lapor_status,
            1 if in_lapor else None,
            1 if i % 10 == 0 else 0,
            stamp(verify_due),
            stamp(followup_due),
            stamp(resolve_due),
            stamp(filed),
            stamp(filed),
            stamp(closed) if closed else None,
        )
        events = [(i, stamp(filed), "filed", "", "received", 0, unit_id)]
        if roll < 0.9:
            events.append(
                (
                    i,
                    stamp(filed + timedelta(hours=rng.randrange(1, 72))),
                    "transition",
                    "received",
                    "verified",
                    0,
                    unit_id,
                )
            )
        if reply:
            events.append((i, stamp(reply), "reply", "", "", 1, unit_id))
        if closed:
            events.append((i, stamp(closed), "transition", "answered", "closed", 0, unit_id))
        yield complaint, events


def bulk_insert(path: Path, n: int, unit_id: int) -> int:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    complaint_sql = (
        "INSERT INTO complaint (id, tracking_code, status, unit, title, description, lapor_tracking_id, "
        "lapor_status, lapor_import, is_confidential, verify_due_at, followup_due_at, resolve_due_at, created_at, "
        "updated_at, closed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    event_sql = (
        "INSERT INTO complaint_event (complaint, occurred_at, event_type, from_status, to_status, is_public, "
        "unit_id) VALUES (?,?,?,?,?,?,?)"
    )
    complaints, events, total_events = [], [], 0
    with conn:
        # The one import the LAPOR! facts come from (figures count LAPOR! facts only with a provenance).
        conn.execute(
            "INSERT INTO lapor_import (id, kind, filename, sha256, sheet, imported_at, actor_name, "
            "storage_name, summary) VALUES (1, 'export', 'bench.xlsx', '', '', ?, 'bench', '', '{}')",
            (stamp(datetime(YEAR, 12, 31, tzinfo=UTC)),),
        )
        for complaint, complaint_events in generate(n, unit_id):
            complaints.append(complaint)
            events.extend(complaint_events)
            if len(complaints) >= BATCH:
                conn.executemany(complaint_sql, complaints)
                conn.executemany(event_sql, events)
                total_events += len(events)
                complaints, events = [], []
        conn.executemany(complaint_sql, complaints)
        conn.executemany(event_sql, events)
        total_events += len(events)
    conn.execute("ANALYZE")
    conn.close()
    return total_events


def hand_written(path: Path, unit_id: int, sql: str = HAND_WRITTEN) -> tuple[float, dict]:
    from evaluation_link.period import Period

    period = Period(YEAR)
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    started = time.perf_counter()
    window = (unit_id, stamp(period.start_utc), stamp(period.end_utc))
    row = conn.execute(sql, window * (sql.count("?") // 3)).fetchone()  # the first row: the totals
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed, dict(row)


async def setup(path: Path) -> int:
    from portal.migrate import migrate
    from portal.tables import Maklumat, Service, ServiceVersion, Unit

    await migrate()
    now = datetime(YEAR, 2, 1, tzinfo=UTC)
    rows = await Unit.insert(
        Unit(
            slug="dinas-bench",
            name="Dinas Benchmark",
            created_at=now,
            updated_at=now,
            complaint_channels=[{"label": "Loket pengaduan", "value": ""}],
        )
    ).returning(Unit.id)
    unit_id = rows[0]["id"]
    for i in range(20):
        service = await Service.insert(
            Service(unit=unit_id, slug=f"s{i}", name=f"Layanan {i}", published=True, created_at=now, updated_at=now)
        ).returning(Service.id)
        await ServiceVersion.insert(
            ServiceVersion(
                service=service[0]["id"],
                version_no=1,
                effective_from=now.date(),
                requirements=["KTP"],
                procedure=["Datang"],
                duration_value=3,
                fee_note="Gratis",
                product="Dokumen",
                complaint_handling="Portal",
                legal_basis="Perda",
                facilities="Loket",
                competence="D3",
                internal_supervision="Kepala",
                staff_count="3",
                service_guarantee="Tepat",
                security_guarantee="Aman",
                performance_evaluation="Tahunan",
                adopted_on=now.date(),
                reviewed_on=now.date(),
                community_involvement=["pengguna"],
                created_at=now,
            )
        )
    await Maklumat.insert(
        Maklumat(
            unit=unit_id,
            text="Sanggup sesuai standar pelayanan; siap menerima sanksi.",
            adopted_on=now.date(),
            created_at=now,
        )
    )
    return unit_id


async def run_indicators(unit_id: int) -> tuple[float, dict]:
    from evaluation_link.services import assessments as services
    from evaluation_link.tables import IndicatorScore

    assessment = await services.get_or_create_assessment(unit_id, YEAR)
    started = time.perf_counter()
    await services.pull_portal_data(assessment["id"])
    elapsed = time.perf_counter() - started
    row = (
        await IndicatorScore.select(IndicatorScore.auto_figure)
        .where(IndicatorScore.assessment_indicator == f"{assessment['id']}:28")
        .output(load_json=True)
        .first()
    )
    return elapsed, row["auto_figure"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pekppp-bench-"))
    path = workdir / "bench.sqlite"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("PORTAL_DATA_DIR", str(workdir / "data"))

    unit_id = asyncio.run(setup(path))
    started = time.perf_counter()
    events = bulk_insert(path, args.complaints, unit_id)
    print(f"inserted {args.complaints:,} complaints and {events:,} events in {time.perf_counter() - started:.1f} s")

    def best_of(sql: str) -> tuple[list[float], dict]:
        times, row = [], {}
        for _ in range(args.runs):
            elapsed, row = hand_written(path, unit_id, sql)
            times.append(elapsed)
        return times, row

    ours, figure = [], {}
    for _ in range(args.runs):
        elapsed, figure = asyncio.run(run_indicators(unit_id))
        ours.append(elapsed)
    baseline, reference = best_of(HAND_WRITTEN)
    minimal, minimal_figures = best_of(MINIMAL)
    from_events, event_figures = best_of(FROM_EVENTS)
    equivalent, same_figures = best_of(EQUIVALENT)

    best, best_base = min(ours), min(baseline)
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"all indicators (pull_portal_data):          first {ours[0]:.3f} s, best {best:.3f} s of {args.runs}")
    print(f"hand-written, the same complaint figures:   first {baseline[0]:.3f} s, best {best_base:.3f} s")
    print(f"hand-written minimal (4 counts + 2 means):  best {min(minimal):.3f} s (less work than ours)")
    print(f"minimal, derived from the events instead:   best {min(from_events):.3f} s (what complaint_timing saves)")
    print(f"hand-written ORDER BY/OFFSET percentiles:   best {min(equivalent):.3f} s (checks the percentiles)")
    print(f"ratio vs the same figures by hand (best/best): {best / best_base:.2f}x; "
          f"vs the minimal aggregate: {best / min(minimal):.2f}x")  # fmt: skip
    keys = ("received", "resolved", "lapor_recorded", "lapor_resolved")
    same = all(
        int(figure[k]) == int(reference[k]) == int(minimal_figures[k]) == int(event_figures[k]) == int(same_figures[k])
        for k in keys
    )
    timings = (
        figure["first_response"]["median_hours"] == same_figures["response_median"]
        and figure["first_response"]["p90_hours"] == same_figures["response_p90"]
        and figure["resolution"]["median_hours"] == same_figures["resolution_median"]
        and figure["resolution"]["p90_hours"] == same_figures["resolution_p90"]
    )
    print("percentiles same as hand-written ORDER BY/OFFSET:", timings)
    same = same and timings
    print("counts:", {k: figure[k] for k in keys}, "same as every hand-written query:", same)
    mean = minimal_figures["avg_response_hours"]
    print(
        f"first response median {figure['first_response']['median_hours']} h, "
        f"p90 {figure['first_response']['p90_hours']} h (hand-written mean {mean:.1f} h)"
    )
    ok = same and best <= 2.0 and best / best_base <= 1.5
    print("targets met (≤ 2 s, ≤ 1.5x):", ok)
    if not args.keep:
        for file in workdir.glob("bench.sqlite*"):
            file.unlink()
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
