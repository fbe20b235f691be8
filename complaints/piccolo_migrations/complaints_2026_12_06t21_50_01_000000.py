"""Editable topic routing (issue 20): table topic_route, the system administrator's unit per topic.

Frozen SQL (not imported from live code). A topic without a row follows the routing file
(PORTAL_TOPIC_ROUTING, default ml/topic_routing.json); unit NULL means manual triage.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-06T21:50:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "topic_route: unit per classifier topic set by the system administrator"

SQLITE = [
    "CREATE TABLE IF NOT EXISTS topic_route (\n"
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  topic VARCHAR(40) NOT NULL UNIQUE,\n"
    "  unit INTEGER REFERENCES unit (id) ON DELETE SET NULL,\n"
    "  updated_at TIMESTAMPTZ NOT NULL,\n"
    "  updated_by INTEGER\n"
    ")",
]
POSTGRES = [
    "CREATE TABLE IF NOT EXISTS topic_route (\n"
    "  id SERIAL PRIMARY KEY,\n"
    "  topic VARCHAR(40) NOT NULL UNIQUE,\n"
    "  unit INTEGER REFERENCES unit (id) ON DELETE SET NULL,\n"
    "  updated_at TIMESTAMPTZ NOT NULL,\n"
    "  updated_by INTEGER\n"
    ")",
]
DOWN = ["DROP TABLE IF EXISTS topic_route"]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="complaints", description=DESCRIPTION)

    async def create():
        from portal.db import get_engine, is_sqlite

        engine = get_engine()
        for statement in SQLITE if is_sqlite(engine) else POSTGRES:
            await engine.run_ddl(statement)

    async def drop():
        from portal.db import get_engine

        engine = get_engine()
        for statement in DOWN:
            await engine.run_ddl(statement)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
