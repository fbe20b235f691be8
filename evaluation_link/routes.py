"""Route handlers of the evaluation_link domain, registered by portal.app.create_app()."""

from evaluation_link.api import EvaluationApiController
from evaluation_link.controllers import EvaluationController
from evaluation_link.coordination_controllers import CoordinationController
from evaluation_link.self_assessment_controllers import SelfAssessmentController, evidence_file

ROUTE_HANDLERS: list = [
    EvaluationController, CoordinationController, SelfAssessmentController, evidence_file, EvaluationApiController,
]
