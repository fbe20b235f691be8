"""JSON API: file a complaint and read its public status by tracking code."""

import base64
import binascii
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import FromPath, HeaderParameter, JSONBody
from litestar.response import Response

from complaints import public_copy, queries
from complaints.notifications import private_link
from complaints.presentation import MAX_IDEMPOTENCY_KEY, MIN_IDEMPOTENCY_KEY, api_proof, filed_mail_task
from complaints.schemas import (
    AttachmentIn,
    ComplaintFiled,
    ComplaintIn,
    ComplaintStatusOut,
    DuplicateOut,
    TimelineEntry,
)
from complaints.services import intake, reporter
from complaints.workflow import status_label
from portal.errors import json_error
from portal.i18n import _

DUPLICATE_EXAMPLE = {
    "status_code": 409,
    "detail": "Pengaduan serupa sudah Anda kirim dalam 24 jam terakhir.",
    "tracking_code": "K7M3Q9X2T4B8",
}


def decode_attachments(attachments: list[AttachmentIn]) -> list[tuple[str, bytes]]:
    """(filename, bytes) per attachment; invalid base64 is a field error like any other bad file."""
    files = []
    for attachment in attachments:
        try:
            files.append((attachment.filename[:255], base64.b64decode(attachment.content_base64, validate=True)))
        except (binascii.Error, ValueError):
            error = _("%(name)s: bukan base64 yang sah.") % {"name": attachment.filename[:80]}
            raise intake.InvalidComplaint({"attachments": error}) from None
    return files


class ComplaintApiController(Controller):
    path = "/api/v1/complaints"
    tags = ["Pengaduan"]

    @post(
        "/",
        name="complaints:api_create",
        opt={"rate_limit": "public_write"},
        status_code=201,
        responses={
            409: ResponseSpec(
                data_container=DuplicateOut,
                generate_examples=False,
                description=(
                    "Near-identical text sent with the same Idempotency-Key in 24 h"
                    " (send `confirm_duplicate: true` to file it)"
                ),
                examples=[Example(summary="409", value=DUPLICATE_EXAMPLE)],
            ),
        },
    )
    async def create(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[ComplaintIn],
        idempotency_key: Annotated[
            str | None,
            HeaderParameter(
                name="Idempotency-Key",
                required=False,
                description=(
                    "A random secret (16-200 characters) that the client keeps for this submission and its retries; "
                    "the only way to hear about an earlier, near-identical complaint (409 with its code)."
                ),
            ),
        ] = None,
    ) -> Response[ComplaintFiled]:
        """File a complaint. Returns its tracking code and the reporter's private link (shown once).

        422 with field errors when invalid. Send an `Idempotency-Key` header (a random secret of 16–200
        characters, the same for retries of one submission): a near-identical text sent with the same key in
        the last 24 hours is answered 409 with the earlier tracking code (send `confirm_duplicate: true` to
        file it anyway). Without the key there is no duplicate check: the API never tells a client about a
        complaint it cannot prove it filed (an e-mail or phone is no proof).
        """
        values = msgspec.to_builtins(data)
        del values["attachments"]
        try:
            values.update(intake.channel_fields(values.pop("notify_channels", None)))
            try:
                proof = api_proof(idempotency_key)
            except ValueError:
                error = _("Idempotency-Key harus %(low)d sampai %(high)d karakter acak.") % {
                    "low": MIN_IDEMPOTENCY_KEY,
                    "high": MAX_IDEMPOTENCY_KEY,
                }
                raise intake.InvalidComplaint({"idempotency_key": error}) from None
            files = decode_attachments(data.attachments)
            filed = await intake.submit(request.app, values, files=files, filer_proof=proof,
                                        channel="api")  # fmt: skip
        except intake.InvalidComplaint as exc:
            return json_error(422, _("Data yang dikirim tidak valid."), exc.errors)
        except intake.DuplicateSuspected as exc:
            return Response(
                {
                    "status_code": 409,
                    "detail": _("Pengaduan serupa sudah Anda kirim dalam 24 jam terakhir."),
                    "tracking_code": exc.tracking_code,
                },
                status_code=409,
            )
        base = request.app.state.settings.base_url.rstrip("/")
        email = "" if data.fully_anonymous else data.reporter_email.strip().lower()
        body = ComplaintFiled(
            tracking_code=filed.tracking_code,
            status=filed.status,
            topic=filed.topic,
            needs_triage=filed.needs_triage,
            tracking_url=f"{base}/pengaduan/lacak/{filed.tracking_code}",
            private_url=private_link(base, filed.tracking_code, filed.token),
        )
        return Response(body, status_code=201, background=filed_mail_task(request, filed, email, data.title))

    @get("/{code:str}", name="complaints:api_status", opt={"rate_limit": "tracking"}, raises=[NotFoundException])
    async def status(self, code: FromPath[str]) -> ComplaintStatusOut:
        """The public status and timeline of a complaint (personal data masked)."""
        row = await reporter.find_by_code(code)
        if row is None:
            raise NotFoundException(_("Kode pelacakan tidak ditemukan."))
        events = (await public_copy.for_complaint(row["id"]))["timeline"]  # masked once, never per request
        detail = await queries.case(row["id"])
        return ComplaintStatusOut(
            tracking_code=row["tracking_code"],
            kind=row["kind"],
            status=row["status"],
            status_label=status_label(row["status"]),
            unit=detail["unit.name"] if detail else None,
            created_at=row["created_at"],
            resolve_due_at=row["resolve_due_at"],
            timeline=[
                TimelineEntry(
                    occurred_at=e["occurred_at"], event_type=e["event_type"], status=e["to_status"], note=e["note"]
                )
                for e in events
            ],
        )


API_HANDLERS = [ComplaintApiController]
