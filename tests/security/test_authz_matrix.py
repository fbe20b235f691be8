"""The authorisation matrix: every staff route x every role, allow or deny, and never across units.

Routes are discovered from the running app, so a new staff route is checked the moment it exists; a
route that no rule below classifies fails the test until its expected roles are written down here.
"""

from __future__ import annotations

import re

from tests.helpers import csrf_token, make_user
from tests.security.conftest import as_role
from tests.security.routes import ROLES, SAFE_METHODS, STAFF_ROLES, Endpoint, endpoints, fill

EVERY_STAFF = frozenset(STAFF_ROLES)
UNIT_WORKERS = frozenset({"unit_officer", "unit_admin", "system_admin"})
UNIT_MANAGERS = frozenset({"unit_admin", "system_admin"})
EVALUATORS = frozenset({"evaluator", "system_admin"})
READERS = frozenset({"unit_officer", "unit_admin", "evaluator", "system_admin"})

NOBODY_BY_SESSION: frozenset[str] = frozenset()  # bearer-token APIs: a staff session is not enough

# (path regex, methods or "*", roles allowed). The first matching rule wins.
RULES: list[tuple[str, str, frozenset[str]]] = [
    (r"^/staf/?$", "*", EVERY_STAFF),
    (r"^/api/v1/evaluation", "*", NOBODY_BY_SESSION),  # Authorization: Bearer <evaluator token>
    (r"^/staf/evaluasi", "*", EVALUATORS),
    (r"^/staf/bukti-evaluasi", "GET", READERS),
    (r"^/staf/penilaian-mandiri", "*", frozenset({"unit_admin"})),  # a unit's own self-assessment
    # PEKPPP follow-up (issue 15): the unit's results and plan (its admin plans), the government-wide view
    (r"^/staf/hasil-evaluasi/\{[^}]+\}/rekomendasi", "*", frozenset({"unit_admin"})),
    (r"^/staf/hasil-evaluasi", "*", frozenset({"unit_officer", "unit_admin"})),
    (r"^/staf/koordinasi-pekppp", "*", EVALUATORS),
    (r"^/staf/tindak-lanjut/\{[^}]+\}/bukti", "*", frozenset({"unit_officer", "unit_admin"})),
    (r"^/staf/tindak-lanjut/\{[^}]+\}/status", "*", READERS),  # the unit moves it, the evaluator verifies
    # administration: unit admins manage their own unit's accounts; the rest is for system admins
    (r"^/staf/admin/?$", "*", UNIT_MANAGERS),
    (r"^/staf/admin/pengguna", "*", UNIT_MANAGERS),
    (r"^/staf/admin/rute-topik$", "*", frozenset({"system_admin"})),  # topic -> unit routing (issue 20)
    (r"^/staf/(pengguna|akun|admin|hari-libur|lapor|sistem)", "*", frozenset({"system_admin"})),
    (r"^/staf/pengaduan/(triase|\{[^}]+\}/identitas)", "*", frozenset({"system_admin"})),
    (r"^/staf/pengaduan/\{[^}]+\}/lapor", "*", frozenset({"system_admin"})),  # LAPOR! facts: imports or sysadmin
    (r"^/staf/pengaduan/pengawasan", "*", EVALUATORS),
    # disputes for the supervising unit (PORTAL_SUPERVISING_UNIT; unset in these tests: system admins)
    (r"^/staf/pengaduan/sanggahan$", "GET", frozenset({"system_admin"})),
    (r"^/staf/pengaduan/pesan", "*", UNIT_WORKERS),  # messages to reporters: not for evaluators
    (r"^/staf/pengaduan", "GET", READERS),
    (r"^/staf/pengaduan", "*", UNIT_WORKERS),
    (r"^/staf/tenggat", "*", UNIT_MANAGERS),
    (r"^/staf/unit", "*", frozenset({"unit_admin"})),  # "my unit": a system admin has none (404)
    (r"^/staf/layanan/(baru|\{[^}]+\}/ubah)", "*", UNIT_MANAGERS),
    (r"^/staf/(layanan|maklumat|standar)", "GET", READERS),
    (r"^/staf/(layanan|maklumat|standar)", "*", UNIT_MANAGERS),
    (r"^/staf/survei/\{[^}]+\}/(entri|kode)", "*", UNIT_WORKERS),  # paper entry, receipt codes: the unit's officers too
    (r"^/staf/survei/baru", "*", UNIT_MANAGERS),
    (r"^/staf/survei/\{[^}]+\}/(entri|kode)", "*", UNIT_WORKERS),  # officers enter paper forms, issue codes
    (r"^/staf/survei", "GET", READERS),
    (r"^/staf/survei", "*", UNIT_MANAGERS),
]
UNIT_PARAMS = ("unit", "slug", "unit_slug", "unit_id")


async def add_unit_objects(client, world) -> None:
    """A service, a complaint and a survey period in each unit, so the {..._id} parameters point at real rows."""
    from datetime import date

    from complaints.tables import Complaint
    from portal.tables import Service, ServiceVersion
    from surveys.tables import SurveyPeriod

    plan = ((world.unit_a, world.values, "Jalan berlubang di depan sekolah dasar negeri"),
            (world.unit_b, world.values_b, "Sampah menumpuk tiga minggu di pasar lama"))  # fmt: skip
    for unit_id, values, seed in plan:
        service = await Service.insert(Service(unit=unit_id, slug=f"layanan-{unit_id}", name="Layanan uji",
                                               published=True)).returning(Service.id)  # fmt: skip
        await ServiceVersion.insert(ServiceVersion(service=service[0]["id"], version_no=1,
                                                   effective_from=date(2026, 1, 1)))  # fmt: skip
        period = await SurveyPeriod.insert(
            SurveyPeriod(unit=unit_id, year=2026, start_date=date(2026, 1, 1), end_date=date(2026, 12, 31))
        ).returning(SurveyPeriod.id)
        response = await client.post("/api/v1/complaints", json={"title": seed[:30], "description": seed,
                                                                 "unit_id": unit_id})  # fmt: skip
        assert response.status_code == 201, response.text
        code = response.json()["tracking_code"]
        complaint = await Complaint.select(Complaint.id, Complaint.unit).where(Complaint.tracking_code == code).first()
        if complaint.get("unit") != unit_id:  # routed elsewhere by the classifier: put it in this unit
            await Complaint.update({Complaint.unit: unit_id}).where(Complaint.id == complaint["id"])
        values.update(service_id=service[0]["id"], complaint_id=complaint["id"], period_id=period[0]["id"])
    # {user_id}: an officer of each unit (the admin pages act on it; never the acting admin's own account)
    world.values["user_id"] = await make_user("petugas.matriks.a", "unit_officer", world.unit_a)
    world.values_b["user_id"] = await make_user("petugas.matriks.b", "unit_officer", world.unit_b)


def allowed_roles(endpoint: Endpoint) -> frozenset[str] | None:
    for pattern, methods, roles in RULES:
        if re.search(pattern, endpoint.path) and (methods == "*" or endpoint.method in methods.split(",")):
            return roles
    return None


def staff_endpoints(app) -> list[Endpoint]:
    return [e for e in endpoints(app) if e.is_staff]


async def call(client, endpoint: Endpoint, url: str):
    if endpoint.method in SAFE_METHODS:
        return await client.request(endpoint.method, url)
    if endpoint.is_api:
        return await client.request(endpoint.method, url, json={})
    token = await csrf_token(client)
    return await client.request(endpoint.method, url, data={"_csrf_token": token})


def verdict(endpoint: Endpoint, response) -> str:
    status = response.status_code
    if status >= 500:
        return "5xx"
    if status == 401 or (status in (302, 303) and response.headers.get("location", "").startswith("/masuk")):
        return "login"
    if status in (403, 404):
        return "deny"
    return "allow"


async def test_every_staff_route_is_classified(app) -> None:
    unclassified = [str(e) for e in staff_endpoints(app) if allowed_roles(e) is None]
    assert not unclassified, "add an expectation to RULES for: " + ", ".join(unclassified)


async def test_authorisation_matrix(client, app, world) -> None:
    await add_unit_objects(client, world)
    table = staff_endpoints(app)
    failures: list[str] = []
    cells = 0
    for role in ROLES:
        await as_role(client, world, role)
        for endpoint in table:
            allowed = allowed_roles(endpoint) or frozenset()
            response = await call(client, endpoint, fill(endpoint, world.values))
            got = verdict(endpoint, response)
            cells += 1
            if role == "anonymous" or not allowed:
                expected = {"login"} if (role == "anonymous" or endpoint.is_api) else {"deny"}
            elif role in allowed:
                # 404 is fine (no such object, or a query parameter missing); 403 never is.
                expected = {"allow", "deny"} if response.status_code == 404 else {"allow"}
            else:
                expected = {"deny"}
            if got not in expected:
                failures.append(f"{role:<13} {endpoint} -> {response.status_code} ({got}, expected {expected})")
    print(f"\nauthorisation matrix: {len(table)} staff endpoints x {len(ROLES)} roles = {cells} cells")
    assert not failures, "\n".join(failures)


async def test_unit_staff_cannot_reach_another_units_objects(client, app, world) -> None:
    await add_unit_objects(client, world)
    scoped = [e for e in staff_endpoints(app) if any(p in UNIT_PARAMS or p.endswith("_id") for p in e.params)]
    failures = []
    for role in ("unit_officer", "unit_admin"):
        await as_role(client, world, role)
        for endpoint in scoped:
            if role not in (allowed_roles(endpoint) or ()):
                continue
            response = await call(client, endpoint, fill(endpoint, world.values_b))
            if response.status_code not in (403, 404):
                failures.append(f"{role} of unit A {endpoint} on unit B -> {response.status_code}")
    print(f"\ncross-unit checks: {len(scoped)} unit-scoped staff endpoints x 2 unit roles")
    assert not failures, "\n".join(failures)


async def test_public_writes_are_rate_limited_and_staff_writes_guarded(app) -> None:
    """Conformance: every public POST names a rate-limit policy; every staff handler has a guard."""
    missing_limit, unguarded = [], []
    for endpoint in endpoints(app):
        handler = endpoint.handler
        if endpoint.is_staff:
            if not handler.resolve_guards():
                unguarded.append(str(endpoint))
        elif endpoint.path.startswith("/open311/"):
            continue  # Open311 writes need an API key; each key has its own limit (store rl_api_key)
        elif endpoint.method not in SAFE_METHODS and endpoint.path != "/keluar" and "rate_limit" not in handler.opt:
            missing_limit.append(str(endpoint))
    assert not unguarded, f"staff routes without a guard: {unguarded}"
    assert not missing_limit, f"public writes without opt={{'rate_limit': ...}}: {missing_limit}"
