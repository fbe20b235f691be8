"""Privacy tests use the complaints tests' keyword classifier (the real model takes seconds to load)."""

from __future__ import annotations

import pytest


@pytest.fixture
def app(app):
    from complaints.classification import STATE_KEY, BatchingClassifier
    from tests.complaints.conftest import KeywordClassifier

    app.state[STATE_KEY] = BatchingClassifier(KeywordClassifier())
    return app
