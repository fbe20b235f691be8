"""Pages of the follow-up loop: the unit's results after locking (/staf/hasil-evaluasi, unit admin and
officers), the evaluator's recommendations and verification (/staf/evaluasi/<unit>/<year>/tindak-lanjut)
and the action forms both use (/staf/tindak-lanjut/<id>/...). The rules live in evaluation_link.services.follow_up."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromPath
from litestar.response import Redirect, Response

from evaluation_link import evidence_files
from evaluation_link.follow_up_states import ActionStatus, Actor, next_states
from evaluation_link.period import current_year
from evaluation_link.presentation import status_label, transition_label
from evaluation_link.queries import assessments as queries
from evaluation_link.queries import follow_up as follow_up_queries
from evaluation_link.queries.follow_up import FollowUpNotFound, local_today, locked_years, recommendations_for_year
from evaluation_link.services import follow_up
from evaluation_link.services.follow_up import FollowUpError, FollowUpForbidden
from evaluation_link.web.common import EVALUATOR_ROLES, export_response, parse_period, unit_period
from portal.forms import FormValidator
from portal.i18n import _, get_language
from portal.params import RowId, parse_id
from portal.security import CurrentUser, requires_roles, requires_staff, staff_user
from portal.templating import Template
from portal.uploads import is_upload

UNIT_ROLES = ("unit_admin", "unit_officer")
UNIT_EXPORTS = ("xlsx", "pdf")


def _forbidden() -> PermissionDeniedException:
    return PermissionDeniedException(_("Anda tidak berwenang mengubah rencana tindak lanjut ini."))


def loop_context(user: CurrentUser, recs: list[dict[str, Any]], mode: str, **extra: Any) -> dict[str, Any]:
    """What the follow-up partial needs: the recommendations, who looks, which moves each may offer."""
    actor = Actor.evaluator if mode == "evaluator" else Actor.unit
    return {
        "recs": recs,
        "mode": mode,
        "today": local_today(),
        "language": get_language(),
        "next_states": lambda status: next_states(status, actor),
        "status_label": status_label,
        "transition_label": transition_label,
        "can_plan": mode == "unit" and user.role == "unit_admin",
        "open_states": {s.value for s in (ActionStatus.planned, ActionStatus.in_progress, ActionStatus.sent_back)},
        "errors": {},
        "values": {},
        "error_rec": None,
        **extra,
    }


async def unit_results_context(user: CurrentUser, year: int, **extra: Any) -> dict[str, Any]:
    unit = await queries.unit_by_slug(user.unit_slug or "")
    view = await queries.sheet_for(unit["slug"], year)
    previous = await queries.sheet_for(unit["slug"], year - 1)
    if previous is not None and not previous.locked:
        previous = None
    locked = view is not None and view.locked
    recs = await recommendations_for_year(year, unit_id=unit["id"]) if locked else []
    return {
        "unit": unit,
        "year": year,
        "view": view if locked else None,
        "draft_exists": view is not None,
        "previous": previous,
        "years": await locked_years(unit["id"]),
        **loop_context(user, recs, "unit"),
        **extra,
    }


class UnitResultsController(Controller):
    """A unit's own results and follow-up plan; another unit's never (the unit comes from the session)."""

    path = "/staf/hasil-evaluasi"
    include_in_schema = False
    guards = [requires_roles(*UNIT_ROLES)]

    @get("/", name="evaluation:results_current")
    async def latest(self, request: Request[Any, Any, Any]) -> Redirect:
        user = staff_user(request)
        unit_id = user.unit_id or 0
        years = await locked_years(unit_id)
        return Redirect(path=f"/staf/hasil-evaluasi/{years[0] if years else current_year() - 1}", status_code=303)

    @get("/{period:str}", name="evaluation:results")
    async def results(self, request: Request[Any, Any, Any], period: FromPath[str]) -> Response[Any]:
        year, extension = parse_period(period)
        user = staff_user(request)
        context = await unit_results_context(user, year, saved=request.query_params.get("tersimpan") == "1")
        if extension:
            if extension not in UNIT_EXPORTS or context["view"] is None:
                raise NotFoundException(_("Hasil evaluasi tahun ini belum tersedia."))
            return await export_response(context["view"], extension)
        return Template(template_name="evaluation_link/results.html", context=context)

    @post("/{period:str}/rekomendasi/{rec_id:int}/tindakan", name="evaluation:plan_action")
    async def plan(self, request: Request[Any, Any, Any], period: FromPath[str], rec_id: RowId) -> Response[Any]:
        year, _ext = parse_period(period)
        user = staff_user(request)
        try:
            rec = await follow_up_queries.recommendation(rec_id)
        except FollowUpNotFound as exc:
            raise NotFoundException(_("Rekomendasi tidak ditemukan.")) from exc
        if rec["unit"] != user.unit_id or rec["year"] != year:
            raise NotFoundException(_("Rekomendasi tidak ditemukan."))
        form = await request.form()
        validator = FormValidator(form)
        what = validator.text("what", max_length=2000)
        owner = validator.text("owner", max_length=200)
        due = validator.date("due_date")
        expected = validator.text("expected_evidence", max_length=2000)
        errors = dict(validator.errors)
        action_id = None
        if not errors:
            try:
                action_id = await follow_up.plan_action(
                    rec_id,
                    what=what,
                    owner=owner,
                    due_date=due,
                    expected_evidence=expected,
                    actor=user,
                    request=request,
                )
            except FollowUpForbidden as exc:
                raise _forbidden() from exc
            except FollowUpError as exc:
                errors[exc.field] = exc.message
        if errors:
            context = await unit_results_context(
                user,
                year,
                errors={f"{k}-rec-{rec_id}": v for k, v in errors.items()},
                values={f"{k}-rec-{rec_id}": v for k, v in validator.values.items()},
                error_rec=rec_id,
            )
            return Template(template_name="evaluation_link/results.html", context=context, status_code=422)
        return Redirect(path=f"/staf/hasil-evaluasi/{year}?tersimpan=1#tindakan-{action_id}", status_code=303)


async def evaluator_context(user: CurrentUser, unit: dict[str, Any], year: int, **extra: Any) -> dict[str, Any]:
    view = await queries.sheet_for(unit["slug"], year)
    recs = await recommendations_for_year(year, unit_id=unit["id"])
    return {"unit": unit, "year": year, "view": view, **loop_context(user, recs, "evaluator"), **extra}


class EvaluatorFollowUpController(Controller):
    path = "/staf/evaluasi"
    include_in_schema = False
    guards = [requires_roles(*EVALUATOR_ROLES)]

    @get("/{unit_slug:str}/{period:str}/tindak-lanjut", name="evaluation:follow_up")
    async def page(self, request: Request[Any, Any, Any], unit_slug: FromPath[str], period: FromPath[str]) -> Template:
        target = await unit_period(unit_slug, period, load_sheet=False)
        if target.extension:
            raise NotFoundException(_("Halaman tidak ditemukan."))
        context = await evaluator_context(
            staff_user(request), target.unit, target.year, saved=request.query_params.get("tersimpan") == "1"
        )
        return Template(template_name="evaluation_link/follow_up.html", context=context)

    @post("/{unit_slug:str}/{period:str}/rekomendasi", name="evaluation:recommend")
    async def recommend(
        self, request: Request[Any, Any, Any], unit_slug: FromPath[str], period: FromPath[str]
    ) -> Response[Any]:
        target = await unit_period(unit_slug, period)
        unit, year, view = target.unit, target.year, target.sheet
        user = staff_user(request)
        form = await request.form()
        validator = FormValidator(form)
        target = validator.text("target", max_length=20)
        text = validator.text("text", max_length=2000)
        priority = validator.boolean("priority")
        errors = dict(validator.errors)
        indicator_no, aspect = None, ""
        if target.startswith("i:"):
            indicator_no = parse_id(target[2:])
            if indicator_no is None:
                errors["target"] = _("Pilih indikator atau aspek.")
        elif target.startswith("a:"):
            aspect = target[2:]
        else:
            errors["target"] = _("Pilih indikator atau aspek.")
        if not errors:
            try:
                await follow_up.add_recommendation(
                    view.assessment["id"],
                    text=text,
                    indicator_no=indicator_no,
                    aspect=aspect,
                    priority=priority,
                    actor=user,
                    request=request,
                )
            except FollowUpError as exc:
                errors[exc.field] = exc.message
        if errors:
            context = await evaluator_context(
                user,
                unit,
                year,
                errors={f"{k}-new": v for k, v in errors.items()},
                values={f"{k}-new": v for k, v in validator.values.items()},
            )
            return Template(template_name="evaluation_link/follow_up.html", context=context, status_code=422)
        return Redirect(
            path=f"/staf/evaluasi/{unit_slug}/{year}/tindak-lanjut?tersimpan=1#rekomendasi", status_code=303
        )


async def _action_or_404(action_id: int, user: CurrentUser) -> dict[str, Any]:
    try:
        return await follow_up_queries.action_for_viewer(action_id, user)
    except FollowUpNotFound as exc:
        raise NotFoundException(_("Tindakan tidak ditemukan.")) from exc


async def _back(
    user: CurrentUser, row: dict[str, Any], errors: dict[str, str] | None = None, values: dict[str, Any] | None = None
) -> Response[Any]:
    """After an action form: its page again (redirect, or the page with the field messages, 422)."""
    unit = await queries.unit_by_id(row["unit"])
    anchor = f"#tindakan-{row['id']}"
    evaluator = user.is_evaluator or user.is_system_admin
    if not errors:
        path = (
            f"/staf/evaluasi/{unit['slug']}/{row['year']}/tindak-lanjut"
            if evaluator
            else f"/staf/hasil-evaluasi/{row['year']}"
        )
        return Redirect(path=f"{path}?tersimpan=1{anchor}", status_code=303)
    keyed = {f"{k}-action-{row['id']}": v for k, v in errors.items()}
    keyed_values = {f"{k}-action-{row['id']}": v for k, v in (values or {}).items()}
    if evaluator:
        context = await evaluator_context(user, unit, row["year"], errors=keyed, values=keyed_values)
        return Template(template_name="evaluation_link/follow_up.html", context=context, status_code=422)
    context = await unit_results_context(user, row["year"], errors=keyed, values=keyed_values)
    return Template(template_name="evaluation_link/results.html", context=context, status_code=422)


@post(
    "/staf/tindak-lanjut/{action_id:int}/bukti",
    name="evaluation:action_evidence",
    include_in_schema=False,
    guards=[requires_roles(*UNIT_ROLES)],
)
async def action_evidence(request: Request[Any, Any, Any], action_id: RowId) -> Response[Any]:
    """Evidence files for an action, checked by portal.uploads and stored like the F-01 evidence (evidence_files)."""
    user = staff_user(request)
    row = await _action_or_404(action_id, user)
    settings = request.app.state.settings
    form = await request.form()
    upload = form.get("file")
    if not is_upload(upload):
        return await _back(user, row, {"file": _("Pilih berkas bukti.")})
    pending, error = await evidence_files.read_upload(upload, settings.max_upload_bytes)
    if error or pending is None:
        return await _back(user, row, {"file": error or _("Pilih berkas bukti.")})
    entry = await evidence_files.store(pending, settings.upload_dir, row["unit"])
    try:
        await follow_up.add_evidence(action_id, [entry], actor=user, request=request)
    except FollowUpForbidden as exc:
        await evidence_files.remove([entry], settings.upload_dir)
        raise _forbidden() from exc
    except FollowUpError as exc:
        await evidence_files.remove([entry], settings.upload_dir)
        return await _back(user, row, {"file": exc.message})
    return await _back(user, row)


@post(
    "/staf/tindak-lanjut/{action_id:int}/status",
    name="evaluation:action_status",
    include_in_schema=False,
    guards=[requires_staff],
)
async def action_status(request: Request[Any, Any, Any], action_id: RowId) -> Response[Any]:
    """Move an action: the unit starts and finishes it, the evaluator verifies it or sends it back."""
    user = staff_user(request)
    row = await _action_or_404(action_id, user)
    form = await request.form()
    validator = FormValidator(form)
    target = validator.choice("status", [s.value for s in ActionStatus])
    completed_on = validator.date("completed_on")
    reason = validator.text("reason", max_length=2000)
    errors = dict(validator.errors)
    if not errors:
        try:
            await follow_up.change_status(
                action_id, target, actor=user, reason=reason, completed_on=completed_on, request=request
            )
        except FollowUpForbidden as exc:
            raise _forbidden() from exc
        except FollowUpError as exc:
            errors[exc.field] = exc.message
    if errors:
        return await _back(user, row, errors, validator.values)
    return await _back(user, row)
