"""Route handlers of the kernel: health, staff login/logout and the administration pages."""

from portal.admin_controllers import ADMIN_HANDLERS
from portal.auth_controllers import AuthController, health

ROUTE_HANDLERS: list = [health, AuthController, *ADMIN_HANDLERS]
