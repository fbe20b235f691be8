"""Formatting for people: rupiah, dates and durations in the request's language."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from portal.i18n import _, get_language, ngettext

MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
LOCAL_TZ = ZoneInfo("Asia/Jakarta")


def rupiah(amount: int | float | None) -> str:
    """50000 -> 'Rp 50.000'; 0 -> 'Gratis' (Free in English)."""
    if not amount:
        return _("Gratis")
    return "Rp " + f"{int(amount):,}".replace(",", ".")


def long_date(value: date | datetime | str | None) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.astimezone(LOCAL_TZ).date() if value.tzinfo else value.date()
    months = MONTHS_EN if get_language() == "en" else MONTHS_ID
    return f"{value.day} {months[value.month - 1]} {value.year}"


def local_datetime(value: datetime | None) -> str:
    if value is None:
        return "-"
    local = value.astimezone(LOCAL_TZ) if value.tzinfo else value
    suffix = "WIB"
    return f"{long_date(local.date())} {local:%H:%M} {suffix}"


def duration(value: int | None, unit: str | None) -> str:
    n = int(value or 0)
    if unit == "hours":
        return ngettext("%(n)d jam", "%(n)d jam", n) % {"n": n}
    if unit == "calendar_days":
        return ngettext("%(n)d hari kalender", "%(n)d hari kalender", n) % {"n": n}
    return ngettext("%(n)d hari kerja", "%(n)d hari kerja", n) % {"n": n}


_PHONE_CHARS = re.compile(r"^\+?[0-9 ().-]{6,24}$")


def phone_href(value: str | None) -> str:
    """A tap-to-call link (tel:+62...) for a written Indonesian phone number; "" when it is not one."""
    text = (value or "").strip()
    if not _PHONE_CHARS.match(text):
        return ""
    digits = re.sub(r"\D", "", text)
    if len(digits) < 6:
        return ""
    if text.startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("0"):
        return f"tel:+62{digits[1:]}"
    return f"tel:{digits}"


def whatsapp_href(value: str | None) -> str:
    """A tap-to-chat link (https://wa.me/62...) for a mobile number; "" when it is not one."""
    href = phone_href(value)
    if not href.startswith("tel:+62"):
        return ""
    return f"https://wa.me/{href.removeprefix('tel:+')}"
