"""Recording answers: form validation and the one-response-per-token/complaint rule."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from portal import audit
from portal.db import write_transaction
from portal.forms import FormValidator
from portal.i18n import _
from portal.settings import get_settings
from surveys.periods import SurveyError, extra_unsur, now, services_of
from surveys.questionnaire import PROFILE_CHOICES, STANDARD_CODES
from surveys.tables import SurveyExtraAnswer, SurveyResponse, SurveyToken

ANSWER_CHOICES = ("1", "2", "3", "4")
HONEYPOT_FIELD = "situs_web"


class AlreadyAnswered(SurveyError):
    pass


@dataclass
class ParsedResponse:
    answers: dict[str, int] = field(default_factory=dict)
    extra: dict[int, int] = field(default_factory=dict)  # SurveyExtraUnsur id -> answer
    profile: dict[str, str] = field(default_factory=dict)
    service_id: int | None = None
    suggestion: str = ""


async def parse_response_form(form: Any, period: dict[str, Any]) -> tuple[ParsedResponse, FormValidator]:
    """Validates a questionnaire; every unsur needs an answer 1–4, the profile is optional."""
    validator = FormValidator(form)
    parsed = ParsedResponse()
    # An F-03 period (surveys/f03.py) asks only its own questions; the SKM columns u1..u9 stay 0.
    for code in STANDARD_CODES if period.get("kind", "skm") == "skm" else ():
        value = validator.choice(code, ANSWER_CHOICES)
        if code in validator.errors:
            validator.errors[code] = _("Pilih salah satu jawaban.")
        else:
            parsed.answers[code] = int(value)
    for unsur in await extra_unsur(period["id"]):
        name = unsur["code"]
        value = validator.choice(name, [str(n) for n in range(1, len(unsur["labels"] or ANSWER_CHOICES) + 1)])
        if name in validator.errors:
            validator.errors[name] = _("Pilih salah satu jawaban.")
        else:
            parsed.extra[unsur["id"]] = int(value)
    for name, choices in PROFILE_CHOICES.items():
        parsed.profile[name] = validator.choice(name, [c for c, _label in choices], required=False)
    services = await services_of(period["unit"])
    if services:
        chosen = validator.choice("service", [str(s["id"]) for s in services], required=False)
        parsed.service_id = int(chosen) if chosen else None
    parsed.suggestion = validator.text("suggestion", max_length=2000)
    if validator._raw(HONEYPOT_FIELD):
        validator.errors["__all__"] = _("Jawaban tidak dapat diterima.")
    return parsed, validator


def device_hash(device_id: str) -> str:
    secret = get_settings().secret_key
    return hashlib.sha256(f"{secret}:skm-device:{device_id}".encode()).hexdigest()


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
                from surveys.ballots import hold_burst

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
