"""Small form helpers: read a submitted form, collect field-level errors in the user's language.

Handlers read `await request.form()`, validate with a FormValidator, and on errors re-render the
form (status 422 for full pages, 200 for htmx fragments) without saving anything.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from portal.i18n import _
from portal.params import DB_INT_MAX, DB_INT_MIN, MAX_DIGITS

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: Any) -> str:
    """Strip surrounding blanks and control characters (keeps newlines and tabs)."""
    if value is None:
        return ""
    return CONTROL_CHARS.sub("", str(value)).strip()


class FormValidator:
    """Collects cleaned values and errors; `errors` maps field name -> message."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.values: dict[str, Any] = {}
        self.errors: dict[str, str] = {}

    def _raw(self, name: str) -> str:
        getter = getattr(self.data, "get", None)
        return clean_text(getter(name) if getter else None)

    def text(self, name: str, *, required: bool = False, max_length: int = 200, min_length: int = 0) -> str:
        value = self._raw(name)
        if required and not value:
            self.errors[name] = _("Wajib diisi.")
        elif value and len(value) > max_length:
            self.errors[name] = _("Paling banyak %(n)d karakter.") % {"n": max_length}
        elif value and len(value) < min_length:
            self.errors[name] = _("Paling sedikit %(n)d karakter.") % {"n": min_length}
        self.values[name] = value
        return value

    def integer(
        self, name: str, *, required: bool = False, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        raw = self._raw(name).replace(".", "").replace(" ", "")
        value: int | None = None
        if not raw:
            if required:
                self.errors[name] = _("Wajib diisi.")
        else:
            # Every integer is bounded to the database's range, whatever the caller asks: a number
            # no column can hold is a field error, never a database overflow (500).
            low = DB_INT_MIN if minimum is None else max(minimum, DB_INT_MIN)
            high = DB_INT_MAX if maximum is None else min(maximum, DB_INT_MAX)
            sign = raw[0] if raw[0] in "+-" else ""
            digits = raw[len(sign) :]
            if not (digits.isascii() and digits.isdigit()):
                self.errors[name] = _("Harus berupa bilangan bulat.")
            else:
                number = int(raw) if len(digits) <= MAX_DIGITS else (-1 if sign == "-" else 1) * 10**MAX_DIGITS
                if number < low:
                    self.errors[name] = _("Paling kecil %(n)d.") % {"n": low}
                elif number > high:
                    self.errors[name] = _("Paling besar %(n)d.") % {"n": high}
                else:
                    value = number
        self.values[name] = value
        return value

    def choice(self, name: str, choices: list[str] | tuple[str, ...], *, required: bool = True) -> str:
        value = self._raw(name)
        if not value and not required:
            self.values[name] = ""
            return ""
        if value not in choices:
            self.errors[name] = _("Pilihan tidak valid.")
        self.values[name] = value
        return value

    def date(self, name: str, *, required: bool = False) -> date | None:
        raw = self._raw(name)
        value: date | None = None
        if not raw:
            if required:
                self.errors[name] = _("Wajib diisi.")
        else:
            try:
                value = date.fromisoformat(raw)
            except ValueError:
                self.errors[name] = _("Tanggal tidak valid (format TTTT-BB-HH).")
        self.values[name] = value
        return value

    def email(self, name: str, *, required: bool = False) -> str:
        value = self.text(name, required=required, max_length=200)
        if value and name not in self.errors and not EMAIL_RE.match(value):
            self.errors[name] = _("Alamat email tidak valid.")
        return value

    def lines(self, name: str, *, required: bool = False, max_items: int = 50, max_length: int = 500) -> list[str]:
        """A textarea with one item per line -> list of non-empty lines."""
        items = [line.strip(" -•\t") for line in self._raw(name).splitlines()]
        items = [item for item in items if item]
        if required and not items:
            self.errors[name] = _("Isi paling sedikit satu baris.")
        elif len(items) > max_items:
            self.errors[name] = _("Paling banyak %(n)d baris.") % {"n": max_items}
        elif any(len(item) > max_length for item in items):
            self.errors[name] = _("Setiap baris paling banyak %(n)d karakter.") % {"n": max_length}
        self.values[name] = items
        return items

    def boolean(self, name: str) -> bool:
        value = self._raw(name).lower() in {"1", "on", "true", "yes", "ya"}
        self.values[name] = value
        return value

    @property
    def ok(self) -> bool:
        return not self.errors
