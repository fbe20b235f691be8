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

# Conformance problems found by this test in other domains' endpoints, reported to their owners
# (docs/api.md, "Known schema gaps"). Only these exact checks are skipped for these operations; the
# server-error check and every other check still run. Delete an entry once its endpoint is fixed.
KNOWN_GAPS = {
    # Whitespace-only title/description pass the schema but are refused with the documented 422.
    "POST /api/v1/complaints": [positive_data_acceptance],
}


def _fuzz(operation, name: str, base_url: str) -> None:
    excluded = KNOWN_GAPS.get(name, [])

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
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
