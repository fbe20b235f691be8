"""Which portal unit an SP4N-LAPOR! row was disposed to: the agency AND the government (docs/lapor-import.md).

An export names agencies with their government ("Dinas Perhubungan Kota Bandung", "Dinas Pertanian Kab.
Bandung") or only the government in "Instansi Induk" ("Pemerintah Kabupaten Bandung"). A row matches a
unit only when the agency part is the unit's name (or an alias) and the government is the unit's: the
region in the unit's name, else its parent agency, else the portal's government (the aliases file's
`government`, else PORTAL_GOVERNMENT). Anything else is left without a unit, with a reason, for triage.

Aliases file (TOML, PORTAL_LAPOR_ALIASES or `portal lapor import --aliases FILE`):

    government = "Kabupaten Sukamaju"          # this portal's government
    [units]                                     # export name (with or without government) -> unit slug
    "Dinas Kependudukan dan Catatan Sipil" = "disdukcapil"
    "Disdukcapil Kab. Sukamaju" = "disdukcapil"
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal.i18n import _

UNKNOWN_AGENCY_VALUES = {"tidak diketahui", "tidak_diketahui", "-", "n a", "na", "null", "none", "unknown"}
# (pattern, replacement) applied to the lower-cased, punctuation-free text, in order.
_ABBREVIATIONS = (
    (r"\bpemkab\b", "pemerintah kabupaten"),
    (r"\bpemkot\b", "pemerintah kota"),
    (r"\bpemprov\b", "pemerintah provinsi"),
    (r"\bkab\b", "kabupaten"),
    (r"\bkot\b", "kota"),
    (r"\bprov\b", "provinsi"),
)
_REGION_WORD_RE = re.compile(r"\b(kabupaten|kota|provinsi)\s+(?=\S)")


class AliasFileError(Exception):
    """The aliases file cannot be used; str(exc) is a message for the user."""


def normalize(name: str) -> str:
    value = re.sub(r"[^\w]+", " ", (name or "").lower(), flags=re.UNICODE)
    value = " ".join(value.split())
    for pattern, replacement in _ABBREVIATIONS:
        value = re.sub(pattern, replacement, value)
    return value


def is_unknown(name: str) -> bool:
    return normalize(name) in UNKNOWN_AGENCY_VALUES or not normalize(name)


def split_region(name: str) -> tuple[str, str]:
    """'Dinas Perhubungan Kota Bandung' -> ('dinas perhubungan', 'kota bandung'); no region -> (agency, '')."""
    value = normalize(name)
    matches = list(_REGION_WORD_RE.finditer(value))
    if not matches:
        return value, ""
    last = matches[-1]  # "dinas tata kota kabupaten bandung": the government is the last region
    agency = value[: last.start()].strip()
    agency = re.sub(r"(?:^|\s)pemerintah$", "", agency).strip()
    return agency, value[last.start() :].strip()


def government_of(name: str) -> str:
    return split_region(name)[1]


@dataclass(frozen=True)
class Aliases:
    government: str = ""
    units: dict[str, str] = field(default_factory=dict)  # normalised export name -> unit slug


def load_aliases(path: Path | str | None) -> Aliases:
    if not path:
        return Aliases()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AliasFileError(_("Berkas alias unit tidak dapat dibaca: %(error)s") % {"error": str(exc)[:200]}) from exc
    units = data.get("units", {})
    government = data.get("government", "")
    if (
        not isinstance(units, dict)
        or not isinstance(government, str)
        or not all(isinstance(v, str) for v in units.values())
    ):
        raise AliasFileError(_("Berkas alias unit tidak valid: 'government' berupa teks, [units] berisi nama = slug."))
    return Aliases(government=government, units={normalize(k): v for k, v in units.items()})


@dataclass(frozen=True)
class Match:
    unit_id: int | None
    reason: str = ""  # why there is no unit (empty when matched or when the row names no agency)
    agency: str = ""  # the agency as named in the export, for the run's summary of unknown agencies


class UnitMatcher:
    """Finds the portal unit of an export row by agency and government."""

    def __init__(self, units: Iterable[Mapping[str, Any]], *, government: str = "", aliases: Aliases | None = None):
        aliases = aliases or Aliases()
        self.government = government_of(aliases.government or government) or normalize(aliases.government or government)
        self.by_agency: dict[str, list[tuple[int, str]]] = {}
        slug_to_id: dict[str, int] = {}
        for unit in units:
            slug_to_id[unit.get("slug", "")] = unit["id"]
            agency, region = split_region(unit["name"])
            unit_government = region or government_of(unit.get("parent_agency") or "") or self.government
            self.by_agency.setdefault(agency, []).append((unit["id"], unit_government))
        self.aliases: dict[str, int] = {}
        self.unknown_alias_slugs = sorted({slug for slug in aliases.units.values() if slug not in slug_to_id})
        for name, slug in aliases.units.items():
            if slug in slug_to_id:
                self.aliases[name] = slug_to_id[slug]

    def find(self, agency_name: str, parent_name: str = "") -> Match:
        if is_unknown(agency_name):
            return Match(None)
        full = normalize(agency_name)
        if full in self.aliases:
            return Match(self.aliases[full])
        agency, region = split_region(agency_name)
        region = region or (government_of(parent_name) if not is_unknown(parent_name) else "")
        alias_key = agency if not region or region == self.government else None
        if alias_key is not None and alias_key in self.aliases:
            return Match(self.aliases[alias_key])
        candidates = self.by_agency.get(agency, [])
        if not candidates:
            return Match(None, _('Instansi "%(agency)s" tidak dikenal.') % {"agency": agency_name[:120]}, agency_name)
        if region:
            same = [unit_id for unit_id, government in candidates if government == region]
        else:  # the row names no government: only an unambiguous agency of this portal
            same = [unit_id for unit_id, _government in candidates]
        if len(same) == 1:
            return Match(same[0])
        if not same:
            return Match(
                None,
                _('Instansi "%(agency)s" milik pemerintah lain (%(region)s).')
                % {"agency": agency_name[:120], "region": region.title()},
                agency_name,
            )
        return Match(
            None,
            _('Instansi "%(agency)s" cocok dengan lebih dari satu unit.') % {"agency": agency_name[:120]},
            agency_name,
        )
