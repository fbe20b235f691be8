"""Route handlers of the surveys domain, registered by portal.app.create_app()."""

from surveys.api import API_HANDLERS
from surveys.public_routes import PUBLIC_FORM_HANDLERS
from surveys.results_routes import RESULTS_HANDLERS
from surveys.staff_routes import STAFF_HANDLERS

ROUTE_HANDLERS: list = [*RESULTS_HANDLERS, *PUBLIC_FORM_HANDLERS, *STAFF_HANDLERS, *API_HANDLERS]
