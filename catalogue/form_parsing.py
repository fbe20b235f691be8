"""Read the staff forms of the catalogue into plain dicts for the services, with field-level errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from catalogue.queries import INTERNAL_VERSION_FIELDS, PUBLIC_VERSION_FIELDS, local_today
from catalogue.services.common import slugify
from portal.forms import FormValidator
from portal.i18n import _
from portal.tables import DurationUnit, UnitType

DURATION_UNITS = tuple(u.value for u in DurationUnit)
UNIT_TYPES = tuple(t.value for t in UnitType)
MAX_FEE = 1_000_000_000
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(slots=True)
class ParsedForm:
    values: dict[str, Any]
    errors: dict[str, str]
    service: dict[str, Any]
    version: dict[str, Any]

    @property
    def ok(self) -> bool:
        return not self.errors


def _fee(form: Any, validator: FormValidator) -> int | None:
    """Accepts '50000', '50.000', 'Rp 50.000', 'Rp50.000,-' and 'gratis' (= 0)."""
    raw = str(form.get("fee_amount") or "").strip()
    if raw.lower() in {"gratis", "free"}:
        validator.values["fee_amount"] = 0
        return 0
    cleaned = re.sub(r"(,-|,00)$", "", re.sub(r"(?i)^rp\.?\s*", "", raw))
    probe = FormValidator({"fee_amount": cleaned})
    value = probe.integer("fee_amount", required=True, minimum=0, maximum=MAX_FEE)
    validator.values["fee_amount"] = value
    validator.errors.update(probe.errors)
    return value


def parse_service_form(form: Any, *, is_new: bool) -> ParsedForm:
    v = FormValidator(form)
    name = v.text("name", required=True, max_length=200, min_length=3)
    slug = v.text("slug", max_length=120).lower()
    if slug and not SLUG_RE.match(slug):
        v.errors["slug"] = _("Gunakan huruf kecil, angka, dan tanda hubung saja (contoh: akta-kelahiran).")
    summary = v.text("summary", max_length=1000)
    v.lines("requirements", required=True, max_items=40)
    v.lines("procedure", required=True, max_items=40)
    v.integer("duration_value", required=True, minimum=1, maximum=3650)
    v.choice("duration_unit", DURATION_UNITS)
    fee = _fee(form, v)
    v.text("fee_note", max_length=200)
    fee_basis = v.text("fee_legal_basis", max_length=2000)
    if fee and fee > 0 and not fee_basis and "fee_amount" not in v.errors:
        v.errors["fee_legal_basis"] = _("Layanan berbayar wajib mencantumkan dasar hukum tarifnya (misalnya Perda).")
    v.text("product", required=True, max_length=2000)
    v.text("complaint_handling", required=True, max_length=2000)
    for name_ in INTERNAL_VERSION_FIELDS:
        v.text(name_, max_length=4000)
    adopted_on = v.date("adopted_on")
    v.text("decree_number", max_length=120)
    reviewed_on = v.date("reviewed_on")
    v.date("effective_from", required=True)
    v.text("change_note", required=not is_new, max_length=1000)
    accepts = v.boolean("accepts_complaints")
    featured = v.boolean("featured")
    today = local_today()
    for field_name, value in (("adopted_on", adopted_on), ("reviewed_on", reviewed_on)):
        if isinstance(value, date) and value > today:
            v.errors[field_name] = _("Tanggal ini tidak boleh di masa depan.")
    if isinstance(adopted_on, date) and isinstance(reviewed_on, date) and reviewed_on < adopted_on:
        v.errors["reviewed_on"] = _("Tanggal peninjauan tidak boleh sebelum tanggal penetapan.")
    service = {
        "name": name,
        "slug": slug or slugify(name),
        "summary": summary,
        "accepts_complaints": accepts,
        "featured": featured,
    }
    version = {
        key: v.values[key]
        for key in (
            *PUBLIC_VERSION_FIELDS,
            *INTERNAL_VERSION_FIELDS,
            "adopted_on",
            "decree_number",
            "reviewed_on",
            "effective_from",
            "change_note",
        )
    }
    return ParsedForm(values=v.values, errors=v.errors, service=service, version=version)


def version_form_values(service: dict[str, Any], version: dict[str, Any] | None) -> dict[str, Any]:
    """Pre-fill the edit form from the latest version (lists as one item per line)."""
    values: dict[str, Any] = {
        "name": service["name"],
        "slug": service["slug"],
        "summary": service["summary"],
        "accepts_complaints": service["accepts_complaints"],
        "featured": service.get("featured", False),
    }
    if version:
        values.update({k: val for k, val in version.items() if k not in {"id", "service", "created_at", "created_by"}})
    values["effective_from"] = max(local_today(), version["effective_from"]) if version else local_today()
    values["change_note"] = ""
    return values


def parse_channels(text: str) -> list[dict[str, str]]:
    """'SP4N-LAPOR!: https://lapor.go.id' lines -> [{"label": ..., "value": ...}]."""
    channels = []
    for line in text.splitlines():
        line = line.strip(" -•\t")
        if not line:
            continue
        label, sep, value = line.partition(":")
        if sep and value.strip() and not label.strip().lower().startswith("http"):
            channels.append({"label": label.strip(), "value": value.strip()})
        else:
            channels.append({"label": line, "value": ""})
    return channels


def channels_text(channels: list[dict[str, str]]) -> str:
    return "\n".join(f"{c['label']}: {c['value']}" if c.get("value") else c["label"] for c in channels or [])


def parse_unit_form(form: Any) -> FormValidator:
    v = FormValidator(form)
    v.text("name", required=True, max_length=200, min_length=3)
    v.choice("unit_type", UNIT_TYPES)
    v.text("address", required=True, max_length=1000)
    v.text("opening_hours", required=True, max_length=1000)
    v.text("phone", max_length=50)
    v.email("email")
    website = v.text("website", max_length=200)
    if website and not website.startswith(("https://", "http://")):
        v.errors["website"] = _("Alamat situs harus diawali https://")
    raw_channels = v.text("complaint_channels", max_length=3000)
    channels = parse_channels(raw_channels)
    if not channels:
        v.errors["complaint_channels"] = _("Cantumkan paling sedikit satu saluran pengaduan.")
    elif len(channels) > 15:
        v.errors["complaint_channels"] = _("Paling banyak %(n)d baris.") % {"n": 15}
    v.values["complaint_channels"] = channels
    return v


def parse_maklumat_form(form: Any) -> FormValidator:
    v = FormValidator(form)
    v.text("text", required=True, max_length=4000, min_length=20)
    adopted_on = v.date("adopted_on", required=True)
    if isinstance(adopted_on, date) and adopted_on > local_today():
        v.errors["adopted_on"] = _("Tanggal ini tidak boleh di masa depan.")
    v.text("signed_by", required=True, max_length=200)
    v.text("decree_number", max_length=120)
    return v


def parse_unit_registration_form(form: Any, *, is_new: bool) -> FormValidator:
    """The admin's unit form: name, slug (new units only; from the name when empty), type, parent agency,
    published."""
    v = FormValidator(form)
    name = v.text("name", required=True, max_length=200, min_length=3)
    if is_new:
        slug = v.text("slug", max_length=80).lower() or slugify(name)[:80]
        v.values["slug"] = slug
        if not slug or not SLUG_RE.match(slug):
            v.errors["slug"] = _("Gunakan huruf kecil, angka, dan tanda hubung saja (contoh: akta-kelahiran).")
    v.choice("unit_type", UNIT_TYPES)
    v.text("parent_agency", max_length=200)
    v.boolean("published")
    return v
