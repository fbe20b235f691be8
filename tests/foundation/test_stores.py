"""In-memory stores (page cache, rate limits, recent complaints) answer without yielding to the event loop."""

from __future__ import annotations

import asyncio

from portal.app import FastMemoryStore, build_stores


async def _loop_turns_during(action) -> int:
    turns = 0
    stop = False

    async def spinner() -> None:
        nonlocal turns
        while not stop:
            turns += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(spinner())
    await asyncio.sleep(0)
    turns = 0
    await action()
    stop = True
    await task
    return turns


async def test_lookups_do_not_send_the_request_to_the_back_of_the_queue(settings) -> None:
    store = FastMemoryStore()

    async def hundred_lookups() -> None:
        await store.set("halaman", b"isi", expires_in=60)
        for _ in range(100):
            assert await store.get("halaman") == b"isi"

    assert await _loop_turns_during(hundred_lookups) == 0
    await store.delete("halaman")
    assert await store.get("halaman") is None


def test_every_memory_store_of_the_app_is_the_fast_one(settings) -> None:
    registry = build_stores(settings)
    assert isinstance(registry.get("response_cache"), FastMemoryStore)
    assert isinstance(registry.get("complaints_recent"), FastMemoryStore)  # created on first use
