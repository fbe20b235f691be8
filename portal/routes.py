"""Route handlers of the portal package: health, staff login/logout, and the catalogue."""

from portal.admin_controllers import ADMIN_HANDLERS
from portal.auth_controllers import AuthController, health
from portal.catalogue.routes import CATALOGUE_HANDLERS

ROUTE_HANDLERS: list = [health, AuthController, *CATALOGUE_HANDLERS, *ADMIN_HANDLERS]
