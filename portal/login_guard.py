"""Per-account protection against password guessing, whatever address the guesses come from.

After `THRESHOLD` consecutive failed logins an account is locked for `BASE_SECONDS`, doubling with every
further failure up to `MAX_SECONDS` (so an attacker cannot lock staff out for longer than that at a time).
While locked, attempts are refused without checking the password and are not counted. The first lock of
a run of failures e-mails the account's owner a one-time unlock link (valid `UNLOCK_HOURS`); a system
admin can unlock with `portal users unlock USERNAME`. Every lock and unlock is in the audit log.

The state lives in `staff_user` (`failed_logins`, `locked_until`), so every worker agrees. Each attempt
is counted *before* the password is checked, by a compare-and-set on `failed_logins`: concurrent guesses
from many workers cannot slip past the threshold together; a correct password resets the count.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from portal import audit
from portal.db import write_transaction
from portal.i18n import _
from portal.mail import send_mail
from portal.tables import StaffUser

if TYPE_CHECKING:
    from litestar import Request

    from portal.security import CurrentUser
    from portal.settings import Settings

log = logging.getLogger("portal.login_guard")

THRESHOLD = 5
BASE_SECONDS = 30
MAX_SECONDS = 15 * 60
UNLOCK_HOURS = 24
UNLOCK_PATH = "/masuk/buka-kunci"


def backoff(failures: int) -> timedelta:
    """The lock after `failures` consecutive failures (THRESHOLD or more): 30 s, 1 min, 2 min, … 15 min."""
    steps = min(max(failures - THRESHOLD, 0), 16)
    return timedelta(seconds=min(MAX_SECONDS, BASE_SECONDS * 2**steps))


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True, slots=True)
class Attempt:
    """One login attempt on an existing account (user_id None: unknown username)."""

    user_id: int | None = None
    failures: int = 0
    locked_until: datetime | None = None
    refused: bool = False  # the account is locked: the password was not checked

    @property
    def retry_after(self) -> int:
        if self.locked_until is None:
            return 0
        return max(1, int((self.locked_until - datetime.now(UTC)).total_seconds() + 0.999))


async def begin(username: str, *, now: datetime | None = None) -> Attempt:
    """Count an attempt on `username` before its password is checked; refuse while the account is locked."""
    for _attempt in range(8):
        row = (
            await StaffUser.select(StaffUser.id, StaffUser.failed_logins, StaffUser.locked_until)
            .where(StaffUser.username == username.strip())
            .first()
        )
        if row is None:
            return Attempt()
        moment = now or datetime.now(UTC)
        locked_until = _aware(row["locked_until"])
        if locked_until is not None and locked_until > moment:
            return Attempt(row["id"], row["failed_logins"], locked_until, refused=True)
        failures = row["failed_logins"] + 1
        until = moment + backoff(failures) if failures >= THRESHOLD else None
        changed = (
            await StaffUser.update({StaffUser.failed_logins: failures, StaffUser.locked_until: until})
            .where((StaffUser.id == row["id"]) & (StaffUser.failed_logins == row["failed_logins"]))
            .returning(StaffUser.id)
        )
        if changed:
            return Attempt(row["id"], failures, until)
    return Attempt(row["id"], row["failed_logins"], moment + backoff(THRESHOLD), refused=True)  # heavy contention


async def succeeded(attempt: Attempt) -> None:
    """The password was right: the run of failures ends."""
    if attempt.user_id is not None:
        await StaffUser.update({StaffUser.failed_logins: 0, StaffUser.locked_until: None}).where(
            StaffUser.id == attempt.user_id
        )


@dataclass(frozen=True, slots=True)
class LockNotice:
    """What the e-mail to the owner of a newly locked account says."""

    to: str
    username: str
    link: str
    locked_until: datetime
    ip: str


async def failed(attempt: Attempt, request: Request | None, settings: Settings) -> LockNotice | None:
    """The password was wrong. When this failure locks the account it is audited; the first lock of a run
    also issues a one-time unlock link and returns the notice to e-mail to the account's owner."""
    if attempt.user_id is None or attempt.locked_until is None:
        return None
    first_lock = attempt.failures == THRESHOLD
    token = secrets.token_urlsafe(32) if first_lock else ""
    async with write_transaction():
        row = (
            await StaffUser.select(StaffUser.username, StaffUser.email, StaffUser.unit)
            .where(StaffUser.id == attempt.user_id)
            .first()
        )
        if row is None:
            return None
        if first_lock:
            await StaffUser.update(
                {
                    StaffUser.unlock_token_hash: _hash(token),
                    StaffUser.unlock_expires_at: datetime.now(UTC) + timedelta(hours=UNLOCK_HOURS),
                }
            ).where(StaffUser.id == attempt.user_id)
        await audit.record(
            "account_locked",
            "staff_user",
            attempt.user_id,
            actor_name=row["username"],
            unit_id=row["unit"],
            after={
                "failed_logins": attempt.failures,
                "locked_until": attempt.locked_until,
                "notice_sent": bool(first_lock and row["email"]),
            },
            request=request,
        )
    if not first_lock or not row["email"]:
        return None
    return LockNotice(
        to=row["email"],
        username=row["username"],
        link=unlock_link(settings, token),
        locked_until=attempt.locked_until,
        ip=audit.client_ip(request),
    )


def unlock_link(settings: Settings, token: str) -> str:
    return f"{settings.base_url.rstrip('/')}{UNLOCK_PATH}/{token}"


async def send_lock_notice(settings: Settings, notice: LockNotice) -> None:
    """The e-mail to the account's owner (sent after the response; mail trouble never blocks a login)."""
    body = _(
        "Akun staf %(username)s di %(site)s dikunci sementara setelah %(n)d kali percobaan masuk dengan kata "
        "sandi yang salah (terakhir dari alamat %(ip)s).\n\n"
        "Kunci terbuka sendiri pada %(until)s UTC; setiap kegagalan berikutnya menggandakan waktunya, paling "
        "lama %(max)d menit.\n\n"
        "Jika itu Anda, buka kunci sekarang dengan tautan sekali pakai ini (berlaku %(hours)d jam):\n%(link)s\n\n"
        "Jika bukan Anda, seseorang mencoba menebak kata sandi Anda: beri tahu administrator sistem.\n"
    ) % {
        "username": notice.username,
        "site": settings.base_url,
        "n": THRESHOLD,
        "ip": notice.ip or "-",
        "until": notice.locked_until.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "max": MAX_SECONDS // 60,
        "hours": UNLOCK_HOURS,
        "link": notice.link,
    }
    try:
        await send_mail(settings, to=notice.to, subject=_("Akun Anda dikunci sementara"), body=body)
    except Exception:
        log.exception("could not send the lock notice for %s", notice.username)


async def unlock_by_token(token: str, request: Request | None = None) -> str | None:
    """Consume a one-time unlock link: the lock and the failure count are cleared. Returns the username,
    or None when the link is unknown, used or expired."""
    if not token or len(token) > 100:
        return None
    async with write_transaction():
        row = (
            await StaffUser.select(StaffUser.id, StaffUser.username, StaffUser.unit, StaffUser.unlock_expires_at)
            .where(StaffUser.unlock_token_hash == _hash(token))
            .first()
        )
        expires = _aware(row["unlock_expires_at"]) if row else None
        if row is None or expires is None or expires <= datetime.now(UTC):
            return None
        await _clear(row["id"])
        await audit.record(
            "account_unlocked",
            "staff_user",
            row["id"],
            actor_name=row["username"],
            unit_id=row["unit"],
            after={"by": "email_link"},
            request=request,
        )
    return str(row["username"])


async def unlock_by_admin(
    username: str, *, actor_name: str = "cli", actor: CurrentUser | None = None, request: Request | None = None
) -> bool:
    """`portal users unlock` and the admin pages: clear the lock and the failure count of `username`;
    False if unknown."""
    async with write_transaction():
        row = (
            await StaffUser.select(StaffUser.id, StaffUser.unit, StaffUser.failed_logins, StaffUser.locked_until)
            .where(StaffUser.username == username.strip())
            .first()
        )
        if row is None:
            return False
        await _clear(row["id"])
        await audit.record(
            "account_unlocked",
            "staff_user",
            row["id"],
            actor_name=None if actor else actor_name,
            unit_id=row["unit"],
            before={"failed_logins": row["failed_logins"], "locked_until": row["locked_until"]},
            after={"by": "admin"},
            actor=actor,
            request=request,
        )
    return True


async def _clear(user_id: int) -> None:
    await StaffUser.update(
        {
            StaffUser.failed_logins: 0,
            StaffUser.locked_until: None,
            StaffUser.unlock_token_hash: "",
            StaffUser.unlock_expires_at: None,
        }
    ).where(StaffUser.id == user_id)


def locked_message(attempt: Attempt) -> str:
    minutes = max(1, (attempt.retry_after + 59) // 60)
    return _(
        "Akun ini dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Coba lagi dalam "
        "%(minutes)d menit, atau buka kunci dengan tautan yang kami kirim ke e-mail pemilik akun."
    ) % {"minutes": minutes}
