"""The public board at scale: keyset pages over the stored public copy, full-text search, cached counts.

Reads only what the public may see: complaints the board shows (complaints.privacy.public_on_board: not
rahasia, verified to closed) joined with their masked public copy (complaints.public_copy); nothing is
masked per request. Pages are keyset pages (newest first, ties by id) addressed by an opaque cursor, so
the cost of a page does not grow with the table or the page number (indexes: migration
complaints_2026_12_06t21_00_01). The page indicator of the board and of its unit and topic filters reads the
counts the database keeps (complaint_board_count, triggers of migration complaints_2026_12_07t13_00_00); a
search counts at most COUNT_CAP rows and keeps that count for COUNT_SECONDS.
"""

from __future__ import annotations

import base64
import binascii
import time
from dataclasses import dataclass, field
from typing import Any

from complaints.event_names import PUBLIC_ANSWER_EVENTS
from complaints.public_copy import _timeline_out
from complaints.states import PUBLIC, sql_list
from complaints.tables import Complaint
from ml.taxonomy import TOPICS
from portal.db import get_engine, is_sqlite, write_transaction
from portal.fulltext import analysis
from portal.fulltext.backends import text_condition
from portal.i18n import get_language

PAGE_SIZE = 25
COUNT_SECONDS = 60
COUNT_CAP = 1000
MAX_OFFSET_PAGE = 2000  # ?page=N beyond this is refused: follow the cursor links instead
# Frozen with the partial indexes of the migration: the same text, so the planners use them.
# what the board shows (complaints.states.PUBLIC, never rahasia), as SQL
VISIBLE = f"c.is_confidential = false AND c.status IN {sql_list(PUBLIC)}"
COUNTS_STATE_KEY = "board_counts"  # app.state: {(q, unit, topic): (monotonic time, count)} of searches
PAGE_CACHE_STATE_KEY = "public_list_pages"  # app.state: the PageCache of the board and the Open311 list
PAGE_CACHE_ENTRIES = 512
PAGE_CACHE_BYTES = 64 * 1024 * 1024


async def board_version() -> int:
    """The counter that every change of what the public lists show moves (triggers of migration
    complaints_2026_12_07t08_00_00): a page kept under an older value is never served again."""
    rows = await Complaint.raw("SELECT n FROM complaint_board_version WHERE id = 1")
    return rows[0]["n"] if rows else 0


class PageCache:
    """Rendered public list pages (board, Open311 list) of this worker, for anonymous visitors only.

    A page is kept under (board version, language, path, query, *extra) and for at most `seconds`
    (PORTAL_PAGE_CACHE_SECONDS; 0 turns it off): a change of a complaint the public sees, of its public
    copy, or of a unit or service name moves the version, so a kept page is never served after the data
    under it changed, whichever worker or process wrote it. A board page also names the cached count it
    showed when it is a search (COUNTS_STATE_KEY): it goes when that count is renewed. Costs one primary-key
    read per request."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.entries: dict[tuple, tuple[float, bytes, tuple[float, int] | None]] = {}
        self.size = 0

    async def key(self, scope: Any, *extra: Any) -> tuple | None:
        if self.seconds <= 0 or scope.get("user") is not None or scope.get("method") != "GET":
            return None
        return (await board_version(), get_language(), scope["path"], scope.get("query_string", b""), *extra)

    def get(self, key: tuple | None, count: tuple[float, int] | None = None) -> bytes | None:
        """The kept page; `count` (the board's cached count entry now) must be the one the page showed."""
        hit = self.entries.get(key) if key is not None else None
        if hit is None or time.monotonic() - hit[0] > self.seconds or hit[2] is not count:
            return None
        if count is not None and time.monotonic() - count[0] >= COUNT_SECONDS:
            return None
        return hit[1]

    def put(self, key: tuple | None, body: bytes, count: tuple[float, int] | None = None) -> bytes:
        if key is not None:
            if len(self.entries) >= PAGE_CACHE_ENTRIES or self.size + len(body) > PAGE_CACHE_BYTES:
                self.entries.clear()  # pages of older versions go with the rest
                self.size = 0
            self.entries[key] = (time.monotonic(), body, count)
            self.size += len(body)
        return body


def page_cache(app: Any) -> PageCache:
    cache = app.state.get(PAGE_CACHE_STATE_KEY)
    if cache is None:
        cache = PageCache(app.state.settings.page_cache_seconds)
        app.state[PAGE_CACHE_STATE_KEY] = cache
    return cache


class BadCursor(ValueError):
    """A cursor that this portal did not make (or whose complaint no longer exists)."""


@dataclass(frozen=True)
class Cursor:
    direction: str  # "after" (older rows) | "before" (newer rows)
    complaint_id: int
    page: int

    def encode(self) -> str:
        raw = f"{self.direction[0]}{self.complaint_id}.{self.page}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("ascii")
            direction = {"a": "after", "b": "before"}[raw[0]]
            ident, page = raw[1:].split(".")
            if not (ident.isdigit() and page.isdigit() and len(ident) <= 18 and len(page) <= 9):
                raise ValueError
            return cls(direction, int(ident), int(page))
        except (binascii.Error, UnicodeDecodeError, KeyError, IndexError, ValueError):
            raise BadCursor(text) from None


@dataclass
class BoardPage:
    rows: list[dict[str, Any]]
    page: int
    total: int  # cached count (see `capped`)
    capped: bool  # True: there are at least `total` rows
    next_cursor: str = ""
    previous_cursor: str = ""
    query: analysis.Query | None = None
    notices: list[analysis.Notice] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def topics_named(query: analysis.Query) -> dict[str, list[str]]:
    """Topics a query word names ("pungli" -> pungli, "perizinan" -> perizinan): code or label words."""
    found: dict[str, list[str]] = {}
    for group in query.groups:
        for code, labels in TOPICS.items():
            words = {
                analysis.fold(code.replace("_", " ")),
                *analysis.fold(labels["id"]).split(),
                *analysis.fold(labels["en"]).split(),
            }
            if any(alt in words or alt == analysis.fold(code.replace("_", " ")) for alt in group.alternatives):
                found.setdefault(group.word, []).append(code)
    return found


def _unit_topic(first: str, *, unit_id: int | None, topic: str, prefix: str = "") -> tuple[str, list]:
    """`first` AND the unit and topic filters that are set (columns `<prefix>unit`, `<prefix>topic`)."""
    clauses, args = [first], []
    if unit_id:
        clauses.append(f"{prefix}unit = {{}}")
        args.append(unit_id)
    if topic:
        clauses.append(f"{prefix}topic = {{}}")
        args.append(topic)
    return " AND ".join(clauses), args


def _filters(*, unit_id: int | None, topic: str) -> tuple[str, list]:
    return _unit_topic(VISIBLE, unit_id=unit_id, topic=topic, prefix="c.")


def _text(query: analysis.Query | None, id_range: str = "", *, always: bool = False) -> tuple[str, list]:
    """The query's text condition; `always`: "1 = 1" when it has none (only words too short to look up)."""
    if query is None or query.empty:
        return ("1 = 1" if always else ""), []
    sql, args = text_condition(query, sqlite=is_sqlite(), topics_for=topics_named(query), id_range=id_range)
    return (sql or ("1 = 1" if always else "")), args


def _where(*, query: analysis.Query | None, unit_id: int | None, topic: str) -> tuple[str, list]:
    where, args = _filters(unit_id=unit_id, topic=topic)
    text_sql, text_args = _text(query)
    if text_sql:
        where += " AND " + text_sql
        args += text_args
    return where, args


# A search reads the newest rows first: a window of the board's newest WINDOWS[i] rows (after the cursor),
# and only the matches inside it (SQLite: the full-text index restricted to the window's id range;
# PostgreSQL: the text test on each row of the window). A common word fills a page from the first window;
# a rare one ends in the full query, whose cost is its few matches. Same rows, same order either way.
WINDOWS = (1000, 20000)
COUNT_WINDOWS = (4000, 40000)
WINDOW_IDS = "(SELECT min(id) FROM w) AND (SELECT max(id) FROM w)"


def _window(base: str, order: str, size: int) -> str:
    return (
        f"WITH w AS (SELECT c.id, c.created_at, c.topic FROM complaint c WHERE {base} "  # noqa: S608
        f"ORDER BY c.created_at {order}, c.id {order} LIMIT {size})"
    )


async def _search_rows(
    query: analysis.Query, base: str, base_args: list, order: str, limit: int
) -> list[dict[str, Any]]:
    """The first `limit` matches in board order (`order` DESC: newest first) among the rows `base` selects."""
    for size in WINDOWS:
        text_sql, text_args = _text(query, WINDOW_IDS if is_sqlite() else "", always=True)
        rows = await Complaint.raw(
            f"{_window(base, order, size)}, hits AS (SELECT c.id FROM w c JOIN complaint_public p "  # noqa: S608
            f"ON p.complaint = c.id WHERE {text_sql} ORDER BY c.created_at {order}, c.id {order} LIMIT {limit}) "
            f"SELECT n.window_rows, {COLUMNS} FROM (SELECT count(*) AS window_rows FROM w) n "
            "LEFT JOIN hits h ON 1 = 1 LEFT JOIN complaint c ON c.id = h.id "
            "LEFT JOIN complaint_public p ON p.complaint = c.id LEFT JOIN unit u ON u.id = c.unit "
            f"ORDER BY c.created_at {order}, c.id {order}",
            *base_args,
            *text_args,
        )
        found = [row for row in rows if row["id"] is not None]
        if len(found) >= limit or (rows and rows[0]["window_rows"] < size):
            for row in found:
                row.pop("window_rows")
            return found
    text_sql, text_args = _text(query, always=True)
    return await Complaint.raw(
        f"{SELECT} WHERE {base} AND {text_sql} ORDER BY c.created_at {order}, c.id {order} LIMIT {limit}",
        *base_args,
        *text_args,
    )


async def _search_count(query: analysis.Query, base: str, base_args: list) -> int:
    """Matches among the rows `base` selects, counted up to COUNT_CAP + 1, newest windows first."""
    for size in COUNT_WINDOWS:
        text_sql, text_args = _text(query, WINDOW_IDS if is_sqlite() else "", always=True)
        rows = await Complaint.raw(
            f"{_window(base, 'DESC', size)} SELECT (SELECT count(*) FROM w) AS window_rows, "  # noqa: S608
            f"(SELECT count(*) FROM (SELECT 1 FROM w c JOIN complaint_public p ON p.complaint = c.id "
            f"WHERE {text_sql} LIMIT {COUNT_CAP + 1}) AS hits) AS n",
            *base_args,
            *text_args,
        )
        if rows[0]["n"] > COUNT_CAP or rows[0]["window_rows"] < size:
            return rows[0]["n"]
    text_sql, text_args = _text(query, always=True)
    sql = (
        f"SELECT count(*) AS n FROM (SELECT 1 FROM complaint c JOIN complaint_public p ON p.complaint = c.id "  # noqa: S608
        f"WHERE {base} AND {text_sql} LIMIT {COUNT_CAP + 1}) AS hits"
    )
    return (await Complaint.raw(sql, *base_args, *text_args))[0]["n"]


COLUMNS = (
    "c.id, c.tracking_code, c.kind, c.status, c.topic, c.created_at, u.name AS unit_name, "
    "p.title, p.description, p.timeline"
)
SELECT = (
    f"SELECT {COLUMNS} FROM complaint c JOIN complaint_public p ON p.complaint = c.id "  # noqa: S608
    "LEFT JOIN unit u ON u.id = c.unit"
)


async def board_count(*, unit_id: int | None = None, topic: str = "") -> int:
    """How many complaints the board shows (of one unit, of one topic): the counts the database keeps
    (complaint_board_count), exact after every commit; a few rows summed, never the complaint table."""
    where, args = _unit_topic("1 = 1", unit_id=unit_id, topic=topic)
    sql = f"SELECT coalesce(sum(n), 0) AS n FROM complaint_board_count WHERE {where}"  # noqa: S608
    return int((await Complaint.raw(sql, *args))[0]["n"])


# The counts of complaint_board_count, as `portal complaints reindex` recomputes them from the table.
RECOUNT = (
    "INSERT INTO complaint_board_count (unit, topic, n) "  # noqa: S608
    f"SELECT coalesce(c.unit, 0), coalesce(c.topic, ''), count(*) FROM complaint c WHERE {VISIBLE} "
    "GROUP BY coalesce(c.unit, 0), coalesce(c.topic, '')"
)


async def recount() -> int:
    """Compute the board's counts again from the complaint table (the triggers keep them between runs);
    returns how many complaints the board shows. Writers wait for the few moments this takes."""
    async with write_transaction():
        if not is_sqlite():
            await Complaint.raw("LOCK TABLE complaint_board_count IN EXCLUSIVE MODE")
        await Complaint.raw("DELETE FROM complaint_board_count")
        await Complaint.raw(RECOUNT)
        await Complaint.raw("UPDATE complaint_board_version SET n = n + 1 WHERE id = 1")  # kept pages go
    return await board_count()


async def _count(
    key: tuple,
    searching: bool,
    counts: dict[tuple, tuple[float, int]],
    search: tuple[analysis.Query, str, list] | None,
    *,
    unit_id: int | None,
    topic: str,
) -> tuple[int, bool]:
    if search is None:
        return await board_count(unit_id=unit_id, topic=topic), False
    now = time.monotonic()
    cached = counts.get(key)
    if cached and now - cached[0] < COUNT_SECONDS:
        total = cached[1]
    else:
        total = await _search_count(search[0], search[1], search[2])
        if len(counts) > 512:
            counts.clear()
        counts[key] = (now, total)
    return (COUNT_CAP, True) if searching and total > COUNT_CAP else (total, False)


async def _cursor_of_page(where: str, args: list, page: int, searching: bool) -> int | None:
    """The id of the last row of page `page - 1` (the ?page=N link of old bookmarks)."""
    join = " JOIN complaint_public p ON p.complaint = c.id" if searching else ""
    sql = (
        f"SELECT c.id FROM complaint c{join} WHERE {where} "  # noqa: S608
        f"ORDER BY c.created_at DESC, c.id DESC LIMIT 1 OFFSET {(page - 1) * PAGE_SIZE - 1}"
    )
    rows = await Complaint.raw(sql, *args)
    return rows[0]["id"] if rows else None


async def mapped(*, q: str = "", unit_id: int | None = None, topic: str = "", limit: int) -> list[dict[str, Any]]:
    """What the board shows (same search and filters) that has a position in its public copy, newest first."""
    query = analysis.analyse(q) if q else None
    where, args = _where(query=query, unit_id=unit_id, topic=topic)
    rows = await Complaint.raw(
        "SELECT c.tracking_code, c.status, c.created_at, p.title, p.latitude, p.longitude FROM complaint c "  # noqa: S608
        f"JOIN complaint_public p ON p.complaint = c.id WHERE {where} AND p.latitude IS NOT NULL "
        f"AND p.longitude IS NOT NULL ORDER BY c.created_at DESC, c.id DESC LIMIT {int(limit)}",
        *args,
    )
    for row in rows:
        row["created_at"] = _datetime(row["created_at"])
    return rows


async def board(
    *,
    q: str = "",
    unit_id: int | None = None,
    topic: str = "",
    cursor: str = "",
    page: int = 1,
    counts: dict[tuple, tuple[float, int]] | None = None,
) -> BoardPage:
    """One page of the board. `cursor` (from a previous page's links) wins over `page`; `counts` is the
    app's cache of search counts (app.state[COUNTS_STATE_KEY]; None: count afresh).

    Raises BadCursor for a cursor this portal did not make."""
    query = analysis.analyse(q) if q else None
    searching = query is not None and not query.empty
    where, args = _where(query=query, unit_id=unit_id, topic=topic)
    position: Cursor | None = Cursor.decode(cursor) if cursor else None
    if position is None and page > 1:
        if page > MAX_OFFSET_PAGE:
            raise BadCursor(str(page))
        anchor = await _cursor_of_page(where, args, page, searching)
        position = Cursor("after", anchor, page) if anchor is not None else None
        if position is None:
            page = 1
    if position is not None:
        exists = await Complaint.raw("SELECT id FROM complaint WHERE id = {}", position.complaint_id)
        if not exists:
            raise BadCursor(cursor)
    order = "DESC"
    sql_where, sql_args = where, list(args)
    if position is not None:
        comparison = "<" if position.direction == "after" else ">"
        sql_where += (
            f" AND (c.created_at, c.id) {comparison} (SELECT k.created_at, k.id FROM complaint k WHERE k.id = {{}})"  # noqa: S608
        )
        sql_args.append(position.complaint_id)
        order = "DESC" if position.direction == "after" else "ASC"
    if searching:
        keyset, keyset_args = sql_where[len(where) :], sql_args[len(args) :]
        base, base_args = _filters(unit_id=unit_id, topic=topic)
        rows = await _search_rows(query, base + keyset, base_args + keyset_args, order, PAGE_SIZE + 1)
    else:
        rows = await Complaint.raw(
            f"{SELECT} WHERE {sql_where} ORDER BY c.created_at {order}, c.id {order} LIMIT {PAGE_SIZE + 1}",
            *sql_args,
        )
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    if position is None:
        current, has_previous, has_next = 1, False, more
    elif position.direction == "after":
        current, has_previous, has_next = max(2, position.page), True, more
    else:
        rows.reverse()
        current, has_previous, has_next = (max(2, position.page), True, True) if more else (1, False, True)
    filters, filter_args = _filters(unit_id=unit_id, topic=topic)
    search = (query, filters, filter_args) if searching else None
    total, capped = await _count(
        (q, unit_id, topic), searching, {} if counts is None else counts, search, unit_id=unit_id, topic=topic
    )
    for row in rows:
        timeline = _timeline_out(_json(row.pop("timeline")))
        row["answers"] = [e for e in timeline if e["event_type"] in PUBLIC_ANSWER_EVENTS]
        row["created_at"] = _datetime(row["created_at"])
    seen = (current - 1) * PAGE_SIZE + len(rows)  # a search's count a minute old may be behind the rows in view
    result = BoardPage(
        rows=rows,
        page=current,
        total=total if capped else max(total, seen),
        capped=capped,
        query=query if searching else None,
        notices=list(query.notices) if query else [],
    )
    if rows and has_next:
        result.next_cursor = Cursor("after", rows[-1]["id"], current + 1).encode()
    if rows and has_previous:
        result.previous_cursor = Cursor("before", rows[0]["id"], current - 1).encode()
    return result


def _json(value: Any) -> Any:
    import json

    return json.loads(value) if isinstance(value, str) else (value or [])


def _datetime(value: Any) -> Any:
    from datetime import UTC, datetime

    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def public_rows(page: BoardPage) -> list[dict[str, Any]]:
    """The rows of a board page as the public sees them: only these fields of the masked public copy (never
    the reporter or a private note), the search terms highlighted in the description."""
    query = page.query
    return [
        {
            "tracking_code": row["tracking_code"],
            "kind": row["kind"],
            "status": row["status"],
            "unit_name": row["unit_name"],
            "topic": row["topic"],
            "created_at": row["created_at"],
            "title": row["title"],
            "description": row["description"],
            "snippet_html": analysis.highlight(row["description"], query, width=240) if query else None,
            "answers": [
                {"note": a["note"], "occurred_at": a["occurred_at"], "event_type": a["event_type"]}
                for a in row["answers"]
            ],
        }
        for row in page.rows
    ]


async def rebuild_search_index() -> int:
    """Rebuild the board's full-text indexes (substrings and whole words) from complaint_public (`portal
    complaints reindex`); returns the number of public copies indexed. Safe to repeat; the triggers keep them
    current between runs."""
    engine = get_engine()
    if is_sqlite():
        async with write_transaction():
            await Complaint.raw("DELETE FROM complaint_fts")
            await Complaint.raw(
                "INSERT INTO complaint_fts (rowid, body) "
                "SELECT complaint, title || ' ' || description || ' ' || latest_answer FROM complaint_public"
            )
            await Complaint.raw("INSERT INTO complaint_words (complaint_words) VALUES ('rebuild')")
        await engine.run_ddl("INSERT INTO complaint_fts (complaint_fts) VALUES ('optimize')")
        await engine.run_ddl("INSERT INTO complaint_words (complaint_words) VALUES ('optimize')")
    else:
        await engine.run_ddl("REINDEX INDEX complaint_public_text_trgm")
        await engine.run_ddl("REINDEX INDEX complaint_public_text_words")
    return (await Complaint.raw("SELECT count(*) AS n FROM complaint_public"))[0]["n"]
