"""One budget of code look-ups per client, spent by every path that answers "does this code exist",
counted per code (an Open311 list of ids costs one per id), shared across workers through Redis."""

from __future__ import annotations

import asyncio
import os

import pytest
from litestar.testing import AsyncTestClient

from tests.helpers import csrf_token

CODE = "ABCDEFGHJKMN0"
REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "")


def lookups(token: str) -> dict[str, tuple[str, str, dict | None]]:
    """Every path that tells whether a code (or a code and its private token) exists."""
    return {
        "tracking page": ("GET", f"/pengaduan/lacak/{CODE}", None),
        "tracking form": ("POST", "/pengaduan/lacak", {"code": CODE, "_csrf_token": token}),
        "private link action": (
            "POST",
            f"/pengaduan/lacak/{CODE}/tindakan",
            {"t": "x" * 20, "action": "rate", "_csrf_token": token},
        ),
        "private link attachment": ("GET", f"/pengaduan/lacak/{CODE}/lampiran/1?t={'x' * 20}", None),
        "API status": ("GET", f"/api/v1/complaints/{CODE}", None),
        "Open311 request": ("GET", f"/open311/v2/requests/{CODE}.json", None),
        "Open311 request list": ("GET", f"/open311/v2/requests.json?service_request_id={CODE}", None),
        "Open311 token": ("GET", "/open311/v2/tokens/abcdefghijklmnop.xml", None),
        "survey code form": ("GET", "/survei/isi/SKM-TIDAKADA", None),
        "survey code answer": ("POST", "/survei/isi/SKM-TIDAKADA", {"_csrf_token": token}),
    }


async def call(client, method: str, url: str, data: dict | None):
    if method == "GET":
        return await client.get(url)
    return await client.post(url, data=data)


@pytest.fixture
def budget_settings(settings):
    return settings.with_overrides(tracking_rate_limit="10/minute", public_write_rate_limit="1000/minute")


async def test_every_code_path_spends_the_same_budget(db, budget_settings) -> None:
    from portal.app import create_app

    async with AsyncTestClient(app=create_app(budget_settings)) as client:
        paths = lookups(await csrf_token(client))
        assert len(paths) == 10
        first = {name: (await call(client, *spec)).status_code for name, spec in paths.items()}
        assert 429 not in first.values(), first  # ten look-ups, one per path: exactly the budget
        after = {name: await call(client, *spec) for name, spec in paths.items()}
    for name, response in after.items():
        assert response.status_code == 429, (name, response.status_code)
        assert int(response.headers["retry-after"]) >= 1, name
    for name in ("Open311 request", "Open311 request list"):
        [error] = after[name].json()
        assert error["code"] == 429 and error["description"].startswith("Terlalu banyak kode diperiksa"), name
    assert after["Open311 token"].headers["content-type"] == "text/xml; charset=utf-8"
    assert after["API status"].json()["status_code"] == 429
    assert after["API status"].json()["detail"].startswith("Terlalu banyak kode diperiksa")
    assert "Terlalu banyak kode diperiksa" in after["survey code form"].text
    assert "text/html" in after["survey code form"].headers["content-type"]


async def test_an_id_list_costs_one_look_up_per_id(db, budget_settings) -> None:
    from portal.app import create_app

    def ids(n: int) -> str:
        return ",".join(f"{CODE[:-1]}{i % 10}" if i else CODE for i in range(n))

    async with AsyncTestClient(app=create_app(budget_settings)) as client:
        assert (await client.get(f"/open311/v2/requests.json?service_request_id={ids(6)}")).status_code == 200
        over = await client.get(f"/open311/v2/requests.json?service_request_id={ids(5)}")
        assert over.status_code == 429 and over.json()[0]["code"] == 429 and over.headers["retry-after"]
        assert (await client.get(f"/open311/v2/requests.json?service_request_id={ids(4)}")).status_code == 200
        assert (await client.get(f"/pengaduan/lacak/{CODE}")).status_code == 429
        assert (await client.get(f"/api/v1/complaints/{CODE}")).status_code == 429


async def test_at_most_twenty_ids_per_call(db, settings) -> None:
    from portal.app import create_app

    codes = ",".join(f"ID{i:04d}" for i in range(21))
    app = create_app(settings.with_overrides(tracking_rate_limit="1000/minute"))
    async with AsyncTestClient(app=app) as client:
        response = await client.get(f"/open311/v2/requests.json?service_request_id={codes}")
        assert response.status_code == 400
        assert response.json()[0]["description"] == "at most 20 service_request_id values per request"
        twenty = codes.rsplit(",", 1)[0]
        assert (await client.get(f"/open311/v2/requests.json?service_request_id={twenty}")).status_code == 200


async def test_enumerating_codes_stops_at_the_budget_whatever_the_path(db, settings) -> None:
    """The attack of the report: 5,000 codes in 0.5 s through the Open311 list. With 30 per minute at most
    30 codes are checked, whichever mix of paths is used."""
    from portal.app import create_app

    app = create_app(settings.with_overrides(tracking_rate_limit="30/minute"))
    checked = 0
    async with AsyncTestClient(app=app) as client:
        for round_ in range(25):
            batch = ",".join(f"AAAAAAAAA{round_:02d}{i:02d}" for i in range(20))
            if (await client.get(f"/open311/v2/requests.json?service_request_id={batch}")).status_code == 200:
                checked += 20
            for url in (
                f"/open311/v2/requests/AAAA{round_}.json",
                f"/survei/isi/SKM{round_}",
                f"/api/v1/complaints/AAAA{round_}",
            ):
                if (await client.get(url)).status_code != 429:
                    checked += 1
    assert checked <= 30


async def test_the_budget_is_counted_atomically(tmp_path) -> None:
    from litestar.stores.memory import MemoryStore

    from portal.lookup_budget import LookupBudget

    budget = LookupBudget(MemoryStore(), "20/minute")
    results = await asyncio.gather(*(budget.spend("10.0.0.1", 1, now=960.0) for _ in range(50)))
    assert sum(r is None for r in results) == 20
    assert await budget.spend("10.0.0.2", 20, now=960.0) is None, "another client has its own budget"
    assert await budget.spend("10.0.0.1", 1, now=1000.0) == 20, "seconds until the next window"
    assert await budget.spend("10.0.0.1", 1, now=1020.0) is None, "the next window starts afresh"


def close_redis_on_shutdown(app) -> None:
    async def close() -> None:
        await app.stores.get("rl_tracking")._redis.aclose(close_connection_pool=True)

    app.on_shutdown.append(close)


@pytest.mark.skipif(not REDIS_URL, reason="needs PORTAL_TEST_REDIS_URL (set in CI)")
async def test_workers_share_the_budget_through_redis(db, settings) -> None:
    """Two apps on the same Redis behave as two workers: together they allow the budget once."""
    import redis.asyncio as aioredis
    from litestar.stores.redis import RedisStore

    from portal.app import create_app
    from portal.lookup_budget import LookupBudget

    shared = settings.with_overrides(redis_url=REDIS_URL, tracking_rate_limit="10/minute")
    cleaner = aioredis.Redis.from_url(REDIS_URL)

    async def clean() -> None:
        async for key in cleaner.scan_iter("portal_rl_tracking*"):
            await cleaner.delete(key)

    await clean()
    try:
        worker_a, worker_b = create_app(shared), create_app(shared)
        close_redis_on_shutdown(worker_a)
        close_redis_on_shutdown(worker_b)
        async with AsyncTestClient(app=worker_a) as a, AsyncTestClient(app=worker_b) as b:
            statuses = []
            for i in range(8):
                statuses.append((await (a if i % 2 else b).get(f"/open311/v2/requests/{CODE}.json")).status_code)
            assert statuses == [404] * 8
            two = await a.get(f"/open311/v2/requests.json?service_request_id={CODE},{CODE[:-1]}X")
            assert two.status_code == 200
            assert (await b.get(f"/survei/isi/{CODE}")).status_code == 429
            assert (await a.get(f"/pengaduan/lacak/{CODE}")).status_code == 429
        # Concurrent spends from two clients of the same Redis never exceed the budget together.
        stores = [
            RedisStore.with_client(url=REDIS_URL, namespace="portal").with_namespace("rl_tracking") for _ in range(2)
        ]
        budgets = [LookupBudget(store, "10/minute") for store in stores]
        concurrent = await asyncio.gather(*(budgets[i % 2].spend("10.9.9.9", 1, now=5000.0) for i in range(30)))
        assert sum(r is None for r in concurrent) == 10
        for store in stores:
            await store._redis.aclose(close_connection_pool=True)
    finally:
        await clean()
        await cleaner.aclose()
