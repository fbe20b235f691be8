"""The outbox for staff (messages not yet sent or failed, with a retry button) and the WhatsApp Cloud API
webhook (verification and delivery statuses)."""

from __future__ import annotations

import json
import logging
from typing import Any

from litestar import Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromQuery
from litestar.response import Redirect, Response

from complaints import channels, outbox
from complaints.presentation import template_helpers
from complaints.services import inbound
from portal.forms import clean_text
from portal.i18n import N_
from portal.params import RowId
from portal.security import requires_roles
from portal.templating import Template

log = logging.getLogger("complaints.webhooks")
Req = Request[Any, Any, Any]

STATUS_LABELS = {
    "pending": N_("Menunggu dikirim"),
    "sending": N_("Sedang dikirim"),
    "sent": N_("Terkirim"),
    "failed": N_("Gagal"),
    "skipped": N_("Tidak dikirim"),
}
STAFF_WHO_WORK = requires_roles("unit_officer", "unit_admin", "system_admin")  # not evaluators
CHANNEL_LABELS = {"email": N_("email"), "whatsapp": N_("WhatsApp")}


@get("/staf/pengaduan/pesan", name="complaints:outbox", include_in_schema=False, guards=[STAFF_WHO_WORK])
async def outbox_page(request: Req, status: FromQuery[str] = "") -> Template:
    user = request.user
    if user.is_evaluator:
        raise PermissionDeniedException()
    status = status if status in outbox.STATUSES else ""
    return Template(template_name="complaints/staff/outbox.html", context={
        "rows": await outbox.staff_messages(user, status), "status": status, "statuses": outbox.STATUSES,
        "status_labels": STATUS_LABELS, "channel_labels": CHANNEL_LABELS, **template_helpers(),
    })  # fmt: skip


@post("/staf/pengaduan/pesan/{message_id:int}/ulang", name="complaints:outbox_retry", include_in_schema=False,
      guards=[STAFF_WHO_WORK], status_code=303)  # fmt: skip
async def outbox_retry(request: Req, message_id: RowId) -> Response[Any]:
    if request.user.is_evaluator:
        raise PermissionDeniedException()
    try:
        await outbox.retry(message_id, request.user, request=request)
    except outbox.RetryRefused as exc:
        raise NotFoundException() from exc
    return Redirect(path="/staf/pengaduan/pesan", status_code=303)


@get("/webhook/whatsapp", name="complaints:whatsapp_verify", include_in_schema=False)
async def whatsapp_verify(request: Req) -> Response[str]:
    """The Cloud API's subscription check: echo hub.challenge when hub.verify_token matches."""
    settings = request.app.state.settings
    params = request.query_params
    mode, token = params.get("hub.mode", ""), params.get("hub.verify_token", "")
    if mode == "subscribe" and settings.whatsapp_verify_token and token == settings.whatsapp_verify_token:
        return Response(clean_text(params.get("hub.challenge", ""))[:200], media_type="text/plain")
    return Response("forbidden", status_code=403, media_type="text/plain")


@post(
    "/webhook/whatsapp",
    name="complaints:whatsapp_webhook",
    include_in_schema=False,
    status_code=200,
    opt={"rate_limit": "public_write"},
)
async def whatsapp_webhook(request: Req) -> Response[str]:
    """Delivery statuses (entry[].changes[].value.statuses[]) signed with the app secret
    (X-Hub-Signature-256); incoming text messages answer an open question (complaints.services.inbound)."""
    settings = request.app.state.settings
    body = await request.body()
    if not channels.valid_webhook_signature(settings, body, request.headers.get("x-hub-signature-256", "")):
        return Response("invalid signature", status_code=401, media_type="text/plain")
    try:
        payload = json.loads(body)
    except ValueError:
        return Response("invalid body", status_code=400, media_type="text/plain")
    updated = await outbox.apply_statuses(channels.webhook_statuses(payload))
    replies = await inbound.record_whatsapp_replies(channels.webhook_messages(payload))
    log.info("whatsapp webhook: %d statuses applied, %d incoming messages", updated, sum(replies.values()))
    return Response("ok", media_type="text/plain")


OUTBOX_HANDLERS: list = [outbox_page, outbox_retry, whatsapp_verify, whatsapp_webhook]
