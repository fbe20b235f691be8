"""Recording answers: the one-response-per-token/complaint/device/ballot rule, the burst hold and the
audit of paper entry, in one transaction."""

from __future__ import annotations

from typing import Any

from portal import audit
from portal.db import write_transaction
from portal.i18n import _
from surveys.errors import SurveyError
from surveys.periods import now
from surveys.responses import ParsedResponse, device_hash
from surveys.services.quarantines import hold_burst
from surveys.tables import SurveyExtraAnswer, SurveyResponse, SurveyToken


class AlreadyAnswered(SurveyError):
    pass


def _is_unique_violation(exc: Exception) -> bool:
    text = f"{type(exc).__name__} {exc}".lower()
    return "unique" in text or "integrity" in text


async def record_response(
    period: dict[str, Any],
    parsed: ParsedResponse,
    *,
    channel: str,
    token_id: int | None = None,
    device: str = "",
    ballot: Any = None,
    entered_by: Any = None,
    request: Any = None,
) -> int:
    """Stores one response. Raises AlreadyAnswered when the token (or complaint, or device in open
    mode) already answered; the database's unique token column makes the rule hold under races."""
    if not period["accepting"]:
        raise SurveyError(_("Periode survei ini sudah ditutup."))
    hashed_device = device_hash(device) if device else ""
    if channel == "open" and ballot is None:
        raise SurveyError(_("Formulir survei ini tidak sah atau sudah kedaluwarsa. Buka kembali formulir survei."))
    submitted = now()
    try:
        async with write_transaction():
            if token_id is not None:
                token = await SurveyToken.select(SurveyToken.used_at).where(SurveyToken.id == token_id).first()
                if token is None or token["used_at"] is not None:
                    raise AlreadyAnswered(_("Kode survei ini sudah dipakai. Setiap kode hanya untuk satu jawaban."))
            if hashed_device and await SurveyResponse.exists().where(
                (SurveyResponse.period == period["id"]) & (SurveyResponse.device_hash == hashed_device)
            ):
                raise AlreadyAnswered(_("Perangkat ini sudah mengirim jawaban untuk periode ini. Terima kasih."))
            rows = await SurveyResponse.insert(
                SurveyResponse(
                    period=period["id"],
                    unit=period["unit"],
                    service=parsed.service_id,
                    channel=channel,
                    token=token_id,
                    device_hash=hashed_device,
                    suggestion=parsed.suggestion,
                    ballot=ballot.nonce if ballot else None,
                    submitted_at=submitted,
                    entered_by=entered_by.id if entered_by else None,
                    **parsed.answers,
                    **parsed.profile,
                )
            ).returning(SurveyResponse.id)
            response_id = rows[0]["id"]
            if parsed.extra:
                await SurveyExtraAnswer.insert(
                    *(SurveyExtraAnswer(response=response_id, unsur=uid, value=v) for uid, v in parsed.extra.items())
                )
            if token_id is not None:
                await SurveyToken.update({SurveyToken.used_at: now()}).where(SurveyToken.id == token_id)
            if ballot is not None:
                await hold_burst(period["id"], response_id, ballot, submitted)
            if entered_by is not None:
                await audit.record(
                    "skm_paper_entry",
                    "survey_response",
                    response_id,
                    actor=entered_by,
                    unit_id=period["unit"],
                    after={"period": period["id"], **parsed.answers},
                    request=request,
                )
    except SurveyError:
        raise
    except Exception as exc:
        if _is_unique_violation(exc) and ballot is not None:
            raise AlreadyAnswered(_("Formulir ini sudah dipakai untuk mengirim jawaban. Terima kasih.")) from exc
        if _is_unique_violation(exc):
            raise AlreadyAnswered(_("Kode survei ini sudah dipakai. Setiap kode hanya untuk satu jawaban.")) from exc
        raise
    return response_id
