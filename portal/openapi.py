"""The OpenAPI document at /schema: one error schema for every documented error, security schemes.

Generated clients (openapi-python-client, schemathesis) only parse answers the document describes, so
every /api/ operation documents, with the shared `ApiError` schema (portal.errors) and a real
example, each error it can give. They are derived in one place from what the route declares, so a new
route is documented without a per-route list:

* 400 always (bad query parameter, bad header, empty or undecodable body);
* 404 for any path parameter (unknown or impossible id, code or slug);
* 413 and 422 for a body (too large; invalid fields);
* 429 where a rate-limit policy applies (`opt={"rate_limit": ...}`);
* 401 and 403 where the operation is secured (`security=[...]`);
* whatever the handler lists in `raises=[...]`.

A handler's own `responses=` entry for a code wins (use `error_response()` for its description).
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Components, Example, SecurityScheme

from portal.errors import ApiError

EVALUATOR_TOKEN = "EvaluatorToken"  # noqa: S105 (the scheme's name, not a secret)
SECURITY_SCHEMES = {
    EVALUATOR_TOKEN: SecurityScheme(
        type="http",
        scheme="bearer",
        description="Evaluator token from `portal evaluation token create NAME`, "
        "sent as `Authorization: Bearer <token>`.",
    )
}

DESCRIPTIONS = {
    400: "Invalid query parameter, or a body that is empty or not a JSON object (`extra` names the parameter)",
    401: "Missing or unknown token",
    403: "Token revoked",
    404: "Not found (unknown or impossible id, code or slug)",
    409: "Conflict",
    413: "Request body too large",
    422: "Invalid fields; nothing stored (`extra` maps each field to its message)",
    429: "Too many requests; retry after the number of seconds in the `Retry-After` header",
}
EXAMPLES: dict[int, dict[str, Any]] = {
    400: {"status_code": 400, "detail": "Data yang dikirim tidak valid.", "extra": {"page": "Paling besar 100000."}},
    401: {"status_code": 401, "detail": "Token akses wajib dikirim (Authorization: Bearer <token>)."},
    403: {"status_code": 403, "detail": "Token akses ini sudah dicabut."},
    404: {"status_code": 404, "detail": "Tidak ditemukan."},
    413: {"status_code": 413, "detail": "Data terlalu besar"},
    422: {"status_code": 422, "detail": "Data yang dikirim tidak valid.", "extra": {"title": "Wajib diisi."}},
    429: {"status_code": 429, "detail": "Terlalu banyak permintaan"},
}


def error_response(status: int, description: str | None = None, example: dict[str, Any] | None = None) -> ResponseSpec:
    """A documented error answer with the shared ApiError schema and a real example (no random filler)."""
    example = example or EXAMPLES.get(status) or {"status_code": status, "detail": description or "Error"}
    return ResponseSpec(
        data_container=ApiError,
        generate_examples=False,
        description=description or DESCRIPTIONS.get(status, "Error"),
        examples=[Example(summary=f"{status}", value=example)],
    )


def _derived_codes(route: Any, handler: Any) -> set[int]:
    codes = {400}  # any request can be malformed (a parameter, a header, an undecodable body)
    if "data" in handler.parsed_fn_signature.parameters:
        codes |= {413, 422}
    if route.path_parameters:
        codes.add(404)
    if handler.opt.get("rate_limit"):
        codes.add(429)
    if handler.resolve_security():
        codes |= {401, 403}
    codes |= {exc.status_code for exc in handler.raises or () if getattr(exc, "status_code", 0) >= 400}
    return codes


def _example(status: int, handler: Any) -> dict[str, Any] | None:
    """The 400 example fits the operation: its body, its first query parameter, or neither."""
    if status != 400:
        return None
    fields = handler.parsed_fn_signature.parameters
    if "data" in fields:
        return {"status_code": 400, "detail": "Isi permintaan kosong atau bukan objek JSON yang sah."}
    queries = [name for name, field in fields.items() if type(field.kwarg_definition).__name__ == "QueryParameter"]
    if "page" in queries:
        return EXAMPLES[400]
    if queries:
        return {
            "status_code": 400,
            "detail": "Data yang dikirim tidak valid.",
            "extra": {queries[0]: "Nilai tidak valid."},
        }
    return {"status_code": 400, "detail": "Permintaan tidak valid"}


def document_errors(app: Litestar) -> None:
    """Give every /api/ operation its error answers (called once by create_app, before /schema is built)."""
    for route in app.routes:
        if not route.path.startswith("/api/"):
            continue
        for handler in getattr(route, "route_handlers", ()):
            derived = {code: error_response(code, example=_example(code, handler))
                       for code in sorted(_derived_codes(route, handler))}  # fmt: skip
            handler.responses = {**derived, **(handler.responses or {})}


def components() -> Components:
    return Components(security_schemes=dict(SECURITY_SCHEMES))
