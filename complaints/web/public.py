"""Citizen pages: the complaint form, the tracking page (with the private link's actions) and the
public board."""

from datetime import UTC, datetime
from typing import Any

import anyio
from babel.numbers import format_decimal
from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, ValidationException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Response

from complaints import board_map, intake_form, pending_uploads, privacy, public_copy, queries, states
from complaints.notifications import private_link
from complaints.presentation import (
    attachment_file,
    browser_proof,
    filed_mail_task,
    flash_redirect,
    take_flash,
    template_helpers,
    topic_choices,
)
from complaints.services import board as board_service
from complaints.services import intake, reporter
from complaints.services.conversation import is_waiting
from complaints.services.handling import InvalidAction
from complaints.services.uploads import store_files
from complaints.tracking_codes import normalize_code
from complaints.workflow import TransitionRefused, allowed_actions
from portal import uploads
from portal.forms import clean_text
from portal.i18n import _, get_language
from portal.map_tiles import MapConfig
from portal.pagination import PageNumber
from portal.params import RowId, optional_id, parse_db_int, parse_id
from portal.templating import Template


async def _form_context(
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    duplicate: str = "",
    pending: list[pending_uploads.PendingUpload] | None = None,
    map_config: MapConfig | None = None,
) -> dict[str, Any]:
    values = values or {}
    unit, service = parse_id(values.get("unit_id")), parse_id(values.get("service_id"))
    return {
        "values": values,
        "errors": errors or {},
        "duplicate": duplicate,
        "units": await queries.units_for_choice(),
        "services": await queries.services_for_choice(unit),
        "standard": await intake_form.promised_standard(service),
        "kinds": intake.KINDS,
        "pending": pending or [],
        "max_attachments": intake.MAX_ATTACHMENTS,
        "max_description": intake.MAX_DESCRIPTION,
        "max_description_label": format_decimal(intake.MAX_DESCRIPTION, locale=get_language()),
        "map": map_config,
        **template_helpers(),
    }


def _form_values(form: Any) -> dict[str, str]:
    return {
        key: clean_text(form.get(key))
        for key in form
        if key not in ("attachments", "_csrf_token", *intake_form.PENDING_FIELDS)
    }


async def _tap_page(code: str, token: str, action: str) -> Template:
    row = await reporter.find_by_code(code, clean_text(token))
    if row is None:
        raise NotFoundException(_("Kode pelacakan atau tautan tidak valid."))
    return Template(
        template_name="complaints/tap_action.html",
        context={
            "c": row,
            "token": clean_text(token),
            "action": action,
            "possible": row["status"] == states.ANSWERED,
            **template_helpers(),
        },
    )


class PublicComplaintController(Controller):
    path = "/pengaduan"
    include_in_schema = False

    @get("/baru", name="complaints:new")
    async def new(self, request: Request[Any, Any, Any], layanan: FromQuery[str] = "") -> Template:
        """The form; `?layanan=<id>` (the service pages' "Adukan layanan ini") preselects a service and its unit."""
        values = await intake_form.preselected(layanan)
        return Template(
            template_name="complaints/new.html",
            context=await _form_context(values, map_config=request.app.state.map_config),
        )

    @get("/baru/standar", name="complaints:service_standard")
    async def service_standard(self, service_id: FromQuery[str] = "") -> Template:
        """The promised fee and time of the chosen service, next to "what you paid" (htmx fragment)."""
        service = optional_id(service_id, "service_id")
        return Template(
            template_name="complaints/_standard_promise.html",
            context={"standard": await intake_form.promised_standard(service), **template_helpers()},
        )

    @get("/baru/layanan", name="complaints:service_options")
    async def service_options(self, unit_id: FromQuery[str] = "") -> Template:
        unit = optional_id(unit_id, "unit_id")
        return Template(
            template_name="complaints/_service_options.html",
            context={"services": await queries.services_for_choice(unit), "values": {}},
        )

    @post("/baru", name="complaints:create", opt={"rate_limit": "public_write"})
    async def create(self, request: Request[Any, Any, Any]) -> Response[Any]:
        form = await request.form()
        values = _form_values(form)
        settings = request.app.state.settings
        maps = request.app.state.map_config
        if values.get(intake.HONEYPOT_FIELD):
            errors = {"__all__": _("Pengaduan tidak dapat diterima. Muat ulang halaman dan coba lagi.")}
            return Template(
                template_name="complaints/new.html",
                context=await _form_context(values, errors, map_config=maps),
                status_code=422,
            )
        errors: dict[str, str] = {}
        kept = intake_form.kept_uploads(form, settings, errors)
        files, upload_error = await uploads.read_field(form, "attachments", settings.max_upload_bytes)
        if upload_error:
            errors["attachments"] = upload_error
        fresh = (
            await anyio.to_thread.run_sync(
                intake.check_files, files, settings.max_upload_bytes, errors, len(kept.checked)
            )
            if files
            else []
        )
        try:
            if errors:
                raise intake.InvalidComplaint({**intake_form.field_errors(values), **errors})
            filed = await intake.submit(
                request.app, values, checked_files=kept.checked + fresh, filer_proof=browser_proof(request)
            )
        except (intake.InvalidComplaint, intake.DuplicateSuspected) as exc:
            pending = kept.pending + await anyio.to_thread.run_sync(intake_form.hold_all, fresh, settings)
            duplicate = exc.tracking_code if isinstance(exc, intake.DuplicateSuspected) else ""
            errors = exc.errors if isinstance(exc, intake.InvalidComplaint) else {}
            return Template(
                template_name="complaints/new.html",
                context=await _form_context(values, errors, duplicate, pending, maps),
                status_code=409 if duplicate else 422,
            )
        intake_form.release_all(kept.pending, settings)
        email = values.get("reporter_email", "") if not values.get("fully_anonymous") else ""
        intake_form.remember_filed(
            request, filed, private_link(str(request.base_url), filed.tracking_code, filed.token), email
        )
        return Redirect(
            path=f"/pengaduan/diterima/{filed.tracking_code}",
            status_code=303,
            background=filed_mail_task(request, filed, email.lower(), values.get("title", "")),
        )

    @get("/diterima/{code:str}", name="complaints:filed", opt={"rate_limit": "tracking"})
    async def filed(self, request: Request[Any, Any, Any], code: FromPath[str]) -> Response[Any]:
        """The confirmation after Post/Redirect/Get: the private link once (from the session), then a note
        that it was shown; reloading never files again. Another browser is sent to the tracking page."""
        shown = intake_form.take_filed(request, code)
        if shown is None:
            return Redirect(path=f"/pengaduan/lacak/{normalize_code(code)}", status_code=303)
        summary = await intake_form.filed_summary(shown["code"])
        if summary is None:
            raise NotFoundException(_("Kode pelacakan atau tautan tidak valid."))
        return Template(
            template_name="complaints/filed.html",
            context={
                "filed": summary,
                "private_url": shown.get("private_url", ""),
                "email": shown.get("email", ""),
                **template_helpers(),
            },
            headers={"cache-control": "no-store"},
        )

    @get("/lacak", name="complaints:track_form")
    async def track_form(self) -> Template:
        return Template(template_name="complaints/track_form.html", context={"code": "", "error": ""})

    @post("/lacak", name="complaints:track_lookup", opt={"rate_limit": "tracking"}, status_code=303)
    async def track_lookup(self, request: Request[Any, Any, Any]) -> Response[Any]:
        form = await request.form()
        code = normalize_code(clean_text(form.get("code")))
        row = await reporter.find_by_code(code)
        if row is None:
            return Template(
                template_name="complaints/track_form.html",
                context={
                    "code": clean_text(form.get("code"))[:40],
                    "error": _("Kode pelacakan tidak ditemukan. Periksa kembali kode Anda."),
                },
                status_code=404,
            )
        return Redirect(path=f"/pengaduan/lacak/{row['tracking_code']}", status_code=303)

    @get("/lacak/{code:str}", name="complaints:track", opt={"rate_limit": "tracking"})
    async def track(
        self, request: Request[Any, Any, Any], code: FromPath[str], t: FromQuery[str | None] = None
    ) -> Template:
        row = await reporter.find_by_code(code, t)
        if row is None:
            raise NotFoundException(_("Kode pelacakan atau tautan tidak valid."))
        return await render_tracking(request, row, t)

    @post(
        "/lacak/{code:str}/tindakan",
        name="complaints:reporter_action",
        opt={"rate_limit": "public_write", "code_lookup": True},
        status_code=303,
    )
    async def reporter_action(self, request: Request[Any, Any, Any], code: FromPath[str]) -> Response[Any]:
        form = await request.form()
        token = clean_text(form.get("t"))
        row = await reporter.find_by_code(code, token)
        if row is None:
            raise NotFoundException(_("Kode pelacakan atau tautan tidak valid."))
        action = clean_text(form.get("action"))
        try:
            if action == "rate":
                rating = clean_text(form.get("rating"))
                await reporter.rate(
                    row["id"], parse_db_int(rating) or 0, clean_text(form.get("comment")), request=request
                )
            else:
                files = await store_files(request, form)
                await reporter.act(row["id"], action, note=clean_text(form.get("note")), files=files, request=request)
        except (TransitionRefused, InvalidAction) as exc:
            fresh = await reporter.find_by_code(code, token)
            status = 409 if isinstance(exc, TransitionRefused) else 422
            return await render_tracking(request, fresh or row, token, error=exc.message, status_code=status)
        return flash_redirect(request, f"/pengaduan/lacak/{row['tracking_code']}?t={token}", action)

    @get("/lacak/{code:str}/selesai", name="complaints:tap_confirm", opt={"rate_limit": "tracking"})
    async def tap_confirm(self, code: FromPath[str], t: FromQuery[str] = "") -> Template:
        """The one-tap "selesai" link of a message: a page whose button confirms (GET changes nothing)."""
        return await _tap_page(code, t, "confirm")

    @get("/lacak/{code:str}/sanggah", name="complaints:tap_dispute", opt={"rate_limit": "tracking"})
    async def tap_dispute(self, code: FromPath[str], t: FromQuery[str] = "") -> Template:
        """The one-tap "sanggah" link of a message: a page with the reason field and the dispute button."""
        return await _tap_page(code, t, "dispute")

    @get(
        "/lacak/{code:str}/lampiran/{attachment_id:int}",
        name="complaints:reporter_attachment",
        opt={"rate_limit": "tracking"},
    )
    async def reporter_attachment(
        self, request: Request[Any, Any, Any], code: FromPath[str], attachment_id: RowId, t: FromQuery[str] = ""
    ) -> Response[Any]:
        row = await reporter.find_by_code(code, t)
        attachment = await queries.attachment(attachment_id) if row else None
        if row is None or attachment is None or attachment["complaint"] != row["id"]:
            raise NotFoundException()
        return attachment_file(request, attachment)

    @get("/peta", name="complaints:board_map")
    async def board_map(
        self,
        request: Request[Any, Any, Any],
        q: FromQuery[str] = "",
        unit_id: FromQuery[str] = "",
        topic: FromQuery[str] = "",
    ) -> Template:
        """The board on a map (coarse positions, clustered) with the same places as a list (no JavaScript,
        no tiles needed)."""
        q = clean_text(q)[:100]
        cells = await board_map.board_points(q=q, unit_id=optional_id(unit_id, "unit_id"), topic=clean_text(topic)[:40])
        context = {
            "cells": cells,
            "total": sum(len(c["complaints"]) for c in cells),
            "q": q,
            "unit_id": unit_id,
            "topic": topic,
            "map": request.app.state.map_config,
            "units": await queries.units_for_choice(),
            "topics": topic_choices(),
            **template_helpers(),
        }
        return Template(template_name="complaints/board_map.html", context=context)

    @get("/peta.geojson", name="complaints:board_geojson", media_type="application/geo+json")
    async def board_geojson(
        self, q: FromQuery[str] = "", unit_id: FromQuery[str] = "", topic: FromQuery[str] = ""
    ) -> dict[str, Any]:
        cells = await board_map.board_points(
            q=clean_text(q)[:100], unit_id=optional_id(unit_id, "unit_id"), topic=clean_text(topic)[:40]
        )
        return board_map.as_geojson(cells, template_helpers()["status_label"])

    @get("/", name="complaints:board")
    async def board(
        self,
        request: Request[Any, Any, Any],
        q: FromQuery[str] = "",
        unit_id: FromQuery[str] = "",
        topic: FromQuery[str] = "",
        page: PageNumber = 1,
        cursor: FromQuery[str] = "",
    ) -> Template | Response:
        q = clean_text(q)[:100]
        topic = clean_text(topic)[:40]
        unit = optional_id(unit_id, "unit_id")
        counts = request.app.state.setdefault(board_service.COUNTS_STATE_KEY, {})
        pages = board_service.page_cache(request.app)  # the rendered page, while nothing it shows changed
        fragment = bool(request.headers.get("hx-request"))
        key = await pages.key(request.scope, fragment)
        if (kept := pages.get(key, counts.get((q, unit, topic)))) is not None:
            return Response(kept, media_type="text/html")
        try:
            result = await board_service.board(
                q=q, unit_id=unit, topic=topic, cursor=clean_text(cursor)[:64], page=page, counts=counts
            )
        except board_service.BadCursor:
            message = _("Tautan halaman tidak berlaku lagi. Buka halaman pertama papan pengaduan.")
            raise ValidationException(detail=message, extra={"cursor" if cursor else "page": message}) from None
        rows = board_service.public_rows(result)
        language = get_language()
        context = {
            "rows": rows,
            "result": result,
            "q": q,
            "unit_id": unit_id,
            "topic": topic,
            "notices": [n.text(language) for n in result.notices],
            "units": await queries.units_for_choice(),
            "topics": topic_choices(),
            **template_helpers(),
        }
        template = "complaints/_board_rows.html" if fragment else "complaints/board.html"
        page = Template(template_name=template, context=context)
        if key is None:
            return page
        text = request.app.template_engine.get_template(template).render(**page.create_template_context(request))
        return Response(pages.put(key, text.encode(), counts.get((q, unit, topic))), media_type="text/html")


async def render_tracking(
    request: Request[Any, Any, Any], row: dict[str, Any], token: str | None, *, error: str = "", status_code: int = 200
) -> Template:
    is_reporter = token is not None
    if is_reporter:  # the reporter's own view (private link): their texts (and their answers) as written
        events = await queries.public_events(row["id"], with_reporter_answers=True)
        texts = {"title": row["title"], "description": row["description"]}
    else:  # everybody else reads the masked public copy only
        copy = await public_copy.for_complaint(row["id"])
        events = copy["timeline"]
        texts = {"title": copy["title"], "description": copy["description"]}
    attachments = await reporter.visible_attachments(row["id"]) if is_reporter else []
    flash, cookies = take_flash(request) if is_reporter and not error else ("", [])
    questions = [e for e in events if e["event_type"] == "info_requested"]
    context = {
        "flash": flash,
        "waiting": is_reporter and is_waiting(row) and row["status"] not in states.ANSWERED_OR_FINAL,
        "open_question": questions[-1] if questions else None,
        "c": {**queries.without_identity(row), **texts},
        "events": events,
        "answers": [e for e in events if e["event_type"] == "reply"],
        "token": token,
        "is_reporter": is_reporter,
        "reporter_actions": [a.action for a in allowed_actions(row["status"], "reporter")] if is_reporter else [],
        "can_rate": is_reporter
        and (row["status"] == states.ANSWERED or (row["status"] == states.CLOSED and row.get("rating") is None)),
        "attachments": attachments,
        "error": error,
        "published": privacy.public_on_board(row),
        "now": datetime.now(UTC),
        **template_helpers(),
    }
    return Template(template_name="complaints/track.html", context=context, status_code=status_code, cookies=cookies)


PUBLIC_HANDLERS = [PublicComplaintController]
