"""Evidence files uploaded with the self-assessment (F-01): checked by content with the same check as
complaint attachments (`complaints.attachments.check_upload`: JPEG/PNG re-encoded without metadata,
PDF without active content), stored outside the web root under random names, served only to people
who may view the unit."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import anyio

from complaints.attachments import AttachmentRejected, check_upload, read_limited
from portal.forms import clean_text

STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(pdf|png|jpg)$")
SUBDIR = "evaluation"


@dataclass(frozen=True, slots=True)
class PendingFile:
    original_name: str
    extension: str
    content_type: str
    content: bytes


def is_upload(value: Any) -> bool:
    return hasattr(value, "filename") and bool(getattr(value, "filename", ""))


async def read_upload(value: Any, max_bytes: int) -> tuple[PendingFile | None, str | None]:
    """The checked upload (PDF, PNG or JPEG within the size limit); otherwise a message for people."""
    try:
        data = await read_limited(value, max_bytes)
        checked = await anyio.to_thread.run_sync(partial(check_upload, value.filename, data, max_bytes=max_bytes))
    except AttachmentRejected as exc:
        return None, str(exc)
    name = clean_text(Path(value.filename).name)[:200] or f"bukti.{checked.extension}"
    return PendingFile(name, checked.extension, checked.content_type, checked.data), None


def storage_dir(upload_dir: Path) -> Path:
    return upload_dir / SUBDIR


async def store(pending: PendingFile, upload_dir: Path, unit_id: int) -> dict[str, str]:
    directory = storage_dir(upload_dir)
    await anyio.Path(directory).mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}.{pending.extension}"
    await anyio.Path(directory / stored).write_bytes(pending.content)
    return {
        "label": pending.original_name,
        "url": f"/staf/bukti-evaluasi/{unit_id}/{stored}",
        "file": stored,
        "content_type": pending.content_type,
    }


async def remove(entries: list[dict[str, str]], upload_dir: Path) -> None:
    for entry in entries:
        if STORED_NAME.match(entry.get("file", "")):
            await anyio.Path(storage_dir(upload_dir) / entry["file"]).unlink(missing_ok=True)


def stored_path(name: str, upload_dir: Path) -> Path | None:
    if not STORED_NAME.match(name):
        return None
    return storage_dir(upload_dir) / name
