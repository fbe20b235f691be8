"""Load test of a public service page against a bare plain-text route of the same server.

Starts `uvicorn portal.app:create_app --factory` (one worker) over a fresh SQLite database in a temporary
directory (migrated, demo loaded, PORTAL_BENCHMARK_ROUTES=1), then drives both URLs with 64 keep-alive
connections from an asyncio raw-socket load generator in a separate process and prints requests/s,
p50 and p99 latency and the ratio. Rounds alternate between the two URLs so drift hits both alike.

Like a browser, the clients send the CSRF cookie they got on their first visit; the response cache only
keeps responses that set no cookie (portal/cache.py), so without it every request would be rendered.

Usage: .venv/bin/python benchmarks/catalogue_load.py [--seconds 5] [--rounds 2] [--connections 64] [--strict]
       [--search [--fragment]]
Targets: service page >= 0.5 x the bare route's requests/s, and service page p99 <= 50 ms.
`--search` measures the search page instead (`/cari?q=...`, never kept by the response cache, so every
request runs the search and renders the page): target >= 0.5 x the bare route's requests/s (issue 17);
`--search --fragment` only the results fragment that the search box fetches while one types (htmx).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.loadgen import cpu_seconds, get_request, run_for  # noqa: E402
from tests.server import Server  # noqa: E402

SERVICE_PATH = "/layanan/disdukcapil/akta-kelahiran"
SEARCH_PATH = "/cari?q=akta+kelahiran"  # as in benchmarks/board_scale.py
BARE_PATH = "/bench/bare"
TARGET_RATIO = 0.5
TARGET_P99_MS = 50.0

_SETUP = """
import asyncio
from portal.migrate import migrate
from portal.demo import load_all_demo
asyncio.run(migrate())
asyncio.run(load_all_demo(only_if_empty=False))
"""


def start_server(workdir: Path, http: str = "auto") -> Server:
    """Fresh SQLite database (migrated, demo data) and one uvicorn worker with the bare benchmark route."""
    env = {
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite'}",
        "PORTAL_SECRET_KEY": "benchmark-secret-" + "x" * 32,
        "PORTAL_ENV": "benchmark",
        "PORTAL_BENCHMARK_ROUTES": "1",
        "PORTAL_MODEL_DIR": str(workdir / "models"),
    }
    server = Server(workdir / "data", env=env, extra_args=("--http", http))
    server.env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "-c", _SETUP], env=server.env, cwd=ROOT, check=True, capture_output=True)
    return server.start()


def summarise(runs: list[dict]) -> dict[str, float]:
    latencies = sorted(x for run in runs for x in run["latencies"])
    elapsed = sum(run["elapsed"] for run in runs)
    q = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": q[49] * 1000,
        "p99_ms": q[98] * 1000,
        "errors": sum(run["errors"] for run in runs),
        "cpu_ms": 1000 * sum(run["cpu"] for run in runs) / len(latencies),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one measured round per URL")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--http", default="auto", choices=["auto", "h11", "httptools"], help="uvicorn HTTP parser")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--search", action="store_true", help=f"measure {SEARCH_PATH} (uncached) instead")
    parser.add_argument("--fragment", action="store_true", help="with --search: only the results (htmx request)")
    args = parser.parse_args()
    page_path = SEARCH_PATH if args.search else SERVICE_PATH
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        server = start_server(Path(tmp), args.http)
        base = server.base_url
        try:
            first = httpx.get(f"{base}{page_path}")
            first.raise_for_status()
            cookie = f"portal_csrf={first.cookies['portal_csrf']}"
            host, port = "127.0.0.1", int(base.rsplit(":", 1)[1])
            headers = {"Cookie": cookie, "Accept": "text/html"}
            requests = {
                BARE_PATH: get_request(host, port, BARE_PATH, headers),
                page_path: get_request(
                    host, port, page_path, headers | ({"HX-Request": "true"} if args.fragment else {})
                ),
            }
            for request in requests.values():  # warm-up (fills the page cache, opens files)
                run_for(host, port, request, args.connections, 1.0)
            runs: dict[str, list[dict]] = {BARE_PATH: [], page_path: []}
            for _ in range(args.rounds):
                for path in (BARE_PATH, page_path):
                    cpu_before = cpu_seconds(server.process.pid)
                    result = run_for(host, port, requests[path], args.connections, args.seconds)
                    result["cpu"] = cpu_seconds(server.process.pid) - cpu_before
                    runs[path].append(result)
        finally:
            server.stop()
    bare, page = summarise(runs[BARE_PATH]), summarise(runs[page_path])
    ratio = page["rps"] / bare["rps"]
    cpu_ratio = bare["cpu_ms"] / page["cpu_ms"]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"cpus={os.cpu_count()} load average {load}; connections={args.connections} "
        f"rounds={args.rounds}x{args.seconds:.0f}s; one uvicorn worker, SQLite"
    )
    for name, result in (
        ("bare route   " + BARE_PATH, bare),
        (("search page  " if args.search else "service page ") + page_path, page),
    ):
        print(
            f"{name:<52} {result['rps']:8.0f} req/s  p50 {result['p50_ms']:6.1f} ms  p99 {result['p99_ms']:6.1f} ms"
            f"  server CPU {result['cpu_ms']:5.2f} ms/req  requests {result['requests']:6d}  non-200 {result['errors']}"
        )
    ok = ratio >= TARGET_RATIO and page["p99_ms"] <= TARGET_P99_MS and page["errors"] == 0
    print(
        f"ratio {'search' if args.search else 'service'}/bare = {ratio:.2f} (target >= {TARGET_RATIO}); "
        f"page p99 {page['p99_ms']:.1f} ms "
        f"(target <= {TARGET_P99_MS:.0f} ms): {'MET' if ok else 'NOT MET'}"
    )
    print(f"server CPU per request, bare/service = {cpu_ratio:.2f} (the throughput ratio an idle machine would give)")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
