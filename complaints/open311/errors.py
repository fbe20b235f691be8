"""The one exception of the Open311 layer; rendered as the spec's error list."""

from __future__ import annotations


class Open311Error(Exception):
    """`code` is both the HTTP status and the error's code (404 not found, 403 bad key, 400 otherwise)."""

    def __init__(self, code: int, description: str, *, headers: dict[str, str] | None = None) -> None:
        description = description if len(description) <= 500 else description[:497] + "..."
        super().__init__(description)
        self.code = code
        self.description = description
        self.headers = headers or {}
