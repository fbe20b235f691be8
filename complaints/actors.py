"""Who acts on a complaint: a staff user, the reporter (by private link), the system or an import."""

from __future__ import annotations

from dataclasses import dataclass

from portal.security import CurrentUser


@dataclass(frozen=True, slots=True)
class Actor:
    role: str
    id: int | None = None
    name: str = ""
    unit_id: int | None = None
    user: CurrentUser | None = None

    @classmethod
    def staff(cls, user: CurrentUser) -> Actor:
        return cls(role=user.role, id=user.id, name=user.full_name or user.username, unit_id=user.unit_id, user=user)


REPORTER = Actor(role="reporter", name="Pelapor")
SYSTEM = Actor(role="system", name="Sistem")
