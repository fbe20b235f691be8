"""Route discovery for the cross-cutting proofs: every endpoint of the real app, with its path filled in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ROLES = ("anonymous", "unit_officer", "unit_admin", "evaluator", "system_admin")
STAFF_ROLES = ROLES[1:]
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # the template, e.g. /staf/pengaduan/{complaint_id:int}
    params: dict[str, type]
    handler: Any

    @property
    def is_api(self) -> bool:
        return self.path.startswith(("/api/", "/open311/", "/webhook/"))  # webhooks: signed, no session

    @property
    def is_staff(self) -> bool:
        return self.path == "/staf" or self.path.startswith(("/staf/", "/api/v1/evaluation", "/api/v1/staf"))

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def endpoints(app: Any) -> list[Endpoint]:
    found: list[Endpoint] = []
    for route in app.routes:
        handlers = getattr(route, "route_handlers", None)
        if handlers is None:
            continue
        params = {name: p.type for name, p in route.path_parameters.items()}
        for handler in handlers:
            for method in sorted(handler.http_methods):
                if method in {"OPTIONS", "HEAD"}:
                    continue
                found.append(Endpoint(method, route.path, params, handler))
    return sorted(found, key=lambda e: (e.path, e.method))


_PARAM = re.compile(r"\{([^}:]+)(?::[^}]+)?\}")


def fill(endpoint: Endpoint, values: dict[str, Any]) -> str:
    """Substitute each path parameter by name, falling back to a plausible value of its type."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return str(values[name])
        for key, candidate in values.items():
            if key in name or name in key:
                return str(candidate)
        kind = endpoint.params.get(name)
        if kind is int:
            return "1"
        return "x"

    return _PARAM.sub(value, endpoint.path)


def public_get_pages(app: Any, values: dict[str, Any]) -> list[str]:
    """Every public HTML page reachable with GET (no API, no schema, no static)."""
    pages = []
    for endpoint in endpoints(app):
        if endpoint.method != "GET" or endpoint.is_staff or endpoint.is_api:
            continue
        if endpoint.path.startswith(("/schema", "/static", "/health")):
            continue
        pages.append(fill(endpoint, values))
    return sorted(set(pages))
