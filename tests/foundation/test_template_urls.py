"""Templates build internal URLs from route names (`url_for("complaints:track", code=...)`), never from
literal paths: renaming a path then changes one decorator, and a template naming a route that does not exist
fails here rather than on a user's click."""

import re
from pathlib import Path

from portal.app import create_app

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"

# An attribute that points somewhere: links, forms, images and scripts, htmx requests, data-* URLs for scripts.
URL_ATTRIBUTE = re.compile(r"""\b(href|action|src|hx-(?:get|post|put|patch|delete)|data-[\w-]+)\s*=\s*(["'])/""")
# A path written as a Jinja string (`{% with action="/staf/..." ~ year %}`, `{{ "/pengaduan/" ~ code }}`).
JINJA_PATH = re.compile(r"""(\{%|\{\{)((?!%\}|\}\}).)*?(["'])/[a-z]""")
# `{{ ... }}` inside a string of a `{% %}` tag is text, not an expression (`{% with a="{{ url_for(...) }}" %}`).
NESTED_EXPRESSION = re.compile(r"""\{%((?!%\}).)*?["']\{\{""")
ROUTE_NAME = re.compile(r"""\burl_for\(\s*(["'])([^"']+)\1""")
# Litestar's OpenAPI page has no stable route name (it is derived from the plugin's id).
ALLOWED = ('href="/schema"',)
# A unit's complaint channel that is this portal's own form is stored as its path (catalogue data, not a link
# the template builds).
ALLOWED_JINJA = ('{% elif c.value.startswith("/pengaduan") %}',)


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def test_no_template_writes_an_internal_url_by_hand() -> None:
    offenders = []
    for path in _templates():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in URL_ATTRIBUTE.finditer(line):
                rest = line[match.start() :]
                if not rest.startswith(ALLOWED):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {rest[:80]}")
            if NESTED_EXPRESSION.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {{{{ }}}} inside a {{% %}} string")
            for match in JINJA_PATH.finditer(line):
                rest = line[match.start() :]
                if not rest.startswith(ALLOWED_JINJA):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {rest[:80]}")
    assert offenders == [], "use url_for('route:name', ...) or static('file'):\n" + "\n".join(offenders)


def test_every_route_name_a_template_uses_exists() -> None:
    app = create_app()
    unknown = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for match in ROUTE_NAME.finditer(text):
            if app.get_handler_index_by_name(match.group(2)) is None:
                unknown.append(f"{path.relative_to(ROOT)}: {match.group(2)}")
    assert unknown == []


def test_the_scan_sees_the_url_attributes_it_guards() -> None:
    assert URL_ATTRIBUTE.search('<a class="x" href="/pengaduan">')
    assert URL_ATTRIBUTE.search("<form hx-post='/staf/x'>")
    assert URL_ATTRIBUTE.search('<div data-geojson="/pengaduan/peta.geojson?q=1">')
    assert not URL_ATTRIBUTE.search("<a href=\"{{ url_for('home') }}\">")
    assert not URL_ATTRIBUTE.search('<a href="#main">')
    assert JINJA_PATH.search('{% with action="/staf/penilaian-mandiri/" ~ year %}')
    assert JINJA_PATH.search("{{ '/pengaduan/lacak/' ~ code }}")
    assert not JINJA_PATH.search('{% with action=url_for("evaluation:instrument", period=year) %}')
    assert NESTED_EXPRESSION.search("""{% with action="{{ url_for('evaluation:dashboard') }}" ~ year %}""")
    assert not NESTED_EXPRESSION.search("""{% if a %}<a href="{{ url_for('home') }}">{% endif %}""")
    assert not URL_ATTRIBUTE.search('<a href="https://example.org/">')
