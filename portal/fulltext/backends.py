"""The database side of portal.fulltext: a SQL condition for "this row's public text matches the query".

SQLite: the FTS5 table `complaint_fts` (trigram tokenizer, kept by triggers on complaint_public).
PostgreSQL: `lower(title || ' ' || description || ' ' || latest_answer) LIKE '%...%'`, served by the
pg_trgm GIN index of the same expression. Both are case-insensitive substring matches of the query's
alternatives (portal.fulltext.analysis), so the two databases find the same rows.

The condition is written for a query where `c` is the complaint and `p` its complaint_public row; it
returns (sql with `{}` placeholders, arguments) for Piccolo's raw queries.
"""

from __future__ import annotations

from portal.fulltext.analysis import Group, Query

MIN_TRIGRAM = 3  # FTS5's trigram tokenizer cannot look up shorter strings
PG_TEXT = "lower(p.title || ' ' || p.description || ' ' || p.latest_answer)"


def _words(alternative: str) -> list[str]:
    return [w for w in alternative.split() if len(w) >= MIN_TRIGRAM]


def _fts_expression(group: Group) -> str | None:
    """FTS5 MATCH text of one group: OR over alternatives, each an AND of its words (quoted)."""
    parts = []
    for alternative in sorted(group.alternatives):
        words = _words(alternative)
        if words:
            parts.append("(" + " AND ".join(f'"{w}"' for w in words) + ")")
    return " OR ".join(parts) if parts else None


def _like_group(group: Group) -> tuple[str, list[str]] | None:
    parts, args = [], []
    for alternative in sorted(group.alternatives):
        words = _words(alternative)
        if words:
            parts.append("(" + " AND ".join(f"{PG_TEXT} LIKE {{}}" for _w in words) + ")")
            args += [f"%{w}%" for w in words]
    return (" OR ".join(parts), args) if parts else None


def text_condition(
    query: Query, *, sqlite: bool, topics_for: dict[str, list[str]] | None = None, id_range: str = ""
) -> tuple[str, list]:
    """AND over the query's groups; a group also matches rows whose topic it names (`topics_for[word]`).

    `id_range` (SQLite): "lo AND hi", SQL bounds of the complaint ids the caller looks at (a window of the
    newest rows): the full-text index then reads only the part of each word's list in that range, so a
    common word ("jalan": half of all complaints) costs what the window holds, not the whole table."""
    within = f" AND rowid BETWEEN {id_range}" if id_range else ""
    clauses, args = [], []
    for group in query.groups:
        topic_codes = (topics_for or {}).get(group.word, [])
        if sqlite:
            expression = _fts_expression(group)
            text_sql, text_args = (
                (f"c.id IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH {{}}{within})", [expression])  # noqa: S608
                if expression
                else (None, [])
            )
        else:
            found = _like_group(group)
            text_sql, text_args = found if found else (None, [])
        parts, part_args = [], []
        if text_sql:
            parts.append(text_sql)
            part_args += text_args
        if topic_codes:
            parts.append("c.topic IN (" + ", ".join("{}" for _t in topic_codes) + ")")
            part_args += topic_codes
        if parts:
            clauses.append("(" + " OR ".join(parts) + ")")
            args += part_args
    return (" AND ".join(clauses), args) if clauses else ("", [])
