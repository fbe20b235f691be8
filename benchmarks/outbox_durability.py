"""Outbox durability: processes SIGKILLed right after an event commits, or right after a message went out
but before it was marked sent, and then the worker runs. Messages go to a local fake of the WhatsApp
Cloud API, which counts what it received per idempotency key (biz_opaque_callback_data).

Each kill is one child process that routes one complaint (an event and its outbox row in one transaction)
and then either
* "after_commit": dies at once (nothing sent yet), or
* "after_send": runs the worker, which dies after the fake API accepted the message and before the row is
  marked sent; the fake's status webhook then reaches the portal (as the real API sends it).
Afterwards the parent runs the worker after the lease ran out and counts, straight from the fake:
lost = messages of the committed events never received; duplicated = messages received more than once.

    python benchmarks/outbox_durability.py --kills 10          # SQLite in a temporary folder
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench python benchmarks/outbox_durability.py
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fake_whatsapp import FakeWhatsApp  # noqa: E402

APP_SECRET = "bench-app-secret"
CHILD = """
import asyncio, os, signal, sys
from complaints import channels, outbox
from complaints.actors import Actor
from complaints.services import handling
from portal.security import load_user
from portal.settings import get_settings

case_id, admin_id, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
original = channels.WhatsAppChannel.send

async def send_then_die(self, settings, message):
    provider_id = await original(self, settings, message)
    os.kill(os.getpid(), signal.SIGKILL)  # the API accepted it; the row is not marked sent
    return provider_id

async def main():
    user = await load_user(admin_id)
    await handling.verify_and_route(case_id, Actor.staff(user), int(sys.argv[4]))
    if mode == "after_commit":
        os.kill(os.getpid(), signal.SIGKILL)
    channels.WhatsAppChannel.send = send_then_die
    await outbox.send_due(get_settings())

asyncio.run(main())
"""


@dataclass
class Report:
    engine: str
    kills: int = 0
    committed_events: int = 0
    expected_messages: int = 0
    received: int = 0
    lost: int = 0
    duplicated: int = 0
    modes: Counter = field(default_factory=Counter)

    def lines(self) -> str:
        return (
            f"engine={self.engine} kills={self.kills} ({dict(self.modes)}) committed_events="
            f"{self.committed_events} expected_messages={self.expected_messages} received={self.received} "
            f"lost={self.lost} duplicated={self.duplicated} "
            f"lost_ratio={self.lost / max(self.expected_messages, 1):.3f} "
            f"duplicated_ratio={self.duplicated / max(self.expected_messages, 1):.3f}"
        )


async def _prepare(count: int) -> tuple[list[int], int, int]:
    from complaints.deadlines import compute_deadlines
    from complaints.services.intake import Draft, StandardCheck, file_complaint
    from complaints.tables import Complaint
    from portal.tables import StaffUser, Unit

    suffix = f"{time.time_ns() % 10**9}"
    unit = await Unit.insert(Unit(slug=f"dinas-bench-{suffix}", name="Dinas Uji", published=True)).returning(Unit.id)
    admin = await StaffUser.insert(
        StaffUser(username=f"admin-{suffix}", full_name="Admin", password_hash="x", role="system_admin")
    ).returning(StaffUser.id)
    now = datetime.now(UTC)
    deadlines = await compute_deadlines(None, "pengaduan", now)
    ids = []
    for i in range(count):
        draft = Draft(kind="pengaduan", title=f"Jalan rusak nomor {i}", description="Jalan berlubang besar di depan "
                      "pasar, sudah lama belum diperbaiki.", reporter_whatsapp=f"62812000{i:05d}",
                      notify_channels="whatsapp", is_anonymous=True)  # fmt: skip
        filed = await file_complaint(draft, prediction=None, suggested_unit_id=None, deadlines=deadlines,
                                     standard=StandardCheck(), now=now)  # fmt: skip
        ids.append(filed.id)
    assert await Complaint.count() >= count
    return ids, admin[0]["id"], unit[0]["id"]


def _child_env(fake: FakeWhatsApp, database_url: str, data_dir: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "PORTAL_DATA_DIR": str(data_dir),
            "PORTAL_WHATSAPP_API_BASE": fake.base_url, "PORTAL_WHATSAPP_PHONE_NUMBER_ID": fake.phone_number_id,
            "PORTAL_WHATSAPP_TOKEN": fake.token, "PORTAL_WHATSAPP_APP_SECRET": APP_SECRET,
            "PYTHONPATH": str(ROOT)}  # fmt: skip


async def _measure(kills: int, database_url: str, data_dir: Path, settings, webhook: bool = True) -> Report:
    from datetime import timedelta

    from complaints import outbox
    from complaints.tables import OutboxMessage

    fake = FakeWhatsApp().start()
    try:
        settings = settings.with_overrides(
            whatsapp_api_base=fake.base_url,
            whatsapp_phone_number_id=fake.phone_number_id,
            whatsapp_token=fake.token,
            whatsapp_app_secret=APP_SECRET,
        )
        ids, admin_id, unit_id = await _prepare(kills)
        await outbox.send_due(settings, limit=10_000)  # the "received" messages, sent normally
        report = Report(engine="sqlite" if database_url.startswith("sqlite") else "postgresql")
        env = _child_env(fake, database_url, data_dir)
        for i, case_id in enumerate(ids):
            mode = "after_commit" if i % 2 == 0 else "after_send"
            child = subprocess.run([sys.executable, "-c", CHILD, str(case_id), str(admin_id), mode, str(unit_id)],
                                   cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
            if child.returncode != -9:
                raise RuntimeError(f"child was not killed (rc={child.returncode}): {child.stderr[-2000:]}")
            report.kills += 1
            report.modes[mode] += 1
            # The status webhook of whatever the fake accepted reaches the portal (the real API sends it).
            if webhook:
                await outbox.apply_statuses(fake.statuses("sent"))
        later = datetime.now(UTC) + outbox.LEASE + timedelta(minutes=1)
        await outbox.send_due(settings, now=later, limit=10_000)
        committed = await OutboxMessage.select(OutboxMessage.idempotency_key).where(
            OutboxMessage.complaint.is_in(ids) & (OutboxMessage.channel == "whatsapp")
        )
        expected = {r["idempotency_key"] for r in committed}
        got = Counter(m["body"].get("biz_opaque_callback_data", "") for m in fake.accepted)
        report.committed_events = kills * 2  # "filed" and "route" per complaint
        report.expected_messages = len(expected)
        report.received = sum(got[k] for k in expected)
        report.lost = sum(1 for k in expected if got[k] == 0)
        report.duplicated = sum(got[k] - 1 for k in expected if got[k] > 1)
        return report
    finally:
        fake.stop()


def run(kills: int, database_url: str, data_dir: Path, settings=None, webhook: bool = True) -> Report:
    """Measure on an already migrated database (the test suite's, or the one main() prepares)."""
    from portal.settings import Settings

    settings = settings or Settings(data_dir=data_dir)
    return asyncio.run(_measure(kills, database_url, data_dir, settings, webhook))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument(
        "--no-webhook",
        action="store_true",
        help="status webhooks never arrive: shows the at-least-once limit (duplicates)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/outbox.sqlite"
        os.environ["DATABASE_URL"] = database_url
        os.environ["PORTAL_DATA_DIR"] = str(data_dir)
        from portal.migrate import migrate

        asyncio.run(migrate())
        print(run(args.kills, database_url, data_dir, webhook=not args.no_webhook).lines())


if __name__ == "__main__":
    main()
