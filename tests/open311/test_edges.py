"""Errors the framework raises still come in the spec's format; the CLI issues and revokes keys."""

from __future__ import annotations

from click.testing import CliRunner

from tests.open311.conftest import BASE, parse_xml


async def test_unknown_resources_are_404_in_the_spec_format(client) -> None:
    for path in ("/nothing.json", "/services.html", "/requests/ABC", "/services/topik.pungli.csv", "/", ""):
        response = await client.get(f"{BASE}{path}")
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("application/json")
        [error] = response.json()
        assert error["code"] == 404, path
    root = parse_xml(await client.get(f"{BASE}/nothing.xml"))
    assert root.tag == "errors" and root.findtext("error/code") == "404"


async def test_wrong_method_is_405_in_the_spec_format(client) -> None:
    for method, path in (("PUT", "/requests.json"), ("DELETE", "/services.xml"), ("POST", "/discovery.json")):
        response = await client.request(method, f"{BASE}{path}")
        assert response.status_code == 405, (method, path, response.text)
        if path.endswith(".json"):
            assert response.json()[0]["code"] == 405
        else:
            assert parse_xml(response).findtext("error/code") == "405"


async def test_json_body_instead_of_a_form_is_refused_without_a_500(client) -> None:
    response = await client.post(f"{BASE}/requests.json", json={"api_key": "x", "service_code": "y"})
    assert response.status_code == 403
    response = await client.post(
        f"{BASE}/requests.json",
        content=b"\xff\xfe garbage",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code in (400, 403)


def test_cli_creates_lists_and_revokes_keys(migrated_database) -> None:
    from portal.cli import main
    from tests.conftest import reset_database_sync

    reset_database_sync()
    runner = CliRunner()
    created = runner.invoke(main, ["apikeys", "create", "Sistem Nasional", "--rate", "120/hour"])
    assert created.exit_code == 0, created.output
    assert "Simpan sekarang; kunci tidak ditampilkan lagi" in created.output
    raw = created.output.strip().splitlines()[-1]
    assert raw.startswith("o311_") and len(raw) > 40
    listed = runner.invoke(main, ["apikeys", "list"])
    assert "Sistem Nasional" in listed.output and "120/hour" in listed.output and raw not in listed.output
    assert runner.invoke(main, ["apikeys", "create", "Sistem Nasional"]).exit_code != 0
    tried = runner.invoke(main, ["apikeys", "revoke", "Sistem Nasional", "--dry-run"])
    assert tried.exit_code == 0 and "Uji coba: kunci API Sistem Nasional akan dicabut." in tried.output
    assert " aktif " in runner.invoke(main, ["apikeys", "list"]).output
    unknown = runner.invoke(main, ["apikeys", "revoke", "Nama Lain", "--dry-run"])
    assert unknown.exit_code == 1 and "Tidak ada kunci API aktif bernama 'Nama Lain'." in unknown.output
    revoked = runner.invoke(main, ["apikeys", "revoke", "Sistem Nasional"])
    assert revoked.exit_code == 0 and "Kunci API Sistem Nasional dicabut." in revoked.output
    assert " dicabut " in runner.invoke(main, ["apikeys", "list"]).output
    assert runner.invoke(main, ["apikeys", "revoke", "Sistem Nasional"]).exit_code != 0


async def test_key_is_stored_only_as_a_hash(db) -> None:
    from complaints.open311.apikeys import authenticate, create_key
    from complaints.open311.tables import ApiKey

    _, raw = await create_key("klien")
    row = await ApiKey.select().first()
    assert raw not in str(row.values())
    assert (await authenticate(raw)).name == "klien"
    assert await authenticate(raw + "x") is None


async def test_oversized_post_is_413_in_the_spec_format(db, settings) -> None:
    from litestar.testing import AsyncTestClient

    from portal.app import create_app

    app = create_app(settings.with_overrides(max_request_bytes=2000))
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as small:
        response = await small.post(f"{BASE}/requests.xml", data={"api_key": "x", "description": "a" * 5000})
    assert response.status_code == 413
    assert parse_xml(response).findtext("error/code") == "413"


def test_cli_output_is_english_with_portal_lang_en(migrated_database) -> None:
    from portal.cli import main
    from portal.i18n import get_language, set_language
    from tests.conftest import reset_database_sync

    reset_database_sync()
    before = get_language()
    set_language("en")  # what portal.cli does with PORTAL_LANG=en before the commands are built
    try:
        created = CliRunner().invoke(main, ["apikeys", "create", "Klien Uji"])
        listed = CliRunner().invoke(main, ["apikeys", "list"])
        unknown = CliRunner().invoke(main, ["apikeys", "revoke", "Nama Lain"])
    finally:
        set_language(before)
    assert "Store it now; it is not shown again" in created.output
    assert " active " in listed.output and "last used: never" in listed.output
    assert unknown.exit_code == 1 and "No active API key named 'Nama Lain'." in unknown.output
