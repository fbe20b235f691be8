"""Per-account login protection: capped exponential backoff whatever address the guesses come from, a
notice with a one-time unlock link to the owner, audit entries, unlock by link or by the CLI."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from litestar.testing import AsyncTestClient

from portal import login_guard
from portal.tables import AuditLog, StaffUser
from tests.helpers import TEST_PASSWORD, csrf_token, make_unit, make_user

EMAIL = "admin.a@dinas-a.go.id"


def link_path(body: str) -> str:
    match = re.search(r"https://portal\.example\.go\.id(/masuk/buka-kunci/\S+)", body)
    assert match, body
    return match.group(1)


def after(entry: dict) -> dict:
    return entry["after"] if isinstance(entry["after"], dict) else json.loads(entry["after"])


def from_many_addresses(app) -> None:
    """Each request comes from the address in its X-Test-Client header (as behind 20 proxies)."""
    inner = app.asgi_handler

    async def handler(scope, receive, send):
        for key, value in scope.get("headers", []):
            if key == b"x-test-client":
                scope["client"] = (value.decode(), 40000)
        await inner(scope, receive, send)

    app.asgi_handler = handler


@pytest.fixture
async def admin(db) -> int:
    unit = await make_unit("dinas-a", "Dinas A")
    user_id = await make_user("admin", "unit_admin", unit)
    await StaffUser.update({StaffUser.email: EMAIL}).where(StaffUser.id == user_id)
    return user_id


@pytest.fixture
async def guarded(admin, settings):
    """A client whose requests can come from any address; the per-address login limit stays 5/minute."""
    from portal.app import create_app
    from portal.mail import clear_sent_messages

    clear_sent_messages()
    app = create_app(settings.with_overrides(login_rate_limit="5/minute", base_url="https://portal.example.go.id"))
    from_many_addresses(app)
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as client:
        client.follow_redirects = False
        yield client


async def attempt(client, password: str, address: str, username: str = "admin"):
    token = await csrf_token(client)
    return await client.post(
        "/masuk",
        data={"username": username, "password": password, "_csrf_token": token, "next": "/staf"},
        headers={"x-test-client": address},
    )


async def unlock_account_row(user_id: int) -> dict:
    return (
        await StaffUser.select(StaffUser.failed_logins, StaffUser.locked_until, StaffUser.unlock_token_hash)
        .where(StaffUser.id == user_id)
        .first()
    )


async def test_twenty_guesses_from_twenty_addresses_lock_the_account(guarded, admin) -> None:
    statuses = [(await attempt(guarded, f"tebakan-{i}", f"10.0.0.{i}")).status_code for i in range(20)]
    assert statuses[: login_guard.THRESHOLD] == [401] * login_guard.THRESHOLD
    assert set(statuses[login_guard.THRESHOLD :]) == {429}, statuses
    refused = await attempt(guarded, TEST_PASSWORD, "10.0.1.1")
    assert refused.status_code == 429, "the right password must not get in while the account is locked"
    assert "dikunci sementara" in refused.text and int(refused.headers["retry-after"]) >= 1
    row = await unlock_account_row(admin)
    assert row["failed_logins"] == login_guard.THRESHOLD, "attempts while locked are not counted"
    # When the lock runs out the owner logs in, and the run of failures ends.
    await StaffUser.update({StaffUser.locked_until: datetime.now(UTC) - timedelta(seconds=1)}).where(
        StaffUser.id == admin
    )
    ok = await attempt(guarded, TEST_PASSWORD, "10.0.1.2")
    assert ok.status_code == 303 and ok.headers["location"] == "/staf"
    assert (await unlock_account_row(admin))["failed_logins"] == 0


async def test_backoff_doubles_and_is_capped(admin) -> None:
    now = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
    locks = []
    for _ in range(14):
        result = await login_guard.begin("admin", now=now)
        assert not result.refused
        if result.locked_until is not None:
            locks.append(int((result.locked_until - now).total_seconds()))
            assert (await login_guard.begin("admin", now=now + timedelta(seconds=1))).refused
            now = result.locked_until  # the next guess comes exactly when the lock ends
        else:
            now += timedelta(seconds=1)
    assert locks == [30, 60, 120, 240, 480, 900, 900, 900, 900, 900]
    assert login_guard.backoff(10_000) == timedelta(seconds=login_guard.MAX_SECONDS)


async def test_concurrent_guesses_cannot_pass_the_threshold_together(admin) -> None:
    results = await asyncio.gather(*(login_guard.begin("admin") for _ in range(25)))
    assert sum(not r.refused for r in results) == login_guard.THRESHOLD
    assert (await unlock_account_row(admin))["failed_logins"] == login_guard.THRESHOLD


async def test_owner_gets_one_notice_and_every_lock_is_audited(guarded, admin) -> None:
    from portal.mail import sent_messages

    for i in range(login_guard.THRESHOLD):
        await attempt(guarded, "salah-sekali", f"10.1.0.{i}")
    [notice] = [m for m in sent_messages() if m.to == EMAIL]
    assert notice.subject == "Akun Anda dikunci sementara"
    assert "admin" in notice.body and "10.1.0.4" in notice.body
    assert "https://portal.example.go.id/masuk/buka-kunci/" in notice.body
    # The lock runs out and the guessing goes on: a longer lock, audited, but no second e-mail.
    await StaffUser.update({StaffUser.locked_until: datetime.now(UTC) - timedelta(seconds=1)}).where(
        StaffUser.id == admin
    )
    assert (await attempt(guarded, "salah-lagi", "10.1.0.9")).status_code == 401
    assert len([m for m in sent_messages() if m.to == EMAIL]) == 1
    entries = (
        await AuditLog.select()
        .where((AuditLog.action == "account_locked") & (AuditLog.entity_id == str(admin)))
        .order_by(AuditLog.id)
    )
    assert [after(e)["failed_logins"] for e in entries] == [5, 6]
    assert after(entries[0])["notice_sent"] is True and entries[0]["ip"] == "10.1.0.4"


async def test_unknown_usernames_lock_nothing_and_send_nothing(guarded, admin) -> None:
    from portal.mail import sent_messages

    statuses = [(await attempt(guarded, "x" * 12, f"10.2.0.{i}", username="tidak-ada")).status_code for i in range(8)]
    assert statuses == [401] * 8
    assert sent_messages() == []
    assert (await attempt(guarded, TEST_PASSWORD, "10.2.1.1")).status_code == 303


async def test_the_emailed_link_unlocks_once(guarded, admin) -> None:
    from portal.mail import sent_messages

    for i in range(login_guard.THRESHOLD):
        await attempt(guarded, "salah-sekali", f"10.3.0.{i}")
    [notice] = sent_messages()
    path = link_path(notice.body)
    page = await guarded.get(path)
    assert page.status_code == 200 and "Buka kunci akun saya" in page.text
    assert (await unlock_account_row(admin))["locked_until"] is not None, "opening the link alone unlocks nothing"
    token = await csrf_token(guarded)
    unlocked = await guarded.post(path, data={"_csrf_token": token}, headers={"x-test-client": "10.3.1.1"})
    assert unlocked.status_code == 200 and "telah dibuka" in unlocked.text
    row = await unlock_account_row(admin)
    assert (row["failed_logins"], row["locked_until"], row["unlock_token_hash"]) == (0, None, "")
    assert (await attempt(guarded, TEST_PASSWORD, "10.3.1.2")).status_code == 303
    again = await guarded.post(path, data={"_csrf_token": token})
    assert again.status_code == 404 and "tidak valid" in again.text
    entry = await AuditLog.select().where(AuditLog.action == "account_unlocked").first()
    assert after(entry) == {"by": "email_link"} and entry["entity_id"] == str(admin)


async def test_an_expired_link_does_not_unlock(guarded, admin) -> None:
    from portal.mail import sent_messages

    for i in range(login_guard.THRESHOLD):
        await attempt(guarded, "salah-sekali", f"10.4.0.{i}")
    path = link_path(sent_messages()[0].body)
    await StaffUser.update({StaffUser.unlock_expires_at: datetime.now(UTC) - timedelta(minutes=1)}).where(
        StaffUser.id == admin
    )
    response = await guarded.post(path, data={"_csrf_token": await csrf_token(guarded)})
    assert response.status_code == 404
    assert (await unlock_account_row(admin))["locked_until"] is not None


async def test_unlock_texts_are_translated(guarded, admin) -> None:
    page = await guarded.get("/masuk/buka-kunci/abc?lang=en")
    assert page.status_code == 200 and "Unlock my account" in page.text


def test_admin_unlocks_through_the_cli(migrated_database) -> None:
    from portal.cli import main
    from tests.conftest import reset_database_sync

    reset_database_sync()
    runner = CliRunner()
    created = runner.invoke(main, ["users", "create", "sysadmin", "--role", "system_admin", "--password",
                                   TEST_PASSWORD])  # fmt: skip
    assert created.exit_code == 0, created.output
    for _ in range(login_guard.THRESHOLD):
        asyncio.run(login_guard.begin("sysadmin"))
    assert asyncio.run(login_guard.begin("sysadmin")).refused
    result = runner.invoke(main, ["users", "unlock", "sysadmin"])
    assert result.exit_code == 0, result.output
    assert not asyncio.run(login_guard.begin("sysadmin")).refused
    entry = AuditLog.select().where(AuditLog.action == "account_unlocked").first().run_sync()
    assert entry["actor_name"] == "cli" and after(entry) == {"by": "admin"}
    before = entry["before"] if isinstance(entry["before"], dict) else json.loads(entry["before"])
    assert before["failed_logins"] == login_guard.THRESHOLD
    assert runner.invoke(main, ["users", "unlock", "tidak-ada"]).exit_code != 0
