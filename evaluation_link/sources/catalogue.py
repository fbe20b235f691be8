"""Facts about a unit's Standar Pelayanan, Maklumat and portal updates (read-only catalogue queries).

"Has all 14 components": every component is non-empty. Lists (requirements, procedure) need one item,
duration a positive value, texts a non-blank value. The fee component is complete when a tariff is
set with its legal basis (fee_amount > 0 and fee_legal_basis), or when a free service says so
explicitly (fee_amount = 0 and a fee_note or fee_legal_basis); a bare 0 is "not filled in".
The current version of a service is the highest version_no with effective_from ≤ the period end.
"""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta
from typing import Any

from evaluation_link.period import Period
from portal.formatting import LOCAL_TZ
from portal.tables import Maklumat, Service, ServiceVersion, Unit

TEXT_COMPONENTS = (
    "product",
    "complaint_handling",
    "legal_basis",
    "facilities",
    "competence",
    "internal_supervision",
    "staff_count",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
)
SERVICE_DELIVERY_TEXTS = ("product", "complaint_handling")
MAKLUMAT_PHRASES = ("standar pelayanan", "sanksi")


def _filled(value: Any) -> bool:
    if isinstance(value, list | tuple | dict):
        return len(value) > 0
    return bool(str(value or "").strip())


def fee_complete(version: dict[str, Any]) -> bool:
    amount = int(version.get("fee_amount") or 0)
    if amount > 0:
        return _filled(version.get("fee_legal_basis"))
    return _filled(version.get("fee_note")) or _filled(version.get("fee_legal_basis"))


def service_delivery_complete(version: dict[str, Any]) -> bool:
    return (
        _filled(version.get("requirements"))
        and _filled(version.get("procedure"))
        and int(version.get("duration_value") or 0) > 0
        and fee_complete(version)
        and all(_filled(version.get(name)) for name in SERVICE_DELIVERY_TEXTS)
    )


def missing_components(version: dict[str, Any]) -> list[str]:
    missing = [name for name in ("requirements", "procedure") if not _filled(version.get(name))]
    if int(version.get("duration_value") or 0) <= 0:
        missing.append("duration")
    if not fee_complete(version):
        missing.append("fee")
    missing += [name for name in TEXT_COMPONENTS if not _filled(version.get(name))]
    return missing


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value] if value.strip() else []
    return list(value or [])


def community_groups(value: Any) -> set[str]:
    """Distinct unsur masyarakat named in community_involvement (strings or {"unsur"/"group": ...})."""
    groups = set()
    for item in _as_list(value):
        if isinstance(item, dict):
            item = item.get("unsur") or item.get("group") or item.get("kind") or item.get("label") or ""
        text = str(item).strip().lower()
        if text:
            groups.add(text)
    return groups


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.astimezone(LOCAL_TZ).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


async def current_versions(unit_id: int, period: Period) -> tuple[list[dict[str, Any]], dict[int, dict[str, Any]]]:
    """The unit's services (created by the period end) and each one's current version, if any."""
    services = (
        await Service.select(
            Service.id, Service.slug, Service.name, Service.published, Service.updated_at, Service.created_at
        )
        .where((Service.unit == unit_id) & (Service.created_at < period.end_utc))
        .order_by(Service.id)
    )
    if not services:
        return [], {}
    versions = (
        await ServiceVersion.select()
        .where(
            ServiceVersion.service.is_in([s["id"] for s in services])
            & (ServiceVersion.effective_from <= period.last_day)
        )
        .order_by(ServiceVersion.version_no)
        .output(load_json=True)
    )
    current: dict[int, dict[str, Any]] = {}
    for version in versions:  # ascending version_no: the last one wins
        current[version["service"]] = version
    return services, current


async def standards_facts(unit_id: int, unit_slug: str, unit_published: bool, period: Period) -> dict[str, Any]:
    services, current = await current_versions(unit_id, period)
    end = period.last_day
    one_year, two_years = end - timedelta(days=365), end - timedelta(days=730)
    rows = []
    for service in services:
        version = current.get(service["id"])
        row: dict[str, Any] = {
            "service": service["name"],
            "url": f"/layanan/{unit_slug}/{service['slug']}",
            "staff_url": f"/staf/layanan/{service['id']}",
            "published": bool(service["published"] and unit_published and version is not None),
            "version_no": version["version_no"] if version else None,
        }
        if version:
            reviewed = _date(version.get("reviewed_on"))
            adopted = _date(version.get("adopted_on"))
            last_review = max((d for d in (reviewed, adopted) if d and d <= end), default=None)
            row.update(
                missing=missing_components(version),
                adopted=bool(adopted and adopted <= end),
                adopted_on=adopted.isoformat() if adopted else None,
                decree_number=version.get("decree_number") or "",
                reviewed_on=reviewed.isoformat() if reviewed else None,
                last_review=last_review.isoformat() if last_review else None,
                reviewed_1y=bool(last_review and last_review > one_year),
                reviewed_2y=bool(last_review and last_review > two_years),
                monitored=bool(reviewed and one_year < reviewed <= end),
                unsur=sorted(community_groups(version.get("community_involvement"))),
                sd_complete=service_delivery_complete(version),
            )
        rows.append(row)
    with_sp = [r for r in rows if r["version_no"] is not None]
    complete = [r for r in with_sp if not r["missing"]]
    adopted = [r for r in complete if r["adopted"]]
    involved = [r for r in adopted if r["unsur"]]
    return {
        "services": len(rows),
        "with_sp": len(with_sp),
        "complete_14": len(complete),
        "adopted": len(adopted),
        "involved": len(involved),
        "monitored": len([r for r in involved if r["monitored"]]),
        "min_unsur": min((len(r["unsur"]) for r in with_sp), default=0),
        "published": len([r for r in rows if r["published"]]),
        "published_complete": len([r for r in rows if r["published"] and r.get("sd_complete")]),
        "reviewed_1y": len([r for r in with_sp if r["reviewed_1y"]]),
        "reviewed_2y": len([r for r in with_sp if r["reviewed_2y"]]),
        "reviewed_any": len([r for r in with_sp if r["last_review"]]),
        "rows": rows,
    }


def maklumat_compliant(text: str, phrases: tuple[str, ...] | list[str] = MAKLUMAT_PHRASES) -> bool:
    """The pledge mentions the service standard and the readiness to accept sanctions."""
    lowered = (text or "").lower()
    return all(phrase in lowered for phrase in phrases)


async def maklumat_facts(
    unit_id: int, unit_slug: str, unit_published: bool, period: Period, phrases: list[str] | None = None
) -> dict[str, Any]:
    rows = (
        await Maklumat.select()
        .where((Maklumat.unit == unit_id) & (Maklumat.created_at < period.end_utc))
        .order_by(Maklumat.id, ascending=False)
    )
    if not rows:
        return {"exists": False}
    adopted_rows = [r for r in rows if _date(r["adopted_on"]) and _date(r["adopted_on"]) <= period.last_day]
    current = adopted_rows[0] if adopted_rows else rows[0]
    adopted_on = _date(current["adopted_on"])
    return {
        "exists": True,
        "adopted": bool(adopted_rows),
        "adopted_on": adopted_on.isoformat() if adopted_on else None,
        "decree_number": current["decree_number"],
        "signed_by": current["signed_by"],
        "compliant": maklumat_compliant(current["text"], tuple(phrases or MAKLUMAT_PHRASES)),
        "published_electronic": bool(current["published"] and unit_published),
        "published_non_electronic": None,
        "url": f"/unit/{unit_slug}",
    }


async def update_dates(unit_id: int, period: Period) -> list[date]:
    """Distinct local days in the period on which the unit's published information changed."""
    days: set[date] = set()
    in_period = Service.unit == unit_id
    services = await Service.select(Service.id, Service.updated_at).where(in_period)
    ids = [s["id"] for s in services]
    stamps = [s["updated_at"] for s in services]
    if ids:
        versions = await ServiceVersion.select(ServiceVersion.created_at).where(ServiceVersion.service.is_in(ids))
        stamps += [v["created_at"] for v in versions]
    makl = await Maklumat.select(Maklumat.created_at).where(Maklumat.unit == unit_id)
    stamps += [m["created_at"] for m in makl]
    unit = await Unit.select(Unit.updated_at).where(Unit.id == unit_id).first()
    if unit:
        stamps.append(unit["updated_at"])
    for stamp in stamps:
        day = _date(stamp)
        if day and period.first_day <= day <= period.last_day:
            days.add(day)
    return sorted(days)


def update_cadence(days: list[date], cutoff: date) -> dict[str, Any]:
    """Update days and the longest gap between consecutive updates (and from the last one to cutoff)."""
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    if days and cutoff >= days[-1]:
        gaps.append((cutoff - days[-1]).days)
    return {
        "update_days": len(days),
        "max_gap_days": max(gaps) if len(days) > 1 else None,
        "last_updates": [d.isoformat() for d in days[-5:]][::-1],
    }
