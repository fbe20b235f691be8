"""A client generated from /schema by openapi-python-client understands every answer the API gives.

The client is generated offline into a temporary directory (no ruff post-hooks), imported, and used
against the live demo server for success and error paths. `raise_on_unexpected_status` makes any
undocumented status an error, and each documented (operation, status) pair must be parsed into its
model: the generator drops responses whose schema it cannot read, so a dropped one fails here too.
"""

from __future__ import annotations

import base64
import importlib
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.helpers import LiveServer
from tests.security.test_input_attacks import png_bytes

PACKAGE = "portal_generated_client"
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def _generate(server: LiveServer, where: Path) -> tuple[dict, Any]:
    document = httpx.get(f"{server.base_url}/schema/openapi.json", timeout=30).json()
    spec = where / "openapi.json"
    spec.write_text(json.dumps(document))
    config = where / "config.json"
    config.write_text(json.dumps({"project_name_override": "portal-generated-client",
                                  "package_name_override": PACKAGE, "post_hooks": []}))  # fmt: skip
    command = Path(sys.executable).with_name("openapi-python-client")
    result = subprocess.run(
        [str(command), "generate", "--path", str(spec), "--output-path", str(where / PACKAGE), "--meta", "none",
         "--config", str(config)],
        capture_output=True, text=True, timeout=120, check=False, cwd=where,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # The generator warns (and leaves the answer out of the client) for every schema it cannot use.
    assert "WARNING" not in output and "will be omitted" not in output, output
    sys.path.insert(0, str(where))
    return document, importlib.import_module(PACKAGE)


def _operations(package: Any) -> dict[str, Any]:
    """operationId (snake case) -> its generated module."""
    found = {}
    api = importlib.import_module(f"{PACKAGE}.api")
    for tag in pkgutil.iter_modules(api.__path__):
        tag_package = importlib.import_module(f"{PACKAGE}.api.{tag.name}")
        for module in pkgutil.iter_modules(tag_package.__path__):
            found[module.name] = importlib.import_module(f"{PACKAGE}.api.{tag.name}.{module.name}")
    return found


def _snake(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def _evaluator_token(server: LiveServer, *, revoked: bool = False) -> str:
    name = "klien-terbitan" + ("-dicabut" if revoked else "")
    portal = Path(sys.executable).with_name("portal")
    created = subprocess.run([str(portal), "evaluation", "token", "create", name], env=server.env,
                             capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    token = created.stdout.strip().split()[-1]
    if revoked:
        subprocess.run([str(portal), "evaluation", "token", "revoke", name], env=server.env,
                       capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    return token


@pytest.mark.slow
def test_a_generated_client_parses_every_documented_answer(api_server, tmp_path) -> None:
    document, package = _generate(api_server, tmp_path)
    opened: list[Any] = []
    try:
        _exercise(api_server, document, package, opened)
    finally:
        for client in opened:
            client.get_httpx_client().close()
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _exercise(server: LiveServer, document: dict, package: Any, opened: list[Any]) -> None:
    from_client = importlib.import_module(f"{PACKAGE}.models")
    ops = _operations(package)
    client = package.Client(base_url=server.base_url, raise_on_unexpected_status=True, timeout=httpx.Timeout(30))
    opened.append(client)
    seen: dict[tuple[str, int], Any] = {}

    def call(operation: str, **kwargs: Any) -> Any:
        response = ops[operation].sync_detailed(client=kwargs.pop("client", client), **kwargs)
        seen[(operation, int(response.status_code))] = response
        assert response.parsed is not None, (operation, response.status_code, response.content[:300])
        return response

    # Catalogue: lists, a detail, bad paging, an unknown id.
    units = call("api_v1_units_units", per_page=5)
    assert isinstance(units.parsed, from_client.UnitPage) and units.parsed.items
    services = call("api_v1_services_services_list", per_page=5)
    first = services.parsed.items[0]
    detail = call("api_v1_services_service_id_service_detail", service_id=first.id)
    assert isinstance(detail.parsed, from_client.ServiceDetailOut) and detail.parsed.id == first.id
    for operation in ("api_v1_units_units", "api_v1_services_services_list"):
        bad = call(operation, page=0)
        assert isinstance(bad.parsed, from_client.ApiError) and bad.parsed.status_code == 400
        assert bad.parsed.extra.additional_properties == {"page": "Paling kecil 1."}
    missing = call("api_v1_services_service_id_service_detail", service_id=2_147_483_647)
    assert isinstance(missing.parsed, from_client.ApiError) and missing.parsed.detail == "Layanan tidak ditemukan."

    # Complaints: filed, duplicate, invalid fields, status and an unknown code.
    body = from_client.ComplaintIn(
        title="Antrean loket klien terbitan sangat panjang",
        description="Sudah tiga jam menunggu di loket tanpa nomor antrean yang jelas, mohon diperbaiki.",
        attachments=[from_client.AttachmentIn(filename="foto.png",
                                              content_base64=base64.b64encode(png_bytes()).decode())],
    )  # fmt: skip
    key = "klien-terbitan-0001-idempotensi"  # the same key proves the same filer (docs/privacy.md)
    filed = call("api_v1_complaints_create", body=body, idempotency_key=key)
    assert isinstance(filed.parsed, from_client.ComplaintFiled), filed.content
    again = call(
        "api_v1_complaints_create",
        body=from_client.ComplaintIn(title=body.title, description=body.description),
        idempotency_key=key,
    )
    assert isinstance(again.parsed, from_client.DuplicateOut) and again.parsed.tracking_code
    blank = call("api_v1_complaints_create", body=from_client.ComplaintIn(title="   ", description="x"))
    assert isinstance(blank.parsed, from_client.ApiError) and blank.parsed.status_code == 422
    assert blank.parsed.extra.additional_properties["title"] == "Wajib diisi."
    status = call("api_v1_complaints_code_status", code=filed.parsed.tracking_code)
    assert isinstance(status.parsed, from_client.ComplaintStatusOut)
    unknown = call("api_v1_complaints_code_status", code="TIDAKADA12345")
    assert isinstance(unknown.parsed, from_client.ApiError) and unknown.parsed.status_code == 404

    # SKM results of a unit, and of an unknown unit.
    for unit in units.parsed.items:
        results = ops["api_v1_skm_units_slug_results_unit_results"].sync_detailed(client=client, slug=unit.slug)
        if results.status_code == 200:
            seen[("api_v1_skm_units_slug_results_unit_results", 200)] = results
            assert isinstance(results.parsed, from_client.UnitResults)
            break
    call("api_v1_skm_units_slug_results_unit_results", slug="tidak-ada")

    # Evaluation API: no token, a revoked token, a valid one (the declared bearer scheme).
    assert document["components"]["securitySchemes"]["EvaluatorToken"]["scheme"] == "bearer"
    anonymous = call("api_v1_evaluation_units_units")
    assert isinstance(anonymous.parsed, from_client.ApiError) and anonymous.parsed.status_code == 401
    revoked = package.AuthenticatedClient(base_url=server.base_url, token=_evaluator_token(server, revoked=True),
                                          raise_on_unexpected_status=True)  # fmt: skip
    opened.append(revoked)
    call("api_v1_evaluation_units_units", client=revoked)
    evaluator = package.AuthenticatedClient(base_url=server.base_url, token=_evaluator_token(server),
                                            raise_on_unexpected_status=True)  # fmt: skip
    opened.append(evaluator)
    listed = call("api_v1_evaluation_units_units", client=evaluator)
    assert isinstance(listed.parsed, from_client.UnitList)
    years = [(u.slug, a.year) for u in listed.parsed.items for a in u.assessments]
    if years:
        sheet = call(
            "api_v1_evaluation_units_slug_year_unit_year", client=evaluator, slug=years[0][0], year=years[0][1]
        )
        assert isinstance(sheet.parsed, from_client.UnitEvaluation)
    call("api_v1_evaluation_units_slug_year_unit_year", client=evaluator, slug="tidak-ada", year=2026)
    call("api_v1_evaluation_units_slug_year_unit_year", client=evaluator, slug="tidak-ada", year=9999)
    call("api_v1_evaluation_units_slug_year_unit_year", slug="tidak-ada", year=2026)

    # Every documented answer the live calls could not provoke (413, 429, a 400 on a path-only
    # operation, ...) is parsed from the document's own example: it must match its model too.
    documented = set()
    for item in document["paths"].values():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            name = _snake(operation["operationId"])
            assert name in ops, f"no generated module for {operation['operationId']}"
            for code, answer in operation["responses"].items():
                documented.add((name, int(code)))
                if (name, int(code)) in seen or not code.startswith("4"):
                    continue
                examples = answer["content"]["application/json"].get("examples", {})
                assert examples, f"{name} {code} has no example"
                for example in examples.values():
                    fake = httpx.Response(int(code), json=example["value"])
                    parsed = ops[name]._parse_response(client=client, response=fake)
                    assert parsed is not None and parsed.status_code == int(code), (name, code)
                    assert parsed.detail and not re.search(r"[A-Za-z]{20}", parsed.detail), (name, code, parsed.detail)
    assert {pair for pair in seen if pair[1] < 500} <= documented, sorted(set(seen) - documented)
    print(f"\ngenerated client: {len(documented)} documented answers, {len(seen)} exercised live")
