"""Who may see the reporter's identity (docs/complaints.md, privacy matrix).

* fully anonymous (identity_stored=False): nothing is stored, nobody sees anything;
* normal: the routed unit's officers and admins and the system admin;
* anonim and/or rahasia: only the system admin, on request, and every such view is audited;
* the public, evaluators and other units' staff never see it.
"""

from __future__ import annotations

from typing import Any

from complaints import states
from complaints.redaction import redact, self_named
from portal.security import CurrentUser
from portal.uploads import extension_for

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
    return not complaint["is_confidential"] and complaint["status"] not in states.HIDDEN


# --- per-viewer views of the private text ---------------------------------------------------------
#
# The identity columns are not the only place a reporter can be recognised: the description, the
# reporter's own notes, the rating comment and the attachment file names ("KTP_<name>_<NIK>.jpg") name
# them too. A viewer who may not see the identity (identity_access() is not SHOWN) gets the case with
# those texts masked (complaints.redaction, the same rules as the public copy) and neutral file names.
# The original is shown only when identity_access() is SHOWN, or to the system admin after an audited
# "show identity" with a reason (complaints.web.staff identity_reveal). The location stays as typed: the unit
# needs it to act (the public gets the coarse public copy).

MIN_REVEAL_REASON = 10


def sees_original(complaint: dict[str, Any], viewer: CurrentUser | None) -> bool:
    """Whether `viewer` may read the case's private text as written (not masked)."""
    return identity_access(complaint, viewer) == SHOWN


def neutral_attachment_name(position: int, content_type: str) -> str:
    """ "Lampiran 1.jpg": the file name shown instead of the uploader's (which may carry a name or NIK)."""
    return f"Lampiran {position}.{extension_for(content_type)}"


def reporter_names(row: dict[str, Any]) -> list[str]:
    """The names to mask in a case's texts: the reporter's, and any they introduced in the description."""
    named = [row["reporter_name"]] if row.get("reporter_name") else []
    return named + self_named(row.get("description") or "")


def masked_case(row: dict[str, Any]) -> dict[str, Any]:
    """A copy of a case (queries.case) as a viewer without access to the identity may see it."""
    names = reporter_names(row)

    def mask(text: str) -> str:
        return redact(text or "", names)

    view = {
        **row,
        "reporter_name": "",
        "reporter_email": "",
        "reporter_phone": "",
        "reporter_whatsapp": "",
        "title": mask(row.get("title", "")),
        "description": mask(row.get("description", "")),
        "rating_comment": mask(row.get("rating_comment", "")),
    }
    if "events" in row:
        view["events"] = [{**e, "note": mask(e.get("note", ""))} for e in row["events"]]
    if "attachments" in row:
        view["attachments"] = [
            {**a, "original_name": neutral_attachment_name(i, a.get("content_type", ""))}
            for i, a in enumerate(row["attachments"], start=1)
        ]
    return view


def case_for_viewer(row: dict[str, Any], viewer: CurrentUser | None, *, revealed: bool = False) -> dict[str, Any]:
    """The case as `viewer` may see it; `revealed` = the system admin's audited "show identity"."""
    if revealed or sees_original(row, viewer):
        return row
    return masked_case(row)


def list_row_for_viewer(row: dict[str, Any], viewer: CurrentUser | None) -> dict[str, Any]:
    """An inbox/triage row: its title masked unless the viewer sees the original; identity never listed."""
    shown = row if sees_original(row, viewer) else {**row, "title": redact(row["title"] or "", reporter_names(row))}
    return {k: v for k, v in shown.items() if k not in ("reporter_name", "description")}
