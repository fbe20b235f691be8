"""The system administrator's audited look at the reporter's identity of an anonim/rahasia complaint
(complaints.privacy ON_REQUEST): every view is one audit entry naming the reason."""

from typing import Any

from portal import audit
from portal.db import write_transaction
from portal.security import CurrentUser


async def record_identity_view(
    complaint_id: int, unit_id: int | None, reason: str, *, actor: CurrentUser, request: Any = None
) -> None:
    async with write_transaction():
        await audit.record(
            "view_identity",
            "complaint",
            complaint_id,
            actor=actor,
            unit_id=unit_id,
            after={"reason": reason},
            request=request,
        )
