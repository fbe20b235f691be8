"""Route handlers of the kernel: health, staff login/logout and the staff-account administration pages."""

from typing import Any

from portal.web.admin import ADMIN_HANDLERS
from portal.web.auth import AuthController, health


def route_handlers() -> list[Any]:
    return [health, AuthController, *ADMIN_HANDLERS]
