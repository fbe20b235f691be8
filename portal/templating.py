"""Jinja2 environment: i18n callables, formatting filters and globals shared by every template."""

from __future__ import annotations

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
    env.trim_blocks = True
    env.lstrip_blocks = True


def template_config() -> TemplateConfig:
    return TemplateConfig(directory=TEMPLATE_DIR, engine=JinjaTemplateEngine, engine_callback=configure_engine)
