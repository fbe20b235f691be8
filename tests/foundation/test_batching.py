"""portal.batching.MicroBatcher: calls that arrive while a batch runs share the next one; each caller
gets its own result or error."""

from __future__ import annotations

import asyncio

import pytest

from portal.batching import MicroBatcher


async def test_calls_arriving_during_a_batch_go_together_into_the_next() -> None:
    batches: list[list[int]] = []
    release = asyncio.Event()

    async def run(items: list[int]) -> list[int]:
        batches.append(items)
        if len(batches) == 1:
            await release.wait()
        return [item * 10 for item in items]

    batcher: MicroBatcher[int, int] = MicroBatcher(run, max_batch=3)
    first = asyncio.create_task(batcher.submit(1))
    await asyncio.sleep(0)
    waiting = [asyncio.create_task(batcher.submit(n)) for n in range(2, 7)]
    await asyncio.sleep(0)
    release.set()
    assert await first == 10 and [await task for task in waiting] == [20, 30, 40, 50, 60]
    assert batches == [[1], [2, 3, 4], [5, 6]]


async def test_an_item_error_reaches_only_its_caller_and_a_batch_error_reaches_all() -> None:
    async def run(items: list[str]) -> list[str | BaseException]:
        if "semua" in items:
            raise RuntimeError("batch gagal")
        return [ValueError(item) if item == "buruk" else item.upper() for item in items]

    batcher: MicroBatcher[str, str] = MicroBatcher(run, max_batch=10)
    good, bad = await asyncio.gather(batcher.submit("baik"), batcher.submit("buruk"), return_exceptions=True)
    assert good == "BAIK" and isinstance(bad, ValueError)
    with pytest.raises(RuntimeError, match="batch gagal"):
        await batcher.submit("semua")
    assert await batcher.submit("lagi") == "LAGI", "the batcher keeps working after an error"
