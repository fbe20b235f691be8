"""Tables of the evaluation_link app: assessments per unit and year, indicator scores, API tokens,
the PEKPPP follow-up loop (recommendations and the units' actions)."""

from enum import StrEnum

from piccolo.columns import JSON, Boolean, Date, ForeignKey, Integer, Real, SmallInt, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from evaluation_link.follow_up_states import ActionStatus
from portal.tables import Unit


class AssessmentStatus(StrEnum):
    """The stages of the PEKPPP Mandiri cycle with asistensi (defined here once; see services.TRANSITIONS)."""

    draft = "draft"  # the unit fills F-01
    submitted = "submitted"  # sent to the evaluator; the unit cannot edit
    returned = "returned"  # the evaluator sent it back with comments per indicator; the unit revises
    locked = "locked"  # final; nothing changes


UNIT_EDITABLE_STATUSES = frozenset({AssessmentStatus.draft.value, AssessmentStatus.returned.value})


class Assessment(Table):
    """One PEKPPP evaluation of a unit for a calendar year (unit_year keeps it unique)."""

    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=False, index=True)
    year = Integer(index=True)
    unit_year = Varchar(length=40, unique=True)
    instrument_version = Varchar(length=80, default="pekppp-2023-f02-kode-a")
    status = Varchar(length=20, default=AssessmentStatus.draft.value)
    submitted_at = Timestamptz(null=True, default=None)
    returned_at = Timestamptz(null=True, default=None)
    locked_by = Integer(null=True, default=None)
    locked_by_name = Varchar(length=200, default="")
    locked_at = Timestamptz(null=True, default=None)
    pulled_at = Timestamptz(null=True, default=None)
    f03_score = Real(null=True, default=None)  # the evaluator's typed F-03 override (else the collected F-03)
    f03_override_reason = Text(default="")
    evaluator_weight = Real(default=0.75)
    users_weight = Real(default=0.25)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class IndicatorScore(Table):
    """The figures and scores of one indicator in one assessment (assessment_indicator is unique)."""

    assessment = ForeignKey(references=Assessment, on_delete=OnDelete.cascade, null=False, index=True)
    indicator_no = SmallInt()
    assessment_indicator = Varchar(length=40, unique=True)
    auto_figure = JSON(null=True, default=None)
    auto_evidence = JSON(default=[])
    suggested_score = SmallInt(null=True, default=None)
    suggestion_reason = Text(default="")
    self_score = SmallInt(null=True, default=None)
    self_note = Text(default="")
    evidence = JSON(default=[])
    evaluator_score = SmallInt(null=True, default=None)
    override_reason = Text(default="")
    evaluator_comment = Text(default="")
    reviewed_by = Integer(null=True, default=None)
    reviewed_by_name = Varchar(length=200, default="")
    reviewed_at = Timestamptz(null=True, default=None)
    updated_at = Timestamptz()


class EvaluatorToken(Table):
    """A bearer token for evaluator tools; only its SHA-256 is stored."""

    name = Varchar(length=120)
    token_hash = Varchar(length=64, unique=True, index=True)
    prefix = Varchar(length=12, default="")
    created_at = Timestamptz()
    last_used_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)


class MandiriSchedule(Table):
    """Deadlines of the PEKPPP Mandiri cycle for one year (dates in local time, inclusive)."""

    year = Integer(unique=True)
    submit_due = Date(null=True, default=None)
    review_due = Date(null=True, default=None)
    revision_due = Date(null=True, default=None)
    lock_due = Date(null=True, default=None)
    updated_at = Timestamptz()


class CoordinationFigure(Table):
    """The stored figures of one assessment for the coordination view, written whenever the assessment's
    scores change (pull, review, F-01, F-03, lock) so that the view never computes from the source tables."""

    assessment = ForeignKey(references=Assessment, on_delete=OnDelete.cascade, null=False, unique=True)
    unit = Integer(index=True)
    year = Integer(index=True)
    status = Varchar(length=20, default=AssessmentStatus.draft.value)
    ipp = Varchar(length=12, default="0.00")
    f02 = Varchar(length=12, default="0.00")
    category = Varchar(length=4, default="")
    aspect_scores = JSON(default={})
    indicator_scores = JSON(default={})
    service_count = Integer(default=0)
    computed_at = Timestamptz()


class PekpppRecommendation(Table):
    """The evaluator's recommendation after a locked assessment, for one indicator or a whole aspect."""

    assessment = ForeignKey(references=Assessment, on_delete=OnDelete.cascade, null=False, index=True)
    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=False, index=True)
    year = Integer(index=True)
    indicator_no = SmallInt(null=True, default=None)
    aspect = Varchar(length=10, default="")
    text = Text(default="")
    priority = Boolean(default=False)
    created_by = Integer(null=True, default=None)
    created_by_name = Varchar(length=200, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()


class PekpppFollowUp(Table):
    """One action the unit plans in answer to a recommendation; states in follow_up_states.ActionStatus."""

    recommendation = ForeignKey(references=PekpppRecommendation, on_delete=OnDelete.cascade, null=False, index=True)
    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=False, index=True)
    year = Integer(index=True)
    what = Text(default="")
    owner = Varchar(length=200, default="")
    due_date = Date(null=True, default=None)
    expected_evidence = Text(default="")
    status = Varchar(length=20, default=ActionStatus.planned.value, index=True)
    evidence = JSON(default=[])
    return_reason = Text(default="")
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz()
    started_at = Timestamptz(null=True, default=None)
    completed_on = Date(null=True, default=None)
    completed_at = Timestamptz(null=True, default=None)
    verified_at = Timestamptz(null=True, default=None)
    verified_by = Integer(null=True, default=None)
    verified_by_name = Varchar(length=200, default="")
    updated_at = Timestamptz()
