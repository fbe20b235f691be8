"""Shaping for templates: the questionnaire as templates render it, choice labels, period summaries."""

from __future__ import annotations

from typing import Any

from portal.i18n import _, get_language
from surveys.f03 import localised_question
from surveys.queries import extra_unsur, services_of
from surveys.questionnaire import CHANNELS, MEDIA, PERIOD_TYPES, PROFILE_CHOICES, STANDARD_UNSUR


async def questionnaire_context(period: dict[str, Any]) -> dict[str, Any]:
    """Everything the form partial needs: the questions (9 + added), profile choices, services."""
    if period.get("kind") == "f03":
        language = get_language()
        questions = [localised_question(row, language) for row in await extra_unsur(period["id"])]
        profile = {name: [(code, _(label)) for code, label in choices] for name, choices in PROFILE_CHOICES.items()}
        return {
            "questions": questions,
            "profile": profile,
            "services": await services_of(period["unit"]),
            "scale_max": max((len(q["labels"]) for q in questions), default=4),
            "f03": True,
        }
    questions = [
        {"code": u.code, "name": _(u.name), "question": _(u.question), "labels": [_(label) for label in u.labels]}
        for u in STANDARD_UNSUR
    ]
    for row in await extra_unsur(period["id"]):
        questions.append(
            {
                "code": row["code"],
                "name": row["name"],
                "question": row["question"],
                "labels": [_(label) for label in row["labels"]],
            }
        )
    profile = {name: [(code, _(label)) for code, label in choices] for name, choices in PROFILE_CHOICES.items()}
    return {"questions": questions, "profile": profile, "services": await services_of(period["unit"])}


def period_type_label(code: str) -> str:
    return _(dict(PERIOD_TYPES).get(code, code))


def channel_label(code: str) -> str:
    return _(dict(CHANNELS).get(code, code))


def medium_label(code: str) -> str:
    return _(dict(MEDIA).get(code, code))


def label_helpers() -> dict[str, Any]:
    return {
        "period_type_label": period_type_label,
        "channel_label": channel_label,
        "medium_label": medium_label,
        "media_choices": [(code, _(label)) for code, label in MEDIA],
        "period_types": [(code, _(label)) for code, label in PERIOD_TYPES],
    }
