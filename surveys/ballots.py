"""Open-mode SKM ballots, burst detection and quarantines (issue 21 item 2).

* **Ballot**: the open-mode form carries a hidden field with a ballot signed by the server
  (`period.issued.nonce.signature`, HMAC-SHA256 with the secret key). A submission needs a valid,
  unexpired (`PORTAL_SKM_BALLOT_HOURS`) ballot for that period; its nonce is stored in the response's
  UNIQUE `ballot` column, so a ballot is accepted once and refused on reuse, even under races. Plain
  HTML: no JavaScript needed.
* **Burst**: more than `PORTAL_SKM_BURST_COUNT` open-mode answers to one period within
  `PORTAL_SKM_BURST_MINUTES` put the whole window's open-mode answers on hold in a "burst" quarantine;
  so do answers sent less than `PORTAL_SKM_MIN_FILL_SECONDS` after the form was served.
* **Quarantine**: held responses leave the IKM, the counts and the PEKPPP figures until released. Staff
  of the unit quarantine a batch (period, channel, time window) with a reason; staff release a
  quarantine with a reason. Both are audited.

This module holds the ballot's rules; the burst hold and the quarantines are written by
surveys.services.quarantines, the counts read by surveys.queries.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from portal.i18n import N_, _
from portal.settings import get_settings
from surveys.errors import SurveyError
from surveys.periods import now

CHANNEL_LABELS = {
    "web": N_("Kode pada bukti layanan"),
    "complaint": N_("Undangan setelah pengaduan selesai"),
    "open": N_("Terbuka (tanpa kode)"),
    "paper": N_("Kuesioner kertas (dientri petugas)"),
}


class BallotRefused(SurveyError):
    pass


def _signature(payload: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"skm-ballot:{payload}".encode(), hashlib.sha256).hexdigest()[:32]


def issue_ballot(period_id: int, at: datetime | None = None) -> str:
    issued = int((at or now()).timestamp())
    payload = f"{period_id}.{issued}.{secrets.token_urlsafe(18)}"
    return f"{payload}.{_signature(payload)}"


@dataclass(frozen=True, slots=True)
class Ballot:
    nonce: str
    issued_at: datetime


def check_ballot(raw: str, period_id: int, at: datetime | None = None) -> Ballot:
    """The ballot's nonce and issue time; BallotRefused when it is missing, forged, for another period
    or expired."""
    refused = BallotRefused(_("Formulir survei ini tidak sah atau sudah kedaluwarsa. Buka kembali formulir survei."))
    parts = (raw or "").strip().split(".")
    if len(parts) != 4 or not parts[1].isdigit():
        raise refused
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(parts[3], _signature(payload)) or parts[0] != str(period_id):
        raise refused
    issued_at = datetime.fromtimestamp(int(parts[1]), UTC)
    moment = at or now()
    if issued_at > moment + timedelta(minutes=5) or moment - issued_at > timedelta(
        hours=get_settings().skm_ballot_hours
    ):
        raise refused
    return Ballot(nonce=parts[2], issued_at=issued_at)


def valid_or_new(raw: str, period_id: int) -> str:
    """The submitted ballot when still valid (re-shown after a form error), else a fresh one."""
    try:
        check_ballot(raw, period_id)
    except BallotRefused:
        return issue_ballot(period_id)
    return raw


# --- counts per mode ----------------------------------------------------------------------------------


def mode_lines(counts: dict[str, Any]) -> list[tuple[str, int]]:
    """(label, count) per channel, then the held responses; for pages and exports."""
    lines = [(_(CHANNEL_LABELS.get(channel, channel)), n) for channel, n in counts["modes"].items()]
    lines.append((_("Dikarantina (tidak dihitung)"), counts["held"]))
    return lines
