"""Test helpers: CSRF-aware form posts, staff login, small factories, a live server for browser tests."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from tests.database import has_snapshot, restore_snapshot, take_snapshot
from tests.server import ROOT, Server, free_port

__all__ = ["ROOT", "free_port"]
TEST_PASSWORD = "kata-sandi-uji-123"
CSRF_COOKIE = "portal_csrf"


def html(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


async def csrf_token(client: Any) -> str:
    token = client.cookies.get(CSRF_COOKIE)
    if not token:
        await client.get("/masuk")
        token = client.cookies.get(CSRF_COOKIE)
    assert token, "the CSRF cookie was not set"
    return token


async def post_form(client: Any, url: str, data: dict[str, Any] | list[tuple[str, Any]], **kwargs: Any) -> Any:
    """POST an HTML form the way a browser does, with the CSRF field."""
    token = await csrf_token(client)
    items = list(data.items()) if isinstance(data, dict) else list(data)
    form: dict[str, Any] = {}
    for key, value in [*items, ("_csrf_token", token)]:
        if key in form:
            existing = form[key]
            form[key] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            form[key] = value
    return await client.post(url, data=form, **kwargs)


async def confirmation(client: Any, response: Any) -> Any:
    """The page a browser shows after filing a complaint through the form: the POST answers 303 (Post/
    Redirect/Get) to /pengaduan/diterima/<code>, which is fetched here (status 200)."""
    assert response.status_code == 303, (response.status_code, response.text[:500])
    location = response.headers["location"]
    assert location.startswith("/pengaduan/diterima/"), location
    page = await client.get(location)
    assert page.status_code == 200, page.text[:500]
    return page


async def login(client: Any, username: str, password: str = TEST_PASSWORD) -> Any:
    response = await post_form(client, "/masuk", {"username": username, "password": password, "next": "/staf"})
    assert response.status_code == 303, f"login of {username} failed: {response.status_code}"
    return response


async def make_unit(slug: str = "dinas-uji", name: str | None = None, **extra: Any) -> int:
    from portal.tables import Unit

    rows = await Unit.insert(Unit(slug=slug, name=name or f"Unit {slug}", **extra)).returning(Unit.id)
    return rows[0]["id"]


async def make_user(username: str, role: str, unit_id: int | None = None, password: str = TEST_PASSWORD) -> int:
    from portal.security import create_user

    return await create_user(username=username, password=password, role=role, unit_id=unit_id)


@dataclass
class LiveServer:
    base_url: str
    server: Server
    accounts: list[dict[str, Any]] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    def account(self, role: str, unit: str | None = None) -> dict[str, Any]:
        for account in self.accounts:
            if account["role"] == role and (unit is None or account["unit"] == unit):
                return account
        raise KeyError((role, unit))

    def stop(self) -> None:
        self.server.stop()


# Map tiles of every live server: a host that browser tests route to a local stub image
# (tests/browser/support.py), so no test ever fetches a real tile.
TEST_TILES = "https://tiles.portal.test/{z}/{x}/{y}.png"


def start_live_server(data_dir: Path, extra_env: dict[str, str] | None = None) -> LiveServer:
    """Load the demo data into the (already reset) test database and serve it with uvicorn."""
    server = Server(data_dir, env={"PORTAL_DB_POOL_SIZE": "5", "PORTAL_MAP_TILES": TEST_TILES, **(extra_env or {})})
    # The first load under these settings is kept as a snapshot; later servers start from a copy of it.
    snapshot = "demo " + json.dumps(sorted((extra_env or {}).items()))
    if has_snapshot(snapshot):
        restore_snapshot(snapshot, data_dir)
        accounts = _DEMO_ACCOUNTS[snapshot]
    else:
        demo = subprocess.run(
            [sys.executable, "-c", _DEMO_SCRIPT], env=server.env, capture_output=True, text=True, timeout=300,
            check=False,
        )  # fmt: skip
        if demo.returncode != 0:
            raise RuntimeError(f"demo load failed: {demo.stderr[-2000:]}")
        accounts = _DEMO_ACCOUNTS[snapshot] = json.loads(demo.stdout.strip().splitlines()[-1])
        take_snapshot(snapshot, data_dir)
    server.start()
    return LiveServer(base_url=server.base_url, server=server, accounts=accounts, env=server.env)


_DEMO_ACCOUNTS: dict[str, list[dict[str, Any]]] = {}
_DEMO_SCRIPT = """
import asyncio, json
from portal.demo import load_all_demo
context = asyncio.run(load_all_demo(only_if_empty=False))
print(json.dumps(context["accounts"]))
"""
