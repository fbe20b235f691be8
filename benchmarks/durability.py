"""Durability under crashes: concurrent complaint submissions while the server is SIGKILLed and restarted.

Clients file complaints through the JSON API (POST /api/v1/complaints) and through the web form
(POST /pengaduan/baru, multipart, one PNG photo each). A client that gets no answer (the server died)
retries the *same* submission once the server is back; the portal recognises the retry as a duplicate
from the same filer (the form's browser cookie, the API's Idempotency-Key: 409 with the original tracking
code) when the first attempt was committed.

Afterwards, straight from the database:
* lost       = acknowledged tracking codes (201, the form's 303 to its confirmation page, or 409 pointing to
               an earlier code) that are not stored,
               or stored without their photo (row or file);
* duplicated = tracking codes stored more than once, plus submissions stored as two complaints;
* the SQLite file passes PRAGMA integrity_check / PostgreSQL foreign keys have no orphans.

    python benchmarks/durability.py                      # SQLite in a temporary folder, 60 s, 6 kills
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench python benchmarks/durability.py --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zlib
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.server import Server  # noqa: E402

WORDS = (  # noqa: SIM905 - prose is easier to edit
    "jalan rusak lubang besar depan pasar desa lampu mati sejak minggu lalu air pdam keruh berbau sampah "
    "menumpuk tidak diangkut petugas puskesmas antre lama obat kosong ktp belum jadi tiga bulan sekolah "
    "atap bocor banjir selokan tersumbat jembatan retak angkot ngetem terminal pungutan liar parkir izin "
    "usaha lambat pelayanan kantor kecamatan pegawai tidak ramah formulir hilang listrik padam pohon tumbang "
    "kabel menjuntai trotoar dipakai pedagang bising malam hari anjing liar genangan nyamuk demam berdarah "
    "bantuan sosial tidak tepat sasaran akta kelahiran ditolak tanpa alasan jadwal dokter berubah ambulans "
    "terlambat datang sinyal internet lemah balai warga kotor toilet umum rusak halte tanpa atap"
).split()
CODE_ATTR = re.compile(r'data-code="([0-9A-Z]{13})"')


def tiny_png(seed: int) -> bytes:
    """A valid 8x8 RGB PNG whose pixels depend on `seed` (so every photo is a different file)."""
    rng = random.Random(seed)
    rows = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(8 * 3)) for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@dataclass
class Submission:
    marker: str
    channel: str  # "api" or "form"
    title: str
    description: str
    email: str
    photo: bytes | None = None
    code: str | None = None
    attempts: int = 0
    acked_at: float = 0.0


@dataclass
class Report:
    engine: str
    seconds: float
    clients: int
    submissions: int = 0
    acknowledged: int = 0
    with_photo: int = 0
    kills: int = 0
    retries: int = 0
    unanswered: int = 0
    lost: int = 0
    duplicated: int = 0
    integrity: str = ""
    recovery_seconds: list[float] = field(default_factory=list)  # from each kill to the next acknowledgement
    answers: dict[str, int] = field(default_factory=dict)  # HTTP status (or "no answer") -> count
    problems: list[str] = field(default_factory=list)

    def lines(self) -> str:
        return (
            f"durability ({self.engine}): {self.submissions} submissions by {self.clients} clients in "
            f"{self.seconds:.0f} s, {self.acknowledged} acknowledged ({self.with_photo} with a photo), "
            f"{self.kills} SIGKILLs, {self.retries} retries, {self.unanswered} never answered, "
            f"lost {self.lost}, duplicated {self.duplicated}, integrity {self.integrity}; "
            f"recovery after each kill {[round(r, 1) for r in self.recovery_seconds]} s; answers {self.answers}"
        )


def make_submission(rng: random.Random, channel: str) -> Submission:
    marker = uuid.uuid4().hex[:12]
    words = rng.sample(WORDS, 30)
    return Submission(
        marker=marker,
        channel=channel,
        title=f"{' '.join(words[:4]).capitalize()} {marker[:4]}",
        description=f"{' '.join(words[4:])}. Ref {marker}.",
        email=f"warga.{marker}@contoh.id",
        photo=tiny_png(rng.randrange(1 << 30)) if channel == "form" else None,
    )


class Client(threading.Thread):
    def __init__(self, base_url: str, index: int, stop: threading.Event, report: Report, lock: threading.Lock):
        super().__init__(daemon=True)
        self.base_url = base_url
        self.rng = random.Random(index)
        self.stop_event = stop
        self.report = report
        self.lock = lock
        self.done: list[Submission] = []
        self.http = httpx.Client(base_url=base_url, timeout=20)

    def run(self) -> None:
        try:
            while not self.stop_event.is_set():
                submission = make_submission(self.rng, "form" if self.rng.random() < 0.5 else "api")
                self.done.append(submission)
                self.deliver(submission)
        finally:
            self.http.close()

    def deliver(self, submission: Submission, give_up_after: float = 60) -> None:
        deadline = time.monotonic() + give_up_after
        while time.monotonic() < deadline:
            submission.attempts += 1
            try:
                code = self.api(submission) if submission.channel == "api" else self.form(submission)
            except httpx.TransportError as exc:
                self.count(f"no answer ({type(exc).__name__})")
                code = None
            if code:
                submission.code = code
                submission.acked_at = time.monotonic()
                return
            if self.stop_event.is_set() and submission.attempts > 1:
                return
            time.sleep(0.2 + self.rng.random() * 0.3)  # the server is down or restarting: retry the same one

    def count(self, answer: str) -> None:
        with self.lock:
            self.report.answers[answer] = self.report.answers.get(answer, 0) + 1

    def api(self, s: Submission) -> str | None:
        body = {"title": s.title, "description": s.description, "reporter_email": s.email, "kind": "pengaduan"}
        # The same secret key for every retry of one submission: only it lets the portal name the earlier code.
        key = {"Idempotency-Key": f"durability-{s.marker}"}
        response = self.http.post("/api/v1/complaints", json=body, headers=key)
        self.count(f"api {response.status_code}")
        if response.status_code in (201, 409):
            return response.json()["tracking_code"]
        if response.status_code >= 500 or response.status_code == 429:
            return None
        raise SystemExit(f"API refused a valid complaint: {response.status_code} {response.text[:300]}")

    def form(self, s: Submission) -> str | None:
        token = self.http.cookies.get("portal_csrf")
        if not token:
            self.http.get("/pengaduan/baru")
            token = self.http.cookies.get("portal_csrf")
        data = {"_csrf_token": token, "kind": "pengaduan", "title": s.title, "description": s.description,
                "reporter_email": s.email, "privacy": "normal"}  # fmt: skip
        files = {"attachments": (f"foto-{s.marker}.png", s.photo or b"", "image/png")}
        response = self.http.post("/pengaduan/baru", data=data, files=files)
        self.count(f"form {response.status_code}")
        if response.status_code == 303:  # Post/Redirect/Get: the confirmation page of the stored complaint
            match = re.search(r"/pengaduan/diterima/([0-9A-Z]{13})", response.headers.get("location", ""))
            if match:
                return match.group(1)
            raise SystemExit(f"form redirected elsewhere: {response.headers.get('location')}")
        if response.status_code in (201, 409):
            match = CODE_ATTR.search(response.text) or re.search(r"/pengaduan/lacak/([0-9A-Z]{13})", response.text)
            if match:
                return match.group(1)
            raise SystemExit(f"no tracking code in the form answer ({response.status_code})")
        if response.status_code >= 500 or response.status_code == 429:
            return None
        if response.status_code == 403:  # CSRF cookie from before a restart is still valid; just in case
            self.http.cookies.clear()
            return None
        raise SystemExit(f"form refused a valid complaint: {response.status_code} {response.text[:300]}")


# --- verification straight from the database ---------------------------------------------------------


def stored_rows(database_url: str) -> tuple[list[dict], list[dict], str]:
    query_c = "SELECT id, tracking_code, description FROM complaint"
    query_a = "SELECT complaint, storage_name, size FROM attachment"
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        with closing(sqlite3.connect(path, timeout=30)) as conn:
            conn.row_factory = sqlite3.Row
            complaints = [dict(r) for r in conn.execute(query_c)]
            attachments = [dict(r) for r in conn.execute(query_a)]
            integrity = ",".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
            fk = conn.execute("PRAGMA foreign_key_check").fetchall()
            if fk:
                integrity += f"; {len(fk)} foreign-key violations"
        return complaints, attachments, integrity

    async def fetch() -> tuple[list[dict], list[dict], str]:
        import asyncpg

        conn = await asyncpg.connect(database_url)
        try:
            complaints = [dict(r) for r in await conn.fetch(query_c)]
            attachments = [dict(r) for r in await conn.fetch(query_a)]
            orphans = await conn.fetchval(
                "SELECT count(*) FROM attachment a LEFT JOIN complaint c ON c.id = a.complaint WHERE c.id IS NULL"
            )
            dupes = await conn.fetchval(
                "SELECT count(*) FROM (SELECT tracking_code FROM complaint GROUP BY 1 HAVING count(*) > 1) d"
            )
        finally:
            await conn.close()
        return complaints, attachments, "ok" if orphans == 0 and dupes == 0 else f"{orphans} orphans, {dupes} dupes"

    return asyncio.run(fetch())


def verify(report: Report, submissions: list[Submission], database_url: str, upload_dir: Path) -> None:
    complaints, attachments, report.integrity = stored_rows(database_url)
    by_code: dict[str, list[dict]] = {}
    by_marker: dict[str, int] = {}
    for row in complaints:
        by_code.setdefault(row["tracking_code"], []).append(row)
        found = re.search(r"Ref ([0-9a-f]{12})\.", row["description"] or "")
        if found:
            by_marker[found.group(1)] = by_marker.get(found.group(1), 0) + 1
    photos: dict[int, list[dict]] = {}
    for row in attachments:
        photos.setdefault(row["complaint"], []).append(row)
    for code, rows in by_code.items():
        if len(rows) > 1:
            report.duplicated += 1
            report.problems.append(f"tracking code {code} stored {len(rows)} times")
    for s in submissions:
        if s.code is None:
            continue
        if by_marker.get(s.marker, 0) > 1:
            report.duplicated += 1
            report.problems.append(f"submission {s.marker} stored {by_marker[s.marker]} times")
        rows = by_code.get(s.code)
        if not rows:
            report.lost += 1
            report.problems.append(f"acknowledged {s.code} ({s.channel}) is not stored")
            continue
        if s.photo is not None:
            stored = photos.get(rows[0]["id"], [])
            if not stored or not all((upload_dir / a["storage_name"]).is_file() for a in stored):
                report.lost += 1
                report.problems.append(f"acknowledged {s.code} lost its photo")


# --- the run -----------------------------------------------------------------------------------------


def migrate(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "portal.cli", "migrate"], env=env, cwd=ROOT, check=True,
                   capture_output=True, timeout=300)  # fmt: skip


def run(*, seconds: float, clients: int, kills: int, data_dir: Path, database_url: str,
        prepare: bool = True, seed: int = 7) -> Report:  # fmt: skip
    env = {
        "DATABASE_URL": database_url,
        "PORTAL_DATA_DIR": str(data_dir),
        "PORTAL_PUBLIC_WRITE_RATE_LIMIT": "100000/minute",
        "PORTAL_LOG_LEVEL": "ERROR",
    }
    data_dir.mkdir(parents=True, exist_ok=True)
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if prepare:
        migrate({**os.environ, **env})
    engine = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    report = Report(engine=engine, seconds=seconds, clients=clients)
    rng = random.Random(seed)
    server = Server(data_dir, env=env).start()
    stop, lock = threading.Event(), threading.Lock()
    pool = [Client(server.base_url, i, stop, report, lock) for i in range(clients)]
    started = time.monotonic()
    kill_times: list[float] = []

    def acknowledged() -> int:
        return sum(1 for client in pool for s in client.done if s.code)

    def wait_for_traffic(count: int, timeout: float = 90) -> None:
        """Until `count` more submissions were acknowledged (the restarted server is really serving)."""
        target, deadline = acknowledged() + count, time.monotonic() + timeout
        while acknowledged() < target and time.monotonic() < deadline:
            time.sleep(0.05)

    try:
        for client in pool:
            client.start()
        for _ in range(kills):
            wait_for_traffic(clients)
            time.sleep(rng.uniform(0.1, 1.5))  # somewhere in the middle of requests being handled
            server.kill()
            kill_times.append(time.monotonic())
            report.kills += 1
            time.sleep(rng.uniform(0.05, 0.5))
            server.start()
        wait_for_traffic(clients)
        time.sleep(max(0.0, started + seconds - time.monotonic()))
        stop.set()
        for client in pool:
            client.join(timeout=90)
    finally:
        stop.set()
        server.stop()
    report.seconds = time.monotonic() - started
    submissions = [s for client in pool for s in client.done]
    acks = sorted(s.acked_at for s in submissions if s.code)
    for moment in kill_times:
        report.recovery_seconds.append(next((a for a in acks if a > moment), report.seconds + started) - moment)
    report.submissions = len(submissions)
    report.acknowledged = sum(1 for s in submissions if s.code)
    report.with_photo = sum(1 for s in submissions if s.code and s.photo)
    report.retries = sum(s.attempts - 1 for s in submissions)
    report.unanswered = sum(1 for s in submissions if not s.code)
    verify(report, submissions, database_url, data_dir / "uploads")
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-durability-") as tmp:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(tmp) / 'durability.sqlite'}"
        report = run(seconds=args.seconds, clients=args.clients, kills=args.kills, data_dir=Path(tmp) / "data",
                     database_url=url)  # fmt: skip
    print(json.dumps(asdict(report), indent=2) if args.json else report.lines())
    for problem in report.problems[:20]:
        print("  !", problem)
    ok = report.lost == 0 and report.duplicated == 0 and report.integrity == "ok" and report.acknowledged > 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
