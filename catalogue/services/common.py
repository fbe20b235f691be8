"""What every catalogue write shares: its refusal, slugs, audit snapshots, and what follows a change."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from catalogue import search
from portal.cache import invalidate_public_pages

if TYPE_CHECKING:
    from litestar import Request


class CatalogueError(Exception):
    """A change the catalogue refuses; `errors` maps form field -> message in the user's language."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:120]


def snapshot(row: dict[str, Any] | None, fields: tuple[str, ...]) -> dict[str, Any] | None:
    return None if row is None else {f: row.get(f) for f in fields}


async def catalogue_changed(request: Request | None) -> None:
    """After a committed change: this process's public pages (the response cache) and search index show it
    at once; other processes rebuild their index within search.INDEX_TTL_SECONDS. Without a request (the
    CLI) there is no cache or index in this process to clear."""
    if request is None:
        return
    await invalidate_public_pages(request.app)
    search.invalidate(request.app)
