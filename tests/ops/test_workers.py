"""Several workers on PostgreSQL + Redis share sessions and rate limits; logs are JSON with request ids."""

from __future__ import annotations

import json
import os
import time

import httpx
import pytest

from tests.helpers import TEST_PASSWORD, make_unit, make_user
from tests.server import Server

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "")
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


def fresh_get(url: str, cookies: dict[str, str] | None = None) -> httpx.Response:
    """One request on its own connection, so consecutive requests may land on different workers."""
    with httpx.Client(timeout=10, cookies=cookies) as http:
        return http.get(url)


def login_over_http(base_url: str, username: str, password: str) -> tuple[httpx.Response, httpx.Cookies]:
    with httpx.Client(base_url=base_url, timeout=10) as http:
        http.get("/masuk")
        token = http.cookies.get("portal_csrf")
        response = http.post("/masuk", data={"username": username, "password": password, "_csrf_token": token})
        return response, http.cookies


def clear_redis_rate_limits() -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter("portal_rl_*"):
        client.delete(key)
    client.close()


@pytest.mark.slow
async def test_two_workers_share_sessions_and_the_login_limit(db, tmp_path) -> None:
    if not (ON_POSTGRES and REDIS_URL):
        pytest.skip("needs DATABASE_URL=postgresql://... and PORTAL_TEST_REDIS_URL (both set in CI)")
    clear_redis_rate_limits()
    unit_id = await make_unit("dinas-a", "Dinas A")
    await make_user("admin.a", "unit_admin", unit_id)
    env = {"REDIS_URL": REDIS_URL, "PORTAL_LOGIN_RATE_LIMIT": "5/minute"}
    with Server(tmp_path / "srv", workers=2, env=env) as server:
        assert len(server.worker_pids()) == 2, "uvicorn did not start two worker processes"
        response, cookies = login_over_http(server.base_url, "admin.a", TEST_PASSWORD)
        assert response.status_code == 303
        session = {"portal_session": cookies.get("portal_session")}
        for _ in range(12):  # new connection each time: the kernel spreads them over both workers
            page = fresh_get(f"{server.base_url}/masuk", cookies=session)
            assert "Keluar" in page.text, "a worker did not know the session"
        statuses = [login_over_http(server.base_url, "nobody", "salah-sekali-123")[0].status_code for _ in range(7)]
        # 5 allowed in total across both workers (the first login above counted too): the store is shared.
        assert statuses[:4] == [401] * 4 and set(statuses[4:]) == {429}, statuses
    clear_redis_rate_limits()


@pytest.mark.slow
async def test_access_log_is_json_with_the_response_request_id(db, tmp_path) -> None:
    with Server(tmp_path / "srv", env={"PORTAL_LOG_LEVEL": "INFO", "PORTAL_LOG_FORMAT": "json"}) as server:
        response = fresh_get(f"{server.base_url}/tidak-ada")
        request_id = response.headers["x-request-id"]
        deadline = time.monotonic() + 5
        entry = None
        while entry is None and time.monotonic() < deadline:
            for line in server.log().splitlines():
                if line.startswith("{"):
                    record = json.loads(line)
                    if record.get("request_id") == request_id:
                        entry = record
            time.sleep(0.1)
    assert entry is not None, "no access-log line for the request"
    assert entry["logger"] == "portal.access" and entry["level"] == "INFO"
    assert entry["path"] == "/tidak-ada" and entry["status"] == 404 and entry["method"] == "GET"
    assert isinstance(entry["duration_ms"], float | int) and entry["ts"].endswith("+00:00")
