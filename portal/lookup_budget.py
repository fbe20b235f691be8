"""The code look-up budget: how many secret codes one client may check per window.

Every path that answers "does this code exist" spends from the same budget (the `tracking` policy,
`PORTAL_TRACKING_RATE_LIMIT`, counted per client address in the `rl_tracking` store): tracking pages
and the tracking form, private links (reporter actions and attachments), the JSON API's status look-up,
Open311 request ids and tokens, and survey codes. A call that checks several codes costs one per code
(`GET /open311/v2/requests.json?service_request_id=A,B,C` costs 3), and no call may check more than
`MAX_CODES_PER_CALL`. Handlers mark themselves with `opt={"rate_limit": "tracking"}` (one code) or
`opt={"code_lookup": True}` next to another policy; handlers that check several codes call
`spend_code_lookups(request, n)`.

The counter is a fixed window keyed by the client's address. With Redis (`REDIS_URL`) it is one
atomic INCRBY shared by every worker, so N workers do not multiply the budget; the in-memory store
is per process (one worker).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from anyio import Lock
from litestar.exceptions import TooManyRequestsException
from litestar.middleware.rate_limit import DURATION_VALUES

from portal.i18n import _
from portal.settings import parse_rate

if TYPE_CHECKING:
    from litestar.stores.base import Store
    from litestar.types import Scope

STORE = "rl_tracking"
# The most codes one request may check (Open311 service_request_id lists); documented in docs/open311.md.
MAX_CODES_PER_CALL = 20


class LookupBudget:
    """A fixed-window counter of code look-ups per client, in a Litestar store."""

    def __init__(self, store: Store, rate: str) -> None:
        unit, self.limit = parse_rate(rate)
        self.window = DURATION_VALUES[unit]  # type: ignore[index]
        self.store = store
        self._lock = Lock(fast_acquire=True)

    async def _add(self, key: str, amount: int) -> int:
        redis = getattr(self.store, "_redis", None)
        if redis is not None:  # RedisStore: one atomic increment that every worker sees
            full_key = self.store._make_key(key)  # type: ignore[attr-defined]
            async with redis.pipeline(transaction=True) as pipe:
                pipe.incrby(full_key, amount)
                pipe.expire(full_key, self.window + 1)
                total, _expiry = await pipe.execute()
            return int(total)
        async with self._lock:
            raw = await self.store.get(key)
            total = (int(raw) if raw else 0) + amount
            await self.store.set(key, str(total).encode(), expires_in=self.window + 1)
            return total

    async def spend(self, identifier: str, cost: int = 1, *, now: float | None = None) -> int | None:
        """Count `cost` look-ups of `identifier`. When they do not fit in the window's budget nothing is
        counted and the seconds until the next window are returned; otherwise None."""
        now = time.time() if now is None else now
        slot = int(now // self.window)
        key = f"lookups:{identifier}:{slot}"
        total = await self._add(key, cost)
        if total <= self.limit:
            return None
        await self._add(key, -cost)
        return max(1, int((slot + 1) * self.window - now))


def client_identifier(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "127.0.0.1"


async def spend_code_lookups(scope: Scope | Any, cost: int = 1) -> None:
    """Spend `cost` look-ups of this request's client; raises TooManyRequestsException (429 with
    Retry-After) when the budget is used up. Accepts a Request or an ASGI scope."""
    scope = getattr(scope, "scope", scope)
    budget: LookupBudget = scope["litestar_app"].state.lookup_budget
    wait = await budget.spend(client_identifier(scope), cost)
    if wait is not None:
        scope.setdefault("state", {})["retry_after"] = str(wait)
        raise TooManyRequestsException(
            detail=_("Terlalu banyak kode diperiksa dari alamat ini. Coba lagi dalam %(n)d detik.") % {"n": wait},
            headers={"retry-after": str(wait)},
        )
