"""Route handlers of the surveys domain, registered by portal.app.create_app()."""

from surveys.public_routes import PUBLIC_FORM_HANDLERS

ROUTE_HANDLERS: list = [*PUBLIC_FORM_HANDLERS]
