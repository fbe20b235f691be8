"""The complaints domain's route handlers: citizen pages, staff pages, settings, the classifier model page,
the message outbox (with the WhatsApp webhook) and the JSON API. Open311 has its own (complaints.open311.web)."""

from typing import Any

from complaints.web.api import API_HANDLERS
from complaints.web.messages import OUTBOX_HANDLERS
from complaints.web.model import MODEL_HANDLERS
from complaints.web.public import PUBLIC_HANDLERS
from complaints.web.settings import SETTINGS_HANDLERS
from complaints.web.staff import STAFF_HANDLERS


def route_handlers() -> list[Any]:
    return [*PUBLIC_HANDLERS, *STAFF_HANDLERS, *API_HANDLERS, *SETTINGS_HANDLERS, *MODEL_HANDLERS, *OUTBOX_HANDLERS]
