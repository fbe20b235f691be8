"""Integers from the outside world, bounded to what the database can hold (issue 14, item 2).

Every id and integer column is a PostgreSQL `integer` (Piccolo's Serial, ForeignKey and Integer;
SQLite's INTEGER is wider), so a number beyond 2^31-1 can never name a row and must never reach a
query: it would be a 500 ("Python int too large to convert to SQLite INTEGER", asyncpg's "value out
of int32 range"). Handlers therefore take integers only through these types:

* path ids: `RowId` (1..DB_INT_MAX; out of range or negative -> 404, like an unknown id);
* query numbers: `PageNumber` / `PerPage` (portal.pagination), `QueryYear`, `OptionalQueryId`;
* optional id filters that HTML forms send empty ("all units"): `optional_id(text, name)`;
* form fields: `portal.forms.FormValidator.integer` (always bounded to the database range);
* JSON fields: `JsonId` / `JsonInt` in msgspec Structs.

tests/security/test_integer_bounds.py walks the route table and fails on any integer parameter
without both bounds, and on any 500 for huge, negative or non-numeric values.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar.exceptions import ValidationException
from litestar.params import PathParameter, QueryParameter

DB_INT_MAX = 2_147_483_647  # PostgreSQL `integer`
DB_INT_MIN = -DB_INT_MAX - 1
MAX_DIGITS = 12  # longer digit strings are refused before int() is even tried

RowId = Annotated[int, PathParameter(ge=1, le=DB_INT_MAX, description="Database id (1 to 2147483647).")]
OptionalQueryId = Annotated[int | None, QueryParameter(ge=1, le=DB_INT_MAX)]
QueryCount = Annotated[int | None, QueryParameter(ge=0, le=DB_INT_MAX)]
QueryYear = Annotated[int | None, QueryParameter(ge=1, le=9999)]
PathYear = Annotated[int, PathParameter(ge=1, le=9999, description="Year (four digits).")]

JsonId = Annotated[int, msgspec.Meta(ge=1, le=DB_INT_MAX, description="Database id (1 to 2147483647).")]
JsonInt = Annotated[int, msgspec.Meta(ge=0, le=DB_INT_MAX)]


def parse_db_int(value: Any, *, minimum: int = DB_INT_MIN, maximum: int = DB_INT_MAX) -> int | None:
    """The whole number in `value` if it lies in minimum..maximum (and the database's range), else None."""
    text = "" if value is None else str(value).strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits or len(digits) > MAX_DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    number = int(text)
    if not max(minimum, DB_INT_MIN) <= number <= min(maximum, DB_INT_MAX):
        return None
    return number


def parse_id(value: Any) -> int | None:
    """A row id (1..DB_INT_MAX) from text, else None: for values that can only name a row or nothing."""
    return parse_db_int(value, minimum=1)


def optional_id(value: str | None, name: str, *, source: str = "query") -> int | None:
    """An optional id filter: empty is None (the "all" choice of a form), a valid id is returned,
    anything else is a 400 naming the parameter."""
    if value is None or not str(value).strip():
        return None
    number = parse_id(value)
    if number is None:
        raise ValidationException(
            extra=[{"key": name, "source": source, "message": f"Expected `int` >= 1 and <= {DB_INT_MAX}"}]
        )
    return number
