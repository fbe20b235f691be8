"""Issue 14 item 7: in production the portal answers only its own host names and writes its public address.

Without PORTAL_ALLOWED_HOSTS `Host: evil.example` was answered 200, and without PORTAL_BASE_URL the links
in mail and the Open311 discovery pointed to http://127.0.0.1:8000. Production now refuses to start
without both (with the reason), a foreign Host gets 400, and links use PORTAL_BASE_URL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from complaints.tables import Complaint
from portal.settings import Settings
from tests.complaints.factories import complaint_data, world
from tests.helpers import ROOT, free_port

HOST = "layanan.example.go.id"
BASE_URL = f"https://{HOST}"
SECRET = "production-secret-" + "y" * 32


@pytest.fixture
def production_env(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PORTAL_SECRET_KEY", SECRET)
    monkeypatch.setenv("PORTAL_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PORTAL_ALLOWED_HOSTS", raising=False)
    monkeypatch.delenv("PORTAL_BASE_URL", raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    ("hosts", "base_url", "reason"),
    [
        (None, BASE_URL, "PORTAL_ALLOWED_HOSTS must list"),
        ("*", BASE_URL, "PORTAL_ALLOWED_HOSTS must list"),
        (f"{HOST},*", BASE_URL, "PORTAL_ALLOWED_HOSTS must list"),
        (HOST, None, "PORTAL_BASE_URL must be set"),
        (HOST, HOST, "PORTAL_BASE_URL must be set"),  # no scheme
        (HOST, "ftp://layanan.example.go.id", "PORTAL_BASE_URL must be set"),
        (HOST, "http://127.0.0.1:8000", "PORTAL_BASE_URL points to this machine"),
        (HOST, "http://localhost:8000", "PORTAL_BASE_URL points to this machine"),
    ],
)
def test_production_settings_need_hosts_and_a_public_base_url(production_env, hosts, base_url, reason) -> None:
    if hosts is not None:
        production_env.setenv("PORTAL_ALLOWED_HOSTS", hosts)
    if base_url is not None:
        production_env.setenv("PORTAL_BASE_URL", base_url)
    with pytest.raises(RuntimeError, match=reason):
        Settings()


def test_complete_production_settings_and_development_defaults(production_env) -> None:
    production_env.setenv("PORTAL_ALLOWED_HOSTS", f"{HOST}, www.{HOST}")
    production_env.setenv("PORTAL_BASE_URL", BASE_URL)
    settings = Settings()
    assert settings.allowed_hosts == (HOST, f"www.{HOST}") and settings.base_url == BASE_URL
    production_env.setenv("PORTAL_ENV", "development")
    production_env.delenv("PORTAL_ALLOWED_HOSTS")
    production_env.delenv("PORTAL_BASE_URL")
    development = Settings()
    assert development.allowed_hosts == ("*",) and development.base_url == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"PORTAL_BASE_URL": BASE_URL}, "PORTAL_ALLOWED_HOSTS must list"),
        ({"PORTAL_ALLOWED_HOSTS": HOST}, "PORTAL_BASE_URL must be set"),
    ],
)
def test_portal_serve_refuses_to_start_with_the_reason(tmp_path: Path, extra, message) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"PORTAL_ALLOWED_HOSTS", "PORTAL_BASE_URL"}}
    env.update(PORTAL_ENV="production", PORTAL_SECRET_KEY=SECRET, PORTAL_DATA_DIR=str(tmp_path), **extra)
    port = free_port()
    result = subprocess.run(
        [sys.executable, "-m", "portal.cli", "serve", "--port", str(port)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert f"Error: {message}" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture
def production_app(db, settings):
    from portal.app import create_app

    return create_app(settings.with_overrides(env="production", https=True, allowed_hosts=(HOST,), base_url=BASE_URL))


async def test_a_foreign_host_is_refused_and_nothing_is_stored(production_app) -> None:
    await world()
    async with AsyncTestClient(app=production_app, base_url="https://evil.example") as evil:
        for path in ("/", "/api/v1/services", "/open311/v2/discovery.json", "/masuk"):
            assert (await evil.get(path)).status_code == 400, path
        filed = await evil.post("/api/v1/complaints", json=complaint_data())
        assert filed.status_code == 400
        spoofed = await evil.get("/", headers={"host": f"{HOST}.evil.example"})
        assert spoofed.status_code == 400
    assert await Complaint.count() == 0
    async with AsyncTestClient(app=production_app, base_url=BASE_URL) as own:
        assert (await own.get("/")).status_code == 200
        assert (await own.get("/api/v1/services")).status_code == 200


async def test_mail_and_open311_discovery_link_to_the_base_url(production_app) -> None:
    from portal.mail import clear_sent_messages, sent_messages

    await world()
    clear_sent_messages()
    async with AsyncTestClient(app=production_app, base_url=BASE_URL) as client:
        filed = await client.post("/api/v1/complaints", json=complaint_data())
        assert filed.status_code == 201, filed.text
        code = filed.json()["tracking_code"]
        assert filed.json()["private_url"].startswith(f"{BASE_URL}/pengaduan/lacak/{code}?t=")
        discovery = (await client.get("/open311/v2/discovery.json")).json()
    [mail] = sent_messages()
    assert f"{BASE_URL}/pengaduan/lacak/{code}\n" in mail.body
    assert f"{BASE_URL}/pengaduan/lacak/{code}?t=" in mail.body
    assert "127.0.0.1" not in mail.body
    assert [endpoint["url"] for endpoint in discovery["endpoints"]] == [f"{BASE_URL}/open311/v2"]
    assert BASE_URL in discovery["contact"]
