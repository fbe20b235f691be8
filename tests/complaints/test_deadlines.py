"""Deadline policies: lookup order, built-in defaults, working vs calendar days."""

from datetime import UTC, datetime, timedelta

from complaints.deadlines import BUILT_IN, compute_deadlines, get_policy
from complaints.tables import DeadlinePolicy
from tests.helpers import make_unit

WIB_END = (16, 59, 59)


def wib(y: int, m: int, d: int, hh: int = 10) -> datetime:
    return datetime(y, m, d, hh, tzinfo=UTC) - timedelta(hours=7)


async def test_built_in_defaults_without_any_policy(db: None) -> None:
    received = wib(2026, 11, 6)  # Friday
    deadlines = await compute_deadlines(None, "pengaduan", received)
    assert deadlines.verify_due == datetime(2026, 11, 11, *WIB_END, tzinfo=UTC)  # 3 working days
    assert deadlines.followup_due == datetime(2026, 11, 13, *WIB_END, tzinfo=UTC)  # 5 working days
    assert deadlines.resolve_due == datetime(2027, 1, 5, *WIB_END, tzinfo=UTC)  # 60 calendar days
    assert deadlines.auto_close_days == 10
    assert (await get_policy(None, "pengaduan")) == BUILT_IN


async def test_holidays_stretch_the_verification_deadline(db: None) -> None:
    # Received Tuesday 22 Dec 2026: Wed 23 counts, Thu 24 (cuti bersama) and Fri 25 (Natal) do not.
    deadlines = await compute_deadlines(None, "aspirasi", wib(2026, 12, 22))
    assert deadlines.verify_due == datetime(2026, 12, 29, *WIB_END, tzinfo=UTC)


async def test_lookup_order_unit_kind_then_unit_then_default_kind_then_default(db: None) -> None:
    unit = await make_unit("dinas-a")
    other = await make_unit("dinas-b")
    await DeadlinePolicy.insert(
        DeadlinePolicy(unit=None, kind="", verify_days=4, followup_days=6, resolve_days=30),
        DeadlinePolicy(unit=None, kind="aspirasi", verify_days=5, followup_days=7, resolve_days=30),
        DeadlinePolicy(unit=unit, kind="", verify_days=2, followup_days=4, resolve_days=14),
        DeadlinePolicy(
            unit=unit,
            kind="permintaan_informasi",
            verify_days=1,
            followup_days=2,
            resolve_days=10,
            resolve_day_type="working",
        ),
    )
    assert (await get_policy(unit, "permintaan_informasi")).verify_days == 1
    assert (await get_policy(unit, "pengaduan")).verify_days == 2
    assert (await get_policy(other, "aspirasi")).verify_days == 5
    assert (await get_policy(other, "pengaduan")).verify_days == 4
    assert (await get_policy(None, "pengaduan")).verify_days == 4

    received = wib(2026, 11, 6)
    info = await compute_deadlines(unit, "permintaan_informasi", received)
    # 10 working days from Friday 6 Nov 2026 -> Friday 20 Nov.
    assert info.resolve_due == datetime(2026, 11, 20, *WIB_END, tzinfo=UTC)
    complaint = await compute_deadlines(unit, "pengaduan", received)
    assert complaint.resolve_due == datetime(2026, 11, 20, *WIB_END, tzinfo=UTC)  # 14 calendar days
    assert complaint.verify_due == datetime(2026, 11, 10, *WIB_END, tzinfo=UTC)
