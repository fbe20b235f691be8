"""Pagination of JSON API collections: `?page=&per_page=` and the envelope {items, page, per_page, total}."""

from typing import Annotated

from litestar.params import QueryParameter

PageNumber = Annotated[int, QueryParameter(ge=1, le=100_000, description="Page number, starting at 1.")]
PerPage = Annotated[int, QueryParameter(ge=1, le=100, description="Items per page (at most 100).")]


def window(total: int, page: int, per_page: int) -> slice:
    """The slice of a full list that makes up one page."""
    start = (page - 1) * per_page
    return slice(start, min(start + per_page, total))
