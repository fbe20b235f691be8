"""A live server over the demo data for the cross-API checks (rate limits raised: the fuzzer is fast)."""

from __future__ import annotations

import pytest

from tests.helpers import LiveServer, start_live_server

GENEROUS = "100000/minute"


@pytest.fixture(scope="package")
def api_server(migrated_database: None, tmp_path_factory: pytest.TempPathFactory) -> LiveServer:
    from tests.conftest import reset_database_sync

    reset_database_sync()
    server = start_live_server(
        tmp_path_factory.mktemp("api-live"),
        extra_env={
            "PORTAL_PUBLIC_WRITE_RATE_LIMIT": GENEROUS,
            "PORTAL_TRACKING_RATE_LIMIT": GENEROUS,
            "PORTAL_LOGIN_RATE_LIMIT": GENEROUS,
        },
    )
    try:
        yield server
    finally:
        server.stop()
