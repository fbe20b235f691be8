"""SP4N-LAPOR! status values of both export styles, their portal status and their order (docs/lapor-import.md).

Title Case exports have one detailed column ("Status Laporan"); snake_case exports have `status` (the
detailed value, when present) and `status_final` (Selesai / Diproses / Menunggu). The detailed value wins
when it is known; `status_final` decides otherwise. A report only moves forward in STAGES; an import never
moves it back unless its file is newer than the one that set the stored status.
"""

from __future__ import annotations

from dataclasses import dataclass

from complaints.states import S

# Stages, in the order a report goes through LAPOR!.
WAITING, NEEDS_INFO, VERIFIED, IN_PROCESS, FINISHED = 0, 1, 2, 3, 4

# Exact values (lower case) -> (portal status, stage, closed_by). Prefixes below cover the families.
EXACT: dict[str, tuple[str, int]] = {
    "belum terverifikasi": (S.received, WAITING),
    "menunggu": (S.received, WAITING),  # status_final
    "menunggu verifikasi": (S.received, WAITING),
    "menunggu kelengkapan informasi": (S.needs_info, NEEDS_INFO),
    "terverifikasi": (S.verified, VERIFIED),
    "sudah terverifikasi": (S.verified, VERIFIED),
    "diproses": (S.routed, IN_PROCESS),  # status_final
    "sedang diproses": (S.routed, IN_PROCESS),
    "didisposisikan": (S.routed, IN_PROCESS),
    "selesai": (S.closed, FINISHED),  # status_final
}
PREFIXES: tuple[tuple[str, str, int], ...] = (
    ("ditutup", S.closed, FINISHED),  # Ditutup oleh Admin / Pelapor / Sistem
    ("diarsipkan", S.archived, FINISHED),  # Diarsipkan oleh Admin / Pelapor / Sistem
)
# The values the system admin can pick when recording LAPOR! facts from a document.
LAPOR_STATUS_CHOICES = (
    "Belum Terverifikasi",
    "Menunggu Kelengkapan Informasi",
    "Terverifikasi",
    "Diproses",
    "Ditutup oleh Admin",
    "Ditutup oleh Pelapor",
    "Ditutup oleh Sistem",
    "Diarsipkan oleh Admin",
    "Diarsipkan oleh Pelapor",
    "Diarsipkan oleh Sistem",
)
# SQL predicate on complaint.lapor_status for "resolved in SP4N-LAPOR!" (PEKPPP): Ditutup... or Selesai.
RESOLVED_SQL = "(c.lapor_status LIKE 'Ditutup%' OR c.lapor_status = 'Selesai')"


@dataclass(frozen=True)
class MappedStatus:
    status: str
    stage: int
    closed_by: str = ""
    archive_reason: str = ""
    known: bool = True


def _lookup(value: str) -> tuple[str, int] | None:
    lowered = " ".join(value.strip().lower().split())
    if not lowered:
        return None
    if lowered in EXACT:
        return EXACT[lowered]
    for prefix, status, stage in PREFIXES:
        if lowered.startswith(prefix):
            return status, stage
    return None


def effective_value(status: str, status_final: str) -> str:
    """The LAPOR! status text kept for a row: the detailed value when known, else status_final, else status."""
    if _lookup(status):
        return status.strip()
    if _lookup(status_final):
        return status_final.strip()
    return (status or status_final).strip()


def map_status(value: str, reason: str = "", *, has_unit: bool) -> MappedStatus:
    found = _lookup(value)
    if found is None:  # kept, never fails: in process at the unit when it is known
        return MappedStatus(S.routed if has_unit else S.received, IN_PROCESS, known=False)
    status, stage = found
    if status == S.routed and not has_unit:
        status = S.received
    if status == S.closed:
        return MappedStatus(status, stage, closed_by="lapor")
    if status == S.archived:
        lowered = reason.lower()
        expired = any(word in lowered for word in ("kadaluarsa", "kedaluwarsa", "kadaluwarsa"))
        return MappedStatus(status, stage, archive_reason="kedaluwarsa" if expired else "tidak_jelas")
    return MappedStatus(status, stage)


def stage_of(value: str) -> int:
    found = _lookup(value)
    return found[1] if found else IN_PROCESS


def is_known(value: str) -> bool:
    return _lookup(value) is not None
