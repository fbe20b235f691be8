"""Public SKM pages: choose a unit, fill the questionnaire (by receipt code, complaint invitation or
open mode), thank-you page."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import quote

from litestar import Request, get, post
from litestar.datastructures import Cookie
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Response

from portal.i18n import _
from portal.templating import Template
from surveys import ballots, queries, responses
from surveys.errors import NotFound, SurveyError
from surveys.periods import normalise_code
from surveys.presentation import questionnaire_context
from surveys.services.responses import record_response

DEVICE_COOKIE = "skm_perangkat"
Req = Request[Any, Any, Any]


def message_page(title: str, message: str, status: int) -> Template:
    return Template(
        template_name="surveys/message.html", context={"title": title, "message": message}, status_code=status
    )


def _form_page(
    period: dict[str, Any],
    action: str,
    context: dict[str, Any],
    *,
    errors: dict | None = None,
    values: Any = None,
    status: int = 200,
    cookies: list[Cookie] | None = None,
    ballot: str = "",
) -> Template:
    return Template(
        template_name="surveys/form.html",
        context={
            **context,
            "period": period,
            "action": action,
            "errors": errors or {},
            "values": values or {},
            "honeypot": responses.HONEYPOT_FIELD,
            "ballot": ballot,
        },
        status_code=status,
        cookies=cookies or [],
    )


@get("/survei", name="surveys:index", include_in_schema=False)
async def survey_index() -> Template:
    open_periods = await queries.open_periods()
    units: dict[str, dict[str, Any]] = {}
    for period in open_periods:
        units.setdefault(period["unit.slug"], {"slug": period["unit.slug"], "name": period["unit.name"]})
    return Template(template_name="surveys/index.html", context={"units": list(units.values())})


@get("/survei/isi", name="surveys:code", include_in_schema=False)
async def code_lookup(kode: FromQuery[str] = "") -> Response[Any]:
    code = normalise_code(kode)
    if not code:
        return Redirect(path="/survei", status_code=303)
    return Redirect(path=f"/survei/isi/{quote(code)}", status_code=303)


async def _token_or_page(code: str) -> dict[str, Any] | Template:
    try:
        return await queries.find_token(normalise_code(code))
    except NotFound as exc:
        return message_page(_("Kode tidak dikenal"), exc.message, 404)
    except SurveyError as exc:
        return message_page(_("Survei tidak dapat diisi"), exc.message, 409)


@get("/survei/isi/{code:str}", name="surveys:form", include_in_schema=False, opt={"rate_limit": "tracking"})
async def token_form(code: FromPath[str]) -> Template:
    found = await _token_or_page(code)
    if isinstance(found, Template):
        return found
    period = found["period"]
    return _form_page(period, f"/survei/isi/{found['token']['code']}", await questionnaire_context(period))


@post(
    "/survei/isi/{code:str}",
    name="surveys:submit",
    opt={"rate_limit": "public_write", "code_lookup": True},
    include_in_schema=False,
    status_code=303,
)
async def token_submit(request: Req, code: FromPath[str]) -> Response[Any]:
    found = await _token_or_page(code)
    if isinstance(found, Template):
        return found
    period, token = found["period"], found["token"]
    form = await request.form()
    parsed, validator = await responses.parse_response_form(form, period)
    if not validator.ok:
        return _form_page(
            period,
            f"/survei/isi/{token['code']}",
            await questionnaire_context(period),
            errors=validator.errors,
            values=form,
            status=422,
        )
    channel = "complaint" if token["complaint_id"] else "web"
    if token["complaint_id"]:  # an invitation after a closed complaint answers for that complaint's service
        parsed.service_id = await queries.complaint_service(token["complaint_id"]) or parsed.service_id
    try:
        await record_response(period, parsed, channel=channel, token_id=token["id"], request=request)
    except SurveyError as exc:
        return message_page(_("Survei tidak dapat diisi"), exc.message, 409)
    return Redirect(path=f"/survei/terima-kasih?unit={quote(period['unit.slug'])}", status_code=303)


@get("/survei/terima-kasih", name="surveys:thanks", include_in_schema=False)
async def thanks(unit: FromQuery[str] = "") -> Template:
    return Template(template_name="surveys/thanks.html", context={"unit_slug": unit if unit.isascii() else ""})


def _kind(jenis: str) -> str:
    """?jenis=f03 opens the unit's open-mode PEKPPP F-03 questionnaire; anything else the SKM."""
    return "f03" if jenis == "f03" else "skm"


def _open_action(unit_slug: str, kind: str) -> str:
    return f"/survei/{unit_slug}?jenis=f03" if kind == "f03" else f"/survei/{unit_slug}"


async def _open_period(unit_id: int, kind: str = "skm") -> dict[str, Any] | None:
    for period in await queries.open_periods(unit_id, kind):
        if period["open_access"]:
            return period
    return None


@get("/survei/{unit_slug:str}", name="surveys:unit", include_in_schema=False)
async def unit_form(
    request: Req, unit_slug: FromPath[str], kode: FromQuery[str] = "", jenis: FromQuery[str] = ""
) -> Response[Any]:
    if kode:
        return Redirect(path=f"/survei/isi/{quote(normalise_code(kode))}", status_code=303)
    try:
        unit = await queries.unit_by_slug(unit_slug)
    except NotFound as exc:
        return message_page(_("Unit tidak ditemukan"), exc.message, 404)
    kind = _kind(jenis)
    period = await _open_period(unit["id"], kind)
    if period is None:
        return Template(template_name="surveys/enter_code.html", context={"unit": unit})
    cookies = []
    if not request.cookies.get(DEVICE_COOKIE):
        cookies.append(
            Cookie(
                key=DEVICE_COOKIE,
                value=secrets.token_urlsafe(24),
                max_age=400 * 86400,
                httponly=True,
                samesite="lax",
                path="/survei",
            )
        )
    return _form_page(
        period,
        _open_action(unit["slug"], kind),
        await questionnaire_context(period),
        cookies=cookies,
        ballot=ballots.issue_ballot(period["id"]),
    )


@post(
    "/survei/{unit_slug:str}",
    name="surveys:open_submit",
    opt={"rate_limit": "public_write"},
    include_in_schema=False,
    status_code=303,
)
async def open_submit(request: Req, unit_slug: FromPath[str], jenis: FromQuery[str] = "") -> Response[Any]:
    try:
        unit = await queries.unit_by_slug(unit_slug)
    except NotFound as exc:
        return message_page(_("Unit tidak ditemukan"), exc.message, 404)
    kind = _kind(jenis)
    period = await _open_period(unit["id"], kind)
    if period is None:
        return message_page(
            _("Survei tidak dapat diisi"), _("Unit ini menerima jawaban hanya dengan kode pada bukti layanan."), 409
        )
    device = request.cookies.get(DEVICE_COOKIE, "")
    if not device:
        return message_page(
            _("Survei tidak dapat diisi"),
            _("Aktifkan cookie di peramban Anda, lalu buka kembali formulir survei."),
            409,
        )
    form = await request.form()
    raw_ballot = str(form.get("ballot") or "")
    parsed, validator = await responses.parse_response_form(form, period)
    if not validator.ok:
        return _form_page(
            period,
            _open_action(unit["slug"], kind),
            await questionnaire_context(period),
            errors=validator.errors,
            values=form,
            status=422,
            ballot=ballots.valid_or_new(raw_ballot, period["id"]),
        )
    try:
        ballot = ballots.check_ballot(raw_ballot, period["id"])
        await record_response(period, parsed, channel="open", device=device, ballot=ballot, request=request)
    except SurveyError as exc:
        return message_page(_("Survei tidak dapat diisi"), exc.message, 409)
    return Redirect(path=f"/survei/terima-kasih?unit={quote(unit['slug'])}", status_code=303)


PUBLIC_FORM_HANDLERS = [survey_index, code_lookup, token_form, token_submit, thanks, unit_form, open_submit]
