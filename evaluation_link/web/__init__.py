"""Route handlers of the evaluation_link domain, registered by portal.app.create_app() through the manifest."""

from typing import Any

from evaluation_link.web.api import EvaluationApiController
from evaluation_link.web.coordination import CoordinationController
from evaluation_link.web.follow_up import (
    EvaluatorFollowUpController,
    UnitResultsController,
    action_evidence,
    action_status,
)
from evaluation_link.web.self_assessment import SelfAssessmentController, evidence_file
from evaluation_link.web.staff import EvaluationController


def route_handlers() -> list[Any]:
    """Every controller and handler of the domain."""
    return [
        EvaluationController,
        SelfAssessmentController,
        evidence_file,
        EvaluationApiController,
        EvaluatorFollowUpController,
        UnitResultsController,
        action_evidence,
        action_status,
        CoordinationController,
    ]
