"""Staff settings of complaint handling: the holiday calendar and the deadline policies."""

from datetime import UTC, date, datetime
from typing import Any

from litestar import Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromPath
from litestar.response import Redirect

from complaints import calendar, deadlines, holiday_sources, queries, topic_routes
from complaints.lapor_import import NotALaporExport, import_workbook
from complaints.lapor_units import AliasFileError
from complaints.presentation import template_helpers
from complaints.services import settings as settings_service
from ml.taxonomy import TOPIC_CODES
from portal.forms import FormValidator, clean_text
from portal.i18n import N_, _
from portal.params import QueryCount, RowId, parse_id
from portal.security import CurrentUser, ensure_can_manage_unit, requires_roles, staff_user
from portal.tables import Role
from portal.templating import Template
from portal.uploads import UploadRejected, read_limited

HOLIDAY_KIND_LABELS = {
    "nasional": N_("Libur nasional"),
    "cuti_bersama": N_("Cuti bersama"),
    "lokal": N_("Libur daerah"),
}
KIND_LABELS = {"nasional": N_("Libur nasional"), "cuti_bersama": N_("Cuti bersama")}
KIND_LABELS = {
    "": N_("Semua jenis"),
    "pengaduan": N_("Pengaduan"),
    "aspirasi": N_("Aspirasi"),
    "permintaan_informasi": N_("Permintaan informasi"),
}
DAY_TYPE_LABELS = {"calendar": N_("hari kalender"), "working": N_("hari kerja")}
DEFAULT_UNIT = "default"  # the unit field's value for "all units" (policy with unit = NULL)


def _this_year() -> int:
    return calendar.local_date(datetime.now(UTC)).year


# --- holidays ----------------------------------------------------------------------------------


async def _holidays_page(
    errors: dict | None = None, values: dict | None = None, status: int = 200, notice: str = ""
) -> Template:
    year = _this_year()
    years = [await holiday_sources.calendar_year(y) for y in (year, year + 1)]
    return Template(
        template_name="complaints/settings/holidays.html",
        context={
            "years": years,
            "warnings": await holiday_sources.calendar_warnings(),
            "kind_labels": HOLIDAY_KIND_LABELS,
            "errors": errors or {},
            "values": values or {"kind": "nasional"},
            "notice": notice,
        },
        status_code=status,
    )


@get(
    "/staf/hari-libur", name="complaints:holidays", include_in_schema=False, guards=[requires_roles(Role.system_admin)]
)
async def holidays_page(recomputed: QueryCount = None) -> Template:
    notice = ""
    if recomputed is not None:
        notice = _("Kalender diubah; tenggat %(n)d pengaduan terbuka dihitung ulang.") % {"n": recomputed}
    return await _holidays_page(notice=notice)


@post(
    "/staf/hari-libur",
    name="complaints:holiday_add",
    include_in_schema=False,
    status_code=303,
    guards=[requires_roles(Role.system_admin)],
)
async def holiday_add(request: Request[Any, Any, Any]) -> Any:
    form = FormValidator(await request.form())
    day = form.date("day", required=True)
    name = form.text("name", required=True, max_length=200)
    kind = form.choice("kind", tuple(HOLIDAY_KIND_LABELS))
    source = form.text("source", max_length=200)
    this_year = _this_year()
    if day is not None and not this_year - 1 <= day.year <= this_year + 2:
        form.errors["day"] = _("Pilih tanggal antara tahun %(a)d dan %(b)d.") % {"a": this_year - 1, "b": this_year + 2}
    if form.ok and day is not None:
        try:
            changed = await settings_service.add_holiday(
                day, name, kind, source or "", actor=staff_user(request), request=request
            )
        except holiday_sources.HolidayError as exc:
            form.errors["day"] = str(exc)
        else:
            return Redirect(path=f"/staf/hari-libur?recomputed={changed}", status_code=303)
    return await _holidays_page(form.errors, form.values, status=422)


@post(
    "/staf/hari-libur/{day:str}/hapus",
    name="complaints:holiday_delete",
    include_in_schema=False,
    status_code=303,
    guards=[requires_roles(Role.system_admin)],
)
async def holiday_delete(request: Request[Any, Any, Any], day: FromPath[str]) -> Redirect:
    try:
        parsed = date.fromisoformat(day)
    except ValueError as exc:
        raise NotFoundException(_("Hari libur tidak ditemukan.")) from exc
    source = clean_text((await request.form()).get("source"))[:200]
    changed = await settings_service.remove_holiday(parsed, source, actor=staff_user(request), request=request)
    if changed is None:
        raise NotFoundException(_("Hari libur tidak ditemukan."))
    return Redirect(path=f"/staf/hari-libur?recomputed={changed}", status_code=303)


# --- deadline policies -------------------------------------------------------------------------


async def _units_for(user: CurrentUser) -> list[dict]:
    if user.is_system_admin:
        return await queries.all_units()
    return [{"id": user.unit_id, "name": user.unit_name}]


async def _deadlines_page(
    user: CurrentUser, errors: dict | None = None, values: dict | None = None, status: int = 200
) -> Template:
    policies = await deadlines.list_policies(user.unit_id, all_units=user.is_system_admin)
    defaults = {
        "verify_days": deadlines.DEFAULT_VERIFY_DAYS,
        "followup_days": deadlines.DEFAULT_FOLLOWUP_DAYS,
        "resolve_days": deadlines.DEFAULT_RESOLVE_DAYS,
        "resolve_day_type": deadlines.DEFAULT_RESOLVE_DAY_TYPE,
        "auto_close_days": deadlines.DEFAULT_AUTO_CLOSE_DAYS,
    }
    form_values = values or {
        **defaults,
        "unit": DEFAULT_UNIT if user.is_system_admin else str(user.unit_id),
        "kind": "",
    }
    return Template(
        template_name="complaints/settings/deadlines.html",
        context={
            "policies": policies,
            "built_in": defaults,
            "units": await _units_for(user),
            "kind_labels": KIND_LABELS,
            "day_type_labels": DAY_TYPE_LABELS,
            "limits": deadlines.LIMITS,
            "default_unit": DEFAULT_UNIT,
            "errors": errors or {},
            "values": form_values,
            "can_manage": user.can_manage_unit,
            "warnings": await holiday_sources.calendar_warnings(),
        },
        status_code=status,
    )


@get(
    "/staf/tenggat",
    name="complaints:deadline_policies",
    include_in_schema=False,
    guards=[requires_roles(Role.system_admin, Role.unit_admin)],
)
async def deadline_policies(request: Request[Any, Any, Any]) -> Template:
    return await _deadlines_page(staff_user(request))


def _unit_choice(user: CurrentUser, raw: str, form: FormValidator) -> int | None:
    """The policy's unit: None for the defaults (system admin only), else a unit the user manages."""
    if raw == DEFAULT_UNIT:
        if not user.is_system_admin:
            raise PermissionDeniedException(_("Hanya admin sistem yang dapat mengubah tenggat bawaan."))
        return None
    unit_id = parse_id(raw)
    if unit_id is None:
        form.errors["unit"] = _("Pilihan tidak valid.")
        return None
    ensure_can_manage_unit(user, unit_id)
    return unit_id


@post(
    "/staf/tenggat",
    name="complaints:deadline_policy_save",
    include_in_schema=False,
    status_code=303,
    guards=[requires_roles(Role.system_admin, Role.unit_admin)],
)
async def deadline_policy_save(request: Request[Any, Any, Any]) -> Any:
    user = staff_user(request)
    data = await request.form()
    form = FormValidator(data)
    raw_unit = form.text("unit", required=True, max_length=20)
    unit_id = _unit_choice(user, raw_unit, form) if raw_unit else None
    kind = form.choice("kind", tuple(KIND_LABELS), required=False)
    for name, (low, high) in deadlines.LIMITS.items():
        form.integer(name, required=True, minimum=low, maximum=high)
    form.choice("resolve_day_type", deadlines.DAY_TYPES)
    verify, followup = form.values.get("verify_days"), form.values.get("followup_days")
    if form.ok and verify is not None and followup is not None and followup < verify:
        form.errors["followup_days"] = _("Tenggat tindak lanjut tidak boleh lebih pendek dari tenggat verifikasi.")
    if form.ok and unit_id is not None and not await queries.unit_exists(unit_id):
        form.errors["unit"] = _("Pilihan tidak valid.")
    if not form.ok:
        return await _deadlines_page(user, form.errors, form.values, status=422)
    values = {name: form.values[name] for name in (*deadlines.LIMITS, "resolve_day_type")}
    await settings_service.save_deadline_policy(unit_id, kind, values, actor=user, request=request)
    return Redirect(path="/staf/tenggat", status_code=303)


@post(
    "/staf/tenggat/{policy_id:int}/hapus",
    name="complaints:deadline_policy_delete",
    include_in_schema=False,
    status_code=303,
    guards=[requires_roles(Role.system_admin, Role.unit_admin)],
)
async def deadline_policy_delete(request: Request[Any, Any, Any], policy_id: RowId) -> Redirect:
    user = staff_user(request)
    row = await deadlines.get_policy_row(policy_id)
    if row is None:
        raise NotFoundException(_("Aturan tenggat tidak ditemukan."))
    if row["unit"] is None and not user.is_system_admin:
        raise PermissionDeniedException(_("Hanya admin sistem yang dapat mengubah tenggat bawaan."))
    if row["unit"] is not None:
        ensure_can_manage_unit(user, row["unit"])
    await settings_service.delete_deadline_policy(row, actor=user, request=request)
    return Redirect(path="/staf/tenggat", status_code=303)


# --- topic routing (system administrators) ----------------------------------------------------

TOPIC_ROUTES_PATH = "/staf/admin/rute-topik"


async def _topic_routes_page(
    *, error: str = "", error_topic: str = "", notice: str = "", status: int = 200
) -> Template:
    return Template(
        template_name="complaints/settings/topic_routes.html",
        context={
            "routes": await topic_routes.list_routes(),
            "units": await queries.all_units(),
            "triage": topic_routes.TRIAGE,
            "default": topic_routes.DEFAULT,
            "error": error,
            "error_topic": error_topic,
            "notice": notice,
            **template_helpers(),
        },
        status_code=status,
    )


@get(
    TOPIC_ROUTES_PATH,
    name="complaints:topic_routes",
    include_in_schema=False,
    guards=[requires_roles(Role.system_admin)],
)
async def topic_routes_page(request: Request[Any, Any, Any]) -> Template:
    notice = request.query_params.get("notice", "")[:40]
    return await _topic_routes_page(notice=notice if notice in TOPIC_CODES else "")


@post(
    TOPIC_ROUTES_PATH,
    name="complaints:topic_route_save",
    include_in_schema=False,
    status_code=303,
    guards=[requires_roles(Role.system_admin)],
)
async def topic_route_save(request: Request[Any, Any, Any]) -> Any:
    data = await request.form()
    topic = clean_text(data.get("topic"))[:40]
    choice = clean_text(data.get("unit"))[:20]
    try:
        await topic_routes.set_route(topic, choice, actor=staff_user(request), request=request)
    except topic_routes.RouteError as exc:
        return await _topic_routes_page(error=str(exc), error_topic=topic, status=422)
    topic_routes.forget_cached_units(request.app)
    return Redirect(path=f"{TOPIC_ROUTES_PATH}?notice={topic}", status_code=303)


# --- SP4N-LAPOR! import ------------------------------------------------------------------------

LAPOR_MAX_BYTES = 20 * 1024 * 1024


def _lapor_page(report: Any = None, error: str = "", status: int = 200) -> Template:
    return Template(
        template_name="complaints/settings/lapor_import.html",
        context={"report": report, "error": error, "max_mb": LAPOR_MAX_BYTES // (1024 * 1024), **template_helpers()},
        status_code=status,
    )


@get(
    "/staf/lapor/impor",
    name="complaints:lapor_import",
    include_in_schema=False,
    guards=[requires_roles(Role.system_admin)],
)
async def lapor_import_form() -> Template:
    return _lapor_page()


@post(
    "/staf/lapor/impor",
    name="complaints:lapor_import_submit",
    include_in_schema=False,
    guards=[requires_roles(Role.system_admin)],
    request_max_body_size=LAPOR_MAX_BYTES + 64 * 1024,
)
async def lapor_import_submit(request: Request[Any, Any, Any]) -> Template:
    form = await request.form()
    upload = form.get("file")
    if upload is None or isinstance(upload, str) or not getattr(upload, "filename", ""):
        return _lapor_page(error=_("Pilih berkas ekspor SP4N-LAPOR! (.xlsx)."), status=422)
    try:
        data = await read_limited(upload, LAPOR_MAX_BYTES)
        report = await import_workbook(
            data,
            actor=staff_user(request),
            actor_name=None,
            filename=str(upload.filename)[:80],
            dry_run=form.get("dry_run") == "1",
        )
    except (UploadRejected, NotALaporExport, AliasFileError) as exc:
        return _lapor_page(error=str(exc), status=422)
    return _lapor_page(report)


SETTINGS_HANDLERS: list = [
    lapor_import_form,
    lapor_import_submit,
    holidays_page,
    holiday_add,
    holiday_delete,
    deadline_policies,
    deadline_policy_save,
    deadline_policy_delete,
    topic_routes_page,
    topic_route_save,
]
