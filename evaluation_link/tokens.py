"""Evaluator API tokens: issued by the system admin from the command line, stored as SHA-256 only."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Any

from evaluation_link.tables import EvaluatorToken
from portal import audit

TOKEN_PREFIX = "pekppp_"  # noqa: S105 - a public prefix, not a secret


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(name: str) -> str:
    """Returns the plain token (shown once); only its hash is kept."""
    name = name.strip()
    if not name or len(name) > 120:
        raise ValueError("token name must be 1–120 characters")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    rows = await EvaluatorToken.insert(
        EvaluatorToken(name=name, token_hash=hash_token(token), prefix=token[:12], created_at=datetime.now(UTC))
    ).returning(EvaluatorToken.id)
    await audit.record("evaluation.token_create", "evaluator_token", rows[0]["id"], after={"name": name})
    return token


async def revoke_token(name: str) -> int:
    rows = await EvaluatorToken.update({EvaluatorToken.revoked_at: datetime.now(UTC)}).where(
        (EvaluatorToken.name == name) & EvaluatorToken.revoked_at.is_null()
    ).returning(EvaluatorToken.id)
    for row in rows:
        await audit.record("evaluation.token_revoke", "evaluator_token", row["id"], after={"name": name})
    return len(rows)


async def find_token(token: str) -> dict[str, Any] | None:
    if not token:
        return None
    return await EvaluatorToken.select().where(EvaluatorToken.token_hash == hash_token(token)).first()


async def list_tokens() -> list[dict[str, Any]]:
    return await EvaluatorToken.select(
        EvaluatorToken.name, EvaluatorToken.prefix, EvaluatorToken.created_at, EvaluatorToken.last_used_at,
        EvaluatorToken.revoked_at,
    ).order_by(EvaluatorToken.id)


async def touch(token_id: int) -> None:
    await EvaluatorToken.update({EvaluatorToken.last_used_at: datetime.now(UTC)}).where(
        EvaluatorToken.id == token_id
    )
