"""What the `portal ml` commands get from the portal: the model folder of the settings, the progress
indicator, and the learning loop's storage (officers' corrections in, model history out), which the
complaints tables keep. ml imports no other package; the complaints manifest registers its group
connected to :func:`ml_host`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ml.cli import Host
from portal.cli_progress import working
from portal.settings import get_settings

# The storage is imported by the command that uses it (lazy: the tables and the spreadsheet writer stay out
# of the start-up of every `portal` command, which registers this host).


def _model_dir() -> Path:
    return Path(get_settings().model_dir)


def _corrections() -> list[tuple[str, str]]:
    from complaints.feedback import load_topic_corrections_sync  # lazy: see above

    return load_topic_corrections_sync()


def _record_cycle(report: dict[str, Any]) -> None:
    from piccolo.utils.sync import run_sync

    from complaints.model_versions import record_cycle  # lazy: see above

    run_sync(record_cycle(report))


def _record_rollback(restored: str, replaced: str | None) -> None:
    from piccolo.utils.sync import run_sync

    from complaints.model_versions import record_rollback  # lazy: see above

    run_sync(record_rollback(restored, replaced))


def _export_corrections() -> tuple[int, str]:
    from piccolo.utils.sync import run_sync

    from complaints.model_versions import corrections_csv, corrections_for_export  # lazy: see above

    pairs = run_sync(corrections_for_export())
    return len(pairs), corrections_csv(pairs)


def ml_host() -> Host:
    return Host(
        model_dir=_model_dir,
        working=working,
        corrections=_corrections,
        record_cycle=_record_cycle,
        record_rollback=_record_rollback,
        export_corrections=_export_corrections,
    )
