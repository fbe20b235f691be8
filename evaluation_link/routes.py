"""Route handlers of the evaluation_link domain, registered by portal.app.create_app()."""

ROUTE_HANDLERS: list = []
