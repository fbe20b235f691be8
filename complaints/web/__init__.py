"""Route handlers of the complaints domain, registered by portal.app.create_app()."""

from complaints.controllers_api import API_HANDLERS
from complaints.controllers_public import PUBLIC_HANDLERS
from complaints.controllers_staff import STAFF_HANDLERS

ROUTE_HANDLERS: list = [*PUBLIC_HANDLERS, *STAFF_HANDLERS, *API_HANDLERS]

from complaints.settings_routes import SETTINGS_HANDLERS  # noqa: E402

ROUTE_HANDLERS += SETTINGS_HANDLERS

from complaints.model_routes import MODEL_HANDLERS  # noqa: E402

ROUTE_HANDLERS += MODEL_HANDLERS

from complaints.outbox_routes import OUTBOX_HANDLERS  # noqa: E402

ROUTE_HANDLERS += OUTBOX_HANDLERS
