"""The administration pages: who may manage which accounts, one-time password links, secrets shown once,
deactivation, audit entries written with the change, CSRF, and the CLI going through the same services."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from complaints.open311 import apikeys
from complaints.open311.tables import ApiKey
from evaluation_link.services import tokens
from evaluation_link.tables import EvaluatorToken
from portal import staff_accounts
from portal.tables import AuditLog, StaffUser, Unit
from tests.helpers import TEST_PASSWORD, html, login, post_form
from tests.security.conftest import as_role

NEW_PASSWORD = "kalimat sandi yang panjang 42"


def link_path(response) -> str:
    value = html(response).select_one("#password-link")["value"]
    match = re.search(r"(/masuk/sandi/\S+)$", value)
    assert match, value
    return match.group(1)


async def audit_actions(entity_type: str, entity_id) -> list[dict]:
    return (
        await AuditLog.select()
        .where((AuditLog.entity_type == entity_type) & (AuditLog.entity_id == str(entity_id)))
        .order_by(AuditLog.id)
    )


async def account(username: str) -> dict | None:
    return await StaffUser.select().where(StaffUser.username == username).first()


async def can_log_in(client, username: str, password: str) -> int:
    client.cookies.clear()
    response = await post_form(client, "/masuk", {"username": username, "password": password, "next": "/staf"})
    return response.status_code


async def test_new_account_gets_a_one_time_link_that_sets_the_password_once(client, world) -> None:
    await as_role(client, world, "system_admin")
    created = await post_form(
        client,
        "/staf/admin/pengguna/baru",
        {
            "username": "budi.santoso",
            "full_name": "Budi Santoso",
            "email": "budi@dinas-a.go.id",
            "role": "unit_officer",
            "unit_id": str(world.unit_a),
        },
    )
    assert created.status_code == 200, created.text
    assert created.headers["cache-control"] == "no-store"
    path = link_path(created)
    token = path.rsplit("/", 1)[1]
    row = await account("budi.santoso")
    assert row["role"] == "unit_officer" and row["unit"] == world.unit_a and row["active"]
    assert row["reset_token_hash"] == hashlib.sha256(token.encode()).hexdigest()  # only the hash is kept
    stored = json.dumps(await StaffUser.select().run(), default=str) + json.dumps(
        await AuditLog.select().run(), default=str
    )
    assert token not in stored
    assert await can_log_in(client, "budi.santoso", NEW_PASSWORD) == 401  # no usable password yet

    client.cookies.clear()
    form = await client.get(path)
    assert form.status_code == 200 and "budi.santoso" in form.text
    mismatch = await post_form(client, path, {"password": NEW_PASSWORD, "password_confirm": "lain sama sekali"})
    short = await post_form(client, path, {"password": "pendek", "password_confirm": "pendek"})
    assert mismatch.status_code == 422 and short.status_code == 422
    assert "10 karakter" in short.text
    done = await post_form(client, path, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert done.status_code == 200 and "telah disimpan" in done.text
    assert await can_log_in(client, "budi.santoso", NEW_PASSWORD) == 303

    client.cookies.clear()
    again = await post_form(
        client, path, {"password": "percobaan kedua 12345", "password_confirm": "percobaan kedua 12345"}
    )
    assert again.status_code == 404 and "tidak valid" in again.text
    assert (await client.get(path)).status_code == 404
    assert await can_log_in(client, "budi.santoso", "percobaan kedua 12345") == 401

    actions = [(e["action"], e["actor_name"]) for e in await audit_actions("staff_user", row["id"])]
    assert actions[:3] == [
        ("staff_user_created", "sysadmin.x"),
        ("password_link_issued", "sysadmin.x"),
        ("password_set_by_link", "budi.santoso"),
    ]


async def test_password_links_expire_cannot_be_forged_and_a_newer_one_replaces_the_older(client, world) -> None:
    admin = await staff_accounts.get_account(None, await staff_accounts.id_for_username("admin.a"))
    key = client.app.state.settings.secret_key
    first = await staff_accounts.issue_password_link(None, admin["id"], secret_key=key)
    second = await staff_accounts.issue_password_link(None, admin["id"], secret_key=key)
    assert (await client.get(first.url())).status_code == 404  # replaced by the newer link
    assert (await client.get(second.url())).status_code == 200
    payload, _, _signature = second.token.rpartition(".")
    user_part, expires, nonce = payload.split(".", 2)
    forged = f"{user_part}.{int(expires) + 86400}.{nonce}.{_signature}"  # a longer life without the key
    assert (await client.get(f"/masuk/sandi/{forged}")).status_code == 404
    # the stored expiry is what counts
    await StaffUser.update({StaffUser.reset_expires_at: datetime.now(UTC) - timedelta(seconds=1)}).where(
        StaffUser.id == admin["id"]
    )
    response = await post_form(client, second.url(), {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert response.status_code == 404
    assert await can_log_in(client, "admin.a", NEW_PASSWORD) == 401
    # a link whose own expiry has passed is refused before the database is asked
    expired = await staff_accounts.issue_password_link(None, admin["id"], secret_key=key, hours=-1)
    assert (await client.get(expired.url())).status_code == 404


def sessions_of(client) -> dict[str, str]:
    return dict(client.cookies.items())


def resume(client, cookies: dict[str, str]) -> None:
    client.cookies.clear()
    for name, value in cookies.items():
        client.cookies.set(name, value)


async def test_setting_a_password_ends_the_accounts_earlier_sessions(app, client, world) -> None:
    await login(client, "petugas.a")
    assert (await client.get("/staf")).status_code == 200
    officer_session = sessions_of(client)
    client.cookies.clear()
    user_id = await staff_accounts.id_for_username("petugas.a")
    link = await staff_accounts.issue_password_link(None, user_id, secret_key=app.state.settings.secret_key)
    done = await post_form(client, link.url(), {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert done.status_code == 200
    resume(client, officer_session)
    gone = await client.get("/staf")
    assert gone.status_code in (302, 303, 401)
    assert await can_log_in(client, "petugas.a", NEW_PASSWORD) == 303
    assert (await client.get("/staf")).status_code == 200  # a session started afterwards is fine


async def test_unit_admin_manages_only_their_units_officers_and_admins(client, world) -> None:
    admin_b = await staff_accounts.id_for_username("admin.b")
    sysadmin = await staff_accounts.id_for_username("sysadmin.x")
    officer_a = await staff_accounts.id_for_username("petugas.a")
    await as_role(client, world, "unit_admin")

    listing = await client.get("/staf/admin/pengguna")
    names = {row["data-username"] for row in html(listing).select("tr[data-username]")}
    assert names == {"petugas.a", "admin.a"}
    for role, unit in (("system_admin", world.unit_a), ("evaluator", world.unit_a), ("unit_officer", world.unit_b)):
        refused = await post_form(
            client, "/staf/admin/pengguna/baru", {"username": f"naik.{role}", "role": role, "unit_id": str(unit)}
        )
        assert refused.status_code == 422, (role, refused.status_code)
        assert await account(f"naik.{role}") is None
    # the role choice offers only what the admin may grant
    options = {o["value"] for o in html(await client.get("/staf/admin/pengguna/baru")).select("#role option")}
    assert options == {"unit_admin", "unit_officer"}

    promote = await post_form(
        client, f"/staf/admin/pengguna/{officer_a}", {"role": "system_admin", "unit_id": str(world.unit_a)}
    )
    move = await post_form(
        client, f"/staf/admin/pengguna/{officer_a}", {"role": "unit_officer", "unit_id": str(world.unit_b)}
    )
    assert promote.status_code == 422 and move.status_code == 422
    row = await account("petugas.a")
    assert row["role"] == "unit_officer" and row["unit"] == world.unit_a

    for target in (admin_b, sysadmin):
        assert (await client.get(f"/staf/admin/pengguna/{target}")).status_code == 404
        for action in ("", "/nonaktifkan", "/tautan-sandi", "/buka-kunci"):
            response = await post_form(
                client, f"/staf/admin/pengguna/{target}{action}", {"role": "unit_officer", "unit_id": str(world.unit_a)}
            )
            assert response.status_code == 404, (target, action, response.status_code)
    assert (await account("admin.b"))["active"] and (await account("admin.b"))["unit"] == world.unit_b
    assert (await account("admin.b"))["reset_token_hash"] == ""
    for path in ("/staf/admin/kunci-api", "/staf/admin/token-evaluator", "/staf/admin/unit"):
        assert (await client.get(path)).status_code == 403

    # what a unit admin may do
    created = await post_form(client, "/staf/admin/pengguna/baru", {"username": "petugas.baru", "role": "unit_officer"})
    assert created.status_code == 200 and (await account("petugas.baru"))["unit"] == world.unit_a
    off = await post_form(client, f"/staf/admin/pengguna/{officer_a}/nonaktifkan", {})
    assert off.status_code == 303 and not (await account("petugas.a"))["active"]


async def test_deactivated_account_cannot_log_in_and_its_session_ends(app, client, world) -> None:
    officer = await staff_accounts.id_for_username("petugas.a")
    await login(client, "petugas.a")
    officer_session = sessions_of(client)
    await as_role(client, world, "system_admin")
    off = await post_form(client, f"/staf/admin/pengguna/{officer}/nonaktifkan", {})
    assert off.status_code == 303
    resume(client, officer_session)
    assert (await client.get("/staf")).status_code in (302, 303, 401)
    assert await can_log_in(client, "petugas.a", TEST_PASSWORD) == 401
    await as_role(client, world, "system_admin")
    on = await post_form(client, f"/staf/admin/pengguna/{officer}/aktifkan", {})
    assert on.status_code == 303
    assert await can_log_in(client, "petugas.a", TEST_PASSWORD) == 303
    actions = [(e["action"], e["actor_name"], e["ip"] != "") for e in await audit_actions("staff_user", officer)]
    assert ("staff_user_deactivated", "sysadmin.x", True) in actions
    assert ("staff_user_reactivated", "sysadmin.x", True) in actions

    await as_role(client, world, "system_admin")
    me = await staff_accounts.id_for_username("sysadmin.x")
    itself = await post_form(client, f"/staf/admin/pengguna/{me}/nonaktifkan", {})
    assert itself.status_code == 409 and "sendiri" in itself.text
    assert (await account("sysadmin.x"))["active"]


async def test_the_write_and_its_audit_entry_commit_together(world, monkeypatch) -> None:
    async def broken(*args, **kwargs):
        raise RuntimeError("audit table unavailable")

    monkeypatch.setattr(staff_accounts.audit, "record", broken)
    with pytest.raises(RuntimeError):
        await staff_accounts.create_account(None, username="tanpa.jejak", role="evaluator", password=NEW_PASSWORD)
    assert await account("tanpa.jejak") is None
    officer = await staff_accounts.id_for_username("petugas.a")
    with pytest.raises(RuntimeError):
        await staff_accounts.set_active(None, officer, False)
    assert (await account("petugas.a"))["active"]


async def test_api_keys_and_evaluator_tokens_are_shown_once_and_stored_hashed(client, world) -> None:
    await as_role(client, world, "system_admin")
    made = await post_form(client, "/staf/admin/kunci-api", {"name": "aplikasi-warga", "rate_limit": "30/minute"})
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    secret = html(made).select_one("#new-secret")["value"]
    assert secret.startswith(apikeys.KEY_PREFIX)
    row = await ApiKey.select().where(ApiKey.name == "aplikasi-warga").first()
    assert row["key_hash"] == hashlib.sha256(secret.encode()).hexdigest() and secret not in json.dumps(row, default=str)
    listing = await client.get("/staf/admin/kunci-api")
    assert secret not in listing.text and secret[:9] in listing.text  # the prefix only
    assert (await apikeys.authenticate(secret)) is not None
    duplicate = await post_form(client, "/staf/admin/kunci-api", {"name": "aplikasi-warga", "rate_limit": "1/day"})
    bad_rate = await post_form(client, "/staf/admin/kunci-api", {"name": "lain", "rate_limit": "banyak"})
    assert duplicate.status_code == 422 and bad_rate.status_code == 422
    assert html(bad_rate).select_one("#rate_limit-error") is not None
    assert await ApiKey.count() == 1
    revoked = await post_form(client, f"/staf/admin/kunci-api/{row['id']}/cabut", {})
    assert revoked.status_code == 303 and await apikeys.authenticate(secret) is None
    assert (await post_form(client, f"/staf/admin/kunci-api/{row['id']}/cabut", {})).status_code == 404
    key_audit = [(e["action"], e["actor_name"]) for e in await audit_actions("open311_api_key", row["id"])]
    assert key_audit == [("apikey.create", "sysadmin.x"), ("apikey.revoke", "sysadmin.x")]

    made = await post_form(client, "/staf/admin/token-evaluator", {"name": "alat-inspektorat"})
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    token = html(made).select_one("#new-secret")["value"]
    stored = await EvaluatorToken.select().where(EvaluatorToken.name == "alat-inspektorat").first()
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (await client.get("/staf/admin/token-evaluator")).text
    api = await client.get("/api/v1/evaluation/units", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code != 401
    assert (await post_form(client, f"/staf/admin/token-evaluator/{stored['id']}/cabut", {})).status_code == 303
    assert (await tokens.find_token(token))["revoked_at"] is not None
    token_audit = [(e["action"], e["actor_name"]) for e in await audit_actions("evaluator_token", stored["id"])]
    assert token_audit == [("evaluation.token_create", "sysadmin.x"), ("evaluation.token_revoke", "sysadmin.x")]


async def test_system_admin_creates_and_edits_units(client, world) -> None:
    await as_role(client, world, "system_admin")
    made = await post_form(
        client,
        "/staf/admin/unit/baru",
        {"name": "Puskesmas Sukamaju", "slug": "", "unit_type": "puskesmas", "published": "1"},
    )
    assert made.status_code == 303
    unit = await Unit.select().where(Unit.slug == "puskesmas-sukamaju").first()
    assert unit["unit_type"] == "puskesmas" and unit["published"]
    taken = await post_form(client, "/staf/admin/unit/baru", {"name": "Lagi", "slug": "dinas-a", "unit_type": "dinas"})
    assert taken.status_code == 422 and await Unit.count() == 3
    edited = await post_form(
        client, f"/staf/admin/unit/{unit['id']}", {"name": "Puskesmas Sukamaju Baru", "unit_type": "puskesmas"}
    )
    assert edited.status_code == 303
    after = await Unit.select().where(Unit.id == unit["id"]).first()
    assert after["name"] == "Puskesmas Sukamaju Baru" and not after["published"] and after["slug"] == unit["slug"]
    assert [e["action"] for e in await audit_actions("unit", unit["id"])] == ["unit_created", "unit_updated"]


async def test_admin_forms_refuse_a_post_without_the_csrf_token(client, world) -> None:
    await as_role(client, world, "system_admin")
    officer = await staff_accounts.id_for_username("petugas.a")
    attempts = [
        ("/staf/admin/pengguna/baru", {"username": "tanpa.token", "role": "evaluator"}),
        (f"/staf/admin/pengguna/{officer}/nonaktifkan", {}),
        (f"/staf/admin/pengguna/{officer}/tautan-sandi", {}),
        ("/staf/admin/kunci-api", {"name": "tanpa-token", "rate_limit": "1/day"}),
        ("/staf/admin/token-evaluator", {"name": "tanpa-token"}),
        ("/staf/admin/unit/baru", {"name": "Unit Tanpa Token", "unit_type": "dinas"}),
    ]
    for path, data in attempts:
        assert (await client.post(path, data=data)).status_code == 403, path
    assert await account("tanpa.token") is None and (await account("petugas.a"))["active"]
    assert (await account("petugas.a"))["reset_token_hash"] == ""
    assert await ApiKey.count() == 0 and await EvaluatorToken.count() == 0 and await Unit.count() == 2


async def test_admin_pages_speak_english_too(client, world) -> None:
    await as_role(client, world, "unit_admin")
    page = await client.get("/staf/admin/pengguna/baru?lang=en")
    assert page.status_code == 200 and "New account" in page.text and "Akun baru" not in page.text
    refused = await post_form(client, "/staf/admin/pengguna/baru", {"username": "x", "role": "system_admin"})
    assert refused.status_code == 422 and "Check the marked fields" in refused.text


def test_cli_goes_through_the_same_services(migrated_database) -> None:
    from portal.cli import main
    from tests.conftest import reset_database_sync
    from tests.helpers import make_unit

    reset_database_sync()
    asyncio.run(make_unit("dinas-a", "Dinas A"))
    runner = CliRunner()
    made = runner.invoke(
        main, ["users", "create", "petugas.cli", "--role", "unit_officer", "--unit", "dinas-a", "--link"]
    )
    assert made.exit_code == 0, made.output
    assert re.search(r"/masuk/sandi/\S+", made.output)
    refused = runner.invoke(main, ["users", "create", "Salah Nama", "--role", "evaluator", "--password", TEST_PASSWORD])
    assert refused.exit_code == 1
    assert runner.invoke(main, ["users", "deactivate", "petugas.cli"]).exit_code == 0
    assert runner.invoke(main, ["users", "reset-link", "petugas.cli"]).exit_code == 1  # inactive: no link
    assert runner.invoke(main, ["users", "activate", "petugas.cli"]).exit_code == 0
    link = runner.invoke(main, ["users", "reset-link", "petugas.cli"])
    assert link.exit_code == 0 and "/masuk/sandi/" in link.output
    assert runner.invoke(main, ["apikeys", "create", "klien-cli"]).exit_code == 0
    assert runner.invoke(main, ["evaluation", "token", "create", "alat-cli"]).exit_code == 0
    entries = AuditLog.select(AuditLog.action, AuditLog.actor_name).order_by(AuditLog.id).run_sync()
    assert [(e["action"], e["actor_name"]) for e in entries] == [
        ("staff_user_created", "cli"),
        ("password_link_issued", "cli"),
        ("staff_user_deactivated", "cli"),
        ("staff_user_reactivated", "cli"),
        ("password_link_issued", "cli"),
        ("apikey.create", "cli"),
        ("evaluation.token_create", "cli"),
    ]
