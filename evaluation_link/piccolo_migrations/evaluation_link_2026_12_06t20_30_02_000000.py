from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-06T20:30:02:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "Assessments: the instrument defaults to F-02 Kode A (rows without one become Kode A); "
    "the reason of the evaluator's typed F-03 override"
)

KODE_A = "pekppp-2023-f02-kode-a"  # frozen: the only instrument before Kode B was added


async def default_to_kode_a() -> None:
    from portal.db import get_engine

    engine = get_engine()
    await engine.run_ddl(
        f"UPDATE assessment SET instrument_version = '{KODE_A}' "
        "WHERE instrument_version IS NULL OR instrument_version = ''"
    )
    if engine.engine_type == "postgres":
        await engine.run_ddl(f"ALTER TABLE assessment ALTER COLUMN instrument_version SET DEFAULT '{KODE_A}'")


async def add_f03_override_reason() -> None:
    from portal.db import get_engine

    await get_engine().run_ddl("ALTER TABLE assessment ADD COLUMN f03_override_reason TEXT NOT NULL DEFAULT ''")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="evaluation_link", description=DESCRIPTION)
    manager.add_raw(default_to_kode_a)
    manager.add_raw(add_f03_override_reason)
    return manager
