"""Every string shown to users has an English translation, and the catalogues are up to date."""

import pytest

from portal.domains import catalogue_packages
from portal.i18n import catalogue_path
from portal.i18n_tools import extract, untranslated


@pytest.mark.parametrize("package", catalogue_packages())
def test_english_catalogue_is_complete_and_current(package: str) -> None:
    strings = {m.id if isinstance(m.id, str) else m.id[0] for m in extract(package) if m.id}
    if not strings:
        pytest.skip(f"{package} has no translatable strings")
    path = catalogue_path(package, "en")
    assert path.exists(), f"run: portal i18n update {package}"
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalogue = read_po(fh, locale="en")
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}
    assert strings <= known, f"not extracted yet (portal i18n update {package}): {sorted(strings - known)[:10]}"
    assert untranslated(package, "en") == []
