"""Route handlers of the surveys domain (public form, results, staff pages, JSON API), registered by
portal.app.create_app() through surveys.manifest."""

from typing import Any

from surveys.web.api import API_HANDLERS
from surveys.web.public import PUBLIC_FORM_HANDLERS
from surveys.web.results import RESULTS_HANDLERS
from surveys.web.staff import STAFF_HANDLERS


def route_handlers() -> list[Any]:
    return [*RESULTS_HANDLERS, *PUBLIC_FORM_HANDLERS, *STAFF_HANDLERS, *API_HANDLERS]
