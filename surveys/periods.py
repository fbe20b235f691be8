"""Survey periods' domain rules shared by services, queries and controllers: the clock, period names and
receipt codes. The writes are in surveys.services, the reads in surveys.queries, the errors in
surveys.errors."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

from portal.settings import get_settings

TOKEN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # noqa: S105 - no 0/O, 1/I/L; not a secret
TOKEN_LENGTH = 8
MAX_TOKEN_BATCH = 2000


def now() -> datetime:
    return datetime.now(UTC)


def period_label(period_type: str, start: date, end: date) -> str:
    """Default names: 'Triwulan II 2026', 'Semester I 2026', 'Tahun 2026' (Indonesian, as printed)."""
    if period_type == "quarter":
        return f"Triwulan {('I', 'II', 'III', 'IV')[(start.month - 1) // 3]} {start.year}"
    if period_type == "semester":
        return f"Semester {'I' if start.month <= 6 else 'II'} {start.year}"
    return f"Tahun {start.year}"


# --- receipt codes ---------------------------------------------------------------------------------


def new_token_code() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:16]


def display_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == TOKEN_LENGTH else code


def survey_url(code: str) -> str:
    return f"{get_settings().base_url.rstrip('/')}/survei/isi/{code}"
