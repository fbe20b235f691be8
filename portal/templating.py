"""Jinja2 environment: i18n callables, formatting filters and globals shared by every template."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar.exceptions import NoRouteMatchFoundException
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template import TemplateConfig

from portal import __version__, formatting
from portal.i18n import LANGUAGES, get_language, gettext, ngettext, pgettext
from portal.settings import ROOT

TEMPLATE_DIR = ROOT / "templates"
HTMX_SCRIPT = "vendor/htmx-2.0.11.min.js"


def static_url(path: str) -> str:
    """URL of a file under static/, versioned so browsers refetch after an upgrade."""
    return f"/static/{path}?v={__version__}"


def url_for(context: Mapping[str, Any], /, route_name: str, **path_parameters: Any) -> str:
    """The path of the route named ``route_name``: templates build every internal URL with it
    (``tests/foundation/test_template_urls.py`` fails on a literal one). An unknown name or a missing parameter
    raises ``NoRouteMatchFoundException``. Numbers are accepted for text parameters (the year in
    ``/staf/hasil-evaluasi/{period:str}``, which also takes ``2026.xlsx``)."""
    app = context["request"].app
    index = app.get_handler_index_by_name(route_name)
    if index is None:
        raise NoRouteMatchFoundException(f"Route {route_name} can not be found")
    text_parameters = {
        name
        for route in app.asgi_router.route_mapping[index["identifier"]]
        for name, definition in route.path_parameters.items()
        if definition.type is str
    }
    values = {
        name: str(value) if name in text_parameters and isinstance(value, int) else value
        for name, value in path_parameters.items()
    }
    return app.route_reverse(route_name, **values)


def configure_engine(engine: JinjaTemplateEngine) -> None:
    env = engine.engine
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext)  # type: ignore[attr-defined]
    env.filters["rupiah"] = formatting.rupiah
    env.filters["long_date"] = formatting.long_date
    env.filters["local_datetime"] = formatting.local_datetime
    env.filters["duration"] = formatting.duration
    env.filters["phone_href"] = formatting.phone_href
    env.filters["whatsapp_href"] = formatting.whatsapp_href
    env.globals["languages"] = LANGUAGES
    env.globals["current_language"] = get_language
    env.globals["htmx_script"] = HTMX_SCRIPT
    env.globals["static"] = static_url
    engine.register_template_callable("url_for", url_for)  # replaces Litestar's (which refuses a year for a text)
    env.trim_blocks = True
    env.lstrip_blocks = True


def template_config() -> TemplateConfig:
    return TemplateConfig(directory=TEMPLATE_DIR, engine=JinjaTemplateEngine, engine_callback=configure_engine)
