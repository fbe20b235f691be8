"""Whole-word search of the board's public copy (issue 17): short words (ktp, kk, sim) as whole words.

Frozen SQL (not imported from live code). A query's alternatives shorter than four letters must match whole
words (portal.fulltext.analysis: "sim" must not find "persimpangan"); longer ones stay substring matches
(SQLite FTS5 trigram, PostgreSQL pg_trgm: migration complaints_2026_12_06t21_00_01).

- SQLite: an FTS5 table `complaint_words` over complaint_public's title, description and latest answer
  (tokenizer unicode61: words split at anything but letters and digits, lower case, no diacritics), an
  external-content table (it stores only the index, the texts stay in complaint_public), kept by triggers.
- PostgreSQL: a GIN index of `to_tsvector('simple', title || ' ' || description || ' ' || latest_answer)`
  (the 'simple' configuration: lower case words, no stemming, no stop words).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-07T13:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "complaint_words (SQLite FTS5 unicode61) / complaint_public_text_words (PostgreSQL tsvector GIN)"

_INSERT = (
    "INSERT INTO complaint_words (rowid, title, description, latest_answer) "
    "VALUES (new.complaint, new.title, new.description, new.latest_answer);"
)
_DELETE = (
    "INSERT INTO complaint_words (complaint_words, rowid, title, description, latest_answer) "
    "VALUES ('delete', old.complaint, old.title, old.description, old.latest_answer);"
)
SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS complaint_words USING fts5(title, description, latest_answer, "
    "content='complaint_public', content_rowid='complaint', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS complaint_public_words_insert AFTER INSERT ON complaint_public BEGIN {_INSERT} END",
    "CREATE TRIGGER IF NOT EXISTS complaint_public_words_update "
    f"AFTER UPDATE OF complaint, title, description, latest_answer ON complaint_public BEGIN {_DELETE} {_INSERT} END",
    f"CREATE TRIGGER IF NOT EXISTS complaint_public_words_delete AFTER DELETE ON complaint_public BEGIN {_DELETE} END",
    "INSERT INTO complaint_words (complaint_words) VALUES ('rebuild')",
]
POSTGRES = [
    "CREATE INDEX IF NOT EXISTS complaint_public_text_words ON complaint_public "
    "USING gin (to_tsvector('simple', title || ' ' || description || ' ' || latest_answer))",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS complaint_public_words_insert",
    "DROP TRIGGER IF EXISTS complaint_public_words_update",
    "DROP TRIGGER IF EXISTS complaint_public_words_delete",
    "DROP TABLE IF EXISTS complaint_words",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS complaint_public_text_words"]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def create():
        from portal.db import get_engine, is_sqlite

        engine = get_engine()
        for statement in SQLITE if is_sqlite(engine) else POSTGRES:
            await engine.run_ddl(statement)

    async def drop():
        from portal.db import get_engine, is_sqlite

        engine = get_engine()
        for statement in SQLITE_DOWN if is_sqlite(engine) else POSTGRES_DOWN:
            await engine.run_ddl(statement)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
