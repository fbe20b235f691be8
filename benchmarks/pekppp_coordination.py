"""Benchmark: the PEKPPP coordination view (60 units × 3 years, 1,000,000 complaints) against a bare route.

    .venv/bin/python benchmarks/pekppp_coordination.py [--complaints 1000000] [--units 60] [--seconds 5]
                                                       [--rounds 2] [--connections 1] [--keep]

Builds a temporary SQLite database with the real migrations: `--units` units of mixed types (dinas, kecamatan,
puskesmas, RSUD) with published services, then bulk-inserts the complaints spread over the units and the
three years (ids ascending with filing time) and their events with raw sqlite3 executemany (the triggers
fill complaint_timing as for the portal's own writes), runs ANALYZE, and pulls every unit-year with
`pull_portal_data` (which stores the coordination figures), moves some assessments through the Mandiri
stages, sets the year's deadlines and adds follow-up actions. Then it starts one uvicorn worker
(PORTAL_BENCHMARK_ROUTES=1), logs in as an evaluator and drives `/staf/koordinasi-pekppp/<year>` and the
bare route `/bench/bare` of the same server alternately, printing p50/p99 of each and the ratio.
Target: coordination view p99 ≤ 300 ms. The view reads only the stored figures, never the complaints.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.loadgen import get_request, run_for  # noqa: E402
from tests.server import Server  # noqa: E402

YEARS = (2024, 2025, 2026)
BATCH = 50_000
BARE_PATH = "/bench/bare"
VIEW_PATH = f"/staf/koordinasi-pekppp/{YEARS[-1]}"
TARGET_P99_MS = 300.0
PASSWORD = "kata-sandi-benchmark-123"
TYPES = ("dinas",) * 6 + ("kecamatan",) * 3 + ("puskesmas",) * 3 + ("rsud",)


def stamp(moment: datetime) -> str:
    """The text Piccolo stores for an aware datetime on SQLite (UTC, str())."""
    return str(moment.astimezone(UTC))


async def setup(units: int) -> list[int]:
    from portal.migrate import migrate
    from portal.security import create_user
    from portal.tables import Service, ServiceVersion, Unit

    await migrate()
    now = datetime(YEARS[0], 1, 15, tzinfo=UTC)
    ids = []
    for n in range(units):
        kind = TYPES[n % len(TYPES)]
        channels = [{"label": "Loket pengaduan", "value": ""}]
        rows = await Unit.insert(
            Unit(
                slug=f"{kind}-{n}",
                name=f"{kind.title()} {n:02d}",
                unit_type=kind,
                created_at=now,
                updated_at=now,
                complaint_channels=channels,
            )
        ).returning(Unit.id)
        ids.append(rows[0]["id"])
        for s in range(1 + n % 4):
            service = await Service.insert(Service(unit=ids[-1], slug=f"s{n}-{s}", name=f"Layanan {s}", published=True,
                                                   created_at=now, updated_at=now)).returning(Service.id)  # fmt: skip
            await ServiceVersion.insert(ServiceVersion(
                service=service[0]["id"], version_no=1, effective_from=now.date(), requirements=["KTP"],
                procedure=["Datang"], duration_value=3, fee_note="Gratis", product="Dokumen",
                complaint_handling="Portal", legal_basis="Perda", facilities="Loket", competence="D3",
                internal_supervision="Kepala", staff_count="3", service_guarantee="Tepat", security_guarantee="Aman",
                performance_evaluation="Tahunan", adopted_on=now.date(), reviewed_on=now.date() if n % 2 else None,
                community_involvement=["pengguna"][: n % 2], created_at=now))  # fmt: skip
    await create_user(username="penilai.bench", password=PASSWORD, role="evaluator", full_name="Penilai")
    return ids


def bulk_insert(path: Path, n: int, unit_ids: list[int]) -> int:
    """n complaints over all units and years, with filed/reply/close events; returns the event count."""
    rng = random.Random(2026)
    start = datetime(YEARS[0], 1, 1, tzinfo=UTC) - timedelta(hours=7)
    seconds = len(YEARS) * 365 * 24 * 3600 - 1
    offsets = sorted(rng.randrange(seconds) for _ in range(n))
    conn = sqlite3.connect(path)
    # A throw-away database: no journal while loading (the server switches it back to WAL at start-up).
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")
    complaint_sql = (
        "INSERT INTO complaint (id, tracking_code, status, unit, title, description, is_confidential, "
        "verify_due_at, followup_due_at, resolve_due_at, created_at, updated_at, closed_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    event_sql = ("INSERT INTO complaint_event (complaint, occurred_at, event_type, from_status, to_status, is_public, "
                 "unit_id) VALUES (?,?,?,?,?,?,?)")  # fmt: skip
    complaints: list[tuple] = []
    events: list[tuple] = []
    total = 0
    with conn:
        for i, offset in enumerate(offsets, start=1):
            unit = unit_ids[rng.randrange(len(unit_ids))]
            filed = start + timedelta(seconds=offset)
            roll = rng.random()
            reply = filed + timedelta(minutes=rng.randrange(30, 24 * 60 * 16)) if roll < 0.85 else None
            closed = reply + timedelta(minutes=rng.randrange(60, 24 * 60 * 50)) if reply and roll < 0.65 else None
            open_status = ("received", "verified", "answered")[i % 3]
            status = "closed" if closed else ("archived" if roll > 0.97 else open_status)
            complaints.append((i, f"K{i:09d}", status, unit, "Bench", "Benchmark", 1 if i % 10 == 0 else 0,
                               stamp(filed + timedelta(days=3)), stamp(filed + timedelta(days=5)),
                               stamp(filed + timedelta(days=60)), stamp(filed), stamp(filed),
                               stamp(closed) if closed else None))  # fmt: skip
            events.append((i, stamp(filed), "filed", "", "received", 0, unit))
            if reply:
                events.append((i, stamp(reply), "reply", "", "", 1, unit))
            if closed:
                events.append((i, stamp(closed), "transition", "answered", "closed", 0, unit))
            if len(complaints) >= BATCH:
                conn.executemany(complaint_sql, complaints)
                conn.executemany(event_sql, events)
                total += len(events)
                complaints, events = [], []
        conn.executemany(complaint_sql, complaints)
        conn.executemany(event_sql, events)
        total += len(events)
    conn.execute("ANALYZE")
    conn.close()
    return total


async def pull_everything(unit_ids: list[int]) -> float:
    """Pull every unit-year (stores the coordination figures), move some through the Mandiri stages,
    set this year's deadlines and add follow-up actions. Returns the seconds spent pulling."""
    from evaluation_link.services import assessments as services
    from evaluation_link.services import coordination as coordination_services
    from evaluation_link.tables import PekpppFollowUp, PekpppRecommendation

    pulling = 0.0
    now = datetime.now(UTC)
    for year in YEARS:
        for n, unit in enumerate(unit_ids):
            assessment = await services.get_or_create_assessment(unit, year)
            started = time.perf_counter()
            await services.pull_portal_data(assessment["id"])
            pulling += time.perf_counter() - started
            if year == YEARS[-1] and n % 3 == 0:
                await services.submit_self_assessment(assessment["id"], actor=None)
            if year == YEARS[-1] and n % 4 == 0:
                rec = await PekpppRecommendation.insert(PekpppRecommendation(
                    assessment=assessment["id"], unit=unit, year=year, indicator_no=1 + n % 30, text="Perbaiki",
                    created_at=now, updated_at=now)).returning(PekpppRecommendation.id)  # fmt: skip
                await PekpppFollowUp.insert(*[PekpppFollowUp(
                    recommendation=rec[0]["id"], unit=unit, year=year, what=f"Aksi {k}", owner="Sekretaris",
                    due_date=date(year, 3 + k, 1), status=("planned", "in_progress", "done")[k],
                    created_at=now, updated_at=now) for k in range(3)])  # fmt: skip
    await coordination_services.save_schedule(YEARS[-1], {"submit_due": date(YEARS[-1], 3, 31), "review_due": None,
                                                 "revision_due": None, "lock_due": date(YEARS[-1], 9, 30)},
                                     actor=None)  # fmt: skip
    return pulling


def summarise(runs: list[dict]) -> dict[str, float]:
    latencies = sorted(x for run in runs for x in run["latencies"])
    q = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "p50_ms": q[49] * 1000, "p99_ms": q[98] * 1000,
            "errors": sum(run["errors"] for run in runs)}  # fmt: skip


def login_cookie(base: str) -> str:
    with httpx.Client(base_url=base, follow_redirects=False) as client:
        client.get("/masuk")
        token = client.cookies["portal_csrf"]
        response = client.post("/masuk", data={"username": "penilai.bench", "password": PASSWORD, "next": "/staf",
                                               "_csrf_token": token})  # fmt: skip
        if response.status_code != 303:
            raise RuntimeError(f"login failed: {response.status_code}")
        check = client.get(VIEW_PATH)
        check.raise_for_status()
        if "heat-map" not in check.text:
            raise RuntimeError("the coordination view shows no heat map")
        return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one measured round per URL")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=1, help="concurrent clients (1 = one user's latency)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pekppp-coord-bench-"))
    path = workdir / "bench.sqlite"
    env = {"DATABASE_URL": f"sqlite:///{path}", "PORTAL_DATA_DIR": str(workdir / "data"),
           "PORTAL_SECRET_KEY": "benchmark-secret-" + "x" * 32, "PORTAL_ENV": "benchmark",
           "PORTAL_BENCHMARK_ROUTES": "1", "PORTAL_MODEL_DIR": str(workdir / "models")}  # fmt: skip
    os.environ.update(env)
    started = time.perf_counter()
    unit_ids = asyncio.run(setup(args.units))
    events = bulk_insert(path, args.complaints, unit_ids)
    print(f"built {args.units} units, {args.complaints:,} complaints and {events:,} events over {len(YEARS)} years "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    started = time.perf_counter()
    pulling = asyncio.run(pull_everything(unit_ids))
    print(f"pulled {args.units * len(YEARS)} unit-years (figures stored) in {time.perf_counter() - started:.1f} s "
          f"({pulling:.1f} s in pull_portal_data)")  # fmt: skip

    server = Server(workdir / "data", env=env)
    server.env.pop("REDIS_URL", None)
    server.start()
    try:
        base = server.base_url
        cookie = login_cookie(base)
        host, port = "127.0.0.1", int(base.rsplit(":", 1)[1])
        requests = {p: get_request(host, port, p, {"Cookie": cookie, "Accept": "text/html"})
                    for p in (BARE_PATH, VIEW_PATH)}  # fmt: skip
        for request in requests.values():  # warm-up
            run_for(host, port, request, args.connections, 1.0)
        runs: dict[str, list[dict]] = {BARE_PATH: [], VIEW_PATH: []}
        for _ in range(args.rounds):  # alternate so that drift hits both alike
            for p in (BARE_PATH, VIEW_PATH):
                runs[p].append(run_for(host, port, requests[p], args.connections, args.seconds))
    finally:
        server.stop()
        if not args.keep:
            for file in workdir.glob("bench.sqlite*"):
                file.unlink()
    bare, view = summarise(runs[BARE_PATH]), summarise(runs[VIEW_PATH])
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"cpus={os.cpu_count()} load average {load}; connections={args.connections} "
          f"rounds={args.rounds}x{args.seconds:.0f}s; one uvicorn worker, SQLite")  # fmt: skip
    for name, result in (("bare route        " + BARE_PATH, bare), ("coordination view " + VIEW_PATH, view)):
        print(f"{name:<52} p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms  "
              f"requests {result['requests']:6d}  non-200 {result['errors']}")  # fmt: skip
    ok = view["p99_ms"] <= TARGET_P99_MS and view["errors"] == 0
    print(
        f"ratio view/bare: p50 {view['p50_ms'] / bare['p50_ms']:.1f}x, p99 {view['p99_ms'] / bare['p99_ms']:.1f}x; "
        f"view p99 {view['p99_ms']:.1f} ms (target <= {TARGET_P99_MS:.0f} ms): {'MET' if ok else 'NOT MET'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
