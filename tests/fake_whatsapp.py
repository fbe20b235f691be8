"""A local fake of the WhatsApp Business Cloud API's send-message endpoint for tests and benchmarks.

POST /{version}/{phone-number-id}/messages with a bearer token answers like the Cloud API
({"messaging_product": "whatsapp", "contacts": [...], "messages": [{"id": "wamid..."}]}), or with the
status codes queued in `fail_next`. Every accepted message is recorded; `status_webhook()` builds the
signed webhook POST (entry[].changes[].value.statuses[]) the real API would send for them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeWhatsApp:
    def __init__(self, token: str = "test-token", phone_number_id: str = "1234567890") -> None:
        self.token = token
        self.phone_number_id = phone_number_id
        self.accepted: list[dict[str, Any]] = []  # {"wamid", "body", "headers", "path"}
        self.requests = 0
        self.fail_next: list[int] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                with fake._lock:
                    fake.requests += 1
                    status = fake.fail_next.pop(0) if fake.fail_next else 200
                    expected = f"/v21.0/{fake.phone_number_id}/messages"
                    if self.path != expected:
                        status = 404
                    elif self.headers.get("Authorization") != f"Bearer {fake.token}":
                        status = 401
                    if status != 200:
                        body = {"error": {"message": "fake error", "type": "OAuthException", "code": status}}
                    else:
                        payload = json.loads(raw)
                        wamid = f"wamid.FAKE{len(fake.accepted) + 1:06d}"
                        fake.accepted.append(
                            {
                                "wamid": wamid,
                                "body": payload,
                                "path": self.path,
                                "authorization": self.headers.get("Authorization"),
                            }
                        )
                        body = {
                            "messaging_product": "whatsapp",
                            "contacts": [{"input": payload.get("to"), "wa_id": payload.get("to")}],
                            "messages": [{"id": wamid}],
                        }
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v21.0"

    def start(self) -> FakeWhatsApp:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def statuses(self, state: str = "sent") -> list[dict[str, Any]]:
        """The statuses[] entries the real API reports for every accepted message."""
        return [
            {
                "id": m["wamid"],
                "status": state,
                "timestamp": "1767225600",
                "recipient_id": m["body"]["to"],
                "biz_opaque_callback_data": m["body"].get("biz_opaque_callback_data", ""),
            }
            for m in self.accepted
        ]

    @staticmethod
    def text_message(sender: str, wamid: str, text: str) -> dict[str, Any]:
        """An incoming text message as the Cloud API reports it (value.messages[])."""
        return {"from": sender, "id": wamid, "timestamp": "1767225600", "type": "text", "text": {"body": text}}

    @staticmethod
    def webhook(
        statuses: list[dict[str, Any]], app_secret: str, messages: list[dict[str, Any]] | None = None
    ) -> tuple[bytes, str]:
        """(body, X-Hub-Signature-256) of a webhook POST: delivery statuses and/or incoming messages."""
        payload = {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": "WABA",
                    "changes": [
                        {
                            "field": "messages",
                            "value": {
                                "messaging_product": "whatsapp",
                                "metadata": {"display_phone_number": "6280000", "phone_number_id": "1234567890"},
                                "statuses": statuses,
                                **({"messages": messages} if messages else {}),
                            },
                        }
                    ],
                }
            ],
        }
        body = json.dumps(payload).encode()
        return body, "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
