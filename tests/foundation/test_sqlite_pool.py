"""The server's reused SQLite connections (portal.db.PooledSQLiteEngine): fewer connections opened,
no stale reads, no transaction left open, a failed query never poisons the pool."""

from __future__ import annotations

import aiosqlite
import pytest

from portal.db import PooledSQLiteEngine, get_engine, is_sqlite
from portal.tables import Unit

pytestmark = pytest.mark.skipif(not is_sqlite(), reason="SQLite engine only")


@pytest.fixture
async def pooled(db: None, monkeypatch: pytest.MonkeyPatch):
    engine = get_engine()
    assert isinstance(engine, PooledSQLiteEngine)
    opened: list[int] = []
    real_connect = aiosqlite.connect

    def counting_connect(*args, **kwargs):
        opened.append(1)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(aiosqlite, "connect", counting_connect)
    engine.pool_size = 2
    try:
        yield engine, opened
    finally:
        await engine.close_pool()


async def test_queries_outside_transactions_reuse_connections(pooled) -> None:
    _, opened = pooled
    for _ in range(20):
        await Unit.count()
    assert len(opened) == 1, "sequential queries share one open connection"


async def test_pooled_connection_sees_writes_committed_elsewhere(pooled) -> None:
    engine, _ = pooled
    assert await Unit.count() == 0
    # A write in a transaction (its own connection) is visible to the pooled one at once.
    async with engine.transaction():
        await Unit.insert(Unit(slug="dinas-uji", name="Dinas Uji"))
    assert await Unit.count() == 1
    # A write outside a transaction through the pool is committed for everyone.
    await Unit.update({Unit.name: "Dinas Uji Baru"}).where(Unit.slug == "dinas-uji")
    async with aiosqlite.connect(engine.path) as other:
        row = await (await other.execute("SELECT name FROM unit WHERE slug = 'dinas-uji'")).fetchone()
    assert row[0] == "Dinas Uji Baru"


async def test_failed_query_closes_its_connection_and_the_pool_goes_on(pooled) -> None:
    engine, opened = pooled
    await Unit.insert(Unit(slug="dinas-uji", name="Dinas Uji"))
    with pytest.raises(Exception, match="UNIQUE"):
        await Unit.insert(Unit(slug="dinas-uji", name="Duplikat"))
    assert engine._idle == [], "the connection that failed is not put back"
    assert await Unit.count() == 1
    assert [row["name"] for row in await Unit.select(Unit.name)] == ["Dinas Uji"]
    assert len(opened) == 2


async def test_closing_the_pool_closes_idle_connections(pooled) -> None:
    engine, _ = pooled
    await Unit.count()
    idle = list(engine._idle)
    assert len(idle) == 1
    await engine.close_pool()
    assert engine._idle == [] and engine.pool_size == 0
    with pytest.raises(ValueError):
        await idle[0].execute("SELECT 1")
