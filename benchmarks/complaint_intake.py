"""Complaint intake under concurrent load through POST /api/v1/complaints.

Starts uvicorn (one worker) over a fresh SQLite database in a temporary directory (migrated, demo
data loaded, public-write rate limit raised), warms it up (the classifier loads on first use), then
sends complaints from many concurrent clients and reports accepted complaints/s and latency
percentiles. Afterwards it checks in the database that every acknowledged tracking code is stored
exactly once and that nothing else was stored.

    .venv/bin/python benchmarks/complaint_intake.py [--requests 3000] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.loadgen import cpu_seconds, post_json_request, run_requests  # noqa: E402
from tests.server import Server  # noqa: E402

WORDS = [
    "jalan",
    "rusak",
    "berlubang",
    "lampu",
    "mati",
    "sampah",
    "menumpuk",
    "air",
    "keruh",
    "ktp",
    "belum",
    "jadi",
    "akta",
    "kelahiran",
    "antrean",
    "panjang",
    "petugas",
    "kasar",
    "pungutan",
    "liar",
    "izin",
    "usaha",
    "lambat",
    "puskesmas",
    "obat",
    "kosong",
    "sekolah",
    "bantuan",
    "sosial",
    "banjir",
    "got",
    "tersumbat",
    "angkot",
    "macet",
    "trotoar",
    "pedagang",
    "desa",
    "kecamatan",
    "kantor",
    "loket",
    "berkas",
    "hilang",
    "tagihan",
    "listrik",
]


def complaint(i: int, rng: random.Random) -> dict:
    words = rng.sample(WORDS, 18)
    body = {
        "kind": "pengaduan",
        "title": f"Laporan {i}: {' '.join(words[:4])}",
        "description": f"Nomor {i}. " + " ".join(words) + f". Kejadian ke-{rng.randint(1, 10**9)}.",
    }
    if i % 5 == 1:  # some reporters leave an email (confirmation mail; no duplicate check: no Idempotency-Key)
        body["reporter_email"] = f"warga{i}@contoh.id"
    elif i % 5 == 2:  # ... or a phone number
        body["reporter_phone"] = f"0812{i:08d}"
    return body


def prepare(tmp: Path, env: dict[str, str]) -> None:
    script = (
        "import asyncio\n"
        "from portal.migrate import migrate\n"
        "from portal.demo import load_all_demo\n"
        "asyncio.run(migrate())\n"
        "asyncio.run(load_all_demo(only_if_empty=False))\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True)


def run_load(server: Server, total: int, concurrency: int) -> dict:
    """Send `total` complaints over `concurrency` keep-alive connections; returns codes, latencies, statuses."""
    rng = random.Random(20261123)
    host, port = "127.0.0.1", server.port
    requests = [post_json_request(host, port, "/api/v1/complaints", complaint(i, rng)) for i in range(total)]
    main_before, group_before = cpu_seconds(server.process.pid), cpu_seconds(server.process.pid, group=True)
    run = run_requests(host, port, requests, concurrency)
    statuses: dict[int, int] = {}
    codes: list[str] = []
    for status, body in run["responses"]:
        statuses[status] = statuses.get(status, 0) + 1
        if status == 201:
            codes.append(json.loads(body)["tracking_code"])
    main = cpu_seconds(server.process.pid) - main_before
    group = cpu_seconds(server.process.pid, group=True) - group_before
    return {**run, "codes": codes, "statuses": statuses, "cpu": main, "cpu_helpers": group - main}


def verify(db_path: Path, codes: list[str], before: int) -> dict:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT tracking_code, COUNT(*) FROM complaint GROUP BY tracking_code").fetchall()
        total = conn.execute("SELECT COUNT(*) FROM complaint").fetchone()[0]
        events = conn.execute(
            "SELECT COUNT(*) FROM complaint_event e JOIN complaint c ON c.id = e.complaint "
            "WHERE c.channel = 'api' AND e.event_type = 'filed'"
        ).fetchone()[0]
    stored = {code: n for code, n in rows}
    return {
        "acknowledged": len(codes),
        "acknowledged_unique": len(set(codes)),
        "missing": sum(1 for c in codes if c not in stored),
        "stored_more_than_once": sum(1 for c in codes if stored.get(c, 0) > 1),
        "unacknowledged_rows": total - before - len(codes),
        "filed_events_for_api_rows": events,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="intake-bench-"))
    db_path = tmp / "bench.sqlite"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "PORTAL_DATA_DIR": str(tmp / "data"),
        "PORTAL_MODEL_DIR": os.environ.get("PORTAL_MODEL_DIR", str(ROOT / "var" / "models")),
        "PORTAL_PUBLIC_WRITE_RATE_LIMIT": "1000000/minute",
        "PORTAL_LOG_LEVEL": "WARNING",
        "PORTAL_ENV": "development",
        "PORTAL_SECRET_KEY": "bench-" + "x" * 40,
    }
    prepare(tmp, env)
    with sqlite3.connect(db_path) as conn:
        before = conn.execute("SELECT COUNT(*) FROM complaint").fetchone()[0]
    server = Server(tmp / "data", env=env).start()
    base_url = server.base_url
    try:
        warm = httpx.post(
            f"{base_url}/api/v1/complaints",
            timeout=300,
            json={"title": "Pemanasan server", "description": "Permintaan pertama memuat model klasifikasi."},
        )
        assert warm.status_code == 201, warm.text
        warm_code = warm.json()["tracking_code"]
        run = run_load(server, args.requests, args.concurrency)
    finally:
        server.stop()
    latencies, codes, elapsed = sorted(run["latencies"]), run["codes"], run["elapsed"]
    result = {
        "requests": args.requests,
        "concurrency": args.concurrency,
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "statuses": run["statuses"],
        "elapsed_s": round(elapsed, 2),
        "accepted_per_s": round(len(codes) / elapsed, 1),
        "cpu_ms_per_complaint": {
            "server process": round(1000 * run["cpu"] / max(1, len(codes)), 2),
            "classifier process": round(1000 * run["cpu_helpers"] / max(1, len(codes)), 2),
        },
        "latency_ms": {
            "p50": round(statistics.median(latencies) * 1000, 1),
            "p99": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
            "max": round(latencies[-1] * 1000, 1),
        },
        "integrity": verify(db_path, [warm_code, *codes], before),
    }
    print(json.dumps(result, indent=2))
    integrity = result["integrity"]
    ok = (
        integrity["missing"] == 0
        and integrity["stored_more_than_once"] == 0
        and integrity["unacknowledged_rows"] == 0
        and integrity["acknowledged"] == integrity["acknowledged_unique"]
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
