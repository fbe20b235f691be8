"""Tables of the surveys app (SKM, PermenPANRB 14/2017).

Answers are stored one row per response with one integer column per standard unsur (u1..u9), so a
unit-year IKM is one aggregate scan (SUM/COUNT per column) on SQLite and PostgreSQL alike. Unsur a
unit adds live in SurveyExtraUnsur with their answers in SurveyExtraAnswer (one row per answer).
"""

from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    SmallInt,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from portal.tables import Service, Unit


class SurveyPeriod(Table):
    """One survey round of a unit (triwulan, semester or tahunan) with its population and settings."""

    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=False, index=True)
    period_type = Varchar(length=10, default="year")
    # "skm" (PermenPANRB 14/2017) or "f03" (PEKPPP users' perception questionnaire, surveys/f03.py).
    kind = Varchar(length=10, default="skm")
    year = Integer(index=True)
    label = Varchar(length=80, default="")
    start_date = Date()
    end_date = Date()
    # Service users in the period; population_source "entered" (by the unit) or "receipts"
    # (the number of receipt tokens issued for the period, i.e. recorded transactions).
    population = Integer(null=True, default=None)
    population_source = Varchar(length=10, default="entered")
    accepting = Boolean(default=True)
    open_access = Boolean(default=False)
    # {} = equal weights (per PORTAL_SKM_WEIGHTING); otherwise {"u1": "0.1", ...} summing to 1.
    weights = JSON(default={})
    published = Boolean(default=False)
    report_date = Date(null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class SurveyExtraUnsur(Table):
    """An unsur a unit adds to the 9 of the Permen for one period (codes x1, x2, ...)."""

    period = ForeignKey(references=SurveyPeriod, on_delete=OnDelete.restrict, null=False, index=True)
    code = Varchar(length=8)
    name = Varchar(length=120)
    question = Varchar(length=300)
    labels = JSON(default=[])
    position = Integer(default=0)


class SurveyToken(Table):
    """A one-time code printed on a receipt, or an invitation after a closed complaint."""

    period = ForeignKey(references=SurveyPeriod, on_delete=OnDelete.restrict, null=False, index=True)
    code = Varchar(length=16, unique=True, index=True)
    complaint_id = Integer(null=True, default=None, unique=True)
    created_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class SurveyResponse(Table):
    """One filled questionnaire. No names are stored; the profile is kept in bands only."""

    period = ForeignKey(references=SurveyPeriod, on_delete=OnDelete.restrict, null=False, index=True)
    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=False, index=True)
    service = ForeignKey(references=Service, on_delete=OnDelete.restrict, null=True, default=None)
    channel = Varchar(length=10, default="web")
    # The database enforces one response per token (and so per closed complaint).
    # Every response answers the 9 standard unsur (1–4; NOT NULL), so NRR_i = SUM(u_i) / COUNT(*).
    token = ForeignKey(references=SurveyToken, on_delete=OnDelete.restrict, null=True, default=None, unique=True)
    device_hash = Varchar(length=64, default="", index=True)
    # Open mode: the nonce of the server-signed single-use ballot handed out with the form (UNIQUE index:
    # a ballot is refused on reuse). Receipt codes, invitations and paper entries carry none.
    ballot = Varchar(length=40, null=True, default=None, unique=True)
    # On hold (quarantined): left out of the IKM, the counts and the PEKPPP figures until released.
    held = Boolean(default=False, index=True)
    quarantine = Integer(null=True, default=None)
    u1 = SmallInt(default=0)
    u2 = SmallInt(default=0)
    u3 = SmallInt(default=0)
    u4 = SmallInt(default=0)
    u5 = SmallInt(default=0)
    u6 = SmallInt(default=0)
    u7 = SmallInt(default=0)
    u8 = SmallInt(default=0)
    u9 = SmallInt(default=0)
    age_band = Varchar(length=10, default="")
    sex = Varchar(length=2, default="")
    education = Varchar(length=10, default="")
    occupation = Varchar(length=12, default="")
    suggestion = Text(default="")
    submitted_at = Timestamptz()
    entered_by = Integer(null=True, default=None)


class SurveyQuarantine(Table):
    """A batch of a period's responses put on hold, by staff (with a reason) or by the burst rule.

    Member responses point to it (SurveyResponse.quarantine) and are held until it is released."""

    period = ForeignKey(references=SurveyPeriod, on_delete=OnDelete.restrict, null=False, index=True)
    kind = Varchar(length=10, default="staff")  # "staff" or "burst"
    reason = Text(default="")
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz()
    last_held_at = Timestamptz()
    released_at = Timestamptz(null=True, default=None)
    released_by = Integer(null=True, default=None)
    release_reason = Text(default="")


class SurveyExtraAnswer(Table):
    """The answer (1–4) of one response to one added unsur."""

    response = ForeignKey(references=SurveyResponse, on_delete=OnDelete.cascade, null=False, index=True)
    unsur = ForeignKey(references=SurveyExtraUnsur, on_delete=OnDelete.restrict, null=False, index=True)
    value = SmallInt()


class FollowUpAction(Table):
    """A rencana tindak lanjut (RTL) item of a period's SKM report, linked to an unsur."""

    period = ForeignKey(references=SurveyPeriod, on_delete=OnDelete.restrict, null=False, index=True)
    unsur_code = Varchar(length=8)
    action = Text()
    owner = Varchar(length=200)
    due_date = Date()
    completed_on = Date(null=True, default=None)
    evidence_url = Varchar(length=500, default="")
    evidence_note = Text(default="")
    # An uploaded proof (checked and re-encoded by portal.uploads), stored outside the web root.
    evidence_file = Varchar(length=64, default="")
    evidence_file_type = Varchar(length=40, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()


class PublicationMedium(Table):
    """A medium besides the portal where the unit published the period's SKM results."""

    period = ForeignKey(references=SurveyPeriod, on_delete=OnDelete.restrict, null=False, index=True)
    medium = Varchar(length=30)
    detail = Varchar(length=300, default="")
    published_on = Date(null=True, default=None)
    created_at = Timestamptz()
