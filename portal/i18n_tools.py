"""Extract translatable strings of one package into its catalogue (`portal i18n update PACKAGE`)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from portal.domains import catalogue_packages
from portal.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue_path
from portal.settings import ROOT

KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
METHOD_MAP = [("**.py", "python"), ("**.html", "jinja2")]
OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


def source_dirs(package: str) -> list[Path]:
    """Python code of the package plus its templates (portal also owns the shared layout)."""
    dirs = [ROOT / package, ROOT / "templates" / package]
    if package == "portal":
        dirs += [ROOT / "templates" / "errors", ROOT / "templates" / "_partials"]
    return [d for d in dirs if d.exists()]


def extract(package: str) -> Catalog:
    template = Catalog(project="portal", charset="utf-8")
    for directory in source_dirs(package):
        for filename, lineno, message, comments, context in extract_from_dir(
            str(directory), method_map=METHOD_MAP, options_map=OPTIONS, keywords=KEYWORDS
        ):
            if "piccolo_migrations" in filename:
                continue
            template.add(message, None, [(str(directory / filename), lineno)], auto_comments=comments, context=context)
    if package == "portal":
        base = ROOT / "templates" / "base.html"
        from babel.messages.extract import extract_from_file

        for lineno, message, comments, context in extract_from_file(
            "jinja2", str(base), keywords=KEYWORDS, options=OPTIONS["**.html"]
        ):
            template.add(message, None, [(str(base), lineno)], auto_comments=comments, context=context)
    return template


def update(package: str) -> dict[str, int]:
    """Merge new strings into every non-default language; returns untranslated counts."""
    if package not in catalogue_packages():
        raise ValueError(f"unknown package {package!r}")
    template = extract(package)
    missing: dict[str, int] = {}
    for language in LANGUAGES:
        if language == DEFAULT_LANGUAGE:
            continue
        path = catalogue_path(package, language)
        if path.exists():
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=language)
        else:
            catalog = Catalog(locale=language, project="portal", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, sort_output=True, include_lineno=False)
        missing[language] = sum(1 for m in catalog if m.id and not m.string)
    return missing


def untranslated(package: str, language: str) -> list[str]:
    path = catalogue_path(package, language)
    if not path.exists():
        return []
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    return [
        str(m.id)
        for m in catalog
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy)
    ]
