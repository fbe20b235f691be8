"""Tables of the portal app: units, service standards (versioned), staff accounts and the audit log."""

from enum import Enum

from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.table import Table


class UnitType(str, Enum):
    dinas = "dinas"
    badan = "badan"
    kantor = "kantor"
    puskesmas = "puskesmas"
    rsud = "rsud"
    kecamatan = "kecamatan"
    kelurahan = "kelurahan"
    desa = "desa"
    sekretariat = "sekretariat"
    inspektorat = "inspektorat"
    bumd = "bumd"
    lainnya = "lainnya"


class Role(str, Enum):
    system_admin = "system_admin"
    unit_admin = "unit_admin"
    unit_officer = "unit_officer"
    evaluator = "evaluator"


class DurationUnit(str, Enum):
    hours = "hours"
    working_days = "working_days"
    calendar_days = "calendar_days"


class Unit(Table):
    """A public-service unit (Unit Penyelenggara Pelayanan Publik)."""

    slug = Varchar(length=80, unique=True, index=True)
    name = Varchar(length=200)
    unit_type = Varchar(length=20, choices=UnitType, default=UnitType.dinas)
    parent_agency = Varchar(length=200, default="")
    address = Text(default="")
    opening_hours = Text(default="")
    phone = Varchar(length=50, default="")
    email = Varchar(length=200, default="")
    website = Varchar(length=200, default="")
    complaint_channels = JSON(default=[])
    utc_offset = Varchar(length=6, default="+07:00")
    published = Boolean(default=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Maklumat(Table):
    """A unit's Maklumat Pelayanan; the newest adopted row is the current one."""

    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=False)
    text = Text()
    adopted_on = Date(null=True, default=None)
    signed_by = Varchar(length=200, default="")
    decree_number = Varchar(length=120, default="")
    published = Boolean(default=True)
    created_at = Timestamptz()


class Service(Table):
    """A service of a unit. Its standard's content lives in immutable ServiceVersion rows."""

    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=False)
    slug = Varchar(length=120, index=True)
    name = Varchar(length=200)
    summary = Text(default="")
    published = Boolean(default=False)
    accepts_complaints = Boolean(default=True)
    featured = Boolean(default=False)  # listed among the popular services on the home page
    created_at = Timestamptz()
    updated_at = Timestamptz()


class ServiceVersion(Table):
    """One version of a Standar Pelayanan with its 14 components; never updated, only superseded."""

    service = ForeignKey(references=Service, on_delete=OnDelete.restrict, null=False)
    version_no = Integer()
    effective_from = Date()
    # Service-delivery components (public).
    requirements = JSON(default=[])
    procedure = JSON(default=[])
    duration_value = Integer(default=0)
    duration_unit = Varchar(length=20, choices=DurationUnit, default=DurationUnit.working_days)
    fee_amount = Integer(default=0)
    fee_note = Varchar(length=200, default="")
    fee_legal_basis = Text(default="")
    product = Text(default="")
    complaint_handling = Text(default="")
    # Manufacturing components (staff and evaluators).
    legal_basis = Text(default="")
    facilities = Text(default="")
    competence = Text(default="")
    internal_supervision = Text(default="")
    staff_count = Text(default="")
    service_guarantee = Text(default="")
    security_guarantee = Text(default="")
    performance_evaluation = Text(default="")
    # Adoption (penetapan) and review.
    adopted_on = Date(null=True, default=None)
    decree_number = Varchar(length=120, default="")
    reviewed_on = Date(null=True, default=None)
    community_involvement = JSON(default=[])
    change_note = Text(default="")
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz()


class StaffUser(Table):
    """A staff account. Citizens need no account."""

    username = Varchar(length=80, unique=True, index=True)
    full_name = Varchar(length=200, default="")
    email = Varchar(length=200, default="")
    password_hash = Varchar(length=255)
    role = Varchar(length=20, choices=Role)
    unit = ForeignKey(references=Unit, on_delete=OnDelete.restrict, null=True, default=None)
    active = Boolean(default=True)
    created_at = Timestamptz()
    last_login = Timestamptz(null=True, default=None)
    # Per-account login backoff (portal.login_guard): consecutive failures, the lock, the e-mailed unlock link.
    failed_logins = Integer(default=0)
    locked_until = Timestamptz(null=True, default=None)
    unlock_token_hash = Varchar(length=64, default="")
    unlock_expires_at = Timestamptz(null=True, default=None)
    # One-time link to set the password (portal.staff_accounts): only its SHA-256 is kept.
    reset_token_hash = Varchar(length=64, default="")
    reset_expires_at = Timestamptz(null=True, default=None)
    # Sessions started before this moment are no longer valid (the password was set anew).
    password_changed_at = Timestamptz(null=True, default=None)


class AuditLog(Table):
    """Append-only trail of every state change (a database trigger forbids UPDATE and DELETE)."""

    occurred_at = Timestamptz(index=True)
    actor_id = Integer(null=True, default=None)
    actor_name = Varchar(length=200, default="")
    action = Varchar(length=80, index=True)
    entity_type = Varchar(length=80, index=True)
    entity_id = Varchar(length=80, default="", index=True)
    unit_id = Integer(null=True, default=None, index=True)
    before = JSON(null=True, default=None)
    after = JSON(null=True, default=None)
    ip = Varchar(length=64, default="")
