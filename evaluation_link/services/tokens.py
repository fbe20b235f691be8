"""Evaluator API tokens: issued by the system admin from the command line, stored as SHA-256 only."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from evaluation_link.tables import EvaluatorToken
from portal import audit
from portal.db import write_transaction
from portal.i18n import _

if TYPE_CHECKING:
    from litestar import Request

    from portal.security import CurrentUser

TOKEN_PREFIX = "pekppp_"  # noqa: S105 - a public prefix, not a secret


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(
    name: str, *, actor: CurrentUser | None = None, actor_name: str = "cli", request: Request | None = None
) -> str:
    """Returns the plain token (shown once: the admin page and `portal evaluation token create` both come
    here); only its hash is kept, written together with the audit entry."""
    name = name.strip()
    if not name or len(name) > 120:
        raise ValueError(_("Nama token harus 1 sampai 120 karakter."))
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    async with write_transaction():
        rows = await EvaluatorToken.insert(
            EvaluatorToken(name=name, token_hash=hash_token(token), prefix=token[:12], created_at=datetime.now(UTC))
        ).returning(EvaluatorToken.id)
        await audit.record("evaluation.token_create", "evaluator_token", rows[0]["id"], actor=actor,
                           actor_name=None if actor else actor_name, after={"name": name}, request=request)  # fmt: skip
    return token


async def revoke_token(
    name: str | None = None,
    *,
    token_id: int | None = None,
    actor: CurrentUser | None = None,
    actor_name: str = "cli",
    request: Request | None = None,
) -> int:
    """Revoke every active token named `name` (or the one with id `token_id`); returns how many."""
    where = EvaluatorToken.revoked_at.is_null() & (
        (EvaluatorToken.id == token_id) if token_id is not None else (EvaluatorToken.name == name)
    )
    async with write_transaction():
        rows = (
            await EvaluatorToken.update({EvaluatorToken.revoked_at: datetime.now(UTC)})
            .where(where)
            .returning(EvaluatorToken.id, EvaluatorToken.name)
        )
        for row in rows:
            await audit.record("evaluation.token_revoke", "evaluator_token", row["id"], actor=actor,
                               actor_name=None if actor else actor_name, after={"name": row["name"]},
                               request=request)  # fmt: skip
    return len(rows)


async def find_token(token: str) -> dict[str, Any] | None:
    if not token:
        return None
    return await EvaluatorToken.select().where(EvaluatorToken.token_hash == hash_token(token)).first()


async def list_tokens() -> list[dict[str, Any]]:
    return await EvaluatorToken.select(
        EvaluatorToken.id,
        EvaluatorToken.name,
        EvaluatorToken.prefix,
        EvaluatorToken.created_at,
        EvaluatorToken.last_used_at,
        EvaluatorToken.revoked_at,
    ).order_by(EvaluatorToken.id)


async def touch(token_id: int) -> None:
    await EvaluatorToken.update({EvaluatorToken.last_used_at: datetime.now(UTC)}).where(EvaluatorToken.id == token_id)
