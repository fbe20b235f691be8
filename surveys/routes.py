"""Route handlers of the surveys domain, registered by portal.app.create_app()."""

ROUTE_HANDLERS: list = []
