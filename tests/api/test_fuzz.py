"""Schema-driven fuzzing of /api/v1 with schemathesis: no 5xx, and every response matches its schema.

Bounded (a few examples per operation, no shrinking) so it stays fast in CI; runs against the live
demo server. schemathesis' pytest plugin does not run under pytest 9, so the operations are driven
with Hypothesis directly.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

MAX_EXAMPLES = 20

# The only exemption (docs/api.md, "Known schema gaps"). Only this check is skipped, only for this
# operation; the server-error check, status codes, response schemas, content types and the
# negative-data checks still run for it. Add an entry only with the reason it cannot be fixed.
KNOWN_GAPS = {
    # positive_data_acceptance ("schema-valid data must be accepted"): filing a complaint has rules a
    # JSON Schema cannot state, so schema-valid bodies are refused with the documented 422 (same
    # ApiError shape, nothing stored): a title or description that is blank or too short once trimmed
    # and cleaned of control characters; a unit_id/service_id that names no published unit or no
    # service accepting complaints (or a service of another unit); a service_date in the future;
    # latitude without longitude; an attachment whose bytes are not a JPEG, PNG or PDF.
    "POST /api/v1/complaints": [positive_data_acceptance],
}


def _fuzz(operation, name: str, base_url: str) -> None:
    excluded = KNOWN_GAPS.get(name, [])

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case) -> None:
        case.call_and_validate(base_url=base_url, timeout=30, excluded_checks=excluded)

    run()


def test_every_operation_conforms_to_its_schema(api_server) -> None:
    schema = schemathesis.openapi.from_url(f"{api_server.base_url}/schema/openapi.json")
    failures, tested = [], []
    for result in schema.get_all_operations():
        operation = result.ok()
        name = f"{operation.method.upper()} {operation.path}"
        tested.append(name)
        try:
            _fuzz(operation, name, api_server.base_url)
        except (Exception, BaseExceptionGroup) as exc:  # collect every operation's failure
            failures.append(f"{name}: {str(exc)[:1500]}")
    assert sum(name.startswith("GET /api/v1/") for name in tested) >= 4, tested
    assert not failures, "\n\n".join(failures)
