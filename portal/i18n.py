"""Languages: Bahasa Indonesia by default, English by a visible switch.

Source strings are Indonesian. Each package keeps its own catalogue in
`<package>/locale/<lang>/LC_MESSAGES/messages.po` (so domains never edit one shared file);
all catalogues are compiled in memory and merged at start-up. `make messages` re-extracts them.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from ml import i18n as ml_i18n
from portal.domains import catalogue_packages
from portal.settings import ROOT

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"
LANGUAGE_COOKIE = "lang"

_current_language: ContextVar[str] = ContextVar("portal_language", default=DEFAULT_LANGUAGE)


def catalogue_path(package: str, language: str) -> Path:
    return ROOT / package / "locale" / language / "LC_MESSAGES" / "messages.po"


@cache
def translations_for(language: str) -> NullTranslations:
    merged: NullTranslations | None = None
    for package in catalogue_packages():
        path = catalogue_path(package, language)
        if not path.exists():
            continue
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        buffer = BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        translations = Translations(fp=buffer)
        if merged is None:
            merged = translations
        else:
            merged.merge(translations)  # type: ignore[attr-defined]
    return merged or NullTranslations()


def set_language(language: str) -> None:
    _current_language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    ml_i18n.set_language(_current_language.get())  # ml translates its own commands (it imports no portal)


def get_language() -> str:
    return _current_language.get()


def gettext(message: str) -> str:
    language = _current_language.get()
    if language == DEFAULT_LANGUAGE:
        return message
    return translations_for(language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    language = _current_language.get()
    if language == DEFAULT_LANGUAGE:
        return singular if n == 1 else plural
    return translations_for(language).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on where it is used (the same Indonesian word may be "Services" in
    the menu and "Service" as a complaint's field); the catalogues carry it with msgctxt."""
    language = _current_language.get()
    if language == DEFAULT_LANGUAGE:
        return message
    return translations_for(language).pgettext(context, message)


_ = gettext


def N_(message: str) -> str:
    """Marks a string for the catalogue without translating it now (translate with _() at use)."""
    return message


def negotiate_language(query_lang: str | None, cookie_lang: str | None) -> str:
    """?lang= wins, then the cookie; otherwise Indonesian (the browser's language is not consulted)."""
    for candidate in (query_lang, cookie_lang):
        if candidate in LANGUAGES:
            return candidate  # type: ignore[return-value]
    return DEFAULT_LANGUAGE
