"""F-01 (penilaian mandiri): a unit admin answers the indicators for their own unit, with evidence."""

from typing import Any
from urllib.parse import urlparse

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File, Redirect, Response

from evaluation_link import evidence_files
from evaluation_link.instrument import available_versions, instrument_choices, unconfirmed_items
from evaluation_link.period import current_year
from evaluation_link.presentation import figure_items
from evaluation_link.queries import assessments as queries
from evaluation_link.queries.follow_up import evidence_of_unit, suggested_evidence
from evaluation_link.services import assessments as services
from evaluation_link.services.assessments import AssessmentLocked, EvaluationError, NotEditableByUnit, ScoreInput
from evaluation_link.tables import UNIT_EDITABLE_STATUSES
from evaluation_link.web.common import parse_period, stage_labels
from portal.forms import FormValidator
from portal.i18n import _, get_language
from portal.params import RowId
from portal.security import ensure_can_manage_unit, ensure_can_view_unit, requires_roles, requires_staff, staff_user
from portal.templating import Template
from portal.uploads import ReceivedUpload, is_upload

MAX_LINKS = 10


def parse_links(raw: str) -> tuple[list[dict[str, str]], str | None]:
    """One link per line: "label | https://..." or just the URL; only http(s) URLs are kept."""
    links = []
    for line in raw.splitlines():
        line = line.strip()
        if not line:
            continue
        label, _sep, url = line.rpartition("|") if "|" in line else ("", "", line)
        url, label = url.strip(), label.strip()
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc or len(url) > 500:
            return [], _("Tautan bukti harus alamat http(s) lengkap, satu per baris.")
        links.append({"label": (label or url)[:200], "url": url})
    if len(links) > MAX_LINKS:
        return [], _("Paling banyak %(n)d tautan per indikator.") % {"n": MAX_LINKS}
    return links, None


class SelfAssessmentController(Controller):
    path = "/staf/penilaian-mandiri"
    include_in_schema = False
    guards = [requires_roles("unit_admin")]

    async def _context(self, request: Request[Any, Any, Any], year: int, **extra: Any) -> dict[str, Any]:
        user = staff_user(request)
        ensure_can_manage_unit(user, user.unit_id)
        view = await queries.sheet_for(user.unit_slug or "", year)
        if view is None:
            unit = await queries.unit_by_slug(user.unit_slug or "")
            view = queries.blank_sheet(unit, year)
        suggested = await suggested_evidence(view.unit["id"], year)
        return {
            "view": view,
            "year": year,
            "language": get_language(),
            "figure_items": figure_items,
            "errors": {},
            "values": {},
            "saved": False,
            "instrument_choices": instrument_choices(get_language()),
            "unconfirmed_items": unconfirmed_items(view.instrument, get_language()),
            "suggested": suggested,
            "stage_labels": stage_labels(),
            "editable": view.assessment["status"] in UNIT_EDITABLE_STATUSES,
            **extra,
        }

    async def _refused(self, request: Request[Any, Any, Any], year: int, status: str) -> Template:
        """F-01 is not the unit's to change now (sent to the evaluator, or locked): 409, nothing saved."""
        if status == "locked":
            message = _("Penilaian ini sudah dikunci; tidak dapat diubah lagi.")
        else:
            message = _(
                "F-01 sudah dikirim ke evaluator; dapat diubah lagi setelah evaluator mengembalikannya dengan catatan."
            )
        context = await self._context(request, year, message=message)
        return Template(template_name="evaluation_link/self_assessment.html", context=context, status_code=409)

    @get("/", name="evaluation:self_current")
    async def current_year(self) -> Redirect:
        return Redirect(path=f"/staf/penilaian-mandiri/{current_year()}", status_code=303)

    @get("/{period:str}", name="evaluation:self_form")
    async def form(self, request: Request[Any, Any, Any], period: FromPath[str]) -> Template:
        year, extension = parse_period(period)
        if extension:
            raise NotFoundException(_("Halaman tidak ditemukan."))
        context = await self._context(request, year, saved=request.query_params.get("tersimpan") == "1")
        return Template(template_name="evaluation_link/self_assessment.html", context=context)

    @post("/{period:str}/instrumen", name="evaluation:self_instrument")
    async def instrument(self, request: Request[Any, Any, Any], period: FromPath[str]) -> Response[Any]:
        """The unit admin chooses the instrument of their own unit's assessment (until it is locked)."""
        year, _ext = parse_period(period)
        user = staff_user(request)
        ensure_can_manage_unit(user, user.unit_id)
        version = str((await request.form()).get("instrument") or "")
        try:
            if version not in available_versions():
                raise EvaluationError(_("Pilihan tidak valid."), field="instrument")
            existing = await queries.find_assessment(user.unit_id, year)  # type: ignore[arg-type]
            if existing is None:
                await services.get_or_create_assessment(user.unit_id, year, actor=user, version=version)  # type: ignore[arg-type]
            else:
                await services.set_instrument(existing["id"], version, actor=user, request=request)
        except AssessmentLocked as exc:
            context = await self._context(request, year, message=exc.message)
            return Template(template_name="evaluation_link/self_assessment.html", context=context, status_code=409)
        except EvaluationError as exc:
            context = await self._context(request, year, errors={exc.field: exc.message})
            return Template(template_name="evaluation_link/self_assessment.html", context=context, status_code=422)
        return Redirect(path=f"/staf/penilaian-mandiri/{year}#instrumen", status_code=303)

    @post("/{period:str}", name="evaluation:self_save")
    async def save(self, request: Request[Any, Any, Any], period: FromPath[str]) -> Response[Any]:
        year, _ext = parse_period(period)
        user = staff_user(request)
        ensure_can_manage_unit(user, user.unit_id)
        instrument = (await self._context(request, year))["view"].instrument
        form = await request.form()
        validator = FormValidator(form)
        answers: dict[int, ScoreInput] = {}
        evidence: dict[int, list[dict[str, str]]] = {}
        uploads: dict[int, ReceivedUpload] = {}
        settings = request.app.state.settings
        for item in instrument.indicators:
            no = item.no
            upload = form.get(f"file_{no}")
            if is_upload(upload):
                pending, upload_error = await evidence_files.read_upload(upload, settings.max_upload_bytes)
                if upload_error:
                    validator.errors[f"file_{no}"] = upload_error
                elif pending:
                    uploads[no] = pending
            score = validator.integer(f"self_score_{no}", minimum=0, maximum=5)
            note = validator.text(f"self_note_{no}", max_length=2000)
            links, error = parse_links(str(form.get(f"evidence_{no}") or ""))
            validator.values[f"evidence_{no}"] = str(form.get(f"evidence_{no}") or "")
            if error:
                validator.errors[f"evidence_{no}"] = error
            answers[no] = ScoreInput(score, note)
            if links:
                evidence[no] = links
        if validator.ok:
            assessment = await services.get_or_create_assessment(user.unit_id, year, actor=user)  # type: ignore[arg-type]
            if assessment["status"] not in UNIT_EDITABLE_STATUSES:
                return await self._refused(request, year, assessment["status"])
            stored = []
            for no, pending in uploads.items():
                entry = await evidence_files.store(pending, settings.upload_dir, user.unit_id)  # type: ignore[arg-type]
                stored.append(entry)
                evidence.setdefault(no, []).append(entry)
            try:
                await services.save_self_assessment(assessment["id"], answers, evidence, actor=user, request=request)
                if form.get("submit") == "1":
                    await services.submit_self_assessment(assessment["id"], actor=user, request=request)
            except (AssessmentLocked, NotEditableByUnit) as exc:
                await evidence_files.remove(stored, settings.upload_dir)
                context = await self._context(request, year, message=exc.message)
                return Template(template_name="evaluation_link/self_assessment.html", context=context, status_code=409)
            except EvaluationError as exc:
                await evidence_files.remove(stored, settings.upload_dir)
                validator.errors[exc.field] = exc.message
        if not validator.ok:
            context = await self._context(request, year, errors=validator.errors, values=validator.values)
            return Template(template_name="evaluation_link/self_assessment.html", context=context, status_code=422)
        return Redirect(path=f"/staf/penilaian-mandiri/{year}?tersimpan=1", status_code=303)


@get(
    "/staf/bukti-evaluasi/{unit_id:int}/{name:str}",
    name="evaluation:evidence_file",
    include_in_schema=False,
    guards=[requires_staff],
)
async def evidence_file(request: Request[Any, Any, Any], unit_id: RowId, name: FromPath[str]) -> File:
    """An uploaded F-01 or follow-up evidence file, for the unit's own staff, evaluators and system admins."""
    ensure_can_view_unit(staff_user(request), unit_id)
    path = evidence_files.stored_path(name, request.app.state.settings.upload_dir)
    entry = None
    if path:
        entry = await queries.evidence_file_of_unit(unit_id, name) or await evidence_of_unit(unit_id, name)
    if path is None or entry is None or not path.exists():
        raise NotFoundException(_("Berkas tidak ditemukan."))
    return File(
        path=path,
        filename=entry["label"],
        media_type=entry.get("content_type"),
        content_disposition_type="attachment",
        headers={"cache-control": "private, no-store"},
    )
