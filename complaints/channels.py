"""Channels that carry a message to the reporter: one small interface, adapters registered once.

An adapter sends one rendered message and returns the provider's id for it (e-mail: the Message-ID;
WhatsApp: the ``wamid``). It raises ChannelError when the message did not go out; ``permanent`` says that
retrying cannot help (a refused number, an invalid address, a channel that is not configured). The outbox
worker (complaints.outbox) is the only caller.

WhatsApp: the WhatsApp Business Cloud API (``POST {PORTAL_WHATSAPP_API_BASE}/{phone-number-id}/messages``
with a bearer token; ``messaging_product: "whatsapp"``, ``type: "text"`` or ``"template"``). The message's
idempotency key travels as ``biz_opaque_callback_data``, which the API echoes in its status webhooks: a
message whose send was interrupted before the worker stored the ``wamid`` is recognised by its key when its
status arrives (docs/complaints.md, "Outbox guarantees").
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import httpx

from portal.mail import MailNotSent, deliver

if TYPE_CHECKING:
    from portal.settings import Settings

WHATSAPP_TIMEOUT_SECONDS = 15
WHATSAPP_MAX_TEXT = 4096


@dataclass(frozen=True, slots=True)
class Outgoing:
    recipient: str
    subject: str
    body: str
    idempotency_key: str


class ChannelError(Exception):
    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class Channel(Protocol):
    name: str

    def configured(self, settings: Settings) -> bool: ...

    async def send(self, settings: Settings, message: Outgoing) -> str: ...


CHANNELS: dict[str, Channel] = {}


def register(channel: Channel) -> Channel:
    CHANNELS[channel.name] = channel
    return channel


def get_channel(name: str) -> Channel | None:
    return CHANNELS.get(name)


# --- e-mail -----------------------------------------------------------------------------------------


def message_id_for(settings: Settings, key: str) -> str:
    """The Message-ID of an outbox message: the same on every attempt, so a resent copy is recognisably
    the same message (mail clients and many servers drop the second copy)."""
    domain = settings.mail_from.rpartition("@")[2] or "localhost"
    return f"<outbox-{key}@{domain}>"


class EmailChannel:
    name = "email"

    def configured(self, settings: Settings) -> bool:
        return True  # without SMTP the console backend keeps the message (development)

    async def send(self, settings: Settings, message: Outgoing) -> str:
        try:
            return await deliver(
                settings,
                to=message.recipient,
                subject=message.subject,
                body=message.body,
                message_id=message_id_for(settings, message.idempotency_key),
            )
        except MailNotSent as exc:
            raise ChannelError(str(exc), permanent=exc.permanent) from exc


# --- WhatsApp Business Cloud API ----------------------------------------------------------------------

WA_NUMBER_RE = re.compile(r"^[1-9][0-9]{7,14}$")


def normalise_whatsapp(raw: str) -> str:
    """A WhatsApp number as the Cloud API takes it: E.164 digits without "+"; Indonesian numbers
    written 08... become 628...; "" when it is not a plausible number."""
    digits = re.sub(r"[ .()-]", "", (raw or "").strip())
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    return digits if WA_NUMBER_RE.match(digits) else ""


def whatsapp_payload(settings: Settings, message: Outgoing) -> dict[str, Any]:
    """The Cloud API's send-message body: free text, or the approved template with the text as its one
    body parameter when PORTAL_WHATSAPP_TEMPLATE is set."""
    text = f"{message.subject}\n\n{message.body}"[:WHATSAPP_MAX_TEXT]
    payload: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": message.recipient,
        "biz_opaque_callback_data": message.idempotency_key,
    }
    if settings.whatsapp_template:
        payload["type"] = "template"
        payload["template"] = {
            "name": settings.whatsapp_template,
            "language": {"code": settings.whatsapp_template_language},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": text}]}],
        }
    else:
        payload["type"] = "text"
        payload["text"] = {"preview_url": False, "body": text}
    return payload


class WhatsAppChannel:
    name = "whatsapp"

    def configured(self, settings: Settings) -> bool:
        return bool(settings.whatsapp_phone_number_id and settings.whatsapp_token)

    async def send(self, settings: Settings, message: Outgoing) -> str:
        if not self.configured(settings):
            raise ChannelError("whatsapp not configured", permanent=True)
        if not WA_NUMBER_RE.match(message.recipient):
            raise ChannelError("invalid number", permanent=True)
        url = f"{settings.whatsapp_api_base.rstrip('/')}/{settings.whatsapp_phone_number_id}/messages"
        headers = {"Authorization": f"Bearer {settings.whatsapp_token}"}
        try:
            async with httpx.AsyncClient(timeout=WHATSAPP_TIMEOUT_SECONDS) as client:
                response = await client.post(url, json=whatsapp_payload(settings, message), headers=headers)
        except httpx.HTTPError as exc:
            raise ChannelError(type(exc).__name__) from exc
        if response.status_code >= 400:
            code = ""
            with contextlib.suppress(ValueError, AttributeError):
                code = str(response.json().get("error", {}).get("code", ""))
            # 408/429/5xx are the provider's trouble; any other 4xx is this message's (number, template).
            permanent = response.status_code < 500 and response.status_code not in (408, 429)
            raise ChannelError(f"HTTP {response.status_code} {code}".strip(), permanent=permanent)
        try:
            return str(response.json()["messages"][0]["id"])
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise ChannelError("unexpected response") from exc


def valid_webhook_signature(settings: Settings, body: bytes, header: str) -> bool:
    """X-Hub-Signature-256: "sha256=" + HMAC-SHA256 of the raw body with the app secret."""
    if not settings.whatsapp_app_secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(settings.whatsapp_app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


def webhook_statuses(payload: Any) -> list[dict[str, Any]]:
    """Every statuses[] entry of a webhook POST (entry[].changes[].value.statuses[])."""
    found: list[dict[str, Any]] = []
    for entry in payload.get("entry", []) if isinstance(payload, dict) else []:
        for change in entry.get("changes", []) if isinstance(entry, dict) else []:
            value = change.get("value", {}) if isinstance(change, dict) else {}
            found += [s for s in value.get("statuses", []) if isinstance(s, dict)]
    return found


def webhook_messages(payload: Any) -> list[dict[str, Any]]:
    """Every incoming message (entry[].changes[].value.messages[]) of a webhook POST."""
    found: list[dict[str, Any]] = []
    for entry in payload.get("entry", []) if isinstance(payload, dict) else []:
        for change in entry.get("changes", []) if isinstance(entry, dict) else []:
            value = change.get("value", {}) if isinstance(change, dict) else {}
            found += [m for m in value.get("messages", []) or [] if isinstance(m, dict)]
    return found


def webhook_message_count(payload: Any) -> int:
    """How many incoming messages (entry[].changes[].value.messages[]) a webhook POST carries."""
    return len(webhook_messages(payload))


register(EmailChannel())
register(WhatsAppChannel())
