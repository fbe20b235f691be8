"""Attachments kept across a form that comes back with errors: a file that passed the upload checks
(portal.uploads.check_upload) is stored in a temporary area and the form carries a signed,
expiring token for it, so the citizen does not have to choose the file again.

The token names the stored file, its original name, size and SHA-256 and an expiry, signed with the
portal's secret key (HMAC-SHA256): a changed token, a changed file or an expired token is refused. Files
older than PENDING_SECONDS are removed whenever a new one is stored and by `cleanup()`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from pathlib import Path

from portal.i18n import _
from portal.uploads import CheckedUpload, kind_of_storage_name, save_upload, stored_path

PENDING_SECONDS = 2 * 3600
PENDING_DIR = "pending-uploads"


class PendingUploadInvalid(Exception):
    """The token is forged, changed, expired or its file is gone; str(exc) is for the user."""


@dataclass(frozen=True)
class PendingUpload:
    token: str
    name: str
    size: int


def pending_dir(data_dir: Path) -> Path:
    return data_dir / PENDING_DIR


def _signature(payload: bytes, secret: str) -> str:
    digest = hmac.new(secret.encode(), b"pending-upload\x00" + payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hold(checked: CheckedUpload, name: str, *, data_dir: Path, secret: str, now: float | None = None) -> PendingUpload:
    """Store a checked upload in the temporary area; returns its signed token."""
    now = time.time() if now is None else now
    folder = pending_dir(data_dir)
    cleanup(data_dir, now=now)
    storage_name = save_upload(checked, folder)
    payload = json.dumps(
        {"f": storage_name, "n": name[:255], "s": checked.size, "h": checked.sha256, "e": int(now + PENDING_SECONDS)},
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()
    token = f"{_b64(payload)}.{_signature(payload, secret)}"
    return PendingUpload(token=token, name=name[:255], size=checked.size)


def _expired() -> PendingUploadInvalid:
    return PendingUploadInvalid(_("Lampiran yang tersimpan sementara sudah kedaluwarsa; pilih berkasnya lagi."))


def redeem(
    token: str, *, data_dir: Path, secret: str, max_bytes: int, now: float | None = None
) -> tuple[CheckedUpload, str]:
    """The checked upload and original name of a token; PendingUploadInvalid if anything does not match."""
    now = time.time() if now is None else now
    encoded, _dot, signature = (token or "").partition(".")
    try:
        payload = _unb64(encoded)
    except (ValueError, TypeError):
        raise _expired() from None
    if not signature or not hmac.compare_digest(signature, _signature(payload, secret)):
        raise _expired()
    try:
        fields = json.loads(payload)
        storage_name, name, size, sha256, expires = fields["f"], fields["n"], fields["s"], fields["h"], fields["e"]
        path = stored_path(storage_name, pending_dir(data_dir))
    except (ValueError, KeyError, TypeError):
        raise _expired() from None
    if now > expires or not path.is_file():
        raise _expired()
    if size > max_bytes or path.stat().st_size != size:
        raise _expired()
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise _expired()
    kind = kind_of_storage_name(storage_name)
    return CheckedUpload(kind.content_type, kind.extension, data, sha256, size), name


def release(token: str, *, data_dir: Path, secret: str) -> None:
    """Remove a token's temporary file (after the complaint stored its own copy, or when the citizen removes
    it); only a token this portal signed can remove anything."""
    encoded, _dot, signature = (token or "").partition(".")
    try:
        payload = _unb64(encoded)
        if not signature or not hmac.compare_digest(signature, _signature(payload, secret)):
            return
        stored_path(json.loads(payload)["f"], pending_dir(data_dir)).unlink(missing_ok=True)
    except (ValueError, KeyError, TypeError, OSError):
        return


def cleanup(data_dir: Path, *, now: float | None = None) -> int:
    """Delete temporary files older than PENDING_SECONDS; returns how many were removed."""
    now = time.time() if now is None else now
    folder = pending_dir(data_dir)
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and now - path.stat().st_mtime > PENDING_SECONDS:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed
