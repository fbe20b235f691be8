"""The classifier's learning loop on the portal side: corrections in, model history out.

``ml/`` stays framework-free (``ml.loop``, ``ml.registry``); this module reads officers' corrections,
records every model version the loop produced (``ClassifierModelVersion``, with an audit entry) and
measures the current model on the complaints officers confirmed or corrected.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from complaints.redaction import redact
from complaints.tables import ClassifierModelVersion, Complaint, TopicCorrection
from portal import audit
from portal.db import write_transaction
from portal.spreadsheets import csv_text
from portal.tables import Unit

HISTORY_LIMIT = 50


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


async def record_cycle(report: dict[str, Any]) -> None:
    """One row per cycle of ``ml.loop.retrain_cycle`` (promoted or not) and an audit entry."""
    candidate = report.get("candidate") or {}
    current = report.get("current") or {}
    figures = {
        "candidate": candidate,
        "current": current,
        "training": report.get("candidate_metadata") or {},
        "reasons": report.get("reasons") or [],
    }
    async with write_transaction():
        await ClassifierModelVersion.insert(
            ClassifierModelVersion(
                model_version=report["candidate_version"],
                event=report["decision"],
                previous_version=report.get("previous_version") or "",
                corpus_rows=int((report.get("candidate_metadata") or {}).get("corpus_rows") or 0),
                added_rows=int(report.get("added_rows") or 0),
                corrections_train=int(report.get("corrections_train") or 0),
                corrections_holdout=int(report.get("corrections_holdout") or 0),
                holdout_accuracy=_round(candidate.get("accuracy")),
                holdout_macro_f1=_round(candidate.get("macro_f1")),
                previous_accuracy=_round(current.get("accuracy")),
                previous_macro_f1=_round(current.get("macro_f1")),
                figures=figures,
                note="; ".join(report.get("reasons") or []),
                created_at=datetime.now(UTC),
            )
        )
        await audit.record(
            f"classifier_{report['decision']}",
            "classifier_model",
            report["candidate_version"],
            before={"model_version": report.get("previous_version")},
            after={"model_version": report["candidate_version"], "holdout": candidate.get("accuracy")},
        )


async def record_rollback(restored: str, replaced: str | None) -> None:
    async with write_transaction():
        await ClassifierModelVersion.insert(
            ClassifierModelVersion(
                model_version=restored,
                event="rolled_back",
                previous_version=replaced or "",
                figures={},
                note="portal ml rollback",
                created_at=datetime.now(UTC),
            )
        )
        await audit.record(
            "classifier_rolled_back",
            "classifier_model",
            restored,
            before={"model_version": replaced},
            after={"model_version": restored},
        )


async def model_history(limit: int = HISTORY_LIMIT) -> list[dict[str, Any]]:
    """The most recent records first."""
    return await ClassifierModelVersion.select().order_by(ClassifierModelVersion.id, ascending=False).limit(limit)


async def accuracy_on_corrections(model_version: str) -> dict[str, Any]:
    """How often ``model_version``'s topic was kept by the officer who confirmed or corrected it.

    Uses the first confirmation/correction of each complaint classified by that model (later ones
    compare with an officer's topic, not the model's). Overall and per handling unit.
    """
    rows = await (
        TopicCorrection.select(
            TopicCorrection.complaint_id, TopicCorrection.predicted_topic, TopicCorrection.corrected_topic
        )
        .where(TopicCorrection.model_version == model_version)
        .order_by(TopicCorrection.id)
    )
    first: dict[int, tuple[str, str]] = {}
    for row in rows:
        first.setdefault(row["complaint_id"], (row["predicted_topic"], row["corrected_topic"]))
    units: dict[int, int | None] = {}
    if first:
        for row in await Complaint.select(Complaint.id, Complaint.unit).where(Complaint.id.is_in(list(first))):
            units[row["id"]] = row["unit"]
    names = {row["id"]: row["name"] for row in await Unit.select(Unit.id, Unit.name)}
    per_unit: dict[int | None, list[bool]] = {}
    for complaint_id, (predicted, corrected) in first.items():
        per_unit.setdefault(units.get(complaint_id), []).append(predicted == corrected)
    hits = [hit for unit_hits in per_unit.values() for hit in unit_hits]
    return {
        "n": len(hits),
        "accuracy": (sum(hits) / len(hits)) if hits else None,
        "units": sorted(
            (
                {"unit": names.get(unit, "-") if unit else "-", "n": len(v), "accuracy": sum(v) / len(v)}
                for unit, v in per_unit.items()
            ),
            key=lambda r: (-r["n"], r["unit"]),
        ),
    }


async def corrections_for_export() -> list[tuple[str, str]]:
    """(masked text, topic) of every complaint's latest correction, identity masked with
    :func:`complaints.redaction.redact` (NIK, phone numbers, e-mails and the reporter's own name)."""
    rows = await TopicCorrection.select(
        TopicCorrection.complaint_id, TopicCorrection.text, TopicCorrection.corrected_topic
    ).order_by(TopicCorrection.id)
    latest: dict[int, tuple[str, str]] = {}
    for row in rows:
        latest[row["complaint_id"]] = (row["text"], row["corrected_topic"])
    names: dict[int, str] = {}
    if latest:
        for row in await Complaint.select(Complaint.id, Complaint.reporter_name).where(
            Complaint.id.is_in(list(latest))
        ):
            names[row["id"]] = row["reporter_name"] or ""
    return [(redact(text, [names.get(cid, "")]), topic) for cid, (text, topic) in latest.items()]


def corrections_csv(pairs: list[tuple[str, str]]) -> str:
    """`text,topic` CSV of masked corrections (cells a spreadsheet could evaluate are neutralised)."""
    return csv_text([("text", "topic"), *pairs])
