"""Staff settings: the holiday calendar (/staf/hari-libur) and deadline policies (/staf/tenggat)."""

import json
from datetime import date

import pytest

from complaints.services import settings as settings_service
from complaints.tables import DeadlinePolicy, Holiday
from portal.security import CurrentUser
from portal.tables import AuditLog
from tests.helpers import html, login, make_unit, make_user, post_form


def this_year() -> int:
    from datetime import UTC, datetime

    from complaints.calendar import local_date

    return local_date(datetime.now(UTC)).year


async def actions(action: str) -> list[dict]:
    return await AuditLog.select().where(AuditLog.action == action).order_by(AuditLog.id)


async def test_holiday_page_is_for_system_admins_only(client) -> None:
    unit = await make_unit()
    await make_user("admin-unit", "unit_admin", unit)
    response = await client.get("/staf/hari-libur")
    assert response.status_code == 303 and response.headers["location"].startswith("/masuk")
    await login(client, "admin-unit")
    assert (await client.get("/staf/hari-libur")).status_code == 403
    assert (await post_form(client, "/staf/hari-libur", {"day": "2026-12-01", "name": "x"})).status_code == 403
    assert await Holiday.count() == 0


async def test_admin_sees_package_days_adds_and_deletes(client) -> None:
    await make_user("sysadmin", "system_admin")
    await login(client, "sysadmin")
    year = this_year()
    page = html(await client.get("/staf/hari-libur"))
    assert page.find("h2", string=str(year)) and page.find("h2", string=str(year + 1))
    independence = page.find("tr", attrs={"data-day": f"{year}-08-17"})
    assert independence is not None and independence["data-source"].startswith("holidays ")

    day = f"{year}-11-30"
    response = await post_form(client, "/staf/hari-libur", {"day": day, "name": "Hari Jadi Kabupaten", "kind": "lokal"})
    assert response.status_code == 303
    row = await Holiday.select().where(Holiday.day == date.fromisoformat(day)).first()
    assert row["name"] == "Hari Jadi Kabupaten" and row["kind"] == "lokal"
    assert await Holiday.count() == 1  # the package's days are not copied
    added = await actions("holiday_add")
    assert len(added) == 1 and json.loads(added[0]["after"])["name"] == "Hari Jadi Kabupaten"

    duplicate = await post_form(client, "/staf/hari-libur", {"day": day, "name": "Lagi", "kind": "nasional"})
    assert duplicate.status_code == 422
    assert "sudah terdaftar" in html(duplicate).find(id="day-error").text

    page = html(await client.get("/staf/hari-libur"))
    delete_form = page.find("tr", attrs={"data-day": day}).find("form")
    assert (await post_form(client, delete_form["action"], {})).status_code == 303
    assert not await Holiday.exists().where(Holiday.day == date.fromisoformat(day))
    assert len(await actions("holiday_delete")) == 1
    assert (await post_form(client, "/staf/hari-libur/999999/hapus", {})).status_code == 404


async def test_bad_holiday_input_changes_nothing(client) -> None:
    await make_user("sysadmin", "system_admin")
    await login(client, "sysadmin")
    response = await post_form(client, "/staf/hari-libur", {"day": "31-12-2026", "name": "", "kind": "bebas"})
    assert response.status_code == 422
    page = html(response)
    assert page.find(id="day-error") and page.find(id="name-error") and page.find(id="kind-error")
    far = await post_form(client, "/staf/hari-libur", {"day": "1999-01-01", "name": "Lama", "kind": "nasional"})
    assert far.status_code == 422
    # only the login (the account's creation in the fixture is audited too, as every account's is)
    assert await Holiday.count() == 0 and await AuditLog.count().where(AuditLog.action != "staff_user_created") == 1


def policy_form(unit: str, kind: str = "", **overrides) -> dict:
    values = {
        "unit": unit,
        "kind": kind,
        "verify_days": "2",
        "followup_days": "4",
        "resolve_days": "30",
        "resolve_day_type": "working",
        "auto_close_days": "7",
    }
    return {**values, **overrides}


async def test_system_admin_sets_defaults_and_unit_values(client) -> None:
    unit = await make_unit("dinkes", "Dinas Kesehatan")
    await make_user("sysadmin", "system_admin")
    await login(client, "sysadmin")
    assert (await client.get("/staf/tenggat")).status_code == 200
    assert (await post_form(client, "/staf/tenggat", policy_form("default"))).status_code == 303
    assert (
        await post_form(client, "/staf/tenggat", policy_form(str(unit), "aspirasi", verify_days="1"))
    ).status_code == 303
    # Saving the same (unit, kind) again replaces it.
    assert (await post_form(client, "/staf/tenggat", policy_form("default", resolve_days="45"))).status_code == 303
    rows = await DeadlinePolicy.select().order_by(DeadlinePolicy.id)
    assert [(r["unit"], r["kind"], r["verify_days"], r["resolve_days"]) for r in rows] == [
        (None, "", 2, 45),
        (unit, "aspirasi", 1, 30),
    ]
    saves = await actions("deadline_policy_save")
    assert len(saves) == 3 and json.loads(saves[2]["before"])["resolve_days"] == 30
    page = html(await client.get("/staf/tenggat"))
    assert page.find("tr", attrs={"data-policy": str(rows[1]["id"])}).find(string="Dinas Kesehatan")


async def test_unit_admin_changes_only_their_own_unit(client) -> None:
    own = await make_unit("dinkes", "Dinas Kesehatan")
    other = await make_unit("disdik", "Dinas Pendidikan")
    await DeadlinePolicy.insert(DeadlinePolicy(unit=other, kind="", verify_days=3))
    await make_user("admin-dinkes", "unit_admin", own)
    await login(client, "admin-dinkes")
    page = html(await client.get("/staf/tenggat"))
    assert [o["value"] for o in page.find("select", id="unit").find_all("option")] == [str(own)]
    assert "Dinas Pendidikan" not in page.text

    ok = await post_form(client, "/staf/tenggat", policy_form(str(own), "pengaduan"))
    assert ok.status_code == 303
    assert (await post_form(client, "/staf/tenggat", policy_form(str(other), "pengaduan"))).status_code == 403
    assert (await post_form(client, "/staf/tenggat", policy_form("default"))).status_code == 403
    other_policy = await DeadlinePolicy.select().where(DeadlinePolicy.unit == other).first()
    assert (await post_form(client, f"/staf/tenggat/{other_policy['id']}/hapus", {})).status_code == 403
    assert await DeadlinePolicy.count() == 2

    own_policy = await DeadlinePolicy.select().where(DeadlinePolicy.unit == own).first()
    assert (await post_form(client, f"/staf/tenggat/{own_policy['id']}/hapus", {})).status_code == 303
    assert await DeadlinePolicy.count() == 1
    assert len(await actions("deadline_policy_delete")) == 1


async def test_officers_cannot_open_the_settings(client) -> None:
    unit = await make_unit()
    await make_user("petugas", "unit_officer", unit)
    await login(client, "petugas")
    assert (await client.get("/staf/tenggat")).status_code == 403


async def test_invalid_policy_is_refused_with_messages_and_nothing_saved(client) -> None:
    await make_user("sysadmin", "system_admin")
    await login(client, "sysadmin")
    bad = policy_form(
        "default", verify_days="0", followup_days="abc", resolve_days="9999", resolve_day_type="jam", kind="lainnya"
    )
    response = await post_form(client, "/staf/tenggat", bad)
    assert response.status_code == 422
    page = html(response)
    for field in ("verify_days", "followup_days", "resolve_days", "resolve_day_type", "kind"):
        assert page.find(id=f"{field}-error"), field
    shorter = await post_form(client, "/staf/tenggat", policy_form("default", verify_days="5", followup_days="3"))
    assert (
        shorter.status_code == 422 and "tidak boleh lebih pendek" in html(shorter).find(id="followup_days-error").text
    )
    assert (await post_form(client, "/staf/tenggat", policy_form("12345"))).status_code == 422
    assert await DeadlinePolicy.count() == 0


async def test_english_labels(client) -> None:
    await make_user("sysadmin", "system_admin")
    await login(client, "sysadmin")
    page = html(await client.get("/staf/tenggat?lang=en"))
    assert page.find("h1").text == "Complaint handling deadlines"
    page = html(await client.get("/staf/hari-libur?lang=en"))
    assert page.find("h1").text == "Public holidays and collective leave"


# --- complaints.services.settings: the change, the moved deadlines and the audit entry in one transaction ---


async def _admin() -> CurrentUser:
    user_id = await make_user("sysadmin", "system_admin")
    return CurrentUser(user_id, "sysadmin", "Admin", "system_admin", None, None, None)


def _failing_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    async def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(settings_service.audit, "record", refuse)


async def test_holiday_and_its_audit_entry_are_written_together(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    admin = await _admin()
    day = date(this_year(), 11, 30)
    _failing_audit(monkeypatch)
    with pytest.raises(RuntimeError):
        await settings_service.add_holiday(day, "Hari Jadi", "lokal", "Perda", actor=admin)
    assert await Holiday.count() == 0  # a failing audit entry rolls the holiday back
    monkeypatch.undo()
    assert await settings_service.add_holiday(day, "Hari Jadi", "lokal", "Perda", actor=admin) == 0
    assert await Holiday.count() == 1 and len(await actions("holiday_add")) == 1
    _failing_audit(monkeypatch)
    with pytest.raises(RuntimeError):
        await settings_service.remove_holiday(day, "", actor=admin)
    assert await Holiday.count() == 1 and not await actions("holiday_delete")


async def test_deadline_policy_and_its_audit_entry_are_written_together(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = await _admin()
    values = {"verify_days": 2, "followup_days": 4, "resolve_days": 30, "resolve_day_type": "working",
              "auto_close_days": 10}  # fmt: skip
    _failing_audit(monkeypatch)
    with pytest.raises(RuntimeError):
        await settings_service.save_deadline_policy(None, "", values, actor=admin)
    assert await DeadlinePolicy.count() == 0
    monkeypatch.undo()
    policy_id = await settings_service.save_deadline_policy(None, "", values, actor=admin)
    row = await DeadlinePolicy.select().where(DeadlinePolicy.id == policy_id).first()
    _failing_audit(monkeypatch)
    with pytest.raises(RuntimeError):
        await settings_service.delete_deadline_policy(row, actor=admin)
    assert await DeadlinePolicy.count() == 1 and not await actions("deadline_policy_delete")
