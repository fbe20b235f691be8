"""Route handlers of the complaints domain, registered by portal.app.create_app()."""

ROUTE_HANDLERS: list = []
