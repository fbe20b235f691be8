"""Staff pages: the unit inbox, the triage queue, the supervisor view and the case page with its actions."""

from datetime import UTC, datetime
from typing import Any

import anyio
from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromQuery
from litestar.response import File, Redirect, Response, Template

from complaints import privacy
from complaints.actors import Actor
from complaints.presentation import read_uploads, template_helpers, topic_choices
from complaints.services import handling, queries
from complaints.services.handling import InvalidAction, StoredFile
from complaints.workflow import TransitionRefused, allowed_actions
from portal import audit
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
)


def _user(request: Request[Any, Any, Any]) -> CurrentUser:
    return request.scope["user"]


async def _store_files(request: Request[Any, Any, Any], form: Any) -> list[StoredFile]:
    from complaints.attachments import AttachmentRejected, check_upload, save_upload

    settings = request.app.state.settings
    files, error = await read_uploads(form, "attachments", settings.max_upload_bytes)
    if error:
        raise InvalidAction(error)

    def check_and_save() -> list[StoredFile]:
        stored = []
        for name, data in files[:3]:
            try:
                checked = check_upload(name, data, max_bytes=settings.max_upload_bytes)
            except AttachmentRejected as exc:
                raise InvalidAction(f"{name}: {exc}") from exc
            stored.append(StoredFile(checked, name, save_upload(checked, settings.upload_dir)))
        return stored

    return await anyio.to_thread.run_sync(check_and_save)


async def _case_or_404(complaint_id: int) -> dict[str, Any]:
    row = await queries.case(complaint_id)
    if row is None:
        raise NotFoundException(_("Pengaduan tidak ditemukan."))
    return row


async def render_case(request: Request[Any, Any, Any], complaint_id: int, *, error: str = "",
                      status_code: int = 200, show_identity: bool = False) -> Template:
    user = _user(request)
    row = await _case_or_404(complaint_id)
    ensure_can_view_unit(user, row["unit"])
    access = privacy.identity_access(row, user)
    if show_identity and access == privacy.ON_REQUEST:
        await audit.record("view_identity", "complaint", complaint_id, actor=user, unit_id=row["unit"],
                           request=request)
        access = privacy.SHOWN
    if access != privacy.SHOWN:
        row = queries.without_identity(row)
    can_work = user.can_work_unit(row["unit"]) if row["unit"] else user.is_system_admin
    now = datetime.now(UTC)
    context = {
        "c": row,
        "identity_access": access,
        "actions": allowed_actions(row["status"], user.role) if can_work else [],
        "can_work": can_work,
        "overdue": queries.overdue_flags(row, now),
        "units": await queries.units_for_choice(),
        "topics": topic_choices(),
        "error": error,
        **template_helpers(),
    }
    return Template(template_name="complaints/staff/case.html", context=context, status_code=status_code)


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
        page: PageNumber = 1,
    ) -> Template:
        user = _user(request)
        own_unit = None if (user.is_system_admin or user.is_evaluator) else user.unit_id
        if own_unit is None and not (user.is_system_admin or user.is_evaluator):
            raise PermissionDeniedException(_("Akun Anda tidak terhubung ke unit."))
        filters = queries.InboxFilter(
            status=status if status in (*queries.OPEN_STATUSES, "closed", "archived") else "",
            topic=clean_text(topic)[:40],
            service_id=optional_id(service_id, "service_id"),
            unit_id=optional_id(unit_id, "unit_id"),
            overdue=overdue in ("1", "on"),
            page=page,
        )
        result = await queries.inbox(own_unit, filters)
        now = datetime.now(UTC)
        for row in result.rows:
            row["overdue"] = queries.overdue_flags(row, now)
        context = {
            "result": result,
            "filters": filters,
            "services": await queries.services_for_choice(own_unit),
            "units": await queries.units_for_choice() if own_unit is None else [],
            "topics": topic_choices(),
            "statuses": [*queries.OPEN_STATUSES, "closed", "archived"],
            **template_helpers(),
        }
        template = "complaints/staff/_inbox_rows.html" if request.headers.get("hx-request") else \
            "complaints/staff/inbox.html"
        return Template(template_name=template, context=context)

    @get("/triase", name="complaints:triage", guards=[requires_roles("system_admin")])
    async def triage(self, page: PageNumber = 1) -> Template:
        result = await queries.triage_queue(max(1, page))
        now = datetime.now(UTC)
        for row in result.rows:
            row["overdue"] = queries.overdue_flags(row, now)
        return Template(
            template_name="complaints/staff/triage.html",
            context={"result": result, "units": await queries.units_for_choice(), **template_helpers()},
        )

    @get("/pengawasan", name="complaints:supervisor", guards=[requires_roles("system_admin", "evaluator")])
    async def supervisor(self) -> Template:
        return Template(template_name="complaints/staff/supervisor.html",
                        context={"summary": await queries.supervisor_summary(), **template_helpers()})

    @get("/{complaint_id:int}", name="complaints:case")
    async def case(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Template:
        return await render_case(request, complaint_id)

    @get("/{complaint_id:int}/identitas", name="complaints:identity", guards=[requires_roles("system_admin")])
    async def identity(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Template:
        """The reporter's identity of an anonim/rahasia case; every view is audited."""
        return await render_case(request, complaint_id, show_identity=True)

    async def _run(self, request: Request[Any, Any, Any], complaint_id: int, work: Any) -> Response[Any]:
        user = _user(request)
        row = await _case_or_404(complaint_id)
        if row["unit"] is None and not user.is_system_admin:
            raise PermissionDeniedException(_("Pengaduan ini belum didisposisikan ke unit Anda."))
        if row["unit"] is not None:
            ensure_can_work_unit(user, row["unit"])
        try:
            await work(Actor.staff(user))
        except TransitionRefused as exc:
            return await render_case(request, complaint_id, error=exc.message, status_code=409)
        except InvalidAction as exc:
            return await render_case(request, complaint_id, error=exc.message, status_code=422)
        return Redirect(path=f"/staf/pengaduan/{complaint_id}", status_code=303)

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
                await handling.apply_action(complaint_id, action, actor, note=note,
                                            reason=clean_text(form.get("reason")), unit_id=unit_id,
                                            request=request)

        return await self._run(request, complaint_id, work)

    @post("/{complaint_id:int}/balas", name="complaints:reply", status_code=303)
    async def reply(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Response[Any]:
        form = await request.form()

        async def work(actor: Actor) -> None:
            files = await _store_files(request, form)
            await handling.reply(complaint_id, actor, clean_text(form.get("note")), files=files, request=request)

        return await self._run(request, complaint_id, work)

    @post("/{complaint_id:int}/catatan", name="complaints:note", status_code=303)
    async def note(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Response[Any]:
        form = await request.form()

        async def work(actor: Actor) -> None:
            files = await _store_files(request, form)
            await handling.add_note(complaint_id, actor, clean_text(form.get("note")), files=files, request=request)

        return await self._run(request, complaint_id, work)

    @post("/{complaint_id:int}/topik", name="complaints:topic", status_code=303)
    async def topic(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Response[Any]:
        form = await request.form()

        async def work(actor: Actor) -> None:
            await handling.set_topic(complaint_id, actor, clean_text(form.get("topic")), request=request)

        return await self._run(request, complaint_id, work)

    @post("/{complaint_id:int}/lapor", name="complaints:lapor", status_code=303)
    async def lapor(self, request: Request[Any, Any, Any], complaint_id: RowId) -> Response[Any]:
        form = await request.form()

        async def work(actor: Actor) -> None:
            await handling.set_lapor(complaint_id, actor, clean_text(form.get("lapor_tracking_id")),
                                     clean_text(form.get("lapor_status")), request=request)

        return await self._run(request, complaint_id, work)

    @get("/lampiran/{attachment_id:int}", name="complaints:staff_attachment")
    async def attachment(self, request: Request[Any, Any, Any], attachment_id: RowId) -> File:
        row = await queries.attachment(attachment_id)
        if row is None:
            raise NotFoundException()
        ensure_can_view_unit(_user(request), row["complaint.unit"])
        return attachment_file(request, row)


def attachment_file(request: Request[Any, Any, Any], row: dict[str, Any]) -> File:
    from complaints.attachments import stored_path

    try:
        path = stored_path(row["storage_name"], request.app.state.settings.upload_dir)
    except ValueError as exc:
        raise NotFoundException() from exc
    if not path.is_file():
        raise NotFoundException()
    safe_name = "".join(ch for ch in row["original_name"] if ch.isalnum() or ch in "._- ")[:100] or "lampiran"
    return File(path=path, filename=safe_name, media_type=row["content_type"],
                content_disposition_type="attachment", headers={"cache-control": "private, no-store"})


STAFF_HANDLERS = [StaffComplaintController]
