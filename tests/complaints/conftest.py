"""Complaint tests use a small keyword classifier (loading the real model takes seconds); the tests
of classification itself use `real_app`, which loads the real one."""

from __future__ import annotations

import pytest

from ml.classifier import Prediction

KEYWORDS = {"ktp": "adminduk", "akta": "adminduk", "jalan": "jalan_jembatan", "puskesmas": "kesehatan"}


class KeywordClassifier:
    model_version = "keyword-stub"

    def predict_many(self, texts: list[str]) -> list[Prediction]:
        results = []
        for text in texts:
            lowered = text.lower()
            topic = next((t for word, t in KEYWORDS.items() if word in lowered), "lainnya")
            confident = topic != "lainnya"
            results.append(
                Prediction(
                    topic=topic,
                    confidence=0.9 if confident else 0.2,
                    aspects=("waktu",),
                    needs_triage=not confident,
                    model_version=self.model_version,
                )
            )
        return results


@pytest.fixture
def real_app(app):
    return app


@pytest.fixture
def app(app, request):
    if "real_app" not in request.fixturenames:
        from complaints.classification import STATE_KEY, BatchingClassifier

        app.state[STATE_KEY] = BatchingClassifier(KeywordClassifier())
    return app
