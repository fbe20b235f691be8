"""Evidence files uploaded with the self-assessment (F-01) and for follow-up actions: checked by the
portal's one upload pipeline (`portal.uploads`: JPEG/PNG re-encoded without metadata, PDF without active
content), stored outside the web root under random names, served only to people who may view the unit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio

from portal import uploads

SUBDIR = "evaluation"


async def read_upload(value: Any, max_bytes: int) -> tuple[uploads.ReceivedUpload | None, str | None]:
    """The checked upload (PDF, PNG or JPEG within the size limit); otherwise a message for people."""
    try:
        return await uploads.receive(value, max_bytes=max_bytes, fallback_stem="bukti"), None
    except uploads.UploadRejected as exc:
        return None, str(exc)


def storage_dir(upload_dir: Path) -> Path:
    return upload_dir / SUBDIR


async def store(pending: uploads.ReceivedUpload, upload_dir: Path, unit_id: int) -> dict[str, str]:
    stored = await anyio.to_thread.run_sync(uploads.save_upload, pending.checked, storage_dir(upload_dir))
    return {
        "label": pending.name,
        "url": f"/staf/bukti-evaluasi/{unit_id}/{stored}",
        "file": stored,
        "content_type": pending.checked.content_type,
    }


async def remove(entries: list[dict[str, str]], upload_dir: Path) -> None:
    for entry in entries:
        path = stored_path(entry.get("file", ""), upload_dir)
        if path is not None:
            await anyio.Path(path).unlink(missing_ok=True)


def stored_path(name: str, upload_dir: Path) -> Path | None:
    try:
        return uploads.stored_path(name, storage_dir(upload_dir))
    except ValueError:
        return None
