"""complaints.presentation.case_view: what the staff case page offers, decided once from status and role."""

from complaints.presentation import case_view
from portal.security import CurrentUser

ADMIN = CurrentUser(1, "admin", "Admin", "system_admin", None, None, None)
OFFICER = CurrentUser(2, "petugas", "Petugas", "unit_officer", 7, "unit-a", "Unit A")
UNIT_ADMIN = CurrentUser(3, "admin-unit", "Admin Unit", "unit_admin", 7, "unit-a", "Unit A")
SUPERVISOR = CurrentUser(4, "pengawas", "Pengawas", "unit_officer", 9, "inspektorat", "Inspektorat")


def case(status: str, unit: int | None = 7, **extra: object) -> dict:
    return {"status": status, "unit": unit, **extra}


def test_system_admin_verifies_and_routes_a_new_complaint() -> None:
    view = case_view(case("received", unit=None), ADMIN, supervising=False)
    assert view.can_work and view.can_route and view.route_action == "verify_route"
    assert [t.action for t in view.buttons] == ["verify"]
    assert view.may_ask and view.can_archive and view.can_set_lapor
    assert not (view.can_reply or view.can_answer or view.can_reroute)
    assert case_view(case("verified", unit=None), ADMIN, supervising=False).route_action == "route"


def test_officer_handles_their_units_case_only() -> None:
    view = case_view(case("routed"), OFFICER, supervising=False)
    assert view.can_work and view.can_answer and view.can_reply and view.can_reroute and view.may_ask
    assert [t.action for t in view.buttons] == ["start"]
    assert not (view.can_route or view.can_archive or view.can_set_lapor)
    other = case_view(case("routed", unit=8), OFFICER, supervising=False)
    assert not (other.can_work or other.can_answer or other.can_reply or other.may_ask or other.buttons)


def test_a_disputed_answer_cannot_be_closed_by_the_unit() -> None:
    assert [t.action for t in case_view(case("answered"), UNIT_ADMIN, supervising=False).buttons] == ["close"]
    view = case_view(case("answered", escalated=True), UNIT_ADMIN, supervising=False)
    assert view.close_disputed and not view.buttons and view.can_reply and not view.may_ask


def test_the_supervising_unit_asks_and_answers_without_working_the_case() -> None:
    view = case_view(case("in_progress", escalated=True, escalation_state="pending"), SUPERVISOR, supervising=True)
    assert not view.can_work and view.supervisor_may_ask and view.escalation_pending and view.supervisor_can_answer
    assert not view.may_ask  # the unit's own question form stays the unit's
    later = case_view(case("answered", escalation_state="returned"), SUPERVISOR, supervising=True)
    assert not (later.escalation_pending or later.supervisor_can_answer or later.supervisor_may_ask)
