"""Staff pages: the unit inbox, the triage queue, the supervisor view and the case page with its actions."""

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromQuery
from litestar.response import File, Response

from complaints import closure, holiday_sources, privacy, queries
from complaints.actors import Actor
from complaints.lapor_status import LAPOR_STATUS_CHOICES
from complaints.presentation import (
    attachment_file,
    case_view,
    flash_redirect,
    take_flash,
    template_helpers,
    topic_choices,
)
from complaints.services import conversation, handling, identity
from complaints.services.handling import InvalidAction
from complaints.services.staff_summary import staff_summary
from complaints.services.uploads import store_files
from complaints.workflow import TransitionRefused
from portal.forms import clean_text
from portal.i18n import _
from portal.pagination import PageNumber
from portal.params import RowId, optional_id, parse_id
from portal.security import (
    CurrentUser,
    ensure_can_view_unit,
    ensure_can_work_unit,
    requires_roles,
    requires_staff,
    staff_user,
)
from portal.templating import Template


async def _case_or_404(complaint_id: int) -> dict[str, Any]:
    row = await queries.case(complaint_id)
    if row is None:
        raise NotFoundException(_("Pengaduan tidak ditemukan."))
    return row


async def render_case(
    request: Request[Any, Any, Any],
    complaint_id: int,
    *,
    error: str = "",
    status_code: int = 200,
    revealed: bool = False,
) -> Template:
    """The case page as the viewer may see it (complaints.privacy). `revealed`: the system admin's
    audited "show identity" (the caller has recorded it)."""
    user = staff_user(request)
    row = await _case_or_404(complaint_id)
    supervising = await closure.may_supervise(user, row)
    if not supervising:
        ensure_can_view_unit(user, row["unit"])
    access = privacy.identity_access(row, user)
    revealed = revealed and access == privacy.ON_REQUEST
    row = privacy.case_for_viewer(row, user, revealed=revealed)
    if revealed:
        access = privacy.SHOWN
    elif access != privacy.SHOWN:
        row = queries.without_identity(row)
    view = case_view(row, user, supervising=supervising)
    now = datetime.now(UTC)
    flash, cookies = take_flash(request) if not error else ("", [])
    context = {
        "flash": flash,
        "waiting": conversation.is_waiting(row),
        "wait_exceeded": await conversation.wait_exceeded(row, now),
        "max_wait": conversation.max_wait_days(),
        "c": row,
        "identity_access": access,
        "revealed": revealed,
        "view": view,
        "overdue": queries.overdue_flags(row, now),
        "units": await queries.units_for_choice(),
        "topics": topic_choices(),
        "error": error,
        "lapor_source": await queries.lapor_source(row.get("lapor_import")),
        "lapor_statuses": LAPOR_STATUS_CHOICES,
        **template_helpers(),
    }
    return Template(
        template_name="complaints/staff/case.html", context=context, status_code=status_code, cookies=cookies
    )


async def _rows_for_viewer(user: CurrentUser, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    await queries.add_privacy_columns(rows)
    return [privacy.list_row_for_viewer(row, user) for row in rows]


class StaffComplaintController(Controller):
    path = "/staf/pengaduan"
    include_in_schema = False
    guards = [requires_staff]

    @get("/", name="complaints:inbox")
    async def inbox(
        self,
        request: Request[Any, Any, Any],
        status: FromQuery[str] = "",
        topic: FromQuery[str] = "",
        service_id: FromQuery[str] = "",
        unit_id: FromQuery[str] = "",
        overdue: FromQuery[str] = "",
        waiting: FromQuery[str] = "",
        overdue_stage: FromQuery[str] = "",
        page: PageNumber = 1,
    ) -> Template:
        user = staff_user(request)
        own_unit = None if (user.is_system_admin or user.is_evaluator) else user.unit_id
        if own_unit is None and not (user.is_system_admin or user.is_evaluator):
            raise PermissionDeniedException(_("Akun Anda tidak terhubung ke unit."))
        filters = queries.InboxFilter(
            status=status if status in queries.ALL_STATUSES else "",
            topic=clean_text(topic)[:40],
            service_id=optional_id(service_id, "service_id"),
            unit_id=optional_id(unit_id, "unit_id"),
            overdue=overdue in ("1", "on"),
            page=page,
            waiting=waiting if waiting in queries.WAITING_WHERE else "",
            overdue_stage=overdue_stage if overdue_stage in queries.OVERDUE_STAGES else "",
        )
        result = await queries.inbox(own_unit, filters)
        result.rows[:] = await _rows_for_viewer(user, result.rows)
        now = datetime.now(UTC)
        for row in result.rows:
            row["overdue"] = queries.overdue_flags(row, now)
            row["stage"], row["stage_due"] = queries.stage_deadline(row)
        kept = {
            "status": filters.status,
            "topic": filters.topic,
            "service_id": filters.service_id or "",
            "unit_id": filters.unit_id or "",
            "overdue": "1" if filters.overdue else "",
            "waiting": filters.waiting,
            "overdue_stage": filters.overdue_stage,
        }
        context = {
            "result": result,
            "filters": filters,
            "filter_query": urlencode({k: v for k, v in kept.items() if v}),
            "services": await queries.services_for_choice(own_unit),
            "units": await queries.units_for_choice() if own_unit is None else [],
            "topics": topic_choices(),
            "statuses": list(queries.ALL_STATUSES),
            **template_helpers(),
        }
        if request.headers.get("hx-request"):
            template = "complaints/staff/_inbox_rows.html"
        else:
            template = "complaints/staff/inbox.html"
            context["warnings"] = await holiday_sources.calendar_warnings()
            context["summary"] = await staff_summary(user, now)
        flash, cookies = take_flash(request)
        context["flash"] = flash
        return Template(template_name=template, context=context, cookies=cookies)

    @get("/triase", name="complaints:triage", guards=[requires_roles("system_admin")])
    async def triage(self, request: Request[Any, Any, Any], page: PageNumber = 1) -> Template:
        result = await queries.triage_queue(max(1, page))
        result.rows[:] = await _rows_for_viewer(staff_user(request), result.rows)
        now = datetime.now(UTC)
        for row in result.rows:
            row["overdue"] = queries.overdue_flags(row, now)
        return Template(
            template_name="complaints/staff/triage.html",
            context={"result": result, "units": await queries.units_for_choice(), **template_helpers()},
        )

    @get("/pengawasan", name="complaints:supervisor", guards=[requires_roles("system_admin", "evaluator")])
    async def supervisor(self) -> Template:
        return Template(
            template_name="complaints/staff/supervisor.html",
            context={"summary": await queries.supervisor_summary(), **template_helpers()},
        )

    @get("/{complaint_id:int}", name="complaints:case")
    async def case(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Template:
        return await render_case(request, complaint_id)

    @get("/{complaint_id:int}/identitas", name="complaints:identity", guards=[requires_roles("system_admin")])
    async def identity(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Template:
        """The form asking why the reporter's identity of an anonim/rahasia case must be shown."""
        return await self._identity_form(request, complaint_id)

    async def _identity_form(
        self,
        request: Request[Any, Any, Any],
        complaint_id: int,
        *,
        reason: str = "",
        error: str = "",
        status_code: int = 200,
    ) -> Template:
        user = staff_user(request)
        row = await _case_or_404(complaint_id)
        if privacy.identity_access(row, user) != privacy.ON_REQUEST:
            raise NotFoundException(_("Identitas pelapor pengaduan ini tidak dapat diminta."))
        return Template(
            template_name="complaints/staff/identity.html",
            status_code=status_code,
            context={
                "c": privacy.masked_case(row),
                "reason": reason,
                "error": error,
                "min_reason": privacy.MIN_REVEAL_REASON,
                **template_helpers(),
            },
        )

    @post(
        "/{complaint_id:int}/identitas",
        name="complaints:identity_reveal",
        guards=[requires_roles("system_admin")],
        status_code=200,
    )
    async def identity_reveal(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Template:
        """Show the identity and the original text, once, for a stated reason; every view is audited."""
        user = staff_user(request)
        form = await request.form()
        reason = clean_text(form.get("reason"))[:500]
        if len(reason) < privacy.MIN_REVEAL_REASON:
            return await self._identity_form(
                request,
                complaint_id,
                reason=reason,
                status_code=422,
                error=_("Tuliskan alasan yang sah (paling sedikit %(n)d karakter).") % {"n": privacy.MIN_REVEAL_REASON},
            )
        row = await _case_or_404(complaint_id)
        if privacy.identity_access(row, user) != privacy.ON_REQUEST:
            raise NotFoundException(_("Identitas pelapor pengaduan ini tidak dapat diminta."))
        await identity.record_identity_view(complaint_id, row["unit"], reason, actor=user, request=request)
        return await render_case(request, complaint_id, revealed=True)

    async def _run(
        self,
        request: Request[Any, Any, Any],
        complaint_id: int,
        work: Any,
        *,
        supervisor_may: bool = False,
        done: str = "",
    ) -> Response[Any]:
        user = staff_user(request)
        row = await _case_or_404(complaint_id)
        if row["unit"] is None and not user.is_system_admin:
            raise PermissionDeniedException(_("Pengaduan ini belum didisposisikan ke unit Anda."))
        supervising = supervisor_may and await closure.may_supervise(user, row)
        if row["unit"] is not None and not supervising:
            ensure_can_work_unit(user, row["unit"])
        try:
            await work(Actor.staff(user))
        except TransitionRefused as exc:
            return await render_case(request, complaint_id, error=exc.message, status_code=409)
        except InvalidAction as exc:
            return await render_case(request, complaint_id, error=exc.message, status_code=422)
        return flash_redirect(request, f"/staf/pengaduan/{complaint_id}", done)

    @post("/{complaint_id:int}/aksi", name="complaints:action", status_code=303)
    async def action(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Response[Any]:
        form = await request.form()
        action = clean_text(form.get("action"))
        note = clean_text(form.get("note"))
        unit_id = parse_id(form.get("unit_id"))

        async def work(actor: Actor) -> None:
            if action == "verify_route":
                await handling.verify_and_route(complaint_id, actor, unit_id, note=note, request=request)
            else:
                await handling.apply_action(
                    complaint_id,
                    action,
                    actor,
                    note=note,
                    reason=clean_text(form.get("reason")),
                    unit_id=unit_id,
                    request=request,
                )

        return await self._run(request, complaint_id, work, supervisor_may=action == "answer", done=action)

    @post("/{complaint_id:int}/tanya", name="complaints:ask", status_code=303)
    async def ask(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Response[Any]:
        """An officer asks the reporter for information (any stage before the final answer)."""
        form = await request.form()

        async def work(actor: Actor) -> None:
            await conversation.ask_reporter(complaint_id, actor, clean_text(form.get("note")), request=request)

        return await self._run(request, complaint_id, work, supervisor_may=True, done="ask")

    @post("/{complaint_id:int}/sanggahan", name="complaints:escalation_return", status_code=303)
    async def escalation_return(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Response[Any]:
        """The supervising unit sends a disputed case back to the unit with instructions."""
        form = await request.form()

        async def work(actor: Actor) -> None:
            await handling.return_escalation(complaint_id, actor, clean_text(form.get("note")), request=request)

        return await self._run(request, complaint_id, work, supervisor_may=True, done="sent_back")

    @get("/sanggahan", name="complaints:escalations")
    async def escalations(self, request: Request[Any, Any, Any]) -> Template:
        """Disputed cases waiting for the supervising unit (its staff and system administrators)."""
        user = staff_user(request)
        if not closure.is_supervisor(user, await closure.supervising_unit_id()):
            raise PermissionDeniedException(_("Halaman ini untuk unit pengawas."))
        rows = await _rows_for_viewer(
            user, await queries.open_escalations(exclude_unit=None if user.is_system_admin else user.unit_id)
        )
        return Template(template_name="complaints/staff/escalations.html", context={"rows": rows, **template_helpers()})

    @post("/{complaint_id:int}/balas", name="complaints:reply", status_code=303)
    async def reply(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Response[Any]:
        form = await request.form()

        async def work(actor: Actor) -> None:
            files = await store_files(request, form)
            await handling.reply(complaint_id, actor, clean_text(form.get("note")), files=files, request=request)

        return await self._run(request, complaint_id, work, done="reply")

    @post("/{complaint_id:int}/catatan", name="complaints:note", status_code=303)
    async def note(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Response[Any]:
        form = await request.form()

        async def work(actor: Actor) -> None:
            files = await store_files(request, form)
            await handling.add_note(complaint_id, actor, clean_text(form.get("note")), files=files, request=request)

        return await self._run(request, complaint_id, work, done="note")

    @post("/{complaint_id:int}/topik", name="complaints:topic", status_code=303)
    async def topic(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Response[Any]:
        form = await request.form()

        async def work(actor: Actor) -> None:
            await handling.set_topic(complaint_id, actor, clean_text(form.get("topic")), request=request)

        return await self._run(request, complaint_id, work, done="topic")

    @post(
        "/{complaint_id:int}/lapor", name="complaints:lapor", status_code=303, guards=[requires_roles("system_admin")]
    )
    async def lapor(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Response[Any]:
        """SP4N-LAPOR! facts by the system admin with a supporting document (units import, never type)."""
        form = await request.form()

        async def work(actor: Actor) -> None:
            files = await store_files(request, form, "document")
            await handling.set_lapor(
                complaint_id,
                actor,
                clean_text(form.get("lapor_tracking_id")),
                clean_text(form.get("lapor_status")),
                document=files[0] if files else None,
                request=request,
            )

        return await self._run(request, complaint_id, work, done="lapor")

    @get("/lampiran/{attachment_id:int}", name="complaints:staff_attachment")
    async def attachment(self, request: Request[Any, Any, Any], attachment_id: RowId) -> File:
        row = await queries.attachment(attachment_id)
        if row is None:
            raise NotFoundException()
        user = staff_user(request)
        ensure_can_view_unit(user, row["complaint.unit"])
        case = {
            "unit": row["complaint.unit"],
            "is_anonymous": row["complaint.is_anonymous"],
            "is_confidential": row["complaint.is_confidential"],
            "identity_stored": row["complaint.identity_stored"],
        }
        name = row["original_name"]
        if not privacy.sees_original(case, user):
            position = await queries.attachment_position(attachment_id, row["complaint"])
            name = privacy.neutral_attachment_name(position, row["content_type"])
        return attachment_file(request, row, name)


STAFF_HANDLERS = [StaffComplaintController]
