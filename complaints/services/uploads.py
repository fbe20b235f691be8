"""Storing the files of a submitted form: each checked by portal.uploads (in a thread) and saved
outside the web root, ready to be attached to a complaint event by complaints.services.handling/reporter."""

from typing import Any

import anyio
from litestar import Request

from complaints.services.handling import InvalidAction, StoredFile
from portal import uploads


async def store_files(request: Request[Any, Any, Any], form: Any, field: str = "attachments") -> list[StoredFile]:
    """Check and store up to three files of the multipart `field` (staff replies and notes, the reporter's
    answers); raises InvalidAction naming the refused file."""
    settings = request.app.state.settings
    files, error = await uploads.read_field(form, field, settings.max_upload_bytes)
    if error:
        raise InvalidAction(error)

    def check_and_save() -> list[StoredFile]:
        stored = []
        for name, data in files[:3]:
            try:
                checked = uploads.check_upload(name, data, max_bytes=settings.max_upload_bytes)
            except uploads.UploadRejected as exc:
                raise InvalidAction(f"{name}: {exc}") from exc
            stored.append(StoredFile(checked, name, uploads.save_upload(checked, settings.upload_dir)))
        return stored

    return await anyio.to_thread.run_sync(check_and_save)
