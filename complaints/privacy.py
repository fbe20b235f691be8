"""Who may see the reporter's identity (docs/complaints.md, privacy matrix).

* fully anonymous (identity_stored=False): nothing is stored, nobody sees anything;
* normal: the routed unit's officers and admins and the system admin;
* anonim and/or rahasia: only the system admin, on request, and every such view is audited;
* the public, evaluators and other units' staff never see it.
"""

from __future__ import annotations

from typing import Any

from portal.security import CurrentUser

NOT_STORED = "not_stored"
HIDDEN = "hidden"
SHOWN = "shown"
ON_REQUEST = "on_request"


def is_protected(complaint: dict[str, Any]) -> bool:
    return bool(complaint["is_anonymous"] or complaint["is_confidential"])


def identity_access(complaint: dict[str, Any], viewer: CurrentUser | None) -> str:
    if not complaint["identity_stored"]:
        return NOT_STORED
    if viewer is None or viewer.is_evaluator:
        return HIDDEN
    if viewer.is_system_admin:
        return ON_REQUEST if is_protected(complaint) else SHOWN
    if viewer.can_work_unit(complaint["unit"]) and not is_protected(complaint):
        return SHOWN
    return HIDDEN


def public_on_board(complaint: dict[str, Any]) -> bool:
    """Rahasia reports are never published; unverified and archived ones are not either."""
    return not complaint["is_confidential"] and complaint["status"] not in ("received", "needs_info", "archived")
