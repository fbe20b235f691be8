"""The SKM answer form: validating a questionnaire (every unsur answered, optional profile and service)
and the device identity of open mode. The answer is stored by surveys.services.responses."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from portal.forms import FormValidator
from portal.i18n import _
from portal.settings import get_settings
from surveys.queries import extra_unsur, services_of
from surveys.questionnaire import PROFILE_CHOICES, STANDARD_CODES

ANSWER_CHOICES = ("1", "2", "3", "4")
HONEYPOT_FIELD = "situs_web"


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
