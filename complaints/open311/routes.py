"""Open311 GeoReport v2 route handlers, registered by portal.app.create_app()."""

ROUTE_HANDLERS: list = []
