"""The fast template machinery (portal/templating.py) renders exactly what plain Jinja renders.

Literal `_()`/`pgettext()`/`url_for()`/`static()` calls are folded into text when a template is compiled, and
`_()`/`ngettext()`/`{% trans %}` with variables run as plain functions instead of jinja2.ext's new-style
callables: the HTML must stay byte for byte the same, escaping included, in both languages.
"""

from __future__ import annotations

import os
import time

import pytest
from jinja2 import Environment, FileSystemLoader
from jinja2.ext import _gettext_alias
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.testing import RequestFactory
from markupsafe import Markup

from portal.app import create_app
from portal.i18n import LANGUAGES, gettext, ngettext, pgettext, set_language
from portal.templating import TEMPLATE_DIR, PortalTemplateEngine, configure_engine

SOURCE = """<p>{{ _("Cari layanan") }} · {{ pgettext("menu", "Layanan") }} · {{ _("Biaya") }}
{{ _("Diskon 10%%") }} {{ _("Diskon %(x)s%%", x=count) }}</p>
<p>{{ _("Dicari sebagai “%(meant)s” (bukan “%(typed)s”).", meant=meant, typed=typed) }}</p>
<p>{% trans n=count, q=q %}{{ n }} hasil untuk “{{ q }}”{% pluralize %}{{ n }} hasil untuk “{{ q }}”{% endtrans %}</p>
<p>{{ ngettext("%(num)d hari kerja", "%(num)d hari kerja", count) }} {{ _("Nilai %(x)s", x=safe) }}</p>
<p title="{{ q }}">{{ safe }} {{ count }} {{ 2.5 }} {{ none }} {{ html_object }} {{ q|upper }}
{% set x %}<i>{{ q }}</i>{% endset %}{{ x }}</p>
<a href="{{ url_for('complaints:board') }}" lang="{{ current_language() }}">{{ static('css/portal.css') }}</a>
"""


class HtmlObject:
    def __html__(self) -> str:
        return "<b>its own HTML</b>"


def reference_environment() -> Environment:
    """Plain Jinja with the same filters and globals, jinja2.ext's own new-style gettext and no folding."""
    engine = JinjaTemplateEngine(engine_instance=Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True))
    configure_engine(engine)
    env = engine.engine
    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext)  # type: ignore[attr-defined]
    env.globals["_"] = _gettext_alias
    return env


@pytest.fixture(scope="module")
def environments() -> tuple[object, Environment]:
    app = create_app()
    return app, reference_environment()


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("count", [1, 3])
def test_folded_and_fast_calls_render_what_jinja_renders(environments, language: str, count: int) -> None:
    app, reference = environments
    set_language(language)
    try:
        request = RequestFactory(app=app).get("/cari")
        context = {
            "request": request,
            "count": count,
            "q": '<script>alert("x")</script> & ktp',
            "meant": "akta",
            "typed": "<b>akte</b>",
            "safe": Markup("<em>aman</em>"),
            "none": None,
            "html_object": HtmlObject(),
        }
        ours = app.template_engine.environment().from_string(SOURCE).render(context)
        theirs = reference.from_string(SOURCE).render(context)
        assert ours == theirs
        assert "<b>its own HTML</b>" in ours and "<i>&lt;script&gt;" in ours
        assert "&lt;script&gt;" in ours and "<em>aman</em>" in ours and f"10% Diskon {count}%</p>" in ours, ours
    finally:
        set_language("id")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_search_results_render_what_jinja_renders(environments, language: str) -> None:
    app, reference = environments
    set_language(language)
    try:
        hits = [
            {
                "kind": "service",
                "url": "/layanan/x/y",
                "title": "Akta <kelahiran>",
                "data": {"unit_name": "Dinas & Co", "fee_amount": 0, "duration_value": 2, "duration_unit": "hours"},
            },
            {
                "kind": "service",
                "url": "/layanan/x/z",
                "title": "Izin",
                "data": {"unit_name": "DPMPTSP", "fee_amount": 150000, "duration_value": 1, "duration_unit": "x"},
            },
            {"kind": "unit", "url": "/unit/a", "title": "Puskesmas", "data": {"unit_type": "puskesmas"}},
        ]
        context = {"q": "akta <b>", "hits": hits, "notices": ["SIM & SKCK"], "corrected": {"akte": "akta"}}
        ours = app.template_engine.environment().get_template("catalogue/_results.html").render(context)
        theirs = reference.get_template("catalogue/_results.html").render(context)
        assert ours == theirs
        assert "Akta &lt;kelahiran&gt;" in ours and "Rp 150.000" in ours
    finally:
        set_language("id")


def test_each_language_keeps_its_own_compiled_templates(environments) -> None:
    app, _ = environments
    engine = app.template_engine
    rendered = {}
    for language in ["id", "en", "id", "en"]:  # alternately, as requests in both languages arrive
        set_language(language)
        try:
            rendered.setdefault(language, set()).add(engine.get_template("catalogue/_search_form.html").render())
        finally:
            set_language("id")
    assert all(len(pages) == 1 for pages in rendered.values())
    assert "Cari layanan atau unit" in rendered["id"].pop() and "Search" in rendered["en"].pop()


@pytest.mark.parametrize("reload_templates", [True, False])
def test_a_changed_template_is_read_again_only_in_development(tmp_path, reload_templates: bool) -> None:
    (tmp_path / "page.html").write_text("first", encoding="utf-8")
    engine = PortalTemplateEngine(directory=tmp_path)
    configure_engine(engine)
    engine.bind(create_app(), reload_templates=reload_templates)
    assert engine.get_template("page.html").render() == "first"
    (tmp_path / "page.html").write_text("second, longer", encoding="utf-8")
    os.utime(tmp_path / "page.html", (time.time() + 5, time.time() + 5))
    assert engine.get_template("page.html").render() == ("second, longer" if reload_templates else "first")


def test_no_template_turns_autoescaping_off() -> None:
    """The fast calls and the folding assume autoescaped output everywhere (portal/templating.py)."""
    offenders = [
        str(path.relative_to(TEMPLATE_DIR))
        for path in TEMPLATE_DIR.rglob("*.html")
        if "autoescape" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
