"""Evidence files uploaded with the self-assessment (F-01): checked by content, stored outside the web
root under random names, served only to people who may view the unit."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio

from portal.forms import clean_text
from portal.i18n import _

KINDS = {  # extension: (content type, magic bytes)
    "pdf": ("application/pdf", b"%PDF"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
}
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(pdf|png|jpg)$")
SUBDIR = "evaluation"


@dataclass(frozen=True, slots=True)
class PendingFile:
    original_name: str
    extension: str
    content: bytes


def is_upload(value: Any) -> bool:
    return hasattr(value, "filename") and bool(getattr(value, "filename", ""))


async def read_upload(value: Any, max_bytes: int) -> tuple[PendingFile | None, str | None]:
    """The upload if it is a PDF, PNG or JPEG within the size limit; otherwise a message for people."""
    content = await value.read(max_bytes + 1)
    if len(content) > max_bytes:
        return None, _("Berkas terlalu besar (paling besar %(mb)d MB).") % {"mb": max(1, max_bytes // 1_048_576)}
    extension = next((ext for ext, (_type, magic) in KINDS.items() if content.startswith(magic)), None)
    if extension is None:
        return None, _("Hanya berkas PDF, PNG, atau JPEG.")
    name = clean_text(Path(value.filename).name)[:200] or f"bukti.{extension}"
    return PendingFile(name, extension, content), None


def storage_dir(upload_dir: Path) -> Path:
    return upload_dir / SUBDIR


async def store(pending: PendingFile, upload_dir: Path, unit_id: int) -> dict[str, str]:
    directory = storage_dir(upload_dir)
    await anyio.Path(directory).mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}.{pending.extension}"
    await anyio.Path(directory / stored).write_bytes(pending.content)
    return {"label": pending.original_name, "url": f"/staf/bukti-evaluasi/{unit_id}/{stored}", "file": stored,
            "content_type": KINDS[pending.extension][0]}


async def remove(entries: list[dict[str, str]], upload_dir: Path) -> None:
    for entry in entries:
        if STORED_NAME.match(entry.get("file", "")):
            await anyio.Path(storage_dir(upload_dir) / entry["file"]).unlink(missing_ok=True)


def stored_path(name: str, upload_dir: Path) -> Path | None:
    if not STORED_NAME.match(name):
        return None
    return storage_dir(upload_dir) / name
