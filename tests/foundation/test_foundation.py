"""The skeleton every capability relies on: health, login, CSRF, rate limits, audit, languages, headers."""

from __future__ import annotations

from portal.tables import AuditLog
from tests.helpers import csrf_token, html, login, make_unit, make_user, post_form


async def test_health_reports_database_ok(client) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_every_response_carries_security_headers(client) -> None:
    for path in ("/", "/masuk", "/tidak-ada"):
        response = await client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"]
        assert response.headers["x-request-id"]


async def test_unknown_page_is_an_indonesian_404_page(client) -> None:
    response = await client.get("/tidak-ada")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in html(response).h1.text


async def test_english_is_available_by_switch_and_remembered(client) -> None:
    response = await client.get("/masuk?lang=en")
    page = html(response)
    assert page.html["lang"] == "en"
    assert page.h1.text.strip() == "Staff login"
    again = await client.get("/masuk")
    assert html(again).h1.text.strip() == "Staff login"
    back = await client.get("/masuk?lang=id")
    assert html(back).h1.text.strip() == "Masuk staf"


async def test_menu_and_footer_follow_each_request_language(client) -> None:
    """The layout's text is compiled into templates per language: a page shown in English must not leave
    English in the next Indonesian page, nor the reverse; links stay the same."""
    for language, menu, footer, heading in (
        ("en", "File a complaint", "Staff login", "Search services"),
        ("id", "Sampaikan pengaduan", "Masuk staf", "Cari layanan"),
        ("en", "File a complaint", "Staff login", "Search services"),
    ):
        page = html(await client.get(f"/cari?lang={language}"))
        assert page.html["lang"] == language
        nav = page.find("nav", class_="main-nav")
        assert nav.find("a", href="/pengaduan/baru").text == menu
        assert page.find("footer").find("a", href="/masuk").text == footer
        assert page.h1.text == heading


async def test_login_sets_new_session_and_logout_ends_it(client) -> None:
    unit_id = await make_unit("dinas-a")
    await make_user("admin.a", "unit_admin", unit_id)
    client.cookies.set("portal_session", "a" * 64, domain="testserver.local")  # planted by an attacker
    response = await login(client, "admin.a")
    assert response.headers["location"] == "/staf"
    assert client.cookies.get("portal_session") not in (None, "a" * 64)
    entries = await AuditLog.select().where(AuditLog.action == "login")
    assert len(entries) == 1 and entries[0]["actor_name"] == "admin.a"
    out = await post_form(client, "/keluar", {})
    assert out.status_code == 303


async def test_wrong_password_is_refused_with_a_message(client) -> None:
    await make_user("evaluator1", "evaluator")
    response = await post_form(client, "/masuk", {"username": "evaluator1", "password": "salah-sekali-123"})
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah" in response.text
    assert await AuditLog.count().where(AuditLog.action == "login_failed") == 1


async def test_form_post_without_csrf_token_is_rejected(client) -> None:
    await csrf_token(client)
    response = await client.post("/masuk", data={"username": "x", "password": "y"})
    assert response.status_code == 403
    forged = await client.post("/masuk", data={"username": "x", "password": "y", "_csrf_token": "forged"})
    assert forged.status_code == 403


async def test_login_is_rate_limited_per_client(client) -> None:
    statuses = []
    for _ in range(7):
        response = await post_form(client, "/masuk", {"username": "nobody", "password": "whatever-123"})
        statuses.append(response.status_code)
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429
    # Other pages are not affected by the login counter.
    assert (await client.get("/masuk")).status_code == 200


async def test_audit_log_refuses_updates_and_deletes(client) -> None:
    from portal import audit

    await audit.record("test", "thing", 1, after={"a": 1})
    try:
        await AuditLog.update({AuditLog.action: "changed"}, force=True)
    except Exception as exc:
        assert "append-only" in str(exc)
    else:
        raise AssertionError("audit_log accepted an UPDATE")
    rows = await AuditLog.select(AuditLog.action)
    assert [r["action"] for r in rows] == ["test"]
