"""Staff pages for SKM: periods, receipt codes, paper entry, results, RTL, publication.

Unit admins manage their own unit's periods (system admins any); officers of the unit do paper
entry; evaluators read everything."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import anyio
from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Response

from portal import uploads
from portal.formatting import LOCAL_TZ
from portal.forms import FormValidator
from portal.i18n import _
from portal.params import RowId
from portal.security import (
    current_user,
    ensure_can_manage_unit,
    ensure_can_view_unit,
    ensure_can_work_unit,
    requires_staff,
)
from portal.templating import Template
from surveys import ballots, exports, f03, followup, queries, responses
from surveys.errors import NotFound, SurveyError
from surveys.formula import krejcie_morgan
from surveys.periods import MAX_TOKEN_BATCH, display_code, survey_url
from surveys.presentation import label_helpers, questionnaire_context
from surveys.questionnaire import MEDIA, PERIOD_TYPES
from surveys.results import period_result, suggestions
from surveys.services import followup as followup_service
from surveys.services import periods as period_service
from surveys.services import quarantines
from surveys.services.responses import record_response
from surveys.web.results import export_response

BASE = "/staf/survei"
Req = Request[Any, Any, Any]


async def _period(period_id: int) -> dict[str, Any]:
    try:
        return await queries.get_period(period_id)
    except NotFound as exc:
        raise NotFoundException(exc.message) from exc


async def _managed_period(request: Req, period_id: int) -> tuple[dict[str, Any], Any]:
    """The period (404 when unknown) and the user, who must be allowed to manage its unit (403)."""
    period = await _period(period_id)
    return period, ensure_can_manage_unit(current_user(request), period["unit"])


@get(BASE, name="surveys:staff_list", guards=[requires_staff], include_in_schema=False)
async def staff_list(request: Req) -> Template:
    user = current_user(request)
    all_units = user.is_system_admin or user.is_evaluator
    rows = await queries.periods_for(None if all_units else user.unit_id)
    for row in rows:
        row["responses"] = await queries.counted_responses(row["id"])
        row["required"] = krejcie_morgan(row["population"]) if row["population"] else None
        if f03.is_f03(row):
            row["required"] = f03.load_questionnaire().min_sample
    can_create = user.is_system_admin or user.role == "unit_admin"
    return Template(
        template_name="surveys/staff/list.html", context={"periods": rows, "can_create": can_create, **label_helpers()}
    )


@get(f"{BASE}/baru", name="surveys:staff_new", guards=[requires_staff], include_in_schema=False)
async def new_period_form(request: Req) -> Template:
    user = current_user(request)
    ensure_can_manage_unit(user, user.unit_id if not user.is_system_admin else None)
    return Template(
        template_name="surveys/staff/new.html",
        context={"units": await queries.unit_choices(user), "errors": {}, "values": {}, **label_helpers()},
    )


async def _write_then_redirect(
    request: Req, period: Any, validator: FormValidator, write: Callable[[], Awaitable[Any]], *, anchor: str = ""
) -> Response[Any]:
    """Run a staff write when the form is valid: a value the service refuses goes back to the form with its
    message (422, nothing saved); otherwise the staff page is shown again (the service cleared the public pages)."""
    if validator.ok:
        try:
            await write()
        except SurveyError as exc:
            validator.errors[exc.field] = exc.message
    if not validator.ok:
        return await _detail(request, period, errors=validator.errors, status=422)
    return Redirect(path=f"{BASE}/{period['id']}{anchor}", status_code=303)


@post(f"{BASE}/baru", name="surveys:staff_create", guards=[requires_staff], include_in_schema=False, status_code=303)
async def create_period(request: Req) -> Response[Any]:
    user = current_user(request)
    form = await request.form()
    validator = FormValidator(form)
    units = await queries.unit_choices(user)
    if user.is_system_admin:
        unit_id = validator.integer("unit", required=True)
        if unit_id is not None and unit_id not in {u["id"] for u in units}:
            validator.errors["unit"] = _("Pilihan tidak valid.")
    else:
        unit_id = user.unit_id
    ensure_can_manage_unit(user, unit_id)
    period_type = validator.choice("period_type", [c for c, _label in PERIOD_TYPES])
    start = validator.date("start_date", required=True)
    end = validator.date("end_date", required=True)
    source = validator.choice("population_source", ["entered", "receipts"])
    population = validator.integer("population", required=source == "entered", minimum=1, maximum=100_000_000)
    open_access = validator.boolean("open_access")
    label = validator.text("label", max_length=80)
    kind = validator.choice("kind", list(f03.KINDS), required=False) or f03.KIND_SKM
    if start and end and end < start:
        validator.errors["end_date"] = _("Tanggal selesai harus sesudah tanggal mulai.")
    if not validator.ok:
        return Template(
            template_name="surveys/staff/new.html",
            status_code=422,
            context={"units": units, "errors": validator.errors, "values": form, **label_helpers()},
        )
    period_id = await period_service.create_period(
        unit_id=unit_id,
        period_type=period_type,
        start=start,
        end=end,  # type: ignore[arg-type]
        population=population if source == "entered" else 0,
        population_source=source,
        label=label,
        open_access=open_access,
        kind=kind,
        actor=user,
        request=request,
    )
    return Redirect(path=f"{BASE}/{period_id}", status_code=303)


async def _detail(request: Req, period: dict[str, Any], *, errors: dict | None = None, status: int = 200) -> Template:
    user = current_user(request)
    context = {
        "period": period,
        "result": await period_result(period),
        "tokens": await queries.token_counts(period["id"]),
        "actions": await queries.actions_for([period["id"]]),
        "media": await queries.media_for([period["id"]]),
        "unsur_codes": await queries.unsur_codes(period["id"]),
        "extra_unsur": await queries.extra_unsur(period["id"]),
        "suggestions": await suggestions(period["id"]),
        "quarantines": await queries.quarantines(period["id"]),
        "channel_labels": {code: _(label) for code, label in ballots.CHANNEL_LABELS.items()},
        "can_manage": user.can_manage_unit(period["unit"]),
        "can_work": user.can_work_unit(period["unit"]),
        "errors": errors or {},
        **label_helpers(),
    }
    context["completion"] = followup.completion(context["actions"], period["report_date"])
    context["f03"] = f03.is_f03(period)
    if context["f03"]:
        context["f03_result"] = await f03.f03_result(period["unit"], period["year"])
    return Template(template_name="surveys/staff/detail.html", context=context, status_code=status)


@get(f"{BASE}/{{period_id:int}}", name="surveys:staff_detail", guards=[requires_staff], include_in_schema=False)
async def period_detail(request: Req, period_id: RowId) -> Template:
    period = await _period(period_id)
    ensure_can_view_unit(current_user(request), period["unit"])
    return await _detail(request, period)


@get(
    f"{BASE}/{{period_id:int}}/laporan/{{extension:str}}",
    name="surveys:staff_export",
    guards=[requires_staff],
    include_in_schema=False,
)
async def staff_export(request: Req, period_id: RowId, extension: FromPath[str]) -> Response[bytes]:
    period = await _period(period_id)
    ensure_can_view_unit(current_user(request), period["unit"])
    if not exports.SKM_REPORT.offers(extension):
        raise NotFoundException()
    if f03.is_f03(period):  # the SKM report has no meaning for an F-03 period; its result is on the sheet
        raise NotFoundException(_("Laporan SKM tidak tersedia untuk periode F-03."))
    return await export_response(period, extension, f"skm-{period['unit.slug']}-{period_id}")


@post(
    f"{BASE}/{{period_id:int}}/kode",
    name="surveys:staff_tokens",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def issue_tokens(request: Req, period_id: RowId) -> Response[Any]:
    period = await _period(period_id)
    user = ensure_can_work_unit(current_user(request), period["unit"])
    validator = FormValidator(await request.form())
    count = validator.integer("count", required=True, minimum=1, maximum=MAX_TOKEN_BATCH)
    if not validator.ok:
        return await _detail(request, period, errors=validator.errors, status=422)
    await period_service.issue_tokens(period_id, count, actor=user, request=request)  # type: ignore[arg-type]
    return Redirect(path=f"{BASE}/{period_id}/kode", status_code=303)


@get(
    f"{BASE}/{{period_id:int}}/kode", name="surveys:staff_token_list", guards=[requires_staff], include_in_schema=False
)
async def token_list(request: Req, period_id: RowId) -> Template:
    period = await _period(period_id)
    ensure_can_work_unit(current_user(request), period["unit"])
    tokens = [
        {"code": display_code(t["code"]), "url": survey_url(t["code"])} for t in await queries.unused_tokens(period_id)
    ]
    return Template(template_name="surveys/staff/tokens.html", context={"period": period, "tokens": tokens})


@get(f"{BASE}/{{period_id:int}}/entri", name="surveys:staff_paper", guards=[requires_staff], include_in_schema=False)
async def paper_form(request: Req, period_id: RowId) -> Template:
    period = await _period(period_id)
    ensure_can_work_unit(current_user(request), period["unit"])
    return Template(
        template_name="surveys/staff/paper.html",
        context={
            **await questionnaire_context(period),
            "period": period,
            "errors": {},
            "values": {},
            "saved": request.query_params.get("tersimpan") == "1",
            "count": await queries.response_count(period_id),
        },
    )


@post(
    f"{BASE}/{{period_id:int}}/entri",
    name="surveys:staff_paper_save",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def paper_save(request: Req, period_id: RowId) -> Response[Any]:
    period = await _period(period_id)
    user = ensure_can_work_unit(current_user(request), period["unit"])
    form = await request.form()
    parsed, validator = await responses.parse_response_form(form, period)
    error = None
    if validator.ok:
        try:
            await record_response(period, parsed, channel="paper", entered_by=user, request=request)
        except SurveyError as exc:
            error = exc.message
        else:
            return Redirect(path=f"{BASE}/{period_id}/entri?tersimpan=1", status_code=303)
    errors = validator.errors | ({"__all__": error} if error else {})
    return Template(
        template_name="surveys/staff/paper.html",
        status_code=422 if not validator.ok else 409,
        context={
            **await questionnaire_context(period),
            "period": period,
            "errors": errors,
            "values": form,
            "saved": False,
            "count": await queries.response_count(period_id),
        },
    )


def _rtl_values(validator: FormValidator, codes: list[str]) -> dict[str, Any]:
    values = {
        "unsur_code": validator.choice("unsur_code", codes),
        "action": validator.text("action", required=True, max_length=1000),
        "owner": validator.text("owner", required=True, max_length=200),
        "due_date": validator.date("due_date", required=True),
        "completed_on": validator.date("completed_on"),
        "evidence_url": validator.text("evidence_url", max_length=500),
        "evidence_note": validator.text("evidence_note", max_length=1000),
    }
    url = values["evidence_url"]
    if url and not url.startswith(("https://", "http://", "/")):
        validator.errors["evidence_url"] = _("Tautan bukti harus diawali https:// atau /.")
    return values


@post(
    f"{BASE}/{{period_id:int}}/rtl",
    name="surveys:staff_rtl_add",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def add_action(request: Req, period_id: RowId) -> Response[Any]:
    return await _save_action(request, period_id, None)


@post(
    f"{BASE}/{{period_id:int}}/rtl/{{action_id:int}}",
    name="surveys:staff_rtl_update",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def update_action(request: Req, period_id: RowId, action_id: RowId) -> Response[Any]:
    return await _save_action(request, period_id, action_id)


async def _store_evidence(request: Req, upload: Any) -> dict[str, str]:
    """A checked, re-encoded JPEG/PNG/PDF proof saved under a random name (portal.uploads)."""
    settings = request.app.state.settings
    received = await uploads.receive(upload, max_bytes=settings.max_upload_bytes)
    stored = await anyio.to_thread.run_sync(uploads.save_upload, received.checked, followup.evidence_dir(settings))
    return {"evidence_file": stored, "evidence_file_type": received.checked.content_type}


async def _save_action(request: Req, period_id: int, action_id: int | None) -> Response[Any]:
    period, user = await _managed_period(request, period_id)
    form = await request.form()
    validator = FormValidator(form)
    values = _rtl_values(validator, await queries.unsur_codes(period_id))
    upload = form.get("evidence_file")
    if validator.ok and getattr(upload, "filename", ""):
        try:
            values |= await _store_evidence(request, upload)
        except uploads.UploadRejected as exc:
            validator.errors["evidence_file"] = str(exc)
    return await _write_then_redirect(
        request,
        period,
        validator,
        lambda: followup_service.save_action(period_id, values, actor=user, request=request, action_id=action_id),
        anchor="#rtl",
    )


@post(
    f"{BASE}/{{period_id:int}}/rtl/{{action_id:int}}/hapus",
    name="surveys:staff_rtl_delete",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def delete_action(request: Req, period_id: RowId, action_id: RowId) -> Response[Any]:
    _, user = await _managed_period(request, period_id)
    try:
        await followup_service.delete_action(period_id, action_id, actor=user, request=request)
    except SurveyError as exc:
        raise NotFoundException(exc.message) from exc
    return Redirect(path=f"{BASE}/{period_id}#rtl", status_code=303)


@post(
    f"{BASE}/{{period_id:int}}/publikasi",
    name="surveys:staff_publication",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def publication(request: Req, period_id: RowId) -> Response[Any]:
    period, user = await _managed_period(request, period_id)
    validator = FormValidator(await request.form())
    published = validator.boolean("published")
    accepting = validator.boolean("accepting")
    report_date = validator.date("report_date")
    return await _write_then_redirect(
        request,
        period,
        validator,
        lambda: followup_service.set_publication(
            period_id, published=published, report_date=report_date, accepting=accepting, actor=user, request=request
        ),
        anchor="",
    )


@post(
    f"{BASE}/{{period_id:int}}/media",
    name="surveys:staff_media_add",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def add_medium(request: Req, period_id: RowId) -> Response[Any]:
    period, user = await _managed_period(request, period_id)
    validator = FormValidator(await request.form())
    medium = validator.choice("medium", [c for c, _label in MEDIA])
    detail = validator.text("detail", max_length=300)
    published_on = validator.date("published_on")
    return await _write_then_redirect(
        request,
        period,
        validator,
        lambda: followup_service.add_medium(period_id, medium, detail, published_on, actor=user, request=request),
        anchor="#media",
    )


@post(
    f"{BASE}/{{period_id:int}}/media/{{medium_id:int}}/hapus",
    name="surveys:staff_media_delete",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def remove_medium(request: Req, period_id: RowId, medium_id: RowId) -> Response[Any]:
    _, user = await _managed_period(request, period_id)
    await followup_service.remove_medium(period_id, medium_id, actor=user, request=request)
    return Redirect(path=f"{BASE}/{period_id}#media", status_code=303)


@post(
    f"{BASE}/{{period_id:int}}/unsur",
    name="surveys:staff_extra_unsur",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def add_extra_unsur(request: Req, period_id: RowId) -> Response[Any]:
    period, user = await _managed_period(request, period_id)
    validator = FormValidator(await request.form())
    name = validator.text("unsur_name", required=True, max_length=120)
    question = validator.text("unsur_question", required=True, max_length=300)
    if validator.ok:
        try:
            await period_service.add_extra_unsur(period_id, name=name, question=question, actor=user, request=request)
        except SurveyError as exc:
            # An F-03 period has no form for added unsur: its message goes to the page's alert.
            validator.errors["__all__" if f03.is_f03(period) else "unsur_name"] = exc.message
    if not validator.ok:
        return await _detail(request, period, errors=validator.errors, status=422)
    return Redirect(path=f"{BASE}/{period_id}#kuesioner", status_code=303)


@post(
    f"{BASE}/{{period_id:int}}/bobot",
    name="surveys:staff_weights",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def set_weights(request: Req, period_id: RowId) -> Response[Any]:
    """Custom weights per unsur (all blank = equal weights per PORTAL_SKM_WEIGHTING)."""
    period, user = await _managed_period(request, period_id)
    validator = FormValidator(await request.form())
    codes = await queries.unsur_codes(period_id)
    raw = {code: validator.text(f"weight_{code}", max_length=20) for code in codes}
    weights = {code: value for code, value in raw.items() if value}
    try:
        await period_service.set_weights(period_id, weights or None, actor=user, request=request)
    except SurveyError as exc:
        return await _detail(request, period, errors={"weights": exc.message}, status=422)
    return Redirect(path=f"{BASE}/{period_id}#kuesioner", status_code=303)


def _local_moment(validator: FormValidator, name: str) -> Any:
    """A datetime-local field ("2026-03-01T08:30") read as Asia/Jakarta time, returned in UTC."""
    raw = validator.text(name, required=True, max_length=20)
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw).replace(tzinfo=LOCAL_TZ).astimezone(UTC)
    except ValueError:
        validator.errors[name] = _("Isi tanggal dan jam dengan benar.")
        return None


@post(
    f"{BASE}/{{period_id:int}}/karantina",
    name="surveys:staff_quarantine",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def quarantine(request: Req, period_id: RowId) -> Response[Any]:
    """Put a suspicious batch (channel and time window) on hold, with a reason (audited)."""
    period, user = await _managed_period(request, period_id)
    validator = FormValidator(await request.form())
    channel = validator.choice("channel", ["", *ballots.CHANNEL_LABELS], required=False)
    start, end = _local_moment(validator, "start"), _local_moment(validator, "end")
    reason = validator.text("reason", required=True, max_length=1000)
    return await _write_then_redirect(
        request,
        period,
        validator,
        lambda: quarantines.quarantine_batch(
            period, channel=channel, start=start, end=end, reason=reason, actor=user, request=request
        ),
        anchor="#karantina",
    )


@post(
    f"{BASE}/{{period_id:int}}/karantina/{{quarantine_id:int}}/lepas",
    name="surveys:staff_quarantine_release",
    guards=[requires_staff],
    include_in_schema=False,
    status_code=303,
)
async def release_quarantine(request: Req, period_id: RowId, quarantine_id: RowId) -> Response[Any]:
    period, user = await _managed_period(request, period_id)
    validator = FormValidator(await request.form())
    reason = validator.text("release_reason", required=True, max_length=1000)
    return await _write_then_redirect(
        request,
        period,
        validator,
        lambda: quarantines.release(period, quarantine_id, reason=reason, actor=user, request=request),
        anchor="#karantina",
    )


@get("/survei/bukti/{action_id:int}", name="surveys:evidence", include_in_schema=False)
async def evidence_file(request: Req, action_id: RowId) -> Response[bytes]:
    """The uploaded proof of an RTL item: public once the period is published, else for its staff."""
    action = await queries.action_by_id(action_id)
    if action is None or not action["evidence_file"]:
        raise NotFoundException()
    period = await _period(action["period"])
    if not period["published"]:
        ensure_can_view_unit(current_user(request), period["unit"])
    path = followup.evidence_path(action["evidence_file"], request.app.state.settings)
    data = await anyio.Path(path).read_bytes()
    extension = action["evidence_file"].rsplit(".", 1)[1]
    return Response(
        data,
        media_type=action["evidence_file_type"],
        headers={"content-disposition": f'attachment; filename="bukti-rtl-{action_id}.{extension}"'},
    )


STAFF_HANDLERS = [
    quarantine,
    release_quarantine,
    evidence_file,
    add_extra_unsur,
    set_weights,
    staff_list,
    new_period_form,
    create_period,
    period_detail,
    staff_export,
    issue_tokens,
    token_list,
    paper_form,
    paper_save,
    add_action,
    update_action,
    delete_action,
    publication,
    add_medium,
    remove_medium,
]
