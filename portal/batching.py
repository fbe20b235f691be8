"""Micro-batching without waiting: calls that arrive while a batch is running go into the next batch.

Used for the group commit of complaint intake (many complaints share one SQLite commit) and for the
topic classifier (one `predict_many` costs about as much as one prediction). Nothing waits for a
batch to fill: the first call starts a batch at once, and each caller gets its own result or error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class MicroBatcher(Generic[Item, Result]):
    """`run(items)` returns one result per item, in order; an item's result may be an exception, which
    is raised to that caller only. If `run` itself raises, every caller of that batch gets the error."""

    def __init__(self, run: Callable[[list[Item]], Awaitable[list[Result | BaseException]]], max_batch: int) -> None:
        self.run = run
        self.max_batch = max_batch
        self._pending: list[tuple[Item, asyncio.Future[Result]]] = []
        self._worker: asyncio.Task[None] | None = None

    async def submit(self, item: Item) -> Result:
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[: self.max_batch], self._pending[self.max_batch :]
            try:
                results: list[Result | BaseException] = list(await self.run([item for item, _ in batch]))
            except Exception as exc:  # every waiting caller gets the error, none hangs
                results = [exc] * len(batch)
            for (_, future), result in zip(batch, results, strict=True):
                if future.done():
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)
