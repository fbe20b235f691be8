"""Route handlers of the evaluation_link domain, registered by portal.app.create_app()."""

from evaluation_link.api import EvaluationApiController
from evaluation_link.controllers import EvaluationController
from evaluation_link.coordination_controllers import CoordinationController
from evaluation_link.follow_up_controllers import (
    EvaluatorFollowUpController,
    UnitResultsController,
    action_evidence,
    action_status,
)
from evaluation_link.self_assessment_controllers import SelfAssessmentController, evidence_file

ROUTE_HANDLERS: list = [
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
