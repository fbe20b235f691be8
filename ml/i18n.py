"""The language of the `ml` commands: Indonesian source strings, English from ml's own catalogue.

ml imports no other package of the project, so it translates with its own catalogue
(``ml/locale/<lang>/LC_MESSAGES/messages.po``, kept with the others by ``portal i18n update ml``).
The language starts as ``PORTAL_LANG`` (``id`` when unset, as for ``portal``); the portal's
``set_language`` sets it here too, so ``portal ml ...`` speaks the language of the rest of ``portal``.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def _from_environment() -> str:
    language = os.environ.get("PORTAL_LANG", "").strip().lower()[:2]
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


_language: ContextVar[str | None] = ContextVar("ml_language", default=None)  # None: PORTAL_LANG


def set_language(language: str) -> None:
    _language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


def get_language() -> str:
    return _language.get() or _from_environment()


@cache
def _translations(language: str) -> NullTranslations:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as fh:
        catalogue = read_po(fh, locale=language)
    buffer = BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return Translations(fp=buffer)


def gettext(message: str) -> str:
    language = get_language()
    return message if language == DEFAULT_LANGUAGE else _translations(language).gettext(message)
