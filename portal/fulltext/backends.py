"""The database side of portal.fulltext: a SQL condition for "this row's public text matches the query".

Alternatives of four letters or more are case-insensitive substring matches:
SQLite: the FTS5 table `complaint_fts` (trigram tokenizer, kept by triggers on complaint_public).
PostgreSQL: `lower(title || ' ' || description || ' ' || latest_answer) LIKE '%...%'`, served by the
pg_trgm GIN index of the same expression.
Shorter alternatives (ktp, kk, sim: analysis.WHOLE_WORD_BELOW) match whole words only:
SQLite: the FTS5 table `complaint_words` (unicode61 tokenizer: words split at anything but letters and
digits, as analysis.fold splits them). PostgreSQL: `to_tsvector('simple', ...) @@ to_tsquery('simple', ...)`,
served by the GIN index of the same tsvector.
Both databases thus apply the analysis' rules (portal.fulltext.analysis) and find the same rows.

The condition is written for a query where `c` is the complaint and `p` its complaint_public row; it
returns (sql with `{}` placeholders, arguments) for Piccolo's raw queries.
"""

from __future__ import annotations

from portal.fulltext.analysis import Group, Query

MIN_TRIGRAM = 3  # FTS5's trigram tokenizer cannot look up shorter strings
PG_TEXT = "lower(p.title || ' ' || p.description || ' ' || p.latest_answer)"
PG_WORDS = "to_tsvector('simple', p.title || ' ' || p.description || ' ' || p.latest_answer)"


def _words(alternative: str) -> list[str]:
    return [w for w in alternative.split() if len(w) >= MIN_TRIGRAM]


def _fts_expression(group: Group) -> str | None:
    """FTS5 MATCH text (complaint_fts) of the group's substring alternatives: OR over them, each an AND of
    its words (quoted)."""
    parts = []
    for alternative in sorted(group.long()):
        words = _words(alternative)
        if words:
            parts.append("(" + " AND ".join(f'"{w}"' for w in words) + ")")
    return " OR ".join(parts) if parts else None


def _whole_words(group: Group, operators: tuple[str, str], quote: str) -> str | None:
    """The group's whole-word alternatives as one full-text expression (OR over them, each an AND of its
    words): FTS5 MATCH text (complaint_words) or a PostgreSQL tsquery. Folded words: letters and digits."""
    either, both = operators
    parts = [
        "(" + f" {both} ".join(f"{quote}{w}{quote}" for w in alternative.split()) + ")"
        for alternative in sorted(group.short())
        if alternative.split()
    ]
    return f" {either} ".join(parts) if parts else None


def _like_group(group: Group) -> tuple[str, list[str]] | None:
    parts, args = [], []
    for alternative in sorted(group.long()):
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
        parts, part_args = [], []
        if sqlite:
            expression = _fts_expression(group)
            if expression:
                parts.append(f"c.id IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH {{}}{within})")  # noqa: S608
                part_args.append(expression)
            words = _whole_words(group, ("OR", "AND"), '"')
            if words:
                parts.append(f"c.id IN (SELECT rowid FROM complaint_words WHERE complaint_words MATCH {{}}{within})")  # noqa: S608
                part_args.append(words)
        else:
            found = _like_group(group)
            if found:
                parts.append(found[0])
                part_args += found[1]
            words = _whole_words(group, ("|", "&"), "")
            if words:  # a whole word is also a substring: the cheap LIKE first spares most rows the tsvector
                short = sorted({w for alternative in group.short() for w in alternative.split()})
                likes = " OR ".join(f"{PG_TEXT} LIKE {{}}" for _w in short)
                parts.append(f"(({likes}) AND {PG_WORDS} @@ to_tsquery('simple', {{}}))")
                part_args += [*(f"%{w}%" for w in short), words]
        if topic_codes:
            parts.append("c.topic IN (" + ", ".join("{}" for _t in topic_codes) + ")")
            part_args += topic_codes
        if parts:
            clauses.append("(" + " OR ".join(parts) + ")")
            args += part_args
    return (" AND ".join(clauses), args) if clauses else ("", [])
