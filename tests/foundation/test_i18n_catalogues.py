"""Every string shown to users is translated into every language the portal offers (portal.i18n.LANGUAGES),
and the catalogues are up to date: adding a language fails here until each domain's catalogue has it."""

import pytest
from babel.messages.pofile import read_po

from portal.domains import catalogue_packages
from portal.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue_path
from portal.i18n_tools import extract, untranslated

TRANSLATED = [language for language in LANGUAGES if language != DEFAULT_LANGUAGE]


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("package", catalogue_packages())
def test_catalogue_is_complete_and_current(package: str, language: str) -> None:
    strings = {m.id if isinstance(m.id, str) else m.id[0] for m in extract(package) if m.id}
    if not strings:
        pytest.skip(f"{package} has no translatable strings")
    path = catalogue_path(package, language)
    assert path.exists(), f"run: portal i18n update {package}"
    with path.open("rb") as fh:
        catalogue = read_po(fh, locale=language)
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}
    assert strings <= known, f"not extracted yet (portal i18n update {package}): {sorted(strings - known)[:10]}"
    assert untranslated(package, language) == []
